import { IsoDate, Period, periodEnd } from '../calendar';
import { Dec, Money, MoneyString } from '../money';

/**
 * docs/rules.md "Commission expense (ASC 340-40)": one deal's capitalized commission in one period, from the facts
 * recorded for it. Every input is exact (money strings); the only rounding is the amortization's, half-even to cents.
 */
export interface DealPeriodFacts {
  dealId: string;
  /** The deal's balance after the previous period (0 for a deal new to the book). */
  opening: MoneyString;
  /** Capitalized gate commission posted to any recipient in the period, reversals included (signed). */
  additions: MoneyString;
  /** The deal's net revenue recorded for the period (a negative net counts as 0). */
  revenue: MoneyString;
  /** The deal's net revenue recorded for the periods before this one. */
  revenueBefore: MoneyString;
  /** The TCV in force on the period's last day. */
  tcv: MoneyString;
  /** The kill's effectiveDate, if the deal was killed. */
  killedOn?: IsoDate;
  /** Finance closed the deal before this period's close. */
  closedByFinance: boolean;
}

export interface CommissionAssetRow {
  dealId: string;
  opening: MoneyString;
  additions: MoneyString;
  amortization: MoneyString;
  impairment: MoneyString;
  closing: MoneyString;
}

export type CommissionAssetTotals = Omit<CommissionAssetRow, 'dealId'>;

/** The deal's movements in the period; `closing` is what the next period opens with. */
export function commissionAssetFor(period: Period, facts: DealPeriodFacts): CommissionAssetRow {
  const a = new Dec(facts.opening).plus(facts.additions);
  const revenue = Dec.max(new Dec(facts.revenue), 0);
  const remaining = new Dec(facts.tcv).minus(facts.revenueBefore);
  let amortization = new Dec(0);
  let impairment = new Dec(0);
  if (facts.killedOn !== undefined && facts.killedOn <= periodEnd(period)) impairment = a;
  // A negative balance can only come from a reversal without its re-post: expensed at once rather than carried.
  else if (facts.closedByFinance || remaining.lte(revenue) || a.isNegative()) amortization = a;
  else amortization = a.times(revenue).dividedBy(remaining);
  const amortized = new Dec(Money.format(amortization));
  return {
    dealId: facts.dealId,
    opening: Money.format(facts.opening),
    additions: Money.format(facts.additions),
    amortization: Money.format(amortized),
    impairment: Money.format(impairment),
    closing: Money.format(a.minus(amortized).minus(impairment)),
  };
}

/** docs/rules.md: the report lists every deal with a non-zero figure in the period or a non-zero balance. */
export function isReported(row: CommissionAssetRow): boolean {
  return [row.opening, row.additions, row.amortization, row.impairment, row.closing].some((v) => !new Dec(v).isZero());
}

export function commissionAssetTotals(rows: CommissionAssetRow[]): CommissionAssetTotals {
  const sum = (pick: (r: CommissionAssetRow) => string) => Money.format(Money.sum(rows.map(pick)));
  return {
    opening: sum((r) => r.opening),
    additions: sum((r) => r.additions),
    amortization: sum((r) => r.amortization),
    impairment: sum((r) => r.impairment),
    closing: sum((r) => r.closing),
  };
}

/** opening + additions − amortization − impairment = closing. */
export function rollsForward(row: CommissionAssetTotals): boolean {
  return new Dec(row.opening).plus(row.additions).minus(row.amortization).minus(row.impairment).equals(row.closing);
}
