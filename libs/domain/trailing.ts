import { Dec, Money, MoneyString } from './money';
import { Period, periodIndex } from './calendar';

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
