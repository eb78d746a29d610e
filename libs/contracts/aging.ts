import { defineSignal } from '@temporalio/workflow';
import type { IsoDate } from '../domain';

/**
 * One item waited on: written by the deal's commit (a row of `aging_watches`) when an approval is submitted, or when a
 * deal is created or retires a gate (the next gate), and due at `dueAt` (wall time). The aging sweeper
 * (workflows/aging-sweep.workflow.ts) settles it once due; watcher workflows of earlier releases
 * (workflows/aging.workflow.ts) carry one each.
 */
export type AgingWatch =
  | { kind: 'APPROVAL_AGING'; dealId: string; approvalId: string; submittedAt: string; agingDays: number; dueAt: string }
  | { kind: 'GATE_AGING'; dealId: string; gate: string; since: IsoDate; monthsFromPrevious: number; alertOn: IsoDate; dueAt: string };

/** What the sweep (or a watcher) found when it was due: an alert raised (or already there), or nothing waiting any more. */
export type AgingOutcome = 'RAISED' | 'SETTLED';

/** One watch per item, and one alert: the `aging_watches` row's id (and a watcher workflow's id) is the alert's id too. */
export const agingWatchId = (watch: Pick<AgingWatch, 'kind' | 'dealId'> & { approvalId?: string; gate?: string }): string =>
  watch.kind === 'APPROVAL_AGING' ? `approval-aging:${watch.approvalId}` : `gate-aging:${watch.dealId}:${watch.gate}`;

/** Asks the aging sweeper to sweep now: a watch committed already due (a back-dated deal), or the backfill. */
export const sweepAgingNowSignal = defineSignal('sweepAgingNow');
