import { log } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { AGING_SWEEP_WORKFLOW_ID, AgingOutcome, AgingWatch, agingWatchId, DealChange, sweepAgingNowSignal, TASK_QUEUE } from '../libs/contracts';
import { approvalAgingDaysOf, approvalAgingDue, gateStillOpen, gateToWatch } from '../libs/domain';
import { AlertsRepository } from '../libs/persistence/alerts.repository';
import { agingSweepWorkflow } from '../workflows/aging-sweep.workflow';

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
 * Asks the aging sweeper for a round now (`sweepAgingNow`), starting it if it is not running (signalWithStart): after
 * a commit whose watch is already due, and after the backfill. Without it such a watch would wait for the sweeper's
 * next round (at most an hour).
 */
export async function requestAgingSweep(client: Client): Promise<void> {
  await client.workflow.signalWithStart(agingSweepWorkflow, {
    workflowId: AGING_SWEEP_WORKFLOW_ID,
    taskQueue: TASK_QUEUE,
    args: [{}],
    signal: sweepAgingNowSignal,
    signalArgs: [],
    staticSummary: 'Raises the aging alerts as their watches fall due',
  });
}

/** Whether any of `watches` is due at `now` (ms): a back-dated deal's gate, say. */
export const anyAgingWatchDue = (watches: AgingWatch[], now = Date.now()): boolean => watches.some((w) => Date.parse(w.dueAt) <= now);

/** Every watch an active deal calls for now: its next gate and each approval still pending. */
export function agingWatchesOfDeal(deal: DealChange['deal']): AgingWatch[] {
  return [...agingWatchesOf({ deal, requestHash: 'backfill' }), ...deal.pending.flatMap((submitted) => agingWatchesOf({ deal, submitted }))];
}

/**
 * Writes the watches of every active deal's pending approvals and awaited gate (`npm run alerts:backfill`), then asks
 * the sweeper for a round: for a book that existed before aging alerts, or to repair one. Idempotent: a watch already
 * there, settled or not, is kept. Returns how many watches the active deals call for, and how many were new.
 */
export async function backfillAgingWatches(client: Client, alerts: AlertsRepository, pageSize = 200): Promise<{ watches: number; inserted: number }> {
  let watches = 0;
  let inserted = 0;
  for (let after = ''; ; ) {
    const deals = await alerts.activeDeals(after, pageSize);
    if (deals.length === 0) break;
    const page = deals.flatMap(agingWatchesOfDeal);
    watches += page.length;
    inserted += await alerts.insertWatches(page);
    after = deals[deals.length - 1].id;
  }
  await requestAgingSweep(client);
  return { watches, inserted };
}

const approvalMessage = (w: Extract<AgingWatch, { kind: 'APPROVAL_AGING' }>) =>
  `approval ${w.approvalId} on deal ${w.dealId} has been pending more than ${w.agingDays} days (submitted ${w.submittedAt})`;
const gateMessage = (w: Extract<AgingWatch, { kind: 'GATE_AGING' }>) =>
  `gate ${w.gate} of deal ${w.dealId} is still open on ${w.alertOn}, 1.5 × ${w.monthsFromPrevious} months after ${w.since}`;

/** Watches settled per page, and pages per activity call (a larger backlog is swept over several calls). */
export const AGING_SWEEP_PAGE = 200;
const AGING_SWEEP_PAGES_PER_CALL = 10;

/**
 * What a watch finds when it is due: raises its alert (once, by id) if the approval is still pending or the gate still
 * open, else nothing. The one check, for the sweeper and for the watcher workflows of earlier releases.
 */
async function settleAgingWatch(alerts: AlertsRepository, watch: AgingWatch): Promise<AgingOutcome> {
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
}

export function createAlertActivities({ alerts }: { alerts: AlertsRepository }) {
  return {
    /** A watcher workflow of an earlier release, at its deadline: the same check as the sweep's. */
    async raiseAgingAlert(watch: AgingWatch): Promise<AgingOutcome> {
      return settleAgingWatch(alerts, watch);
    },

    /**
     * The sweeper's round: settles the watches due at `now` (the workflow's clock), page by page, each with the
     * watcher's check, and records each outcome; returns when the earliest watch still unsettled falls due (null when
     * none waits; a time at or before `now` when the backlog was larger than one call). A retried call raises nothing
     * twice (an alert is written once by id; a settled watch is not read again).
     */
    async raiseDueAgingAlerts(now: string): Promise<string | null> {
      for (let page = 0; page < AGING_SWEEP_PAGES_PER_CALL; page++) {
        const due = await alerts.dueWatches(now, AGING_SWEEP_PAGE);
        const settled: Array<{ id: string; outcome: AgingOutcome }> = [];
        for (const { id, watch } of due) settled.push({ id, outcome: await settleAgingWatch(alerts, watch) });
        await alerts.settleWatches(settled, now);
        if (due.length < AGING_SWEEP_PAGE) break;
      }
      return alerts.nextWatchDue();
    },
  };
}

export type AlertActivities = ReturnType<typeof createAlertActivities>;
