import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { DealActivities } from '../activities/deal.activities';
import type { DealChange } from '../libs/persistence/ledger.repository';
import {
  amountIfApproved,
  approveBonus,
  approveGate,
  checkApproval,
  checkArtifactSubmission,
  checkBonusSubmission,
  checkClose,
  checkDecision,
  checkDescope,
  checkKill,
  checkRevenue,
  checkSlip,
  closeDeal,
  Deal,
  descope,
  PendingApproval,
  findPending,
  kill,
  periodOf,
  reassign,
  recordRevenue,
  rejectApproval,
  slip,
  submitArtifact,
  submitBonusEvent,
} from '../libs/domain';
import {
  approveUpdate,
  closeDealUpdate,
  dealStateQuery,
  dealSnapshotQuery,
  DealWorkflowInput,
  DecisionResult,
  descopeUpdate,
  killUpdate,
  reassignSignal,
  recordRevenueUpdate,
  rejectUpdate,
  slipUpdate,
  submitArtifactUpdate,
  submitBonusEventUpdate,
} from '../libs/contracts';
import { refuseClosedDate, refuseClosedPeriod, refuseIf, withActivityRefusals } from './refusals';
import { WorkflowLock } from './workflow-lock';

const commitOptions = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
} as const;
const remote = proxyActivities<DealActivities>(commitOptions);
// A commit is one short, idempotent database transaction: run in the worker it saves two server round trips (and
// most of the history events) per command. Histories recorded before the patch keep replaying the remote path.
const local = proxyLocalActivities<DealActivities>(commitOptions);
export const LOCAL_COMMIT_PATCH = 'deal-commit-local-activity';

/** Continue-as-new well before Temporal's limits; each run carries the whole deal state. */
export const DEFAULT_HISTORY_LIMIT = 4000;

/** One deal, from sourcing to close (18-48 months): waits on gate artifacts and decides every credit and payment. */
export async function dealWorkflow(input: DealWorkflowInput): Promise<Deal> {
  let deal = input.deal;
  let version = input.version ?? 0;
  const historyLimit = input.historyLimit ?? DEFAULT_HISTORY_LIMIT;
  const lock = new WorkflowLock();
  const now = () => new Date().toISOString();
  // Once the run is due to continue as new, validators refuse new commands (the caller retries them on the next
  // run): otherwise a steady stream of updates keeps handlers in flight and the run never drains.
  let continuing = false;
  const refuseWhileContinuing = () => {
    if (continuing) refuseIf({ code: 'CONTINUING_AS_NEW', message: `deal ${deal.id} is moving to a new workflow run; retry the command` });
  };

  let committedVersion = version;

  async function commit(next: Deal, change: Omit<DealChange, 'deal' | 'version'> = {}) {
    version += 1;
    const thisVersion = version;
    const { commitDealChange } = patched(LOCAL_COMMIT_PATCH) ? local : remote;
    const result = await withActivityRefusals(() => commitDealChange({ ...change, deal: next, version: thisVersion }));
    deal = next;
    committedVersion = thisVersion;
    return result;
  }

  setHandler(dealStateQuery, () => deal);
  setHandler(dealSnapshotQuery, () => ({ version: committedVersion, deal }));

  /**
   * A command is refused by its checks twice: in the validator (nothing reaches history) and again under the lock,
   * because an earlier command may have changed the deal while this one waited.
   */
  function command<Ret, Arg>(definition: UpdateDefinition<Ret, [Arg], string>, checks: (cmd: NoInfer<Arg>) => void, run: (cmd: NoInfer<Arg>) => Promise<NoInfer<Ret>>): void {
    setHandler(
      definition,
      (cmd: Arg) =>
        lock.run(async () => {
          checks(cmd);
          return run(cmd);
        }),
      {
        validator: (cmd: Arg) => {
          checks(cmd);
          refuseWhileContinuing();
        },
      },
    );
  }

  const submitted = (next: Deal) => {
    const pending = next.pending[next.pending.length - 1];
    return { pending, result: { approvalId: pending.approvalId, dealId: deal.id, amountIfApproved: amountIfApproved(deal, pending) } };
  };

  command(
    submitArtifactUpdate,
    (cmd) => {
      refuseIf(checkArtifactSubmission(deal, cmd));
      refuseClosedDate(cmd.openFrom, cmd.effectiveDate);
    },
    async (cmd) => {
      const next = submitArtifact(deal, cmd, cmd.actor.id, now());
      const { pending, result } = submitted(next);
      await commit(next, { period: periodOf(cmd.effectiveDate), submitted: pending });
      return result;
    },
  );

  command(
    submitBonusEventUpdate,
    (cmd) => {
      refuseIf(checkBonusSubmission(deal, cmd));
      refuseClosedDate(cmd.openFrom, cmd.effectiveDate);
    },
    async (cmd) => {
      const next = submitBonusEvent(deal, cmd, cmd.actor.id, now());
      const { pending, result } = submitted(next);
      await commit(next, { period: periodOf(cmd.effectiveDate), submitted: pending });
      return result;
    },
  );

  command(
    approveUpdate,
    (cmd) => {
      refuseIf(checkApproval(deal, cmd.approvalId, cmd.actor.id));
      refuseClosedDate(cmd.openFrom, findPending(deal, cmd.approvalId)!.effectiveDate);
    },
    async (cmd): Promise<DecisionResult> => {
      const pending = findPending(deal, cmd.approvalId)!;
      const period = periodOf(pending.effectiveDate);
      const decided = { approvalId: cmd.approvalId, status: 'APPROVED' as const, decidedBy: cmd.actor.id, decidedAt: now(), reason: cmd.note };
      const base = { approvalId: cmd.approvalId, dealId: deal.id, status: 'APPROVED' as const, kind: pending.kind, period, decidedBy: cmd.actor.id };
      if (pending.kind === 'GATE') {
        const { deal: next, retirement } = approveGate(deal, cmd.approvalId);
        const result: DecisionResult = { ...base, gate: pending.gate, dealCredit: retirement.dealCredit, gatePostings: retirement.postings };
        await commit(next, {
          period,
          decisions: [{ ...decided, result }],
          gate: { gate: retirement.gateKey, approvalId: cmd.approvalId, effectiveDate: pending.effectiveDate, period, dealCredit: retirement.dealCredit, postings: retirement.postings },
        });
        return result;
      }
      const { deal: next, allocations } = approveBonus(deal, cmd.approvalId);
      const result: DecisionResult = { ...base, type: pending.type };
      const written = await commit(next, {
        period,
        decisions: [{ ...decided, result }],
        bonus: { approvalId: cmd.approvalId, type: pending.type!, effectiveDate: pending.effectiveDate, period, annualCap: deal.plan.designWinAnnualCap, allocations },
      });
      return { ...result, bonusPostings: written.bonusPostings };
    },
  );

  command(
    rejectUpdate,
    (cmd) => refuseIf(checkDecision(deal, cmd.approvalId, cmd.actor.id)),
    async (cmd): Promise<DecisionResult> => {
      const { deal: next, approval } = rejectApproval(deal, cmd.approvalId);
      const result: DecisionResult = {
        approvalId: cmd.approvalId,
        dealId: deal.id,
        status: 'REJECTED',
        kind: approval.kind,
        gate: approval.gate,
        type: approval.type,
        period: periodOf(approval.effectiveDate),
        decidedBy: cmd.actor.id,
        reason: cmd.reason,
      };
      await commit(next, { decisions: [{ approvalId: cmd.approvalId, status: 'REJECTED', decidedBy: cmd.actor.id, decidedAt: now(), reason: cmd.reason, result }] });
      return result;
    },
  );

  command(
    descopeUpdate,
    (cmd) => {
      refuseIf(checkDescope(deal, cmd.newTcv));
      refuseClosedDate(cmd.openFrom, cmd.effectiveDate);
    },
    async (cmd) => {
      await commit(descope(deal, cmd.newTcv), { period: periodOf(cmd.effectiveDate) });
      return deal;
    },
  );

  const rejectAll = (pending: PendingApproval[], actorId: string, reason: string) => {
    const decidedAt = now();
    return pending.map((p) => ({ approvalId: p.approvalId, status: 'REJECTED' as const, decidedBy: actorId, decidedAt, reason }));
  };

  command(
    killUpdate,
    (cmd) => {
      refuseIf(checkKill(deal));
      refuseClosedDate(cmd.openFrom, cmd.effectiveDate);
    },
    async (cmd) => {
      const { deal: next, rejected } = kill(deal, cmd.effectiveDate, cmd.reason);
      await commit(next, { period: periodOf(cmd.effectiveDate), decisions: rejectAll(rejected, cmd.actor.id, 'DEAL_KILLED') });
      return deal;
    },
  );

  command(
    slipUpdate,
    () => refuseIf(checkSlip(deal)),
    async (cmd) => {
      await commit(slip(deal, cmd.expectedDate, cmd.reason));
      return deal;
    },
  );

  command(
    recordRevenueUpdate,
    (cmd) => {
      refuseIf(checkRevenue(deal, cmd.amount));
      refuseClosedPeriod(cmd.openFrom, cmd.period);
    },
    async (cmd) => {
      await commit(recordRevenue(deal, cmd.amount), {
        period: cmd.period,
        revenue: { idempotencyKey: `deal:${deal.id}:revenue:${cmd.requestId}`, period: cmd.period, amount: cmd.amount, recordedBy: cmd.actor.id },
      });
      return deal;
    },
  );

  command(
    closeDealUpdate,
    () => refuseIf(checkClose(deal)),
    async (cmd) => {
      const { deal: next, rejected } = closeDeal(deal);
      await commit(next, { decisions: rejectAll(rejected, cmd.actor.id, 'DEAL_CLOSED') });
      return deal;
    },
  );

  setHandler(reassignSignal, (cmd) =>
    lock.run(async () => {
      if (deal.status === 'CLOSED') return;
      await commit(reassign(deal, cmd.departedRepId, cmd.newOwner));
    }),
  );

  if (version === 0) await lock.run(() => commit(deal).then(() => undefined));

  await condition(
    () => (deal.status === 'CLOSED' && !lock.busy) || workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= historyLimit,
  );
  continuing = deal.status !== 'CLOSED';
  await condition(allHandlersFinished);
  if (deal.status === 'CLOSED') return deal;
  return continueAsNew<typeof dealWorkflow>({ deal, version, historyLimit: input.historyLimit, run: (input.run ?? 0) + 1 });
}
