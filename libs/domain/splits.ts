import { Dec } from './money';

export const SPLIT_ROLES = ['AE', 'SCIENTIFIC_LIAISON', 'BDR', 'ACCOUNT_MANAGER'] as const;
export type SplitRole = (typeof SPLIT_ROLES)[number];

export interface CreditSplit {
  repId: string;
  role: SplitRole;
  share: string;
  /** Gate keys this recipient is credited on; absent means every gate. */
  gates?: string[];
}

export function isEligible(split: CreditSplit, gateKey: string): boolean {
  return !split.gates || split.gates.includes(gateKey);
}

export function eligibleSplits(splits: CreditSplit[], gateKey: string): CreditSplit[] {
  return splits.filter((s) => isEligible(s, gateKey));
}

/** For every gate, the shares of the eligible recipients must sum to exactly 1. */
export function splitProblems(splits: CreditSplit[], gateKeys: string[]): string[] {
  const problems: string[] = [];
  if (splits.length === 0) problems.push('splits: at least one recipient is required');
  splits.forEach((s, i) => {
    const share = new Dec(s.share);
    if (share.lte(0) || share.gt(1)) problems.push(`splits[${i}].share: must be in (0, 1]`);
    for (const g of s.gates ?? []) {
      if (!gateKeys.includes(g)) problems.push(`splits[${i}].gates: unknown gate ${g}`);
    }
    if (s.gates && s.gates.length === 0) problems.push(`splits[${i}].gates: omit it for every gate, or name at least one`);
  });
  const seen = new Set<string>();
  splits.forEach((s, i) => {
    const key = `${s.repId}|${s.role}`;
    if (seen.has(key)) problems.push(`splits[${i}]: ${s.repId} appears twice with role ${s.role}`);
    seen.add(key);
  });
  for (const gate of gateKeys) {
    const sum = eligibleSplits(splits, gate).reduce((acc, s) => acc.plus(s.share), new Dec(0));
    if (!sum.equals(1)) problems.push(`splits: shares eligible for ${gate} sum to ${sum.toString()}, not 1`);
  }
  return problems;
}

/**
 * The departed rep is replaced by the new owner in every split. Where the new owner already holds a
 * split with the same role and gates, the two merge so the per-gate sums stay exactly 1.
 */
export function reassignSplits(splits: CreditSplit[], departedRepId: string, newOwner: string): CreditSplit[] {
  const replaced = splits.map((s) => (s.repId === departedRepId ? { ...s, repId: newOwner } : s));
  const merged: CreditSplit[] = [];
  for (const s of replaced) {
    const twin = merged.find(
      (m) => m.repId === s.repId && m.role === s.role && sameGates(m.gates, s.gates),
    );
    if (twin) twin.share = new Dec(twin.share).plus(s.share).toString();
    else merged.push({ ...s });
  }
  return merged;
}

function sameGates(a?: string[], b?: string[]): boolean {
  if (!a || !b) return !a && !b;
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

export function splitRecipients(splits: CreditSplit[]): string[] {
  return [...new Set(splits.map((s) => s.repId))];
}
