import { z } from 'zod';
import { DISPUTE_OUTCOMES, DISPUTE_REASONS, DISPUTE_STATUSES } from '../../../libs/domain';
import { id, lineId, money, page, period, text } from '../http/fields';

/** docs/api.md "Disputes": on a closed period's statement, optionally on one of its lines or a deal. */
export const openDisputeSchema = z
  .object({
    repId: id,
    period,
    lineId: lineId.optional(),
    dealId: id.optional(),
    reason: z.enum(DISPUTE_REASONS),
    message: text(2000),
  })
  .strict();

/** UPHELD names the adjustment (a signed, non-zero amount into an open period); DENIED says why in `note`. */
export const resolveDisputeSchema = z
  .object({
    outcome: z.enum(DISPUTE_OUTCOMES),
    note: text(2000).optional(),
    adjustment: z.object({ amount: money.refine((v) => /[1-9]/.test(v), 'must not be zero'), period }).strict().optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.outcome === 'UPHELD' && !r.adjustment) ctx.addIssue({ code: 'custom', path: ['adjustment'], message: 'an UPHELD dispute names its adjustment {amount, period}' });
    if (r.outcome === 'DENIED' && !r.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'a DENIED dispute says why' });
    if (r.outcome === 'DENIED' && r.adjustment) ctx.addIssue({ code: 'custom', path: ['adjustment'], message: 'a DENIED dispute proposes no adjustment' });
  });

export const disputeListQuery = z
  .object({
    status: z.enum(DISPUTE_STATUSES).optional(),
    repId: id.optional(),
    overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
    ...page,
  })
  .strict();
