import { Dec, Money, MoneyString } from './money';
import { IsoDate, addYears, periodOf, Period } from './calendar';

export interface RetentionYear {
  year: number;
  amount: string;
}

export function anniversary(hireDate: IsoDate, year: number): IsoDate {
  return addYears(hireDate, year);
}

/** Retention years whose anniversary falls in the period. */
export function retentionYearsDue(hireDate: IsoDate, years: RetentionYear[], period: Period): RetentionYear[] {
  return years.filter((y) => periodOf(anniversary(hireDate, y.year)) === period);
}

/** A rep is active on a date when no departure is effective on or before it. */
export function isActiveOn(date: IsoDate, departureDate?: IsoDate): boolean {
  return !departureDate || departureDate > date;
}

/** amount × min(1, g / gatesTarget), g = gates retired on sourced deals in [anniversary − 1 year, anniversary). */
export function vestRetention(
  hireDate: IsoDate,
  retentionYear: RetentionYear,
  gatesTarget: number,
  sourcedGateDates: IsoDate[],
): { anniversary: IsoDate; gates: number; amount: MoneyString } {
  const due = anniversary(hireDate, retentionYear.year);
  const from = addYears(due, -1);
  const gates = sourcedGateDates.filter((d) => d >= from && d < due).length;
  // amount × g / target in one exact step (a rounded g / target could tip a half-cent tie), capped at the amount.
  const full = new Dec(retentionYear.amount);
  const vested = gates >= gatesTarget ? full : full.times(gates).dividedBy(gatesTarget);
  return { anniversary: due, gates, amount: Money.format(vested) };
}
