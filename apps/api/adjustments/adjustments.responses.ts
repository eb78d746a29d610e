import { z } from 'zod';
import { ADJUSTMENT_KINDS, ADJUSTMENT_STATUSES } from '../../../libs/domain';
import { named } from '../http/openapi';
import { idOut, instantOut, moneyOut, periodOut } from '../http/response-fields';

/** An adjustment as the API answers it (adjustments.service.ts `AdjustmentView`). */
export const adjustmentResponse = named('Adjustment', z
  .object({
    id: idOut,
    repId: idOut,
    period: periodOut,
    amount: moneyOut,
    kind: z.enum(ADJUSTMENT_KINDS),
    reason: z.string(),
    dealId: idOut.optional(),
    disputeId: idOut.optional(),
    status: z.enum(ADJUSTMENT_STATUSES),
    proposedBy: idOut,
    proposedAt: instantOut,
    decidedBy: idOut.optional(),
    decidedAt: instantOut.optional(),
    decisionReason: z.string().optional(),
    posting: z
      .object({ key: z.string(), period: periodOut, late: z.boolean() })
      .strict()
      .optional()
      .describe('the ledger posting of an approved adjustment'),
  })
  .strict());

export const adjustmentListResponse = z.array(adjustmentResponse);
