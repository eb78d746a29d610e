import type { IsoDate } from '../domain';

/**
 * One item an aging watcher (workflows/aging.workflow.ts) waits on: started by the deal's commit activity when an
 * approval is submitted, or when a deal is created or retires a gate (the next gate), and due at `dueAt` (wall time).
 */
export type AgingWatch =
  | { kind: 'APPROVAL_AGING'; dealId: string; approvalId: string; submittedAt: string; agingDays: number; dueAt: string }
  | { kind: 'GATE_AGING'; dealId: string; gate: string; since: IsoDate; monthsFromPrevious: number; alertOn: IsoDate; dueAt: string };

/** What the watcher found when it was due: an alert raised (or already there), or nothing waiting any more. */
export type AgingOutcome = 'RAISED' | 'SETTLED';

/** One watcher per item, and one alert: the workflow id is the alert's id too. */
export const agingWatchId = (watch: Pick<AgingWatch, 'kind' | 'dealId'> & { approvalId?: string; gate?: string }): string =>
  watch.kind === 'APPROVAL_AGING' ? `approval-aging:${watch.approvalId}` : `gate-aging:${watch.dealId}:${watch.gate}`;
