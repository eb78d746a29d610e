/** Every request schema under one roof (fuzzing derives inputs from them); each feature owns its own. */
export { id, text, isoDate, period, money, positiveMoney, ratio, emptySchema } from './http/fields';
export { planParamsSchema, createPlanSchema } from './plans/plan.schemas';
export { createRepSchema, repPlanMoveSchema, departureSchema, yearQuery } from './reps/rep.schemas';
export {
  splitSchema,
  createDealSchema,
  artifactSchema,
  bonusEventSchema,
  descopeSchema,
  killSchema,
  slipSchema,
  revenueSchema,
  dealListQuery,
} from './deals/deal.schemas';
export { approveSchema, rejectSchema, queueQuery } from './approvals/approval.schemas';
export { forecastQuery, accuracyQuery, teamQuery, portfolioQuery } from './forecast/forecast.schemas';
export { accountingPeriodQuery } from './accounting/accounting.schemas';
export { proposeAdjustmentSchema, decideAdjustmentSchema, adjustmentListQuery } from './adjustments/adjustment.schemas';
export { signoffSchema } from './signoffs/signoffs.schemas';
export { createBatchSchema, batchListQuery, markPaidSchema } from './payroll/payroll.schemas';
