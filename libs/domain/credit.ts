import { Dec, Money, MoneyString } from './money';
import { CreditSplit, eligibleSplits } from './splits';
import { PlanParams, gateDefinition, BonusType, QUANTITY_BONUS_TYPES } from './plan';

export interface GatePosting {
  repId: string;
  role: string;
  share: string;
  credit: MoneyString;
  commission: MoneyString;
}

export interface GateRetirement {
  gateKey: string;
  /** weight × TCV, the deal-level credit of the gate. */
  dealCredit: MoneyString;
  postings: GatePosting[];
}

/** Quota credit and commission per eligible recipient; each figure is the exact product rounded once. */
export function retireGate(plan: PlanParams, gateKey: string, tcv: string, splits: CreditSplit[]): GateRetirement {
  const gate = gateDefinition(plan, gateKey);
  if (!gate) throw new Error(`the plan has no gate ${gateKey}`);
  const gateCredit = new Dec(gate.weight).times(tcv);
  const postings = eligibleSplits(splits, gateKey).map((s) => ({
    repId: s.repId,
    role: s.role,
    share: s.share,
    credit: Money.format(gateCredit.times(s.share)),
    commission: Money.format(gateCredit.times(s.share).times(plan.commissionRate)),
  }));
  return { gateKey, dealCredit: Money.format(gateCredit), postings };
}

export function bonusAmount(plan: PlanParams, type: BonusType, quantity: number): Dec {
  return new Dec(plan.bonuses[type]).times(quantity);
}

export function isQuantityBonus(type: BonusType): boolean {
  return QUANTITY_BONUS_TYPES.includes(type);
}

export interface BonusRecipient {
  repId: string;
  share: string;
}

export interface BonusAllocation {
  repId: string;
  amount: MoneyString;
}

/** unit × quantity × share for each recipient, rounded once; the owner takes it all when no recipients are named. */
export function allocateBonus(
  plan: PlanParams,
  type: BonusType,
  quantity: number,
  owner: string,
  recipients?: BonusRecipient[],
): BonusAllocation[] {
  const amount = bonusAmount(plan, type, quantity);
  const who = recipients && recipients.length > 0 ? recipients : [{ repId: owner, share: '1' }];
  return who.map((r) => ({ repId: r.repId, amount: Money.format(amount.times(r.share)) }));
}

export function bonusRecipientProblems(recipients: BonusRecipient[], splitRepIds: string[]): string[] {
  const problems: string[] = [];
  const sum = recipients.reduce((acc, r) => acc.plus(r.share), new Dec(0));
  if (!sum.equals(1)) problems.push(`recipients: shares sum to ${sum.toString()}, not 1`);
  recipients.forEach((r, i) => {
    if (!splitRepIds.includes(r.repId)) problems.push(`recipients[${i}].repId: ${r.repId} is not a split recipient of the deal`);
    const share = new Dec(r.share);
    if (share.lte(0) || share.gt(1)) problems.push(`recipients[${i}].share: must be in (0, 1]`);
  });
  if (new Set(recipients.map((r) => r.repId)).size !== recipients.length) problems.push('recipients: each rep at most once');
  return problems;
}

export interface CappedBonus {
  paid: MoneyString;
  capped: MoneyString;
}

/** The part of a bonus above what is left of the rep's annual cap is recorded as capped, not paid. */
export function applyAnnualCap(cap: string, alreadyPaidThisYear: string, amount: string): CappedBonus {
  const room = Money.max(new Dec(cap).minus(alreadyPaidThisYear), new Dec(0));
  const paid = Money.min(room, new Dec(amount));
  return { paid: Money.format(paid), capped: Money.format(new Dec(amount).minus(paid)) };
}
