import { log } from '@temporalio/activity';
import { Client, WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import { AgingOutcome, AgingWatch, agingWatchId, DealChange, TASK_QUEUE } from '../libs/contracts';
import { approvalAgingDaysOf, approvalAgingDue, gateStillOpen, gateToWatch } from '../libs/domain';
import { AlertsRepository } from '../libs/persistence/alerts.repository';
import { agingAlertWorkflow } from '../workflows/aging.workflow';

/**
 * The aging watches a committed deal change calls for (docs/rules.md "Aging alerts"): a submitted approval ages from
 * its submission (wall time); a new deal, or one that just retired a gate, waits on its next gate, due 1.5 ×
 * monthsFromPrevious after the previous gate's business date (00:00 UTC of that date).
 */
export function agingWatchesOf(change: Pick<DealChange, 'deal' | 'submitted' | 'gate' | 'requestHash'>): AgingWatch[] {
  const watches: AgingWatch[] = [];
  const { deal, submitted } = change;
  if (submitted) {
    const agingDays = approvalAgingDaysOf(deal.plan);
    const dueAt = approvalAgingDue(submitted.submittedAt, agingDays);
    watches.push({ kind: 'APPROVAL_AGING', dealId: deal.id, approvalId: submitted.approvalId, submittedAt: submitted.submittedAt, agingDays, dueAt });
  }
  const next = change.requestHash !== undefined || change.gate !== undefined ? gateToWatch(deal) : undefined;
  if (next) watches.push({ kind: 'GATE_AGING', dealId: deal.id, ...next, dueAt: `${next.alertOn}T00:00:00.000Z` });
  return watches;
}

/**
 * Starts each watcher once: a running one is kept (USE_EXISTING), a finished one is not started again
 * (REJECT_DUPLICATE). Called after the change is committed; a retry of the commit activity starts nothing twice.
 */
export async function startAgingWatches(client: Client, watches: AgingWatch[]): Promise<void> {
  for (const watch of watches) {
    try {
      await client.workflow.start(agingAlertWorkflow, {
        workflowId: agingWatchId(watch),
        taskQueue: TASK_QUEUE,
        args: [watch],
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }
}

/** Every watch an active deal calls for now: its next gate and each approval still pending. */
export function agingWatchesOfDeal(deal: DealChange['deal']): AgingWatch[] {
  return [...agingWatchesOf({ deal, requestHash: 'backfill' }), ...deal.pending.flatMap((submitted) => agingWatchesOf({ deal, submitted }))];
}

/**
 * Starts the watchers of every active deal's pending approvals and awaited gate (`npm run alerts:backfill`): for a
 * book that existed before aging alerts, or to repair one. Idempotent: a watcher that runs or has run is left alone.
 */
export async function backfillAgingWatches(client: Client, alerts: AlertsRepository, pageSize = 200): Promise<number> {
  let started = 0;
  for (let after = ''; ; ) {
    const deals = await alerts.activeDeals(after, pageSize);
    if (deals.length === 0) return started;
    for (const deal of deals) {
      const watches = agingWatchesOfDeal(deal);
      await startAgingWatches(client, watches);
      started += watches.length;
    }
    after = deals[deals.length - 1].id;
  }
}

const approvalMessage = (w: Extract<AgingWatch, { kind: 'APPROVAL_AGING' }>) =>
  `approval ${w.approvalId} on deal ${w.dealId} has been pending more than ${w.agingDays} days (submitted ${w.submittedAt})`;
const gateMessage = (w: Extract<AgingWatch, { kind: 'GATE_AGING' }>) =>
  `gate ${w.gate} of deal ${w.dealId} is still open on ${w.alertOn}, 1.5 × ${w.monthsFromPrevious} months after ${w.since}`;

export function createAlertActivities({ alerts }: { alerts: AlertsRepository }) {
  return {
    /** At the watcher's deadline: raises the alert (once) if the approval is still pending or the gate still open. */
    async raiseAgingAlert(watch: AgingWatch): Promise<AgingOutcome> {
      const id = agingWatchId(watch);
      if (watch.kind === 'APPROVAL_AGING') {
        if ((await alerts.approvalStatus(watch.approvalId)) !== 'PENDING') return 'SETTLED';
        const { submittedAt, agingDays } = watch;
        await alerts.raise({ id, kind: watch.kind, dealId: watch.dealId, approvalId: watch.approvalId, dueAt: watch.dueAt, message: approvalMessage(watch), detail: { submittedAt, agingDays } });
      } else {
        const deal = await alerts.dealState(watch.dealId);
        if (!deal || !gateStillOpen(deal, watch.gate)) return 'SETTLED';
        const { since, monthsFromPrevious, alertOn } = watch;
        await alerts.raise({ id, kind: watch.kind, dealId: watch.dealId, gate: watch.gate, dueAt: watch.dueAt, message: gateMessage(watch), detail: { since, monthsFromPrevious, alertOn } });
      }
      log.info('aging alert raised', { alertId: id, kind: watch.kind, dealId: watch.dealId });
      return 'RAISED';
    },
  };
}

export type AlertActivities = ReturnType<typeof createAlertActivities>;
