import type {
  AdjustmentStatus,
  ArtifactInput,
  BonusEventInput,
  Deal,
  GatePosting,
  IsoDate,
  MoneyString,
  PendingAdjustment,
  Period,
  PlanParams,
  RepPlanMove,
  Statement,
} from '../domain';

/** Who acts: every message into a workflow carries it, so history names the person behind each change. */
export interface Actor {
  id: string;
  roles: string[];
}

/** Whether a date's period is closed is not part of a command: the ledger write decides it under its lock. */
export interface Command {
  actor: Actor;
}

export interface DealWorkflowInput {
  deal: Deal;
  createdBy?: Actor;
  /** The hash of the create request that started the workflow: a repeated create with another body is a CONFLICT. */
  requestHash?: string;
  /** Set by continue-as-new: how many runs came before this one. */
  run?: number;
  /** The read-model version last written; continue-as-new carries it so projections stay ordered. */
  version?: number;
  /** History length at which a run continues as new (tests lower it). */
  historyLimit?: number;
}

/** Sent with the workflow's start (update-with-start): answers once the first commit has written the projection. */
export interface CreateCommand extends Command {
  requestHash: string;
}

export type SubmitArtifactCommand = Command & ArtifactInput;
export type SubmitBonusEventCommand = Command & BonusEventInput;
export interface SubmissionResult {
  approvalId: string;
  dealId: string;
  amountIfApproved: MoneyString;
}

export interface DecisionCommand extends Command {
  approvalId: string;
  note?: string;
  reason?: string;
}

export interface BonusPostingResult {
  repId: string;
  amount: MoneyString;
  paid: MoneyString;
  capped: MoneyString;
}

export interface DecisionResult {
  approvalId: string;
  dealId: string;
  status: 'APPROVED' | 'REJECTED';
  kind: 'GATE' | 'BONUS';
  gate?: string;
  type?: string;
  /** Where the approval posted: the effectiveDate's period, or the first open one after it when that had closed. */
  period: Period;
  /** The business date behind the decision (answers from runs before late approvals leave it out). */
  effectiveDate?: IsoDate;
  /** True when the approval posted in a later period than its effectiveDate's (docs/rules.md "Late approvals"). */
  late?: boolean;
  decidedBy: string;
  reason?: string;
  dealCredit?: MoneyString;
  gatePostings?: GatePosting[];
  bonusPostings?: BonusPostingResult[];
}

export interface DescopeCommand extends Command {
  newTcv: MoneyString;
  reason: string;
  effectiveDate: IsoDate;
}
export interface KillCommand extends Command {
  reason: string;
  effectiveDate: IsoDate;
}
export interface SlipCommand extends Command {
  expectedDate: IsoDate;
  reason: string;
}
export interface RevenueCommand extends Command {
  period: Period;
  amount: MoneyString;
  /** Makes the posting idempotent across retries: the HTTP Idempotency-Key or a generated id. */
  requestId: string;
}
export type CloseDealCommand = Command;
export interface ReassignCommand extends Command {
  departedRepId: string;
  /** Absent for a deal the departure does not name: the departed rep's shares pass to the deal's owner. */
  newOwner?: string;
  effectiveDate: IsoDate;
}

export interface UnreassignCommand extends Command {
  departedRepId: string;
}

/**
 * A command to a rep workflow about a date or a period. `closedThrough` is the rep's last closed period as the ledger
 * held it when the API sent the command: a period close writes most statements in the ledger without asking the rep
 * workflow (DECISIONS.md "A set-based period close"), so the workflow's own `nextPeriod` may lag, and its checks
 * take the later of the two. Absent on commands sent before the set-based close.
 */
export interface RepCommand extends Command {
  closedThrough?: Period;
}

/** The ledger's last closed period for the rep (its row's `last_closed_period`), as a RepCommand carries it. */
export const closedThrough = (row: { lastClosedPeriod: Period | null }): Pick<RepCommand, 'closedThrough'> =>
  row.lastClosedPeriod ? { closedThrough: row.lastClosedPeriod } : {};

export type WithdrawDepartureCommand = RepCommand;

export interface RepProfile {
  id: string;
  name: string;
  role: string;
  hireDate: IsoDate;
  quarterlyDraw: MoneyString;
  planId: string;
  managerId?: string;
}

/** A recorded move of the rep to a newer plan version, with the parameters that govern periods from its date. */
export interface RepPlanMoveRecord extends RepPlanMove {
  plan: PlanParams;
  recordedBy: string;
}

export interface RepWorkflowInput {
  profile: RepProfile;
  /** The version the rep was hired on; `planMoves` say which governs a later period. */
  plan: PlanParams;
  /** Absent until a comp admin moves the rep: the hire plan then governs every period. */
  planMoves?: RepPlanMoveRecord[];
  balance: MoneyString;
  performanceReview: boolean;
  nextPeriod: Period;
  departure?: { effectiveDate: IsoDate; goodStanding: boolean; reassignments: Array<{ dealId: string; newOwner: string }>; handovers?: string[] };
  status: 'ACTIVE' | 'DEPARTED' | 'FINISHED';
  run?: number;
  /** The hash of the create request that started the workflow: a repeated create with another body is a CONFLICT. */
  requestHash?: string;
  /** Adjustment proposals waiting for their second person (absent until the first is proposed). */
  adjustments?: PendingAdjustment[];
}

export interface DepartureCommand extends RepCommand {
  effectiveDate: IsoDate;
  goodStanding: boolean;
  reassignments: Array<{ dealId: string; newOwner: string }>;
  /** Deals not named where the rep only holds a split: their shares pass to the owner (absent before docs/rules.md). */
  handovers?: string[];
}

export interface RepPlanMoveCommand extends RepCommand {
  planId: string;
  planEffectiveFrom: IsoDate;
  plan: PlanParams;
  effectiveFrom: IsoDate;
  /** The hire plan's own effectiveFrom (published plans are immutable): what the first move is measured against. */
  hirePlanEffectiveFrom: IsoDate;
}

export interface ClosePeriodCommand extends Command {
  period: Period;
}

export type RepState = RepWorkflowInput;
export type { Statement };

/** A comp admin's proposal (docs/rules.md "Corrections"); the API chooses its id. */
export interface ProposeAdjustmentCommand extends RepCommand {
  adjustment: Omit<PendingAdjustment, 'proposedBy'>;
}

/** Approve or reject, by a second person. */
export interface AdjustmentDecisionCommand extends Command {
  adjustmentId: string;
  reason?: string;
}

/** An adjustment as its projection holds it. */
export interface AdjustmentRecord extends PendingAdjustment {
  status: AdjustmentStatus;
  proposedAt: string;
  decidedBy?: string;
  decidedAt?: string;
  decisionReason?: string;
}
