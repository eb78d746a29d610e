import { Period } from './calendar';
import { Dec, MoneyString } from './money';
import { Refusal } from './refusal';

/** docs/rules.md "Disputes": why a rep challenges a statement. */
export const DISPUTE_REASONS = ['MISSING_CREDIT', 'WRONG_SPLIT', 'WRONG_AMOUNT', 'MISSING_BONUS', 'DRAW_NETTING', 'OTHER'] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];
export const DISPUTE_STATUSES = ['OPEN', 'UPHELD', 'DENIED'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
export const DISPUTE_OUTCOMES = ['UPHELD', 'DENIED'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

/** A dispute as it is opened: on a closed period's statement, optionally on one of its lines or a deal. */
export interface DisputeOpening {
  id: string;
  repId: string;
  period: Period;
  lineId?: string;
  dealId?: string;
  reason: DisputeReason;
  message: string;
  openedBy: string;
  /** disputeSlaDays of the plan the rep was on in `period`: the dispute is overdue once it is open longer. */
  slaDays: number;
}

export interface DisputeResolution {
  outcome: DisputeOutcome;
  note?: string;
  adjustment?: { amount: MoneyString; period: Period };
}

/** What the dispute's workflow knows of it while it runs (the projection adds the instants). */
export interface DisputeProgress {
  status: DisputeStatus;
  overdue: boolean;
  resolvedBy?: string;
}

const DAY_MS = 86_400_000;

/** docs/rules.md "Disputes": the SLA timer of a dispute opened at `openedAtMs`, in whole days. */
export function disputeSlaMs(slaDays: number): number {
  return slaDays * DAY_MS;
}

/** When an open dispute becomes overdue. */
export function disputeDueAt(openedAtMs: number, slaDays: number): number {
  return openedAtMs + disputeSlaMs(slaDays);
}

/**
 * The resolution's own shape: UPHELD names the adjustment that makes it right (a signed, non-zero amount), DENIED says
 * why in its note and proposes nothing.
 */
export function checkResolutionShape(r: DisputeResolution): Refusal | null {
  if (r.outcome === 'UPHELD') {
    if (!r.adjustment) return { code: 'VALIDATION_FAILED', message: 'adjustment: an UPHELD dispute names the adjustment {amount, period} that resolves it' };
    if (new Dec(r.adjustment.amount).isZero()) return { code: 'VALIDATION_FAILED', message: 'adjustment.amount: must not be zero' };
    return null;
  }
  if (!r.note || r.note.trim() === '') return { code: 'VALIDATION_FAILED', message: 'note: a DENIED dispute says why' };
  if (r.adjustment) return { code: 'VALIDATION_FAILED', message: 'adjustment: a DENIED dispute proposes no adjustment' };
  return null;
}

/**
 * Who may resolve, and when: only an open dispute is resolved (once), by a person who is neither the disputant nor
 * the rep it is about (segregation of duties).
 */
export function checkDisputeResolution(
  dispute: Pick<DisputeOpening, 'id' | 'repId' | 'openedBy'> & { status: DisputeStatus },
  resolverId: string,
): Refusal | null {
  if (dispute.status !== 'OPEN') return { code: 'DISPUTE_NOT_OPEN', message: `dispute ${dispute.id} is already ${dispute.status}` };
  if (resolverId === dispute.openedBy) {
    return { code: 'SEGREGATION_OF_DUTIES', message: `${resolverId} opened dispute ${dispute.id}; another person resolves it` };
  }
  if (resolverId === dispute.repId) {
    return { code: 'SEGREGATION_OF_DUTIES', message: `dispute ${dispute.id} is about ${resolverId}'s own statement` };
  }
  return null;
}
