import { Dec, Money, MoneyString } from './money';
import { IsoDate } from './calendar';
import { PlanParams, BonusType, gateDefinition } from './plan';
import { CreditSplit, reassignSplits, splitRecipients } from './splits';
import { retireGate, GateRetirement, allocateBonus, BonusAllocation, BonusRecipient, bonusAmount } from './credit';
import { Refusal, RefusalCode } from './refusal';
import { Attribution, holdersOn, latestHolders, Replacement, recipientsOn, withReplacement, withoutReplacement } from './attribution';

export type DealType = 'NEW_BUSINESS' | 'EXPANSION';
export type DealStatus = 'ACTIVE' | 'KILLED' | 'CLOSED';
export type GateStatus = 'OPEN' | 'PENDING' | 'RETIRED' | 'CANCELLED';

export interface DealGate {
  key: string;
  name: string;
  weight: string;
  status: GateStatus;
  retiredAt?: IsoDate;
  credit?: MoneyString;
  approvalId?: string;
}

/**
 * An uploaded evidence file as a submission names it. It travels in the submission itself, so the SHA-256 is in the
 * workflow history beside the approval it led to: an auditor can prove which document was approved.
 */
export interface EvidenceArtifact {
  id: string;
  sha256: string;
  contentType: string;
  size: number;
  filename: string;
}

export interface PendingApproval {
  approvalId: string;
  kind: 'GATE' | 'BONUS';
  gate?: string;
  type?: BonusType;
  quantity?: number;
  recipients?: BonusRecipient[];
  documentType: string;
  documentRef: string;
  artifact?: EvidenceArtifact;
  effectiveDate: IsoDate;
  submittedBy: string;
  submittedAt: string;
}

export interface Deal {
  id: string;
  sponsor: string;
  program: string;
  dealType: DealType;
  sourcedBy: string;
  owner: string;
  sourcedAt: IsoDate;
  planId: string;
  plan: PlanParams;
  originalTcv: MoneyString;
  tcv: MoneyString;
  status: DealStatus;
  splits: CreditSplit[];
  gates: DealGate[];
  pending: PendingApproval[];
  creditRetired: MoneyString;
  revenueRecognized: MoneyString;
  slip?: { gate: string; expectedDate: IsoDate; reason: string };
  killed?: { effectiveDate: IsoDate; reason: string };
  /** Each descope with its effectiveDate, in the order recorded (absent on deals descoped before it was kept). */
  descopes?: Array<{ effectiveDate: IsoDate; tcv: MoneyString }>;
  departedReps: string[];
  nextApprovalSeq: number;
  /** Dated replacements (docs/rules.md): absent until the first departure recorded by the dated path. */
  attribution?: Attribution;
}

export interface NewDealInput {
  id: string;
  sponsor: string;
  program: string;
  tcv: MoneyString;
  dealType: DealType;
  sourcedBy: string;
  owner: string;
  sourcedAt: IsoDate;
  splits: CreditSplit[];
}

const refuse = (code: RefusalCode, message: string): Refusal => ({ code, message });

export function newDeal(input: NewDealInput, planId: string, plan: PlanParams): Deal {
  return {
    ...input,
    planId,
    plan,
    tcv: Money.format(input.tcv),
    originalTcv: Money.format(input.tcv),
    status: 'ACTIVE',
    gates: plan.gates.map((g) => ({ key: g.key, name: g.name, weight: g.weight, status: 'OPEN' })),
    pending: [],
    creditRetired: '0.00',
    revenueRecognized: '0.00',
    departedReps: [],
    nextApprovalSeq: 1,
  };
}

function activeRefusal(deal: Pick<Deal, 'id' | 'status'>): Refusal | null {
  if (deal.status === 'KILLED') return refuse('DEAL_KILLED', `deal ${deal.id} was killed; nothing more can retire on it`);
  if (deal.status === 'CLOSED') return refuse('DEAL_CLOSED', `deal ${deal.id} is closed`);
  return null;
}

export interface ArtifactInput {
  gate: string;
  documentType: string;
  documentRef: string;
  artifact?: EvidenceArtifact;
  effectiveDate: IsoDate;
}

export function checkArtifactSubmission(deal: Deal, input: ArtifactInput): Refusal | null {
  const inactive = activeRefusal(deal);
  if (inactive) return inactive;
  const index = deal.gates.findIndex((g) => g.key === input.gate);
  if (index < 0) return refuse('UNKNOWN_GATE', `plan ${deal.planId} has no gate ${input.gate}`);
  const gate = deal.gates[index];
  if (gate.status === 'RETIRED') return refuse('GATE_ALREADY_RETIRED', `${gate.key} is already retired`);
  if (gate.status === 'PENDING') {
    return refuse('ARTIFACT_PENDING', `an artifact for ${gate.key} is already pending approval`);
  }
  const open = deal.gates.slice(0, index).find((g) => g.status !== 'RETIRED');
  if (open) return refuse('GATE_OUT_OF_ORDER', `${gate.key} cannot be proven before ${open.key} is retired`);
  const allowed = gateDefinition(deal.plan, gate.key)?.artifactTypes ?? [];
  if (!allowed.includes(input.documentType)) {
    return refuse(
      'ARTIFACT_TYPE_NOT_ALLOWED',
      `${input.documentType} does not prove ${gate.key}; plan ${deal.planId} accepts ${allowed.join(', ')}`,
    );
  }
  if (input.effectiveDate < deal.sourcedAt) {
    return refuse('VALIDATION_FAILED', `effectiveDate ${input.effectiveDate} is before the deal was sourced (${deal.sourcedAt})`);
  }
  return null;
}

export function approvalIdFor(deal: Deal): string {
  return `${deal.id}-A${deal.nextApprovalSeq}`;
}

export function submitArtifact(deal: Deal, input: ArtifactInput, submittedBy: string, submittedAt: string): Deal {
  const approvalId = approvalIdFor(deal);
  return {
    ...deal,
    nextApprovalSeq: deal.nextApprovalSeq + 1,
    gates: deal.gates.map((g) => (g.key === input.gate ? { ...g, status: 'PENDING', approvalId } : g)),
    pending: [...deal.pending, { approvalId, kind: 'GATE', ...input, submittedBy, submittedAt }],
  };
}

export interface BonusEventInput {
  type: BonusType;
  quantity: number;
  recipients?: BonusRecipient[];
  evidenceRef: string;
  artifact?: EvidenceArtifact;
  effectiveDate: IsoDate;
}

export function checkBonusSubmission(deal: Deal, input: BonusEventInput): Refusal | null {
  const inactive = activeRefusal(deal);
  if (inactive) return inactive;
  // docs/rules.md: named recipients must hold a split on the event's date.
  const onDeal = splitRecipients(deal.attribution ? holdersOn(deal.attribution, input.effectiveDate).splits : deal.splits);
  for (const r of input.recipients ?? []) {
    if (!onDeal.includes(r.repId)) return refuse('VALIDATION_FAILED', `${r.repId} is not a split recipient of ${deal.id}`);
  }
  if (input.effectiveDate < deal.sourcedAt) {
    return refuse('VALIDATION_FAILED', `effectiveDate ${input.effectiveDate} is before the deal was sourced (${deal.sourcedAt})`);
  }
  return null;
}

export function submitBonusEvent(deal: Deal, input: BonusEventInput, submittedBy: string, submittedAt: string): Deal {
  const approvalId = approvalIdFor(deal);
  const pending: PendingApproval = {
    approvalId,
    kind: 'BONUS',
    type: input.type,
    quantity: input.quantity,
    recipients: input.recipients,
    documentType: input.type,
    documentRef: input.evidenceRef,
    ...(input.artifact ? { artifact: input.artifact } : {}),
    effectiveDate: input.effectiveDate,
    submittedBy,
    submittedAt,
  };
  return { ...deal, nextApprovalSeq: deal.nextApprovalSeq + 1, pending: [...deal.pending, pending] };
}

export function findPending<P extends Pick<PendingApproval, 'approvalId'>>(deal: { pending: P[] }, approvalId: string): P | undefined {
  return deal.pending.find((p) => p.approvalId === approvalId);
}

/** What approving would pay or credit: the gate's credit at the current TCV, or the bonus before any cap. */
export function amountIfApproved(deal: Deal, p: PendingApproval): MoneyString {
  if (p.kind === 'GATE') {
    const gate = deal.gates.find((g) => g.key === p.gate);
    return Money.format(new Dec(gate?.weight ?? 0).times(deal.tcv));
  }
  return Money.format(bonusAmount(deal.plan, p.type as BonusType, p.quantity ?? 1));
}

/**
 * What the approve and reject rules read of a deal: enough to ask them from the read model too (the queue says who may
 * decide each item without a workflow query).
 */
export type DecisionContext = Pick<Deal, 'id' | 'status' | 'sourcedBy' | 'owner' | 'splits' | 'gates'> & {
  pending: Array<Pick<PendingApproval, 'approvalId' | 'kind' | 'gate' | 'submittedBy'>>;
};

/** Who may decide: a deal-desk user who is not the submitter, the source, the owner or a split recipient. */
export function checkDecision(deal: DecisionContext, approvalId: string, actorId: string): Refusal | null {
  const p = findPending(deal, approvalId);
  if (!p) return refuse('APPROVAL_NOT_PENDING', `approval ${approvalId} is not pending on deal ${deal.id}`);
  if (actorId === p.submittedBy) return refuse('SEGREGATION_OF_DUTIES', `${actorId} submitted ${approvalId} and cannot decide it`);
  if (actorId === deal.sourcedBy) return refuse('SEGREGATION_OF_DUTIES', `${actorId} sourced deal ${deal.id} and cannot decide its approvals`);
  if (actorId === deal.owner) return refuse('SEGREGATION_OF_DUTIES', `${actorId} owns deal ${deal.id} and cannot decide its approvals`);
  if (splitRecipients(deal.splits).includes(actorId)) {
    return refuse('SEGREGATION_OF_DUTIES', `${actorId} is a credit-split recipient of deal ${deal.id} and cannot decide its approvals`);
  }
  return null;
}

export function checkApproval(deal: DecisionContext, approvalId: string, actorId: string): Refusal | null {
  const decision = checkDecision(deal, approvalId, actorId);
  if (decision) return decision;
  const inactive = activeRefusal(deal);
  if (inactive) return inactive;
  const p = findPending(deal, approvalId)!;
  if (p.kind === 'GATE') {
    const index = deal.gates.findIndex((g) => g.key === p.gate);
    const open = deal.gates.slice(0, index).find((g) => g.status !== 'RETIRED');
    if (open) return refuse('GATE_OUT_OF_ORDER', `${p.gate} cannot retire before ${open.key}`);
  }
  return null;
}

export function approveGate(deal: Deal, approvalId: string): { deal: Deal; retirement: GateRetirement; approval: PendingApproval } {
  const approval = findPending(deal, approvalId)!;
  const splits = deal.attribution ? holdersOn(deal.attribution, approval.effectiveDate).splits : deal.splits;
  const retirement = retireGate(deal.plan, approval.gate!, deal.tcv, splits);
  const next: Deal = {
    ...deal,
    pending: deal.pending.filter((p) => p.approvalId !== approvalId),
    gates: deal.gates.map((g) =>
      g.key === approval.gate
        ? { ...g, status: 'RETIRED', retiredAt: approval.effectiveDate, credit: retirement.dealCredit, approvalId }
        : g,
    ),
    creditRetired: Money.format(new Dec(deal.creditRetired).plus(retirement.dealCredit)),
    slip: deal.slip?.gate === approval.gate ? undefined : deal.slip,
  };
  return { deal: next, retirement, approval };
}

export function approveBonus(deal: Deal, approvalId: string): { deal: Deal; allocations: BonusAllocation[]; approval: PendingApproval } {
  const approval = findPending(deal, approvalId)!;
  const { owner, recipients } = bonusHoldersOn(deal, approval);
  const allocations = allocateBonus(deal.plan, approval.type!, approval.quantity ?? 1, owner, recipients);
  return { deal: { ...deal, pending: deal.pending.filter((p) => p.approvalId !== approvalId) }, allocations, approval };
}

export function rejectApproval(deal: Deal, approvalId: string): { deal: Deal; approval: PendingApproval } {
  const approval = findPending(deal, approvalId)!;
  return {
    deal: {
      ...deal,
      pending: deal.pending.filter((p) => p.approvalId !== approvalId),
      gates: deal.gates.map((g) => (g.approvalId === approvalId && g.status === 'PENDING' ? { ...g, status: 'OPEN', approvalId: undefined } : g)),
    },
    approval,
  };
}

export function checkDescope(deal: Deal, newTcv: string): Refusal | null {
  const inactive = activeRefusal(deal);
  if (inactive) return inactive;
  const value = new Dec(newTcv);
  if (value.lte(0)) return refuse('VALIDATION_FAILED', 'newTcv must be greater than 0');
  if (value.gte(deal.tcv)) {
    return refuse('DESCOPE_NOT_A_REDUCTION', `newTcv ${newTcv} is not below the current TCV ${deal.tcv}; an increase of scope is a new EXPANSION deal`);
  }
  return null;
}

/** Unretired gates use the new TCV from now on; retired credit never changes. */
export function descope(deal: Deal, newTcv: string, effectiveDate?: IsoDate): Deal {
  const tcv = Money.format(newTcv);
  if (!effectiveDate) return { ...deal, tcv };
  // A descope recorded before dates were kept has none: it counts from sourcing.
  const earlier = deal.descopes ?? (deal.tcv === deal.originalTcv ? [] : [{ effectiveDate: deal.sourcedAt, tcv: deal.tcv }]);
  return { ...deal, tcv, descopes: [...earlier, { effectiveDate, tcv }] };
}

/**
 * The TCV in force on a date: the latest descope dated on or before it, else the original TCV. A deal descoped
 * before descopes were kept has no dates: its current TCV is the best answer.
 */
export function tcvInForceOn(deal: Pick<Deal, 'tcv' | 'originalTcv' | 'descopes'>, date: IsoDate): MoneyString {
  if (!deal.descopes) return deal.tcv;
  let inForce: { effectiveDate: IsoDate; tcv: MoneyString } | undefined;
  for (const d of deal.descopes) if (d.effectiveDate <= date && (!inForce || d.effectiveDate >= inForce.effectiveDate)) inForce = d;
  return inForce ? inForce.tcv : deal.originalTcv;
}

export function checkKill(deal: Deal): Refusal | null {
  return activeRefusal(deal);
}

/** Gates not yet retired never retire; pending items are rejected; nothing retired is clawed back. */
export function kill(deal: Deal, effectiveDate: IsoDate, reason: string): { deal: Deal; rejected: PendingApproval[] } {
  return {
    deal: {
      ...deal,
      status: 'KILLED',
      killed: { effectiveDate, reason },
      pending: [],
      slip: undefined,
      gates: deal.gates.map((g) => (g.status === 'RETIRED' ? g : { ...g, status: 'CANCELLED', approvalId: undefined })),
    },
    rejected: deal.pending,
  };
}

export function nextOpenGate(deal: Deal): DealGate | undefined {
  return deal.gates.find((g) => g.status === 'OPEN' || g.status === 'PENDING');
}

export function checkSlip(deal: Deal): Refusal | null {
  const inactive = activeRefusal(deal);
  if (inactive) return inactive;
  if (!nextOpenGate(deal)) return refuse('NO_OPEN_GATE', `every gate of ${deal.id} is retired`);
  return null;
}

export function slip(deal: Deal, expectedDate: IsoDate, reason: string): Deal {
  return { ...deal, slip: { gate: nextOpenGate(deal)!.key, expectedDate, reason } };
}

export function checkRevenue(deal: Deal, amount: string): Refusal | null {
  if (deal.status === 'CLOSED') return refuse('DEAL_CLOSED', `deal ${deal.id} is closed; finance records no more revenue on it`);
  if (new Dec(amount).isZero()) return refuse('VALIDATION_FAILED', 'amount must not be zero');
  // docs/rules.md "Corrections": a negative amount corrects earlier revenue, never below zero in total.
  const total = new Dec(deal.revenueRecognized).plus(amount);
  if (total.lt(0)) {
    return refuse('REVENUE_BELOW_ZERO', `deal ${deal.id} has ${deal.revenueRecognized} of recognized revenue; a correction of ${amount} would take it to ${Money.format(total)}`);
  }
  return null;
}

export function recordRevenue(deal: Deal, amount: string): Deal {
  return { ...deal, revenueRecognized: Money.format(new Dec(deal.revenueRecognized).plus(amount)) };
}

export function checkClose(deal: Deal): Refusal | null {
  if (deal.status === 'CLOSED') return refuse('DEAL_CLOSED', `deal ${deal.id} is already closed`);
  return null;
}

/** Closing ends the deal: gates never proven are cancelled and pending items rejected. */
export function closeDeal(deal: Deal): { deal: Deal; rejected: PendingApproval[] } {
  return {
    deal: {
      ...deal,
      status: 'CLOSED',
      pending: [],
      slip: undefined,
      gates: deal.gates.map((g) => (g.status === 'RETIRED' ? g : { ...g, status: 'CANCELLED', approvalId: undefined })),
    },
    rejected: deal.pending,
  };
}

/** Gates retiring after the departure credit the new owner, who replaces the departed rep; sourcedBy never changes. */
export function reassign(deal: Deal, departedRepId: string, newOwner: string): Deal {
  return {
    ...deal,
    owner: deal.owner === departedRepId ? newOwner : deal.owner,
    splits: reassignSplits(deal.splits, departedRepId, newOwner),
    pending: deal.pending.map((p) =>
      p.recipients ? { ...p, recipients: p.recipients.map((r) => (r.repId === departedRepId ? { ...r, repId: newOwner } : r)) } : p,
    ),
    departedReps: deal.departedReps.includes(departedRepId) ? deal.departedReps : [...deal.departedReps, departedRepId],
  };
}

/** A bonus goes to its recipients (or the owner) as they stood on the event's date. */
function bonusHoldersOn(deal: Deal, p: PendingApproval): { owner: string; recipients?: BonusRecipient[] } {
  if (!deal.attribution) return { owner: deal.owner, recipients: p.recipients };
  const owner = holdersOn(deal.attribution, p.effectiveDate).owner;
  return { owner, recipients: p.recipients && p.recipients.length > 0 ? recipientsOn(deal.attribution, p.recipients, p.effectiveDate) : undefined };
}

/** The attribution so far: the first dated replacement starts from the holders the deal shows now. */
export function attributionOf(deal: Deal): Attribution {
  return deal.attribution ?? { owner: deal.owner, splits: deal.splits, replacements: [] };
}

/**
 * docs/rules.md "Dated, not sequenced": the departed rep is replaced from the departure's effectiveDate; what retires
 * dated before it still credits them. Owner and splits shown are those once every recorded replacement applies.
 */
export function replaceOnDeal(deal: Deal, r: Replacement): Deal {
  const attribution = withReplacement(attributionOf(deal), r);
  const latest = latestHolders(attribution);
  return {
    ...deal,
    attribution,
    owner: latest.owner,
    splits: latest.splits,
    departedReps: deal.departedReps.includes(r.departedRepId) ? deal.departedReps : [...deal.departedReps, r.departedRepId],
  };
}

/** A withdrawn departure: the rep holds their splits again. */
export function unreplaceOnDeal(deal: Deal, departedRepId: string): Deal {
  if (!deal.attribution) return deal;
  const attribution = withoutReplacement(deal.attribution, departedRepId);
  const latest = latestHolders(attribution);
  return { ...deal, attribution, owner: latest.owner, splits: latest.splits, departedReps: deal.departedReps.filter((id) => id !== departedRepId) };
}
