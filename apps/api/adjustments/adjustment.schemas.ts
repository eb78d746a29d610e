import { z } from 'zod';
import { ADJUSTMENT_KINDS, ADJUSTMENT_STATUSES } from '../../../libs/domain';
import { id, money, page, period, text } from '../http/fields';

/** docs/rules.md "Corrections": a signed, non-zero amount bounded like every money field. */
export const proposeAdjustmentSchema = z
  .object({
    repId: id,
    period,
    amount: money.refine((v) => /[1-9]/.test(v), 'must not be zero'),
    kind: z.enum(ADJUSTMENT_KINDS),
    reason: text(2000),
    dealId: id.optional(),
    disputeId: id.optional(),
  })
  .strict();

export const decideAdjustmentSchema = z.object({ reason: text(2000).optional() }).strict();

export const adjustmentListQuery = z
  .object({
    status: z.enum(ADJUSTMENT_STATUSES).optional(),
    period: period.optional(),
    repId: id.optional(),
    ...page,
  })
  .strict();
