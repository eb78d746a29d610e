import fc from 'fast-check';
import {
  addDays,
  addMonths,
  addYears,
  compareDates,
  comparePeriods,
  dateOfInstant,
  isIsoDate,
  isPeriod,
  makeDate,
  maxDate,
  nextPeriod,
  periodEnd,
  periodFromIndex,
  periodIndex,
  periodOf,
  periodRange,
  periodStart,
  wholeMonthsBetween,
  yearOf,
} from '../../libs/domain';

const periodArb = fc.tuple(fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}-Q${q}`);
const dateArb = fc
  .date({ min: new Date(Date.UTC(1990, 0, 1)), max: new Date(Date.UTC(2150, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

describe('periodOf', () => {
  it.each([
    ['2027-01-01', '2027-Q1'],
    ['2027-03-31', '2027-Q1'],
    ['2027-04-01', '2027-Q2'],
    ['2027-06-30', '2027-Q2'],
    ['2027-07-01', '2027-Q3'],
    ['2027-08-16', '2027-Q3'],
    ['2027-09-30', '2027-Q3'],
    ['2027-10-01', '2027-Q4'],
    ['2027-12-31', '2027-Q4'],
    ['2028-02-29', '2028-Q1'],
    ['2029-04-02', '2029-Q2'],
  ])('%s is in %s', (date, period) => {
    expect(periodOf(date)).toBe(period);
  });

  it('refuses a non-date', () => {
    expect(() => periodOf('2027/01/01')).toThrow();
    expect(() => periodOf('27-1-1')).toThrow();
  });
});

describe('periodIndex and periodFromIndex', () => {
  it('is year × 4 + quarter − 1', () => {
    expect(periodIndex('2027-Q1')).toBe(2027 * 4);
    expect(periodIndex('2027-Q4')).toBe(2027 * 4 + 3);
    expect(periodIndex('2028-Q1') - periodIndex('2027-Q4')).toBe(1);
    expect(periodIndex('2029-Q1') - periodIndex('2027-Q1')).toBe(8);
    expect(periodFromIndex(2027 * 4 + 2)).toBe('2027-Q3');
  });

  it('refuses malformed periods', () => {
    expect(() => periodIndex('2027-Q5')).toThrow();
    expect(() => periodIndex('2027-Q0')).toThrow();
    expect(() => periodIndex('2027Q1')).toThrow();
  });

  it('round-trips', () => {
    fc.assert(
      fc.property(periodArb, (p) => {
        expect(periodFromIndex(periodIndex(p))).toBe(p);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1900 * 4, max: 2200 * 4 }), (i) => {
        expect(periodIndex(periodFromIndex(i))).toBe(i);
      }),
    );
  });
});

describe('nextPeriod, comparePeriods, periodRange', () => {
  it('crosses the year end', () => {
    expect(nextPeriod('2027-Q4')).toBe('2028-Q1');
    expect(nextPeriod('2027-Q1')).toBe('2027-Q2');
    expect(nextPeriod('2028-Q3')).toBe('2028-Q4');
  });

  it('orders periods by time, not by text', () => {
    expect(comparePeriods('2027-Q4', '2028-Q1')).toBeLessThan(0);
    expect(comparePeriods('2029-Q1', '2028-Q4')).toBeGreaterThan(0);
    expect(comparePeriods('2028-Q2', '2028-Q2')).toBe(0);
  });

  it('lists every period, both ends included', () => {
    expect(periodRange('2027-Q1', '2029-Q1')).toEqual([
      '2027-Q1',
      '2027-Q2',
      '2027-Q3',
      '2027-Q4',
      '2028-Q1',
      '2028-Q2',
      '2028-Q3',
      '2028-Q4',
      '2029-Q1',
    ]);
    expect(periodRange('2027-Q3', '2027-Q3')).toEqual(['2027-Q3']);
    expect(periodRange('2028-Q1', '2027-Q4')).toEqual([]);
  });
});

describe('periodStart and periodEnd', () => {
  it.each([
    ['2027-Q1', '2027-01-01', '2027-03-31'],
    ['2027-Q2', '2027-04-01', '2027-06-30'],
    ['2027-Q3', '2027-07-01', '2027-09-30'],
    ['2027-Q4', '2027-10-01', '2027-12-31'],
    ['2028-Q1', '2028-01-01', '2028-03-31'],
  ])('%s runs from %s to %s', (p, start, end) => {
    expect(periodStart(p)).toBe(start);
    expect(periodEnd(p)).toBe(end);
  });

  it('tiles the calendar: the day after a period ends starts the next period', () => {
    fc.assert(
      fc.property(periodArb, (p) => {
        expect(periodOf(periodStart(p))).toBe(p);
        expect(periodOf(periodEnd(p))).toBe(p);
        expect(addDays(periodEnd(p), 1)).toBe(periodStart(nextPeriod(p)));
        expect(periodOf(addDays(periodStart(p), -1))).toBe(periodFromIndex(periodIndex(p) - 1));
      }),
    );
  });
});

describe('addMonths and addYears', () => {
  it.each([
    ['2027-01-31', 1, '2027-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2027-01-31', 2, '2027-03-31'],
    ['2027-03-31', 1, '2027-04-30'],
    ['2027-08-31', 1, '2027-09-30'],
    ['2027-01-15', 6, '2027-07-15'],
    ['2027-07-15', 6, '2028-01-15'],
    ['2027-11-30', 3, '2028-02-29'],
    ['2027-12-15', 1, '2028-01-15'],
    ['2027-01-15', -1, '2026-12-15'],
    ['2027-03-31', -1, '2027-02-28'],
    ['2027-01-15', 0, '2027-01-15'],
    ['2027-01-15', 24, '2029-01-15'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2028-02-29', 1, '2029-02-28'],
    ['2028-02-29', 4, '2032-02-29'],
    ['2028-02-29', -1, '2027-02-28'],
    ['2027-01-01', 2, '2029-01-01'],
    ['2029-01-01', -1, '2028-01-01'],
  ])('%s + %i years = %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });

  it('always yields a valid date, never past the target month', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: -300, max: 300 }), (d, n) => {
        const out = addMonths(d, n);
        expect(isIsoDate(out)).toBe(true);
        const monthsApart = (Number(out.slice(0, 4)) - Number(d.slice(0, 4))) * 12 + Number(out.slice(5, 7)) - Number(d.slice(5, 7));
        expect(monthsApart).toBe(n);
        expect(Number(out.slice(8))).toBeLessThanOrEqual(Number(d.slice(8)));
      }),
    );
  });
});

describe('wholeMonthsBetween', () => {
  it.each([
    ['2027-01-01', '2028-01-01', 12],
    ['2027-01-01', '2029-01-01', 24],
    ['2027-01-02', '2028-01-01', 11],
    ['2027-03-15', '2028-01-01', 9],
    ['2027-01-15', '2027-02-14', 0],
    ['2027-01-15', '2027-02-15', 1],
    ['2027-01-31', '2027-02-28', 1],
    ['2027-01-31', '2027-02-27', 0],
    ['2027-01-31', '2027-03-01', 1],
    ['2027-01-31', '2027-03-30', 1],
    ['2027-01-31', '2027-03-31', 2],
    ['2026-12-31', '2027-01-01', 0],
    ['2027-05-01', '2027-05-01', 0],
    ['2027-06-01', '2027-05-01', 0],
  ])('%s → %s: %i whole months', (from, to, months) => {
    expect(wholeMonthsBetween(from, to)).toBe(months);
  });

  it('is the largest n with from + n months ≤ to', () => {
    fc.assert(
      fc.property(dateArb, dateArb, (a, b) => {
        const n = wholeMonthsBetween(a, b);
        if (b <= a) {
          expect(n).toBe(0);
          return;
        }
        expect(addMonths(a, n) <= b).toBe(true);
        expect(addMonths(a, n + 1) > b).toBe(true);
      }),
    );
  });
});

describe('date helpers', () => {
  it('validates ISO dates and periods', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-13-01')).toBe(false);
    expect(isIsoDate('2027-04-31')).toBe(false);
    expect(isIsoDate('2027-4-1')).toBe(false);
    expect(isIsoDate(20270401)).toBe(false);
    expect(isPeriod('2027-Q3')).toBe(true);
    expect(isPeriod('2027-Q5')).toBe(false);
    expect(isPeriod('2027-q3')).toBe(false);
  });

  it('addDays, compare, max, makeDate, yearOf, dateOfInstant', () => {
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(compareDates('2027-01-02', '2027-01-10')).toBe(-1);
    expect(compareDates('2027-01-10', '2027-01-10')).toBe(0);
    expect(compareDates('2027-02-01', '2027-01-10')).toBe(1);
    expect(maxDate('2027-01-01', '2026-12-31')).toBe('2027-01-01');
    expect(makeDate(2027, 3, 5)).toBe('2027-03-05');
    expect(yearOf('2028-02-29')).toBe(2028);
    // UTC, whatever the local zone: 23:30 UTC on Dec 31 is still Dec 31.
    expect(dateOfInstant(Date.UTC(2027, 11, 31, 23, 30))).toBe('2027-12-31');
  });
});
