import { z } from 'zod';
import { named } from '../http/openapi';
import { idOut, instantOut, isoDateOut, moneyOut, periodOut } from '../http/response-fields';
import { historyEntryOut } from '../deals/deals.responses';
import { statementLineOut } from '../reps/reps.responses';

const formulaOut = z
  .object({
    expression: z.string(),
    values: z.array(z.object({ name: z.string(), value: z.string() }).strict()),
    exact: z.string().describe('the exact product, before rounding'),
    rounded: moneyOut,
    rounding: z.string(),
    matchesPosting: z.boolean().describe('false when the inputs read today (e.g. after a later descope) no longer give the posted amount'),
  })
  .strict();

/** GET /reps/{id}/statements/{period}/lines/{lineId}: from a statement line to everything behind it. */
export const statementLineExplanationResponse = named('StatementLineExplanation', z
  .object({
    repId: idOut,
    period: periodOut,
    line: statementLineOut,
    posting: z
      .object({
        key: z.string().describe('the ledger idempotency key'),
        kind: z.string(),
        amount: moneyOut,
        period: periodOut,
        effectiveDate: isoDateOut,
        late: z.boolean(),
        dealId: idOut.optional(),
        reference: z.string().optional(),
        details: z.record(z.unknown()).nullable(),
      })
      .strict()
      .nullable(),
    approval: z
      .object({
        approvalId: idOut,
        kind: z.enum(['GATE', 'BONUS']),
        gate: z.string().optional(),
        type: z.string().optional(),
        quantity: z.number().int().optional(),
        recipients: z.array(z.object({ repId: idOut, share: z.string() }).strict()).optional(),
        documentType: z.string(),
        documentRef: z.string(),
        artifact: z.object({ id: idOut, sha256: z.string(), filename: z.string().optional() }).strict().optional(),
        effectiveDate: isoDateOut,
        submittedBy: idOut,
        submittedAt: instantOut,
        status: z.string(),
        decidedBy: idOut.optional(),
        decidedAt: instantOut.optional(),
        note: z.string().optional(),
      })
      .strict()
      .optional(),
    adjustment: z
      .object({
        id: idOut,
        kind: z.string(),
        reason: z.string(),
        proposedBy: idOut,
        proposedAt: instantOut,
        decidedBy: idOut.optional(),
        decidedAt: instantOut.optional(),
        disputeId: idOut.optional(),
      })
      .strict()
      .optional(),
    plan: z.object({ planId: idOut, pinnedBy: z.enum(['deal', 'rep']).describe('a gate or bonus follows the deal\'s pinned plan, the rest the rep\'s plan in the period') }).strict(),
    formula: formulaOut.nullable(),
    explanation: z.string(),
    dealHistory: z.array(historyEntryOut).describe('the deal history entries behind the line: its submission, decision and postings'),
  })
  .strict());
