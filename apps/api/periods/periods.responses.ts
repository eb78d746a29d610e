import { z } from 'zod';
import { named } from '../http/openapi';
import { approvalKindOut, bonusTypeOut, gateKeyOut, idOut, instantOut, isoDateOut, periodOut } from '../http/response-fields';
import { statementResponse } from '../reps/reps.responses';

/** What the period routes answer (periods.service.ts). */
const failureOut = z.object({ repId: idOut, code: z.string(), message: z.string() }).strict();

export const periodListResponse = z.array(
  z
    .object({
      period: periodOut,
      status: z.enum(['OPEN', 'CLOSING', 'CLOSED']),
      closedAt: instantOut.optional(),
      statementCount: z.number().int().min(0).optional(),
      failures: z.array(failureOut).optional(),
    })
    .strict(),
);

export const periodCloseResponse = named('PeriodClose', z
  .object({
    period: periodOut,
    status: z.literal('CLOSED'),
    closedBy: idOut,
    alreadyClosed: z.boolean(),
    statements: z.array(statementResponse),
    pendingApprovals: z
      .array(
        z
          .object({
            approvalId: idOut,
            dealId: idOut,
            kind: approvalKindOut,
            gate: gateKeyOut.optional(),
            type: bonusTypeOut.optional(),
            effectiveDate: isoDateOut,
            submittedBy: idOut,
            submittedAt: instantOut,
          })
          .strict(),
      )
      .describe('approvals still pending that are dated in the period'),
  })
  .strict());
