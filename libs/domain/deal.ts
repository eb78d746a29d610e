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
  /** The latest effectiveDate of a bonus event approved on the deal (a kill may not be dated on or before it). */
  latestBonusApproved?: IsoDate;
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

/**
 * docs/rules.md "Kill by date": on a killed deal, an item dated before the kill's effectiveDate proves something that
 * happened while the trial was alive and is still accepted; one dated on or after it is DEAL_KILLED. A closed deal is final.
 */
export function killedOn(deal: Pick<Deal, 'id' | 'status' | 'killed'>, effectiveDate: IsoDate): Refusal | null {
  if (deal.status === 'KILLED' && deal.killed && effectiveDate < deal.killed.effectiveDate) return null;
  if (deal.status === 'KILLED') {
    return refuse('DEAL_KILLED', `deal ${deal.id} was killed effective ${deal.killed?.effectiveDate ?? '(undated)'}; nothing dated ${effectiveDate} can retire on it`);
  }
  return activeRefusal(deal);
}

export interface ArtifactInput {
  gate: string;
  documentType: string;
  documentRef: string;
  artifact?: EvidenceArtifact;
  effectiveDate: IsoDate;
}

export function checkArtifactSubmission(deal: Deal, input: ArtifactInput): Refusal | null {
  const inactive = killedOn(deal, input.effectiveDate);
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
  const inactive = killedOn(deal, input.effectiveDate);
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

/** What approving would pay or credit: the gate's credit at the TCV in force on the artifact's date, or the bonus before any cap. */
export function amountIfApproved(deal: Deal, p: PendingApproval): MoneyString {
  if (p.kind === 'GATE') {
    const gate = deal.gates.find((g) => g.key === p.gate);
    return Money.format(new Dec(gate?.weight ?? 0).times(tcvInForceOn(deal, p.effectiveDate)));
  }
  return Money.format(bonusAmount(deal.plan, p.type as BonusType, p.quantity ?? 1));
}

/**
 * What the approve and reject rules read of a deal: enough to ask them from the read model too (the queue says who may
 * decide each item without a workflow query).
 */
export type DecisionContext = Pick<Deal, 'id' | 'status' | 'sourcedBy' | 'owner' | 'splits' | 'gates' | 'killed'> & {
  pending: Array<Pick<PendingApproval, 'approvalId' | 'kind' | 'gate' | 'submittedBy' | 'effectiveDate'>>;
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
  const p = findPending(deal, approvalId)!;
  const inactive = killedOn(deal, p.effectiveDate);
  if (inactive) return inactive;
  if (p.kind === 'GATE') {
    const index = deal.gates.findIndex((g) => g.key === p.gate);
    const open = deal.gates.slice(0, index).find((g) => g.status !== 'RETIRED');
    if (open) return refuse('GATE_OUT_OF_ORDER', `${p.gate} cannot retire before ${open.key}`);
  }
  return null;
}

/**
 * `byDate` (docs/rules.md "Who is credited"): the credit uses the TCV in force on the artifact's date. Without it (runs
 * recorded before dated descopes) the current TCV, whatever the artifact's date.
 */
export function approveGate(
  deal: Deal,
  approvalId: string,
  { byDate = true }: { byDate?: boolean } = {},
): { deal: Deal; retirement: GateRetirement; approval: PendingApproval } {
  const approval = findPending(deal, approvalId)!;
  const splits = deal.attribution ? holdersOn(deal.attribution, approval.effectiveDate).splits : deal.splits;
  const tcv = byDate ? tcvInForceOn(deal, approval.effectiveDate) : deal.tcv;
  const retirement = retireGate(deal.plan, approval.gate!, tcv, splits);
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
  const latestBonusApproved =
    deal.latestBonusApproved && deal.latestBonusApproved > approval.effectiveDate ? deal.latestBonusApproved : approval.effectiveDate;
  return { deal: { ...deal, pending: deal.pending.filter((p) => p.approvalId !== approvalId), latestBonusApproved }, allocations, approval };
}

export function rejectApproval(deal: Deal, approvalId: string): { deal: Deal; approval: PendingApproval } {
  const approval = findPending(deal, approvalId)!;
  return {
    deal: {
      ...deal,
      pending: deal.pending.filter((p) => p.approvalId !== approvalId),
      // On a killed deal a gate whose artifact is rejected goes back to CANCELLED: only an artifact dated before the kill proves it.
      gates: deal.gates.map((g) =>
        g.approvalId === approvalId && g.status === 'PENDING' ? { ...g, status: deal.status === 'KILLED' ? 'CANCELLED' : 'OPEN', approvalId: undefined } : g,
      ),
    },
    approval,
  };
}

/** A retired gate dated on or after `date`, if any: its credit never changes. */
function retiredOnOrAfter(deal: Pick<Deal, 'gates'>, date: IsoDate): DealGate | undefined {
  return deal.gates.find((g) => g.status === 'RETIRED' && g.retiredAt !== undefined && g.retiredAt >= date);
}

/**
 * docs/rules.md "Who is credited": a killed deal is not descoped; a descope dated on or before a retired gate's date is
 * refused (its credit never changes); the new TCV must be below the TCV in force on the descope's date. Without a date
 * (callers before dated descopes) the current TCV.
 */
export function checkDescope(deal: Deal, newTcv: string, effectiveDate?: IsoDate): Refusal | null {
  const inactive = activeRefusal(deal);
  if (inactive) return inactive;
  const value = new Dec(newTcv);
  if (value.lte(0)) return refuse('VALIDATION_FAILED', 'newTcv must be greater than 0');
  if (effectiveDate) {
    const retired = retiredOnOrAfter(deal, effectiveDate);
    if (retired) {
      return refuse(
        'DESCOPE_BEFORE_RETIRED_GATE',
        `${retired.key} retired effective ${retired.retiredAt}; a descope dated ${effectiveDate} would change credit already retired`,
      );
    }
  }
  const current = effectiveDate ? tcvInForceOn(deal, effectiveDate) : deal.tcv;
  if (value.gte(current)) {
    return refuse(
      'DESCOPE_NOT_A_REDUCTION',
      `newTcv ${newTcv} is not below the TCV ${current} in force${effectiveDate ? ` on ${effectiveDate}` : ''}; an increase of scope is a new EXPANSION deal`,
    );
  }
  return null;
}

/**
 * Gates whose artifact is dated on or after the descope's effectiveDate use the new TCV; retired credit never changes.
 * `byDate`: the deal's `tcv` is the TCV in force after every recorded descope by date (a descope dated before an
 * already recorded later one applies until that one's date); without it (runs recorded before dated descopes) the
 * last recorded descope's.
 */
export function descope(deal: Deal, newTcv: string, effectiveDate?: IsoDate, { byDate = true }: { byDate?: boolean } = {}): Deal {
  const tcv = Money.format(newTcv);
  if (!effectiveDate) return { ...deal, tcv };
  // A descope recorded before dates were kept has none: it counts from sourcing.
  const earlier = deal.descopes ?? (deal.tcv === deal.originalTcv ? [] : [{ effectiveDate: deal.sourcedAt, tcv: deal.tcv }]);
  const descopes = [...earlier, { effectiveDate, tcv }];
  return { ...deal, tcv: byDate ? latestTcv({ ...deal, descopes }) : tcv, descopes };
}

/** The TCV in force after every recorded descope: the one with the latest effectiveDate (the later recorded on a tie). */
export function latestTcv(deal: Pick<Deal, 'tcv' | 'originalTcv' | 'descopes'>): MoneyString {
  if (!deal.descopes || deal.descopes.length === 0) return deal.tcv;
  return tcvInForceOn(deal, deal.descopes.reduce((max, d) => (d.effectiveDate > max ? d.effectiveDate : max), deal.descopes[0].effectiveDate));
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

/**
 * docs/rules.md "Kill by date": a kill dated on or before a retired gate's or an approved bonus event's effectiveDate
 * is refused (KILL_BEFORE_RETIRED_GATE): what retired proves the trial was alive then. Without a date, the status only.
 */
export function checkKill(deal: Deal, effectiveDate?: IsoDate): Refusal | null {
  const inactive = activeRefusal(deal);
  if (inactive || !effectiveDate) return inactive;
  const retired = retiredOnOrAfter(deal, effectiveDate);
  if (retired) {
    return refuse('KILL_BEFORE_RETIRED_GATE', `${retired.key} retired effective ${retired.retiredAt}; a kill dated ${effectiveDate} is on or before it`);
  }
  if (deal.latestBonusApproved && deal.latestBonusApproved >= effectiveDate) {
    return refuse(
      'KILL_BEFORE_RETIRED_GATE',
      `a bonus event effective ${deal.latestBonusApproved} was approved; a kill dated ${effectiveDate} is on or before it`,
    );
  }
  return null;
}

/**
 * docs/rules.md "Kill by date": the deal becomes KILLED. Pending items dated on or after the kill are rejected; those
 * dated before it stay pending and may still be approved, and so may items dated before it submitted later. Gates
 * neither retired nor pending are CANCELLED (an artifact dated before the kill may still prove one). Nothing retired
 * is clawed back.
 */
export function killByDate(deal: Deal, effectiveDate: IsoDate, reason: string): { deal: Deal; rejected: PendingApproval[] } {
  const rejected = deal.pending.filter((p) => p.effectiveDate >= effectiveDate);
  const kept = deal.pending.filter((p) => p.effectiveDate < effectiveDate);
  const keptIds = new Set(kept.map((p) => p.approvalId));
  return {
    deal: {
      ...deal,
      status: 'KILLED',
      killed: { effectiveDate, reason },
      pending: kept,
      slip: undefined,
      gates: deal.gates.map((g) =>
        g.status === 'RETIRED' || (g.status === 'PENDING' && g.approvalId && keptIds.has(g.approvalId))
          ? g
          : { ...g, status: 'CANCELLED', approvalId: undefined },
      ),
    },
    rejected,
  };
}

/**
 * The v1 kill, kept for runs recorded before the kill by date: every gate not yet retired is cancelled and every
 * pending item rejected, whatever its date; nothing retired is clawed back.
 */
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
