import { IsoDate } from './calendar';
import { Dec, Money, MoneyString } from './money';
import { CreditSplit, reassignSplits } from './splits';
import { BonusRecipient } from './credit';

/**
 * docs/rules.md "Business time and attribution": who holds a deal's splits on a date is a function of the dated
 * departures, whatever order they were recorded in. A replacement takes the departed rep's place from its
 * effectiveDate; without `newOwner` (a deal the departure did not name) their shares pass to the deal's owner as it
 * stands on that date.
 */
export interface Replacement {
  departedRepId: string;
  newOwner?: string;
  effectiveDate: IsoDate;
}

export interface Holders {
  owner: string;
  splits: CreditSplit[];
}

/** The holders as the deal was created (or as they stood when the first dated replacement was recorded), and the replacements. */
export interface Attribution extends Holders {
  replacements: Replacement[];
}

/** Date order, then the departed rep's id: a total order, so the result never depends on the recording order. */
export function replacementsInOrder(replacements: Replacement[]): Replacement[] {
  return [...replacements].sort((a, b) =>
    a.effectiveDate === b.effectiveDate ? a.departedRepId.localeCompare(b.departedRepId) : a.effectiveDate < b.effectiveDate ? -1 : 1,
  );
}

/** Who takes the departed rep's place: the named successor, else the owner at that point (never the departed rep). */
function successorAt(holders: Holders, r: Replacement): string | undefined {
  const who = r.newOwner ?? holders.owner;
  return who === r.departedRepId ? undefined : who;
}

function applyReplacement(holders: Holders, r: Replacement): Holders {
  const successor = successorAt(holders, r);
  if (!successor) return holders;
  return {
    owner: holders.owner === r.departedRepId ? successor : holders.owner,
    splits: reassignSplits(holders.splits, r.departedRepId, successor),
  };
}

/** The owner and splits in force on `date`: every replacement dated on or before it applies, in date order. */
export function holdersOn(attribution: Attribution, date: IsoDate): Holders {
  let holders: Holders = { owner: attribution.owner, splits: attribution.splits };
  for (const r of replacementsInOrder(attribution.replacements)) {
    if (r.effectiveDate > date) break;
    holders = applyReplacement(holders, r);
  }
  return holders;
}

/** The holders once every recorded replacement applies (what the deal shows as its current owner and splits). */
export function latestHolders(attribution: Attribution): Holders {
  return holdersOn(attribution, '9999-12-31');
}

/**
 * Who is credited on `date` for what `repId` held: `repId` itself unless a replacement dated on or before `date`
 * replaced them, followed along a chain of departures (the successor may have departed too).
 */
export function successorOn(attribution: Attribution, repId: string, date: IsoDate): string {
  let holders: Holders = { owner: attribution.owner, splits: attribution.splits };
  let current = repId;
  for (const r of replacementsInOrder(attribution.replacements)) {
    if (r.effectiveDate > date) break;
    const successor = successorAt(holders, r);
    if (r.departedRepId === current && successor) current = successor;
    holders = applyReplacement(holders, r);
  }
  return current;
}

/** Named bonus recipients as they stood on the event's date; two who end up the same rep merge (shares add). */
export function recipientsOn(attribution: Attribution, recipients: BonusRecipient[], date: IsoDate): BonusRecipient[] {
  const merged = new Map<string, Dec>();
  for (const r of recipients) {
    const who = successorOn(attribution, r.repId, date);
    merged.set(who, (merged.get(who) ?? new Dec(0)).plus(r.share));
  }
  return [...merged].map(([repId, share]) => ({ repId, share: share.toString() }));
}

/** Adds a replacement (a repeat of the same one is a no-op, so a re-delivered fact changes nothing). */
export function withReplacement(attribution: Attribution, r: Replacement): Attribution {
  const same = attribution.replacements.some(
    (x) => x.departedRepId === r.departedRepId && x.effectiveDate === r.effectiveDate && x.newOwner === r.newOwner,
  );
  return same ? attribution : { ...attribution, replacements: [...attribution.replacements, r] };
}

/** Removes a withdrawn departure's replacement. */
export function withoutReplacement(attribution: Attribution, departedRepId: string): Attribution {
  return { ...attribution, replacements: attribution.replacements.filter((r) => r.departedRepId !== departedRepId) };
}

/** A credit, commission or bonus as the ledger holds it, for re-attribution. */
export interface PostedEntry {
  key: string;
  kind: string;
  repId: string;
  effectiveDate: IsoDate;
  amount: MoneyString;
}

export interface Reattribution {
  original: PostedEntry;
  /** The equal negative posting for the rep credited, keyed as the original plus `:reversal`. */
  reversal: PostedEntry;
  /** The same amount for the rep who held the split on the entry's date. */
  repost: PostedEntry;
}

/** The derived keys: append-only, so a retry or a replay writes nothing twice. */
export const reversalKey = (originalKey: string) => `${originalKey}:reversal`;
export const repostKey = (originalKey: string, repId: string) => `${originalKey}:to:${repId}`;

/**
 * Live entries (not reversed, not reversals) credited to someone who, by the dated replacements, did not hold the
 * split on the entry's date: each is reversed and re-posted to the rep who did. Pure: the ledger writes the result.
 */
export function reattributions(attribution: Attribution, live: PostedEntry[]): Reattribution[] {
  const out: Reattribution[] = [];
  for (const e of live) {
    const holder = successorOn(attribution, e.repId, e.effectiveDate);
    if (holder === e.repId) continue;
    out.push({
      original: e,
      reversal: { ...e, key: reversalKey(e.key), amount: Money.format(new Dec(e.amount).negated()) },
      repost: { ...e, key: repostKey(e.key, holder), repId: holder },
    });
  }
  return out;
}

/** A deal as a departure sees it: who owns it now, who holds its splits, whether it is still open. */
export interface DealOnDeparture {
  id: string;
  owner: string;
  status: 'ACTIVE' | 'KILLED' | 'CLOSED';
  splits: CreditSplit[];
}

/**
 * docs/rules.md "Departure replaces the rep": every ACTIVE or KILLED deal the departing rep owns must be named
 * (`missing`, refused REASSIGNMENT_REQUIRED); on one not named where they only hold a split, their shares pass to the
 * owner (`handovers`). A CLOSED deal is never named and never changes.
 */
export function departureCoverage(repId: string, deals: DealOnDeparture[], named: string[]): { missing: string[]; handovers: string[] } {
  const open = deals.filter((d) => d.status !== 'CLOSED' && !named.includes(d.id));
  return {
    missing: open.filter((d) => d.owner === repId).map((d) => d.id).sort(),
    handovers: open.filter((d) => d.owner !== repId && d.splits.some((s) => s.repId === repId)).map((d) => d.id).sort(),
  };
}
