import { z } from 'zod';
import { BONUS_TYPES, EXIT_TREATMENTS } from '../../../libs/domain';
import { artifactType, gateKey, id, isoDate, money, ratio, text } from '../http/fields';

const count = z.number().int('must be a whole number').min(0).max(1000);

export const planParamsSchema = z
  .object({
    gates: z
      .array(z.object({ key: gateKey, name: text(64), weight: ratio, artifactTypes: z.array(artifactType).min(1).max(20) }).strict())
      .min(1)
      .max(12),
    commissionRate: ratio,
    bonuses: z.object(Object.fromEntries(BONUS_TYPES.map((t) => [t, money])) as Record<(typeof BONUS_TYPES)[number], typeof money>).strict(),
    designWinAnnualCap: money,
    draw: z.object({ rampQuarters: count, capQuarters: count, exitTreatment: z.enum(EXIT_TREATMENTS) }).strict(),
    retention: z
      .object({
        years: z.array(z.object({ year: z.number().int().min(1).max(10), amount: money }).strict()).max(10),
        gatesTarget: z.number().int().min(1).max(100),
      })
      .strict(),
    trailing: z.object({ rate: ratio, shares: z.array(ratio).max(16) }).strict(),
    quota: z.object({ newBusiness: money, expansion: money }).strict(),
    rampQuota: z.array(z.object({ fromMonth: z.number().int().min(0).max(600), factor: ratio }).strict()).min(1).max(12),
    forecast: z
      .object({
        gateProbability: z.record(gateKey, ratio),
        monthsFromPrevious: z.record(gateKey, z.number().int().min(0).max(240)),
      })
      .strict(),
    accounting: z.object({ capitalizedGates: z.array(gateKey).max(12) }).strict(),
    requireAcknowledgement: z.boolean(),
    disputeSlaDays: z.number().int('must be a whole number').min(1).max(365),
    alerts: z.object({ approvalAgingDays: z.number().int('must be a whole number').min(1).max(365) }).strict(),
  })
  .partial()
  .strict();

export const createPlanSchema = z.object({ id, effectiveFrom: isoDate, params: planParamsSchema.default({}) }).strict();
