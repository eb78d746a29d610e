import { Dec, Money, MoneyString } from './money';
import { comparePeriods, IsoDate, Period, periodOf } from './calendar';
import { Refusal } from './refusal';

/** docs/rules.md "Corrections": the kinds of adjustment a comp admin may propose. */
export const ADJUSTMENT_KINDS = ['CORRECTION', 'SPIFF', 'DISPUTE_RESOLUTION'] as const;
export type AdjustmentKind = (typeof ADJUSTMENT_KINDS)[number];
export const ADJUSTMENT_STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'EXPIRED'] as const;
export type AdjustmentStatus = (typeof ADJUSTMENT_STATUSES)[number];

/** An adjustment proposal as the rep workflow keeps it until it is decided or expires. */
export interface PendingAdjustment {
  id: string;
  repId: string;
  period: Period;
  amount: MoneyString;
  kind: AdjustmentKind;
  reason: string;
  dealId?: string;
  disputeId?: string;
  proposedBy: string;
}

/** What a rep's state says about a proposal: where it stands in its periods and whether the rep has a departure. */
export interface ProposalContext {
  hireDate: IsoDate;
  /** The first period this rep has not closed yet. */
  nextPeriod: Period;
  departed: boolean;
}

/** The proposal checks owned by the rep: its period must still be open for them, and a departed rep is never charged. */
export function checkAdjustmentProposal(p: Pick<PendingAdjustment, 'repId' | 'period' | 'amount'>, rep: ProposalContext): Refusal | null {
  if (new Dec(p.amount).isZero()) return { code: 'VALIDATION_FAILED', message: 'an adjustment amount must not be zero' };
  if (comparePeriods(p.period, periodOf(rep.hireDate)) < 0) {
    return { code: 'VALIDATION_FAILED', message: `${p.period} is before ${p.repId}'s hire period ${periodOf(rep.hireDate)}` };
  }
  if (comparePeriods(p.period, rep.nextPeriod) < 0) return { code: 'PERIOD_CLOSED', message: `${p.period} is already closed for ${p.repId}` };
  if (rep.departed && new Dec(p.amount).isNegative()) {
    return { code: 'REP_DEPARTED', message: `${p.repId} has departed: a negative adjustment is refused` };
  }
  return null;
}

/** Two people: the decider is neither the proposer nor the rep the adjustment pays; only a pending one is decided. */
export function checkAdjustmentDecision(adjustment: PendingAdjustment | undefined, adjustmentId: string, deciderId: string): Refusal | null {
  if (!adjustment) return { code: 'ADJUSTMENT_NOT_PENDING', message: `adjustment ${adjustmentId} is not pending` };
  if (deciderId === adjustment.proposedBy) {
    return { code: 'SEGREGATION_OF_DUTIES', message: `${deciderId} proposed adjustment ${adjustmentId}; a second person decides it` };
  }
  if (deciderId === adjustment.repId) {
    return { code: 'SEGREGATION_OF_DUTIES', message: `adjustment ${adjustmentId} pays ${deciderId}, who may not decide it` };
  }
  return null;
}

/** Proposals still pending once `closed` has closed for the rep expire; after the rep's last statement all of them do. */
export function stillPendingAfterClose(pending: PendingAdjustment[], closed: Period, final: boolean): PendingAdjustment[] {
  return final ? [] : pending.filter((a) => comparePeriods(a.period, closed) > 0);
}

export interface AdjustmentSettlement {
  /** The statement's `adjustments`: the sum of the period's approved adjustments. */
  adjustments: Dec;
  /** max(0, v1 total + adjustments). */
  totalPayout: Dec;
  /** What a negative sum could not take from the payout: added to the unrecovered balance B. */
  addedToBalance: Dec;
}

/**
 * docs/rules.md "Corrections": adjustments are paid on top of draw netting, never netted against the draw. The payout
 * is max(0, v1 total + adjustments); what a negative sum cannot take from it is added to B (in a ramp quarter too).
 */
export function settleAdjustments(v1Total: Dec, amounts: MoneyString[]): AdjustmentSettlement {
  const adjustments = Money.sum(amounts);
  const gross = v1Total.plus(adjustments);
  const zero = new Dec(0);
  return { adjustments, totalPayout: Dec.max(zero, gross), addedToBalance: Dec.max(zero, gross.negated()) };
}
