import { z } from 'zod';
import { BONUS_TYPES, EXIT_TREATMENTS, isFirstOfJanuary, isIsoDate, isPeriod, Money, Ratio, SPLIT_ROLES } from '../../libs/domain';

export const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'must be 1-64 letters, digits, or . _ : - (starting with a letter or digit)');
/** Control characters other than tab and line breaks, and lone UTF-16 surrogates: PostgreSQL text and jsonb cannot hold them as sent. */
const UNSTORABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|\p{Cs}/u;
const storable = (v: string) => !UNSTORABLE.test(v);
const STORABLE_MESSAGE = 'must not contain control characters or unpaired surrogates';
export const text = (max = 500) => z.string().trim().min(1, 'must not be empty').max(max).refine(storable, STORABLE_MESSAGE);
/** Year 0000 passes the pattern, but PostgreSQL has no year 0 (a 500 on insert or compare). */
export const isoDate = z.string().refine((v) => isIsoDate(v) && !v.startsWith('0000'), 'must be an ISO date YYYY-MM-DD');
export const period = z.string().refine(isPeriod, 'must be a period YYYY-Qn');
export const money = z
  .string()
  .refine(Money.isMoneyString, 'must be a decimal string with at most 2 fractional digits, e.g. "1350000.00"')
  .refine((v) => !/^-0+(\.0+)?$/.test(v), 'must not be negative zero');
export const positiveMoney = money.refine((v) => Number(v) > 0 || /[1-9]/.test(v), 'must be greater than 0').refine((v) => !v.startsWith('-'), 'must be greater than 0');
export const ratio = z.string().refine(Ratio.isDecimalString, 'must be a decimal string, e.g. "0.25"').refine((v) => !v.startsWith('-'), 'must not be negative');
const count = z.number().int('must be a whole number').min(0).max(1000);

const gateKey = z.string().regex(/^[A-Z][A-Z0-9_]{0,15}$/, 'must be a gate key like "G1"');

export const planParamsSchema = z
  .object({
    gates: z
      .array(
        z
          .object({
            key: gateKey,
            name: text(64),
            weight: ratio,
            artifactTypes: z.array(z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'must be an artifact type like "AWARD_LETTER"')).min(1).max(20),
          })
          .strict(),
      )
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
  })
  .partial()
  .strict();

export const createPlanSchema = z.object({ id, effectiveFrom: isoDate, params: planParamsSchema.default({}) }).strict();

export const createRepSchema = z
  .object({
    id,
    name: text(200),
    role: text(64),
    hireDate: isoDate,
    quarterlyDraw: money.refine((v) => !v.startsWith('-'), 'must not be negative'),
    planId: id,
    managerId: id.optional(),
  })
  .strict();

export const repPlanMoveSchema = z
  .object({
    planId: id,
    effectiveFrom: isoDate.refine(isFirstOfJanuary, 'a rep moves to a newer plan only from a 1 January (YYYY-01-01)'),
  })
  .strict();

export const departureSchema = z
  .object({
    effectiveDate: isoDate,
    goodStanding: z.boolean(),
    reassignments: z.array(z.object({ dealId: id, newOwner: id }).strict()).max(1000).default([]),
  })
  .strict();

export const splitSchema = z
  .object({ repId: id, role: z.enum(SPLIT_ROLES), share: ratio, gates: z.array(gateKey).min(1).max(12).optional() })
  .strict();

export const createDealSchema = z
  .object({
    id,
    sponsor: text(200),
    program: text(200),
    tcv: positiveMoney,
    dealType: z.enum(['NEW_BUSINESS', 'EXPANSION']),
    sourcedBy: id,
    owner: id,
    sourcedAt: isoDate,
    splits: z.array(splitSchema).min(1).max(20),
  })
  .strict();

export const artifactSchema = z
  .object({ gate: gateKey, documentType: z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'must be an artifact type like "AWARD_LETTER"'), documentRef: text(500), effectiveDate: isoDate })
  .strict();

export const bonusEventSchema = z
  .object({
    type: z.enum(BONUS_TYPES),
    quantity: z.number().int('must be a whole number').min(1).max(100000).optional(),
    recipients: z.array(z.object({ repId: id, share: ratio }).strict()).min(1).max(20).optional(),
    evidenceRef: text(500),
    effectiveDate: isoDate,
  })
  .strict();

export const approveSchema = z.object({ note: z.string().max(2000).refine(storable, STORABLE_MESSAGE).optional() }).strict();
export const rejectSchema = z.object({ reason: text(2000) }).strict();
export const descopeSchema = z.object({ newTcv: positiveMoney, reason: text(2000), effectiveDate: isoDate }).strict();
export const killSchema = z.object({ reason: text(2000), effectiveDate: isoDate }).strict();
export const slipSchema = z.object({ expectedDate: isoDate, reason: text(2000) }).strict();
export const revenueSchema = z.object({ period, amount: positiveMoney }).strict();
export const emptySchema = z.object({}).strict();

export const dealListQuery = z
  .object({
    status: z.enum(['ACTIVE', 'KILLED', 'CLOSED']).optional(),
    owner: id.optional(),
    sourcedBy: id.optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
