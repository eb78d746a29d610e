import { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { optionalTsToDate } from '@temporalio/common/lib/time';
import type { temporal } from '@temporalio/proto';
import { createDealUpdate } from '../../../libs/contracts';
import { IsoDate, Period, periodOf } from '../../../libs/domain';

type History = temporal.api.history.v1.IHistory;
type Payloads = temporal.api.common.v1.IPayloads | null | undefined;

export interface HistoryEntry {
  /** When the event was recorded (wall clock); `recordedAt` says the same under the name the console uses. */
  at: string;
  recordedAt: string;
  type: string;
  actor: string | null;
  summary: string;
  /** The business date behind the event, where it has one (sourcedAt, an artifact's or a change's effectiveDate...). */
  effectiveDate?: IsoDate;
  /** The period the event counts in: where an approval and its postings posted (a later one when late), else effectiveDate's. */
  period?: Period;
  details: Record<string, unknown>;
  runId: string;
}

type Entry = Omit<HistoryEntry, 'recordedAt' | 'effectiveDate' | 'period'>;

/** The entry with its business time: an effective date where the event has one, and the period it counts in. */
function dated(entry: Entry, effectiveDate?: IsoDate, period?: Period): HistoryEntry {
  const countsIn = period ?? (effectiveDate ? periodOf(effectiveDate) : undefined);
  return { ...entry, recordedAt: entry.at, ...(effectiveDate ? { effectiveDate } : {}), ...(countsIn ? { period: countsIn } : {}) };
}

function decode(payloads: Payloads): any[] {
  return (payloads?.payloads ?? []).map((p) => defaultPayloadConverter.fromPayload(p));
}

/** Every run of a workflow, oldest first, following continue-as-new links backwards from the latest run. */
export async function fetchRunChain(client: Client, workflowId: string): Promise<Array<{ runId: string; history: History }>> {
  const chain: Array<{ runId: string; history: History }> = [];
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  while (runId) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    chain.unshift({ runId, history });
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return chain;
}

export function rawHistories(chain: Array<{ runId: string; history: History }>) {
  return chain.map(({ runId, history }) => ({ runId, history: JSON.parse(historyToJSON(history)) }));
}

const UPDATE_ENTRY: Record<string, { type: string; summary: (arg: any, out: any) => string }> = {
  submitArtifact: { type: 'ARTIFACT_SUBMITTED', summary: (a, o) => `${a.documentType} ${a.documentRef} submitted for ${a.gate} (effective ${a.effectiveDate}) as ${o?.approvalId}` },
  submitBonusEvent: { type: 'BONUS_EVENT_SUBMITTED', summary: (a, o) => `${a.type} ×${a.quantity ?? 1} submitted (effective ${a.effectiveDate}) as ${o?.approvalId}` },
  approve: { type: 'APPROVED', summary: (a, o) => `${a.approvalId} approved${o?.gate ? ` (${o.gate}, credit ${o.dealCredit})` : o?.type ? ` (${o.type})` : ''}` },
  reject: { type: 'REJECTED', summary: (a) => `${a.approvalId} rejected: ${a.reason}` },
  descope: { type: 'DESCOPED', summary: (a) => `TCV descoped to ${a.newTcv} (effective ${a.effectiveDate}): ${a.reason}` },
  kill: { type: 'KILLED', summary: (a) => `trial killed (effective ${a.effectiveDate}): ${a.reason}` },
  slip: { type: 'SLIPPED', summary: (a) => `next gate now expected ${a.expectedDate}: ${a.reason}` },
  recordRevenue: { type: 'REVENUE_RECORDED', summary: (a) => `revenue ${a.amount} recognized in ${a.period}` },
  closeDeal: { type: 'CLOSED', summary: () => 'deal closed by finance' },
};

/** The business timeline of a deal: who did what and when, and every posting that followed, across runs. */
export function dealTimeline(chain: Array<{ runId: string; history: History }>): HistoryEntry[] {
  const out: HistoryEntry[] = [];
  /** Each submission's effectiveDate by approval id, across runs: a decision's own answer lacks it in older runs. */
  const submittedOn = new Map<string, IsoDate>();
  chain.forEach(({ runId, history }, runIndex) => {
    const accepted = new Map<string, { name: string; arg: any }>();
    for (const event of history.events ?? []) {
      const at = optionalTsToDate(event.eventTime)?.toISOString() ?? '';
      const started = event.workflowExecutionStartedEventAttributes;
      if (started) {
        const [input] = decode(started.input);
        if (runIndex === 0) {
          out.push(dated({ at, type: 'DEAL_CREATED', actor: input?.createdBy?.id ?? null, summary: `deal ${input?.deal?.id} created, TCV ${input?.deal?.tcv}, plan ${input?.deal?.planId}`, details: { deal: input?.deal }, runId }, input?.deal?.sourcedAt));
        }
        continue;
      }
      const updateAccepted = event.workflowExecutionUpdateAcceptedEventAttributes;
      if (updateAccepted) {
        const request = updateAccepted.acceptedRequest;
        accepted.set(updateAccepted.protocolInstanceId ?? '', { name: request?.input?.name ?? '', arg: decode(request?.input?.args)[0] });
        continue;
      }
      const updateCompleted = event.workflowExecutionUpdateCompletedEventAttributes;
      if (updateCompleted) {
        const request = accepted.get(updateCompleted.meta?.updateId ?? '');
        // The create that came with the start is already the DEAL_CREATED entry.
        if (!request || request.name === createDealUpdate.name) continue;
        const kind = UPDATE_ENTRY[request.name] ?? { type: request.name.toUpperCase(), summary: () => request.name };
        const failure = updateCompleted.outcome?.failure;
        if (failure) {
          out.push(dated({ at, type: `${kind.type}_REFUSED`, actor: request.arg?.actor?.id ?? null, summary: failure.message ?? 'refused', details: { request: request.arg, code: failure.applicationFailureInfo?.type }, runId }));
          continue;
        }
        const [result] = decode(updateCompleted.outcome?.success);
        const [effectiveDate, period] = businessTime(request.name, request.arg, result, submittedOn);
        out.push(dated({ at, type: kind.type, actor: request.arg?.actor?.id ?? null, summary: kind.summary(request.arg, result), details: { request: stripActor(request.arg), result: request.name === 'approve' || request.name.startsWith('submit') ? result : undefined }, runId }, effectiveDate, period));
        for (const posting of result?.gatePostings ?? []) {
          out.push(dated({ at, type: 'POSTING', actor: request.arg?.actor?.id ?? null, summary: `${posting.repId}: credit ${posting.credit}, commission ${posting.commission} (${result.gate}, ${result.period})`, details: { ...posting, gate: result.gate, period: result.period, approvalId: result.approvalId }, runId }, effectiveDate, period));
        }
        for (const posting of result?.bonusPostings ?? []) {
          out.push(dated({ at, type: 'POSTING', actor: request.arg?.actor?.id ?? null, summary: `${posting.repId}: design-win bonus ${posting.paid} paid, ${posting.capped} capped (${result.type}, ${result.period})`, details: { ...posting, type: result.type, period: result.period, approvalId: result.approvalId }, runId }, effectiveDate, period));
        }
        continue;
      }
      const signaled = event.workflowExecutionSignaledEventAttributes;
      if (signaled?.signalName === 'reassign') {
        const [arg] = decode(signaled.input);
        out.push(dated({ at, type: 'REASSIGNED', actor: arg?.actor?.id ?? null, summary: `${arg?.departedRepId} departed (${arg?.effectiveDate}); ${arg?.newOwner} takes over`, details: stripActor(arg), runId }, arg?.effectiveDate));
        continue;
      }
      if (event.workflowExecutionContinuedAsNewEventAttributes) {
        out.push(dated({ at, type: 'CONTINUED_AS_NEW', actor: null, summary: `run ${runIndex + 1} continued as new after ${history.events?.length} events`, details: { newRunId: event.workflowExecutionContinuedAsNewEventAttributes.newExecutionRunId }, runId }));
      }
      if (event.workflowExecutionCompletedEventAttributes) {
        out.push(dated({ at, type: 'WORKFLOW_COMPLETED', actor: null, summary: 'deal workflow completed', details: {}, runId }));
      }
    }
  });
  return out;
}

/** An accepted command's effective date and the period it counts in, where it has them. */
function businessTime(name: string, arg: any, result: any, submittedOn: Map<string, IsoDate>): [IsoDate?, Period?] {
  switch (name) {
    case 'submitArtifact':
    case 'submitBonusEvent':
      if (result?.approvalId) submittedOn.set(result.approvalId, arg?.effectiveDate);
      return [arg?.effectiveDate];
    case 'approve':
    case 'reject':
      return [result?.effectiveDate ?? submittedOn.get(arg?.approvalId), result?.period];
    case 'descope':
    case 'kill':
    case 'reassign':
      return [arg?.effectiveDate];
    case 'recordRevenue':
      return [undefined, arg?.period];
    default:
      return [];
  }
}

function stripActor(arg: any): any {
  if (!arg || typeof arg !== 'object') return arg;
  const { actor: _actor, openFrom: _openFrom, ...rest } = arg;
  return rest;
}
