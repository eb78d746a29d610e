/** ISO calendar dates (YYYY-MM-DD) and UTC calendar quarters (YYYY-Qn), as plain strings. */
export type IsoDate = string;
export type Period = string;

const PERIOD_PATTERN = /^(\d{4})-Q([1-4])$/;

export function isIsoDate(value: unknown): value is IsoDate {
  const read = typeof value === 'string' ? readDate(value) : undefined;
  if (!read) return false;
  const [y, mo, d] = read;
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function isPeriod(value: unknown): value is Period {
  return typeof value === 'string' && PERIOD_PATTERN.test(value);
}

function parts(date: IsoDate): [number, number, number] {
  const read = readDate(date);
  if (!read) throw new Error(`not an ISO date: ${date}`);
  return read;
}

/** YYYY-MM-DD read by char code: the forecast splits tens of thousands of dates per request, and a RegExp match per date was a fifth of its time. */
function readDate(text: string): [number, number, number] | undefined {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  return year < 0 || month < 0 || day < 0 ? undefined : [year, month, day];
}

/** The number the digits spell, or -1 when a character is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function makeDate(year: number, month: number, day: number): IsoDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function periodOf(date: IsoDate): Period {
  const [y, m] = parts(date);
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

/** periodIndex(periodOf(date)) without the string in between (the forecast takes it for every gate of the book). */
export function periodIndexOf(date: IsoDate): number {
  const [y, m] = parts(date);
  return y * 4 + Math.floor((m - 1) / 3);
}

/** A period as a single integer (year × 4 + quarter − 1), for ordering and distances. */
export function periodIndex(period: Period): number {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) throw new Error(`not a period: ${period}`);
  return Number(m[1]) * 4 + Number(m[2]) - 1;
}

export function periodFromIndex(index: number): Period {
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

export function nextPeriod(period: Period): Period {
  return periodFromIndex(periodIndex(period) + 1);
}

export function comparePeriods(a: Period, b: Period): number {
  return periodIndex(a) - periodIndex(b);
}

export function periodStart(period: Period): IsoDate {
  const index = periodIndex(period);
  return makeDate(Math.floor(index / 4), (index % 4) * 3 + 1, 1);
}

export function periodEnd(period: Period): IsoDate {
  const index = periodIndex(period);
  const year = Math.floor(index / 4);
  const month = (index % 4) * 3 + 3;
  return makeDate(year, month, daysInMonth(year, month));
}

/** Every period from `from` to `to`, both included. */
export function periodRange(from: Period, to: Period): Period[] {
  const out: Period[] = [];
  for (let i = periodIndex(from); i <= periodIndex(to); i++) out.push(periodFromIndex(i));
  return out;
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/** Adds calendar months, clamping the day to the target month's end (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = parts(date);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return makeDate(year, month, Math.min(d, daysInMonth(year, month)));
}

export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return makeDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole calendar months completed from `from` to `to` (0 when `to` is not after `from`). */
export function wholeMonthsBetween(from: IsoDate, to: IsoDate): number {
  if (to <= from) return 0;
  const [fy, fm] = parts(from);
  const [ty, tm] = parts(to);
  let months = (ty - fy) * 12 + (tm - fm);
  if (addMonths(from, months) > to) months -= 1;
  return Math.max(0, months);
}

/** The UTC date of an instant. */
export function dateOfInstant(epochMs: number): IsoDate {
  const t = new Date(epochMs);
  return makeDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export function yearOf(date: IsoDate): number {
  return parts(date)[0];
}
