// The worker bundles this module; the API starts these workflows by function reference (typed input and result).
export { dealWorkflow } from './deal.workflow';
export { repWorkflow } from './rep.workflow';
export { periodCloseWorkflow, periodSchedulerWorkflow } from './period-close.workflow';
export type { PeriodCloseInput, PeriodCloseResult, PeriodSchedulerInput } from './period-close.workflow';
export { webhookDeliveryWorkflow } from './webhook-delivery.workflow';
export { disputeWorkflow } from './dispute.workflow';
export { planAckReminderWorkflow } from './plan-ack-reminder.workflow';
export { agingAlertWorkflow } from './aging.workflow';
export { agingSweepWorkflow } from './aging-sweep.workflow';
export type { AgingSweepInput } from './aging-sweep.workflow';
