import { continueAsNew, patched, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { DealActivities } from '../activities/deal.activities';
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
  killByDate,
  periodOf,
  reassign,
  recordRevenue,
  replaceOnDeal,
  unreplaceOnDeal,
  rejectApproval,
  slip,
  submitArtifact,
  submitBonusEvent,
} from '../libs/domain';
import {
  approveUpdate,
  closeDealUpdate,
  createDealUpdate,
  DealChange,
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
  unreassignSignal,
} from '../libs/contracts';
import { refuseIf, withActivityRefusals } from './refusals';
import { DEFAULT_HISTORY_LIMIT, ENTITY_ACTIVITY_OPTIONS, EntityWorkflow } from './entity-workflow';
import { keepDealSearchable } from './search-attributes';

export { DEFAULT_HISTORY_LIMIT };

const remote = proxyActivities<DealActivities>(ENTITY_ACTIVITY_OPTIONS);
// A commit is one short, idempotent database transaction: run in the worker it saves two server round trips (and
// most of the history events) per command. Histories recorded before the patch keep replaying the remote path.
const local = proxyLocalActivities<DealActivities>(ENTITY_ACTIVITY_OPTIONS);
export const LOCAL_COMMIT_PATCH = 'deal-commit-local-activity';
// Before this patch a refused commit used up its version too; a run recorded then keeps counting that way, so its
// next commit still lands above the version the projection already holds.
export const VERSION_ON_COMMIT_PATCH = 'deal-version-on-commit';
export const LATE_APPROVALS_PATCH = 'deal-late-approvals';
// docs/rules.md "Dated, not sequenced": a departure replaces the rep from its effectiveDate, and postings it re-attributes
// are reversed and re-posted. Histories recorded before it replaced the rep at once, whatever the dates.
export const DATED_REPLACEMENT_PATCH = 'deal-dated-replacement';
// docs/rules.md "Kill by date" and "Who is credited": a kill rejects only the pending items dated on or after it, a
// descope applies to gates whose artifact is dated on or after it (credit at the TCV in force on the artifact's date).
// Histories recorded before it rejected every pending item at a kill and priced a gate at the TCV current at approval.
export const DATED_KILL_DESCOPE_PATCH = 'deal-dated-kill-descope';

/** One deal, from sourcing to close (18-48 months): waits on gate artifacts and decides every credit and payment. */
export async function dealWorkflow(input: DealWorkflowInput): Promise<Deal> {
  let deal = input.deal;
  let version = input.version ?? 0;
  let committedVersion = version;
  const entity = new EntityWorkflow({ label: `deal ${deal.id}`, historyLimit: input.historyLimit, created: version > 0 });
  const now = () => new Date().toISOString();

  async function commit(next: Deal, change: Omit<DealChange, 'deal' | 'version'> = {}) {
    const thisVersion = version + 1;
    const { commitDealChange } = patched(LOCAL_COMMIT_PATCH) ? local : remote;
    if (!patched(VERSION_ON_COMMIT_PATCH)) version = thisVersion;
    const result = await withActivityRefusals(() => commitDealChange({ ...change, deal: next, version: thisVersion }));
    version = thisVersion;
    deal = next;
    committedVersion = thisVersion;
    return result;
  }

  setHandler(dealStateQuery, () => deal);
  setHandler(dealSnapshotQuery, () => ({ version: committedVersion, deal }));
  keepDealSearchable(() => deal);
  entity.createCommand(createDealUpdate, input.requestHash, () => ({ version: committedVersion, deal }));

  const submitted = (next: Deal) => {
    const pending = next.pending[next.pending.length - 1];
    return { pending, result: { approvalId: pending.approvalId, dealId: deal.id, amountIfApproved: amountIfApproved(deal, pending) } };
  };

  entity.command(
    submitArtifactUpdate,
    (cmd) => refuseIf(checkArtifactSubmission(deal, cmd)),
    async (cmd) => {
      const next = submitArtifact(deal, cmd, cmd.actor.id, now());
      const { pending, result } = submitted(next);
      await commit(next, { period: periodOf(cmd.effectiveDate), submitted: pending });
      return result;
    },
  );

  entity.command(
    submitBonusEventUpdate,
    (cmd) => refuseIf(checkBonusSubmission(deal, cmd)),
    async (cmd) => {
      const next = submitBonusEvent(deal, cmd, cmd.actor.id, now());
      const { pending, result } = submitted(next);
      await commit(next, { period: periodOf(cmd.effectiveDate), submitted: pending });
      return result;
    },
  );

  entity.command(
    approveUpdate,
    (cmd) => refuseIf(checkApproval(deal, cmd.approvalId, cmd.actor.id)),
    async (cmd): Promise<DecisionResult> => {
      const pending = findPending(deal, cmd.approvalId)!;
      const period = periodOf(pending.effectiveDate);
      const decided = { approvalId: cmd.approvalId, status: 'APPROVED' as const, decidedBy: cmd.actor.id, decidedAt: now(), reason: cmd.note };
      const base = { approvalId: cmd.approvalId, dealId: deal.id, status: 'APPROVED' as const, kind: pending.kind, period, decidedBy: cmd.actor.id };
      // docs/rules.md "Late approvals": an item still pending when its period closed is approved into the first open
      // period (the ledger picks it under the period lock). Runs recorded before this were refused PERIOD_CLOSED.
      const late = patched(LATE_APPROVALS_PATCH) ? { postInFirstOpenPeriod: true } : {};
      const posted = (written: { postedPeriod?: string }) =>
        written.postedPeriod ? { period: written.postedPeriod, effectiveDate: pending.effectiveDate, late: written.postedPeriod !== period } : {};
      if (pending.kind === 'GATE') {
        const { deal: next, retirement } = approveGate(deal, cmd.approvalId, { byDate: patched(DATED_KILL_DESCOPE_PATCH) });
        const result: DecisionResult = { ...base, gate: pending.gate, dealCredit: retirement.dealCredit, gatePostings: retirement.postings };
        const written = await commit(next, {
          period,
          ...late,
          decisions: [{ ...decided, result }],
          gate: { gate: retirement.gateKey, approvalId: cmd.approvalId, effectiveDate: pending.effectiveDate, period, dealCredit: retirement.dealCredit, postings: retirement.postings },
        });
        return { ...result, ...posted(written) };
      }
      const { deal: next, allocations } = approveBonus(deal, cmd.approvalId);
      const result: DecisionResult = { ...base, type: pending.type };
      const written = await commit(next, {
        period,
        ...late,
        decisions: [{ ...decided, result }],
        bonus: { approvalId: cmd.approvalId, type: pending.type!, effectiveDate: pending.effectiveDate, period, annualCap: deal.plan.designWinAnnualCap, allocations },
      });
      return { ...result, ...posted(written), bonusPostings: written.bonusPostings };
    },
  );

  entity.command(
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

  entity.command(
    descopeUpdate,
    (cmd) => refuseIf(checkDescope(deal, cmd.newTcv, cmd.effectiveDate)),
    async (cmd) => {
      const byDate = patched(DATED_KILL_DESCOPE_PATCH);
      await commit(descope(deal, cmd.newTcv, cmd.effectiveDate, { byDate }), { period: periodOf(cmd.effectiveDate) });
      return deal;
    },
  );

  const rejectAll = (pending: PendingApproval[], actorId: string, reason: string) => {
    const decidedAt = now();
    return pending.map((p) => ({ approvalId: p.approvalId, status: 'REJECTED' as const, decidedBy: actorId, decidedAt, reason }));
  };

  entity.command(
    killUpdate,
    (cmd) => refuseIf(checkKill(deal, cmd.effectiveDate)),
    async (cmd) => {
      const { deal: next, rejected } = (patched(DATED_KILL_DESCOPE_PATCH) ? killByDate : kill)(deal, cmd.effectiveDate, cmd.reason);
      await commit(next, { period: periodOf(cmd.effectiveDate), decisions: rejectAll(rejected, cmd.actor.id, 'DEAL_KILLED') });
      return deal;
    },
  );

  entity.command(
    slipUpdate,
    () => refuseIf(checkSlip(deal)),
    async (cmd) => {
      await commit(slip(deal, cmd.expectedDate, cmd.reason));
      return deal;
    },
  );

  entity.command(
    recordRevenueUpdate,
    (cmd) => refuseIf(checkRevenue(deal, cmd.amount)),
    async (cmd) => {
      await commit(recordRevenue(deal, cmd.amount), {
        period: cmd.period,
        revenue: { idempotencyKey: `deal:${deal.id}:revenue:${cmd.requestId}`, period: cmd.period, amount: cmd.amount, recordedBy: cmd.actor.id },
      });
      return deal;
    },
  );

  entity.command(
    closeDealUpdate,
    () => refuseIf(checkClose(deal)),
    async (cmd) => {
      const { deal: next, rejected } = closeDeal(deal);
      await commit(next, { decisions: rejectAll(rejected, cmd.actor.id, 'DEAL_CLOSED') });
      return deal;
    },
  );

  entity.fact(reassignSignal, async (cmd) => {
    if (deal.status === 'CLOSED') return;
    if (patched(DATED_REPLACEMENT_PATCH)) {
      const replacement = { departedRepId: cmd.departedRepId, newOwner: cmd.newOwner, effectiveDate: cmd.effectiveDate };
      await commit(replaceOnDeal(deal, replacement), { reattribute: true });
      return;
    }
    await commit(reassign(deal, cmd.departedRepId, cmd.newOwner!));
  });

  // A withdrawn departure (docs/rules.md): allowed only when nothing dated on or after it was recorded here, so no posting moves.
  entity.fact(unreassignSignal, async (cmd) => {
    if (deal.status === 'CLOSED') return;
    await commit(unreplaceOnDeal(deal, cmd.departedRepId));
  });

  if (!entity.created && !(await entity.create(() => commit(deal, { requestHash: input.requestHash }).then(() => undefined)))) {
    return entity.abandon();
  }

  if (await entity.runUntilDoneOrDue(() => deal.status === 'CLOSED')) return deal;
  return continueAsNew<typeof dealWorkflow>({
    deal,
    version,
    historyLimit: input.historyLimit,
    run: (input.run ?? 0) + 1,
    requestHash: input.requestHash,
  });
}
