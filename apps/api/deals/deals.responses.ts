import { z } from 'zod';
import { named } from '../http/openapi';
import {
  approvalKindOut,
  bonusTypeOut,
  dealStatusOut,
  dealTypeOut,
  decimalOut,
  gateKeyOut,
  gateStatusOut,
  idOut,
  instantOut,
  isoDateOut,
  moneyOut,

  recipientOut,
  splitOut,
} from '../http/response-fields';

/** What the deal routes answer (deal-view.ts, deal-history.ts, the deal workflow's update results). */
export const dealGateOut = named('DealGate', z
  .object({
    key: gateKeyOut,
    name: z.string(),
    weight: decimalOut,
    status: gateStatusOut,
    retiredAt: isoDateOut.optional(),
    credit: moneyOut.optional(),
    approvalId: idOut.optional(),
  })
  .strict());

export const pendingApprovalOut = named('PendingApproval', z
  .object({
    approvalId: idOut,
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
  })
  .strict());

export const dealViewResponse = named('Deal', z
  .object({
    id: idOut,
    status: dealStatusOut,
    sponsor: z.string(),
    program: z.string(),
    dealType: dealTypeOut,
    sourcedBy: idOut,
    owner: idOut,
    sourcedAt: isoDateOut,
    tcv: moneyOut,
    originalTcv: moneyOut,
    planId: idOut,
    gates: z.array(dealGateOut),
    creditRetired: moneyOut,
    pending: z.array(pendingApprovalOut),
    splits: z.array(splitOut),
    revenueRecognized: moneyOut,
    slip: z.object({ gate: gateKeyOut, expectedDate: isoDateOut, reason: z.string() }).strict().optional(),
    killed: z.object({ effectiveDate: isoDateOut, reason: z.string() }).strict().optional(),
  })
  .strict()
  .describe('a deal as of its last commit'));

export const dealSummaryResponse = named('DealSummary', z
  .object({
    id: idOut,
    sponsor: z.string(),
    program: z.string(),
    dealType: dealTypeOut,
    sourcedBy: idOut,
    owner: idOut,
    sourcedAt: isoDateOut,
    planId: idOut,
    status: dealStatusOut,
    tcv: moneyOut,
    creditRetired: moneyOut,
    revenueRecognized: moneyOut,
    gates: z.array(z.object({ key: gateKeyOut, status: gateStatusOut }).strict()),
    splits: z.array(splitOut),
  })
  .strict());

export const dealListResponse = z.array(dealSummaryResponse);

/** The answer to an artifact or a bonus event: the approval it is now, pending at the deal desk. */
export const submissionResponse = named('Submission', z.object({ approvalId: idOut, dealId: idOut, amountIfApproved: moneyOut }).strict());

export const historyEntryOut = named('HistoryEntry', z
  .object({
    at: instantOut,
    type: z.string().regex(/^[A-Z][A-Z0-9_]*$/).describe('DEAL_CREATED, ARTIFACT_SUBMITTED, APPROVED, POSTING, ... or <TYPE>_REFUSED'),
    actor: idOut.nullable(),
    summary: z.string(),
    details: z.record(z.unknown()).describe('what the entry recorded: the request, its result or the posting'),
    runId: z.string().min(1),
  })
  .strict());

/** `format=temporal`: each run's raw Temporal history (the proto's JSON form), oldest run first. */
export const rawHistoryOut = named('RawHistory', z.object({ runId: z.string().min(1), history: z.object({ events: z.array(z.record(z.unknown())) }).passthrough() }).strict());

export const historyResponse = z.union([z.array(historyEntryOut), z.array(rawHistoryOut)]).describe('the business timeline (default), or with format=temporal the raw histories');

export const gatePostingOut = named('GatePosting', z.object({ repId: idOut, role: z.string(), share: decimalOut, credit: moneyOut, commission: moneyOut }).strict());
export const bonusPostingOut = named('BonusPosting', z.object({ repId: idOut, amount: moneyOut, paid: moneyOut, capped: moneyOut }).strict());
