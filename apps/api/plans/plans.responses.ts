import { z } from 'zod';
import { named } from '../http/openapi';
import { BONUS_TYPES, EXIT_TREATMENTS } from '../../../libs/domain';
import { decimalOut, gateKeyOut, idOut, instantOut, isoDateOut, moneyOut } from '../http/response-fields';

/** A plan version's parameters as resolved (every key present: an omitted one took the reference default). */
export const planParamsOut = named('PlanParams', z
  .object({
    gates: z.array(z.object({ key: gateKeyOut, name: z.string(), weight: decimalOut, artifactTypes: z.array(z.string()) }).strict()),
    commissionRate: decimalOut,
    bonuses: z.object(Object.fromEntries(BONUS_TYPES.map((t) => [t, moneyOut])) as Record<(typeof BONUS_TYPES)[number], typeof moneyOut>).strict(),
    designWinAnnualCap: moneyOut,
    draw: z.object({ rampQuarters: z.number().int(), capQuarters: z.number().int(), exitTreatment: z.enum(EXIT_TREATMENTS) }).strict(),
    retention: z.object({ years: z.array(z.object({ year: z.number().int(), amount: moneyOut }).strict()), gatesTarget: z.number().int() }).strict(),
    trailing: z.object({ rate: decimalOut, shares: z.array(decimalOut) }).strict(),
    quota: z.object({ newBusiness: moneyOut, expansion: moneyOut }).strict(),
    rampQuota: z.array(z.object({ fromMonth: z.number().int(), factor: decimalOut }).strict()),
    forecast: z.object({ gateProbability: z.record(decimalOut), monthsFromPrevious: z.record(z.number().int()) }).strict(),
    accounting: z.object({ capitalizedGates: z.array(gateKeyOut).describe('gates whose commission is capitalized (ASC 340-40)') }).strict(),
    requireAcknowledgement: z.boolean().describe("hold the rep's statements out of payroll until the rep has acknowledged the plan"),
    disputeSlaDays: z.number().int().describe('days a dispute may stay open before it is marked overdue'),
    alerts: z.object({ approvalAgingDays: z.number().int().describe('days an approval may stay pending before it alerts the deal desk') }).strict(),
  })
  .strict());

export const planResponse = named('Plan', z
  .object({
    id: idOut,
    effectiveFrom: isoDateOut,
    status: z.enum(['DRAFT', 'PUBLISHED']),
    params: planParamsOut,
    createdBy: idOut,
    publishedAt: instantOut.nullable(),
  })
  .strict());

export const planListResponse = z.array(planResponse);
