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

/** An evidence file uploaded to the deal (POST /deals/{id}/artifacts with the file). */
const artifactId = z.string().max(36).uuid('must be the id of an artifact uploaded to this deal');
const namesEvidence = (ref: 'documentRef' | 'evidenceRef') => ({
  message: `name the evidence: ${ref} (a document kept elsewhere), artifactId (an uploaded file), or both`,
  path: [ref],
});

export const artifactSchema = z
  .object({ gate: gateKey, documentType: artifactType, documentRef: text(500).optional(), artifactId: artifactId.optional(), effectiveDate: isoDate })
  .strict()
  .refine((b) => b.documentRef !== undefined || b.artifactId !== undefined, namesEvidence('documentRef'));

export const bonusEventSchema = z
  .object({
    type: z.enum(BONUS_TYPES),
    quantity: z.number().int('must be a whole number').min(1).max(100000).optional(),
    recipients: z.array(z.object({ repId: id, share: ratio }).strict()).min(1).max(20).optional(),
    evidenceRef: text(500).optional(),
    artifactId: artifactId.optional(),
    effectiveDate: isoDate,
  })
  .strict()
  .refine((b) => b.evidenceRef !== undefined || b.artifactId !== undefined, namesEvidence('evidenceRef'));

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

