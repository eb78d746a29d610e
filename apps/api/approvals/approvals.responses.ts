import { z } from 'zod';
import { named } from '../http/openapi';
import { bonusPostingOut, gatePostingOut } from '../deals/deals.responses';
import { approvalKindOut, approvalStatusOut, bonusTypeOut, gateKeyOut, idOut, instantOut, isoDateOut, moneyOut, periodOut, recipientOut } from '../http/response-fields';

/** What the approval routes answer (approvals.repository.ts queue rows, the deal workflow's DecisionResult). */
export const decisionResponse = named('Decision', z
  .object({
    approvalId: idOut,
    dealId: idOut,
    status: z.enum(['APPROVED', 'REJECTED']),
    kind: approvalKindOut,
    gate: gateKeyOut.optional(),
    type: bonusTypeOut.optional(),
    period: periodOut.describe('where the approval posted'),
    effectiveDate: isoDateOut.optional(),
    late: z.boolean().optional().describe('posted in a later period than its effectiveDate’s'),
    decidedBy: idOut,
    reason: z.string().optional(),
    dealCredit: moneyOut.optional(),
    gatePostings: z.array(gatePostingOut).optional(),
    bonusPostings: z.array(bonusPostingOut).optional(),
  })
  .strict());

export const queueItemOut = named('QueueItem', z
  .object({
    approvalId: idOut,
    dealId: idOut,
    kind: approvalKindOut,
    gate: gateKeyOut.optional(),
    type: bonusTypeOut.optional(),
    quantity: z.number().int().min(1).optional(),
    recipients: z.array(recipientOut).optional(),
    documentType: z.string(),
    documentRef: z.string(),
    effectiveDate: isoDateOut,
    submittedBy: idOut,
    submittedAt: instantOut,
    amountIfApproved: moneyOut,
    status: approvalStatusOut,
    decidedBy: idOut.optional(),
    decidedAt: instantOut.optional(),
    reason: z.string().nullable().optional(),
    result: decisionResponse.nullable().optional(),
  })
  .strict());

export const queueResponse = z.array(queueItemOut);
