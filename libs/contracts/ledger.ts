import type { BonusAllocation, Deal, GatePosting, IsoDate, MoneyString, PendingApproval, Period, RepPlanMove, Statement } from '../domain';
import type { BonusPostingResult } from './messages';

/** What a deal workflow hands the ledger: written by activities, decided by the workflow. */

export interface ApprovalDecision {
  approvalId: string;
  status: 'APPROVED' | 'REJECTED';
  decidedBy: string;
  decidedAt: string;
  reason?: string;
  result?: unknown;
}

export interface GateRetirementRecord {
  gate: string;
  approvalId: string;
  effectiveDate: IsoDate;
  period: Period;
  dealCredit: MoneyString;
  postings: GatePosting[];
}

export interface BonusRecord {
  approvalId: string;
  type: string;
  effectiveDate: IsoDate;
  period: Period;
  annualCap: MoneyString;
  allocations: BonusAllocation[];
}

/** A design-win bonus as posted under the rep's annual cap. */
export type BonusPosting = BonusPostingResult;

export interface RevenueRecord {
  idempotencyKey: string;
  period: Period;
  amount: MoneyString;
  recordedBy: string;
}

/** One decision of a deal workflow, written atomically: projection, approval rows and postings. */
export interface DealChange {
  deal: Deal;
  version: number;
  /** Written by the first commit only: the hash of the create request, kept to answer a repeated create. */
  requestHash?: string;
  /** Refuse with PERIOD_CLOSED when this period is closed (or closing). */
  period?: Period;
  /**
   * An approval (docs/rules.md "Late approvals"): instead of refusing, the gate or bonus posts in the first open period
   * at or after `period`; the ledger decides which, under the period lock, and answers it as `postedPeriod`.
   */
  postInFirstOpenPeriod?: boolean;
  submitted?: PendingApproval;
  decisions?: ApprovalDecision[];
  gate?: GateRetirementRecord;
  bonus?: BonusRecord;
  revenue?: RevenueRecord;
  /**
   * The deal's dated replacements changed (docs/rules.md "Dated, not sequenced"): every live posting credited to a rep
   * who did not hold the split on its date is reversed and re-posted to the rep who did.
   */
  reattribute?: boolean;
}

export interface DealChangeResult {
  bonusPostings?: BonusPosting[];
  /** Where an approval's gate or bonus posted: its effectiveDate's period, or the first open one after it (late). */
  postedPeriod?: Period;
}

/** A rep's statement for one period as the rep workflow computed it, with the rep's status after it. */
export interface StatementRecord {
  statement: Statement;
  final: boolean;
  status: 'ACTIVE' | 'DEPARTED' | 'FINISHED';
}

/** A departure as the rep read model records it. */
export interface DepartureRecord {
  effectiveDate: IsoDate;
  goodStanding: boolean;
  reassignments: Array<{ dealId: string; newOwner: string }>;
  /** The deals not named where the rep's shares passed to the owner (docs/rules.md; absent before it). */
  handovers?: string[];
  recordedBy: string;
}

/** A plan move as the rep read model records it (the parameters stay in the workflow). */
export interface RecordedPlanMove extends RepPlanMove {
  recordedBy: string;
}

/** A second person's decision on an adjustment, as the rep workflow commits it (an approval posts to the ledger). */
export interface AdjustmentDecisionRecord {
  adjustmentId: string;
  status: 'APPROVED' | 'REJECTED';
  decidedBy: string;
  reason?: string;
}
