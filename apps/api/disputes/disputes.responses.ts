import { z } from 'zod';
import { DISPUTE_REASONS, DISPUTE_STATUSES } from '../../../libs/domain';
import { named } from '../http/openapi';
import { idOut, instantOut, periodOut } from '../http/response-fields';

/** A dispute as the API answers it (libs/contracts/disputes.ts `DisputeRecord`). */
export const disputeResponse = named('Dispute', z
  .object({
    id: idOut,
    repId: idOut,
    period: periodOut,
    lineId: z.string().optional(),
    dealId: idOut.optional(),
    reason: z.enum(DISPUTE_REASONS),
    message: z.string(),
    openedBy: idOut,
    openedAt: instantOut,
    slaDays: z.number().int().describe('disputeSlaDays of the plan the rep was on in the period'),
    dueAt: instantOut.describe('openedAt + slaDays: the SLA timer marks the dispute overdue then if it is still open'),
    status: z.enum(DISPUTE_STATUSES),
    overdue: z.boolean(),
    overdueAt: instantOut.optional(),
    resolvedBy: idOut.optional(),
    resolvedAt: instantOut.optional(),
    note: z.string().optional(),
    adjustmentId: idOut.optional().describe('UPHELD: the DISPUTE_RESOLUTION adjustment proposal, which a second person approves'),
  })
  .strict());

export const disputeListResponse = z.array(disputeResponse);
