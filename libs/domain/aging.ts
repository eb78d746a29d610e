import { addDays, addMonths, IsoDate } from './calendar';
import { Deal } from './deal';

/**
 * Aging alerts (docs/rules.md "Aging alerts"): the pipeline-aging practice of flagging a stage held longer than
 * 1.5 × its typical duration. Pure: when an item is due to alert and whether it still waits; the timers are Temporal's.
 */
export const ALERT_KINDS = ['APPROVAL_AGING', 'GATE_AGING'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const ALERT_STATUSES = ['OPEN', 'RESOLVED'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** A gate alerts when it is still open this many times its plan's `monthsFromPrevious` after the previous one. */
export const GATE_AGING_FACTOR = 1.5;
const DAY_MS = 86_400_000;

/** The instant an approval submitted at `submittedAt` (ISO instant, wall time) starts alerting: `days` whole days later. */
export function approvalAgingDue(submittedAt: string, days: number): string {
  return new Date(Date.parse(submittedAt) + days * DAY_MS).toISOString();
}

/**
 * The business date a gate starts alerting: 1.5 × `monthsFromPrevious` after `previous` (the previous gate's
 * effectiveDate, or sourcedAt for the first). Whole months are calendar months; a half month is 15 days.
 */
export function gateAgingDate(previous: IsoDate, monthsFromPrevious: number): IsoDate {
  const months = monthsFromPrevious * GATE_AGING_FACTOR;
  const whole = Math.floor(months);
  return addDays(addMonths(previous, whole), months > whole ? 15 : 0);
}

export interface GateToWatch {
  gate: string;
  /** The previous gate's effectiveDate, or sourcedAt for the first gate. */
  since: IsoDate;
  monthsFromPrevious: number;
  alertOn: IsoDate;
}

/**
 * The gate an active deal is waiting on (the first neither retired nor cancelled) and when it alerts; none once the
 * deal is killed or closed or every gate is done. A slip does not move it: the slip is the forecast's, aging measures
 * how long the stage has really been held.
 */
export function gateToWatch(deal: Pick<Deal, 'status' | 'sourcedAt' | 'gates' | 'plan'>): GateToWatch | undefined {
  if (deal.status !== 'ACTIVE') return undefined;
  let since = deal.sourcedAt;
  for (const gate of deal.gates) {
    if (gate.status === 'RETIRED') {
      since = gate.retiredAt ?? since;
      continue;
    }
    if (gate.status === 'CANCELLED') continue;
    const monthsFromPrevious = deal.plan.forecast.monthsFromPrevious[gate.key] ?? 0;
    return { gate: gate.key, since, monthsFromPrevious, alertOn: gateAgingDate(since, monthsFromPrevious) };
  }
  return undefined;
}

/** A gate alert stands while the deal is active and the gate is neither retired nor cancelled (open or pending). */
export function gateStillOpen(deal: Pick<Deal, 'status' | 'gates'>, gateKey: string): boolean {
  const gate = deal.gates.find((g) => g.key === gateKey);
  return deal.status === 'ACTIVE' && (gate?.status === 'OPEN' || gate?.status === 'PENDING');
}
