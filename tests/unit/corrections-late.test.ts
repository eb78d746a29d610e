import fc from 'fast-check';
import {
  checkRevenue,
  closeRepPeriod,
  Dec,
  isLatePosting,
  PeriodRevenue,
  periodFromIndex,
  periodIndex,
  recordRevenue,
  trailingBase,
} from '../../libs/domain';
import { cents, Exact, referenceDeal, referencePlan } from './fixtures';

const SHARES = ['1.00', '0.75', '0.50', '0.25'];
const DEPARTED = '2029-Q2';
const k = (n: number) => periodFromIndex(periodIndex(DEPARTED) + n);

/** docs/rules.md "Corrections" (revenue): negative entries, the floor at zero, trailing on net revenue with a negative carry. */
describe('revenue corrections', () => {
  it('accepts a negative amount as a correction while the total stays at or above zero', () => {
    const deal = recordRevenue(referenceDeal(), '1000.00');
    expect(checkRevenue(deal, '-400.00')).toBeNull();
    expect(checkRevenue(deal, '-1000.00')).toBeNull();
    expect(recordRevenue(deal, '-1000.00').revenueRecognized).toBe('0.00');
  });

  it('refuses a correction that takes the total below zero (REVENUE_BELOW_ZERO) and a zero amount', () => {
    const deal = recordRevenue(referenceDeal(), '1000.00');
    expect(checkRevenue(deal, '-1000.01')).toMatchObject({ code: 'REVENUE_BELOW_ZERO' });
    expect(checkRevenue(referenceDeal(), '-0.01')).toMatchObject({ code: 'REVENUE_BELOW_ZERO' });
    expect(checkRevenue(deal, '0.00')).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('pays no trailing on a negative net period and carries it to the next trailing period', () => {
    const history: PeriodRevenue[] = [
      { dealId: 'D', period: k(1), revenue: '100000.00' },
      { dealId: 'D', period: k(1), revenue: '-130000.00' },
      { dealId: 'D', period: k(2), revenue: '50000.00' },
    ];
    expect(trailingBase(history, 'D', DEPARTED, k(1), SHARES)).toEqual({ revenue: '-30000.00', carryIn: '0.00', base: '0.00', carryOut: '-30000.00' });
    expect(trailingBase(history, 'D', DEPARTED, k(2), SHARES)).toEqual({ revenue: '50000.00', carryIn: '-30000.00', base: '20000.00', carryOut: '0.00' });
  });

  it('carries only across the trailing periods: revenue before or after them neither pays nor carries', () => {
    const history: PeriodRevenue[] = [
      { dealId: 'D', period: DEPARTED, revenue: '-50000.00' }, // the departure period itself: outside the window
      { dealId: 'D', period: k(1), revenue: '10000.00' },
      { dealId: 'D', period: k(4), revenue: '-10000.00' },
      { dealId: 'D', period: k(5), revenue: '40000.00' },
    ];
    expect(trailingBase(history, 'D', DEPARTED, k(1), SHARES)).toMatchObject({ carryIn: '0.00', base: '10000.00' });
    expect(trailingBase(history, 'D', DEPARTED, k(5), SHARES)).toMatchObject({ carryIn: '0.00', base: '0.00', carryOut: '0.00' });
    expect(trailingBase(history, 'D', DEPARTED, DEPARTED, SHARES)).toMatchObject({ base: '0.00', carryOut: '0.00' });
  });

  it('keeps each deal\'s carry to itself', () => {
    const history: PeriodRevenue[] = [
      { dealId: 'A', period: k(1), revenue: '-5000.00' },
      { dealId: 'B', period: k(2), revenue: '8000.00' },
    ];
    expect(trailingBase(history, 'B', DEPARTED, k(2), SHARES)).toMatchObject({ carryIn: '0.00', base: '8000.00' });
  });

  it('a departed rep\'s statement pays trailing on net revenue plus the carry', () => {
    const plan = referencePlan();
    const history: PeriodRevenue[] = [
      { dealId: 'D', period: k(1), revenue: '100000.00' },
      { dealId: 'D', period: k(1), revenue: '-130000.00' },
      { dealId: 'D', period: k(2), revenue: '50000.00' },
    ];
    const close = (period: string, revenue: string) =>
      closeRepPeriod({
        repId: 'r',
        period,
        hireDate: '2027-01-01',
        quarterlyDraw: '0.00',
        plan,
        balanceBefore: '0.00',
        departure: { effectiveDate: '2029-05-01', goodStanding: true },
        commissions: [],
        designWins: [],
        sourcedGateDates: [],
        sourcedRevenue: [{ dealId: 'D', revenue }],
        sourcedRevenueHistory: history.filter((h) => periodIndex(h.period) <= periodIndex(period)),
      }).statement;
    const q1 = close(k(1), '-30000.00');
    expect(q1.trailingCommission).toBe('0.00');
    expect(q1.totalPayout).toBe('0.00');
    expect(q1.lines).toContainEqual(expect.objectContaining({ kind: 'TRAILING_COMMISSION', amount: '0.00', note: expect.stringContaining('-30000.00 carried') }));
    // 0.02 × (50000 − 30000) × 0.75
    expect(close(k(2), '50000.00').trailingCommission).toBe('300.00');
  });

  it('property: trailing bases are never negative and never exceed the window\'s net positive revenue; carries are never positive', () => {
    const entry = fc.record({
      dealId: fc.constantFrom('A', 'B'),
      period: fc.integer({ min: 0, max: 6 }).map((n) => periodFromIndex(periodIndex(DEPARTED) + n)),
      revenue: fc.integer({ min: -5_000_000, max: 5_000_000 }).map((c) => cents(new Exact(c).dividedBy(100))),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 20 }), (history) => {
        for (const dealId of ['A', 'B']) {
          let paidOn = new Dec(0);
          for (let n = 1; n <= SHARES.length; n++) {
            const t = trailingBase(history, dealId, DEPARTED, k(n), SHARES);
            expect(new Dec(t.base).gte(0)).toBe(true);
            expect(new Dec(t.carryOut).lte(0)).toBe(true);
            expect(new Dec(t.carryIn).lte(0)).toBe(true);
            paidOn = paidOn.plus(t.base);
            // What trailing was paid on so far never exceeds the positive part of the window's net revenue
            // (a negative correction is never paid away twice)... and the last carry is what the window owes back.
            const net = history.filter((h) => h.dealId === dealId && periodIndex(h.period) - periodIndex(DEPARTED) >= 1 && periodIndex(h.period) - periodIndex(DEPARTED) <= n);
            const total = net.reduce((a, h) => a.plus(h.revenue), new Dec(0));
            expect(paidOn.plus(t.carryOut).eq(total)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('property: the base does not depend on the order in which revenue entries were recorded', () => {
    const entry = fc.record({
      period: fc.integer({ min: 1, max: 4 }).map((n) => k(n)),
      revenue: fc.integer({ min: -1_000_000, max: 1_000_000 }).map((c) => cents(new Exact(c).dividedBy(100))),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), fc.integer({ min: 1, max: 4 }), (entries, n) => {
        const history = entries.map((e) => ({ dealId: 'D', ...e }));
        const reversed = [...history].reverse();
        expect(trailingBase(reversed, 'D', DEPARTED, k(n), SHARES)).toEqual(trailingBase(history, 'D', DEPARTED, k(n), SHARES));
      }),
      { numRuns: 200 },
    );
  });
});

/** docs/rules.md "Late approvals": statement lines keep the business date and say whether they posted late. */
describe('late postings on statement lines', () => {
  it('marks a gate or bonus posted in a later period than its effectiveDate\'s as late, and keeps the date', () => {
    expect(isLatePosting('2027-03-30', '2027-Q2')).toBe(true);
    expect(isLatePosting('2027-04-01', '2027-Q2')).toBe(false);
    expect(isLatePosting(undefined, '2027-Q2')).toBe(false);
    const s = closeRepPeriod({
      repId: 'r',
      period: '2027-Q2',
      hireDate: '2027-01-01',
      quarterlyDraw: '1000.00',
      plan: referencePlan(),
      balanceBefore: '0.00',
      commissions: [
        { dealId: 'D', reference: 'G1', amount: '100.00', effectiveDate: '2027-03-30' },
        { dealId: 'E', reference: 'G1', amount: '200.00', effectiveDate: '2027-05-01' },
      ],
      designWins: [{ dealId: 'D', reference: 'IRB_APPROVAL:x', paid: '40000.00', capped: '0.00', effectiveDate: '2027-02-01' }],
      sourcedGateDates: [],
      sourcedRevenue: [],
    }).statement;
    expect(s.lines).toEqual([
      { kind: 'GATE_COMMISSION', dealId: 'D', reference: 'G1', amount: '100.00', effectiveDate: '2027-03-30', late: true },
      { kind: 'GATE_COMMISSION', dealId: 'E', reference: 'G1', amount: '200.00', effectiveDate: '2027-05-01', late: false },
      { kind: 'DRAW', amount: '700.00', note: 'ramp guarantee, non-recoverable', late: false },
      { kind: 'DESIGN_WIN_BONUS', dealId: 'D', reference: 'IRB_APPROVAL:x', amount: '40000.00', effectiveDate: '2027-02-01', late: true },
    ]);
    expect(s.commission).toBe('300.00');
  });
});
