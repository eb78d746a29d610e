import { Dec, Money, MoneyString } from './money';
import { Period, periodFromIndex, periodIndex } from './calendar';

/** k = 1..len(shares) for the periods after the departure period; 0 otherwise. */
export function trailingIndex(departurePeriod: Period, period: Period): number {
  return periodIndex(period) - periodIndex(departurePeriod);
}

export function isTrailingPeriod(departurePeriod: Period, period: Period, shares: string[]): boolean {
  const k = trailingIndex(departurePeriod, period);
  return k >= 1 && k <= shares.length;
}

/** rate × revenue × shares[k−1], rounded once. */
export function trailingCommission(rate: string, shares: string[], departurePeriod: Period, period: Period, revenue: string): MoneyString {
  if (!isTrailingPeriod(departurePeriod, period, shares)) return '0.00';
  const k = trailingIndex(departurePeriod, period);
  return Money.format(new Dec(rate).times(revenue).times(shares[k - 1]));
}

/** Net revenue recorded for one deal in one period (corrections included). */
export interface PeriodRevenue {
  dealId: string;
  period: Period;
  revenue: MoneyString;
}

export interface TrailingBase {
  /** The deal's net revenue recorded for the period. */
  revenue: MoneyString;
  /** The negative carry brought in from the deal's earlier trailing periods (0.00 or negative). */
  carryIn: MoneyString;
  /** What trailing is paid on: revenue + carryIn when positive, else 0.00. */
  base: MoneyString;
  /** Carried to the deal's next trailing period: revenue + carryIn when negative, else 0.00. */
  carryOut: MoneyString;
}

/**
 * docs/rules.md "Corrections": trailing of a period is computed on the deal's net revenue for that period plus any
 * negative carry; a negative sum pays nothing and is carried to the deal's next trailing period. The carry runs only
 * across the departed rep's trailing periods (k = 1..len(shares)): revenue outside them neither pays nor carries.
 * A function of the recorded revenue alone, so the order in which entries were recorded cannot change it.
 */
export function trailingBase(history: PeriodRevenue[], dealId: string, departurePeriod: Period, period: Period, shares: string[]): TrailingBase {
  const k = trailingIndex(departurePeriod, period);
  const net = (p: Period) => Money.sum(history.filter((h) => h.dealId === dealId && h.period === p).map((h) => h.revenue));
  let carry = new Dec(0);
  for (let i = 1; i < Math.min(k, shares.length + 1); i++) {
    const s = net(periodFromIndex(periodIndex(departurePeriod) + i)).plus(carry);
    carry = s.lt(0) ? s : new Dec(0);
  }
  const revenue = net(period);
  const sum = revenue.plus(carry);
  const inWindow = isTrailingPeriod(departurePeriod, period, shares);
  return {
    revenue: Money.format(revenue),
    carryIn: Money.format(inWindow ? carry : 0),
    base: Money.format(inWindow && sum.gt(0) ? sum : 0),
    carryOut: Money.format(inWindow && sum.lt(0) ? sum : 0),
  };
}
