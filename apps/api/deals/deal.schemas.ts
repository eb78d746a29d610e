import { z } from 'zod';
import { BONUS_TYPES, SPLIT_ROLES } from '../../../libs/domain';
import { artifactType, gateKey, id, isoDate, money, page, period, positiveMoney, ratio, text } from '../http/fields';

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

export const artifactSchema = z.object({ gate: gateKey, documentType: artifactType, documentRef: text(500), effectiveDate: isoDate }).strict();

export const bonusEventSchema = z
  .object({
    type: z.enum(BONUS_TYPES),
    quantity: z.number().int('must be a whole number').min(1).max(100000).optional(),
    recipients: z.array(z.object({ repId: id, share: ratio }).strict()).min(1).max(20).optional(),
    evidenceRef: text(500),
    effectiveDate: isoDate,
  })
  .strict();

export const descopeSchema = z.object({ newTcv: positiveMoney, reason: text(2000), effectiveDate: isoDate }).strict();
export const killSchema = z.object({ reason: text(2000), effectiveDate: isoDate }).strict();
export const slipSchema = z.object({ expectedDate: isoDate, reason: text(2000) }).strict();
/** docs/rules.md "Corrections": a negative amount is a correction; zero records nothing and is refused. */
export const revenueSchema = z.object({ period, amount: money.refine((v) => /[1-9]/.test(v), 'must not be zero') }).strict();

export const dealListQuery = z
  .object({
    status: z.enum(['ACTIVE', 'KILLED', 'CLOSED']).optional(),
    owner: id.optional(),
    sourcedBy: id.optional(),
    ...page,
  })
  .strict();

