/**
 * The forecast priced once per book (libs/domain/forecast-terms.ts) answers what forecastBook answers, to the byte,
 * for every as-of date: random books (every gate status, pending artifacts anywhere, descopes, kills, slips, plans
 * shared between deals, a few stored plans with negative months), one index per book and many as-of dates on it.
 */
import fc from 'fast-check';
import { ForecastDeal, GateStatus, addDays, forecastAt, forecastBook, forecastIndex, periodFromIndex, periodIndex, periodOf, periodRange, periodStart, priceForecastTerms } from '../../libs/domain';
import { referencePlan } from './fixtures';

const base = referencePlan();
const KEYS = base.gates.map((g) => g.key);
const day = (offset: number) => addDays('2025-01-01', offset);
const DAYS = 365 * 8;

const amountArb = fc.integer({ min: 0, max: 5_000_000_000 }).map((c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`);
// Probabilities and rates with up to 4 decimals, as plans carry them.
const ratioArb = fc.integer({ min: 0, max: 10_000 }).map((u) => (u === 10_000 ? '1' : `0.${String(u).padStart(4, '0')}`.replace(/0+$/, '').replace(/\.$/, '.0')));

const planArb = fc
  .record({
    probabilities: fc.array(ratioArb, { minLength: 5, maxLength: 5 }),
    months: fc.array(fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 0, max: 18 }) }, { weight: 1, arbitrary: fc.integer({ min: -6, max: -1 }) }), { minLength: 5, maxLength: 5 }),
    rate: ratioArb,
  })
  .map((r): ForecastDeal['plan'] => ({
    ...base,
    commissionRate: r.rate,
    forecast: {
      gateProbability: Object.fromEntries(KEYS.map((k, i) => [k, r.probabilities[i]])),
      monthsFromPrevious: Object.fromEntries(KEYS.map((k, i) => [k, r.months[i]])),
    },
  }));

const gateArb = fc.record({
  status: fc.constantFrom<GateStatus>('OPEN', 'OPEN', 'PENDING', 'RETIRED', 'CANCELLED'),
  dated: fc.boolean(),
  offset: fc.integer({ min: 0, max: DAYS }),
  artifact: fc.boolean(),
});

const dealArb = (plans: ForecastDeal['plan'][]) =>
  fc
    .record({
      plan: fc.integer({ min: 0, max: plans.length - 1 }),
      status: fc.constantFrom('ACTIVE' as const, 'ACTIVE' as const, 'ACTIVE' as const, 'KILLED' as const, 'CLOSED' as const),
      tcv: amountArb,
      originalTcv: amountArb,
      descopes: fc.option(fc.array(fc.record({ offset: fc.integer({ min: 0, max: DAYS }), tcv: amountArb }), { minLength: 1, maxLength: 3 })),
      sourced: fc.integer({ min: 0, max: DAYS }),
      gates: fc.array(gateArb, { minLength: 5, maxLength: 5 }),
      slip: fc.option(fc.record({ gate: fc.integer({ min: 0, max: 4 }), offset: fc.integer({ min: 0, max: DAYS }) })),
      killed: fc.integer({ min: 0, max: DAYS }),
      strayArtifact: fc.option(fc.record({ gate: fc.integer({ min: 0, max: 4 }), offset: fc.integer({ min: 0, max: DAYS }) })),
    })
    .map((r): ForecastDeal => {
      const gates = r.gates.map((g, i) => ({ key: KEYS[i], status: g.status, ...(g.status === 'RETIRED' && g.dated ? { retiredAt: day(g.offset) } : {}) }));
      const pendingGates = r.gates.flatMap((g, i) => (g.artifact && (g.status === 'PENDING' || r.status === 'KILLED') ? [{ gate: KEYS[i], effectiveDate: day(g.offset) }] : []));
      if (r.strayArtifact) pendingGates.push({ gate: KEYS[r.strayArtifact.gate], effectiveDate: day(r.strayArtifact.offset) });
      return {
        id: `D-${r.sourced}`,
        status: r.status,
        tcv: r.tcv,
        ...(r.descopes ? { originalTcv: r.originalTcv, descopes: r.descopes.map((d) => ({ effectiveDate: day(d.offset), tcv: d.tcv })) } : {}),
        ...(r.status === 'KILLED' ? { killed: { effectiveDate: day(r.killed) } } : {}),
        sourcedAt: day(r.sourced),
        plan: plans[r.plan],
        gates,
        ...(r.slip ? { slip: { gate: KEYS[r.slip.gate], expectedDate: day(r.slip.offset) } } : {}),
        pendingGates,
      };
    });

const bookArb = fc.array(planArb, { minLength: 1, maxLength: 3 }).chain((plans) => fc.array(dealArb(plans), { minLength: 0, maxLength: 40 }));
const firstOpenArb = fc.option(fc.integer({ min: 0, max: DAYS }).map((d) => periodStart(periodOf(day(d)))));
const periodsArb = fc
  .tuple(fc.integer({ min: periodIndex('2024-Q3'), max: periodIndex('2034-Q4') }), fc.integer({ min: 0, max: 24 }))
  .map(([from, span]) => periodRange(periodFromIndex(from), periodFromIndex(from + span)));

/** The as-of dates to try on a book: random ones, and every date the book itself holds (a planned date equal to as-of is the boundary). */
function asOfDates(deals: ForecastDeal[], random: number[]): string[] {
  const own = deals.flatMap((d) => [d.sourcedAt, d.slip?.expectedDate, ...d.pendingGates.map((p) => p.effectiveDate), ...d.gates.map((g) => g.retiredAt)]);
  return [...random.map((o) => day(o - 400)), ...own.filter((d): d is string => d !== undefined).slice(0, 20)];
}

describe('forecast priced once per book (forecast-terms)', () => {
  it('forecastAt on one index equals forecastBook for every as-of date, to the byte, whatever the block size', () => {
    fc.assert(
      fc.property(
        bookArb,
        firstOpenArb,
        periodsArb,
        fc.array(fc.integer({ min: 0, max: DAYS + 800 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom(1, 2, 3, 7, undefined),
        (deals, firstOpen, periods, random, block) => {
          const index = forecastIndex(deals.map((d) => priceForecastTerms(d, firstOpen ?? undefined)), firstOpen ?? undefined, block);
          for (const asOf of asOfDates(deals, random)) {
            const expected = JSON.stringify(forecastBook(deals, periods, asOf, firstOpen ?? undefined));
            expect([asOf, JSON.stringify(forecastAt(index, periods, asOf))]).toEqual([asOf, expected]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a scope is the index of its deals: each owner alone, and the whole book, from one pricing', () => {
    fc.assert(
      fc.property(bookArb, firstOpenArb, periodsArb, fc.integer({ min: 0, max: DAYS }), (deals, firstOpen, periods, offset) => {
        const asOf = day(offset);
        const terms = deals.map((d) => priceForecastTerms(d, firstOpen ?? undefined));
        const owners = deals.map((_, i) => i % 3);
        for (const owner of [0, 1, 2]) {
          const mine = deals.filter((_, i) => owners[i] === owner);
          const index = forecastIndex(terms.filter((_, i) => owners[i] === owner), firstOpen ?? undefined, 2);
          expect(JSON.stringify(forecastAt(index, periods, asOf))).toBe(JSON.stringify(forecastBook(mine, periods, asOf, firstOpen ?? undefined)));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('hand-checked: a run clamped by a late as-of date follows it by whole months, as forecastBook does', () => {
    const plan = { ...base, forecast: { ...base.forecast, monthsFromPrevious: { G1: 6, G2: 6, G3: 7, G4: 3, G5: 10 } } };
    const deal: ForecastDeal = { id: 'D-1', status: 'ACTIVE', tcv: '1000000.00', sourcedAt: '2027-01-31', plan, gates: KEYS.map((key) => ({ key, status: 'OPEN' })), pendingGates: [] };
    const index = forecastIndex([priceForecastTerms(deal)]);
    const periods = periodRange('2027-Q1', '2031-Q4');
    for (const asOf of ['2026-12-01', '2027-07-31', '2027-08-01', '2027-08-31', '2028-11-30', '2029-12-31']) {
      expect(forecastAt(index, periods, asOf)).toEqual(forecastBook([deal], periods, asOf));
    }
    // Negative months (refused by plan validation, but a stored plan is read as it is) go through forecastBook's own schedule.
    const backwards = { ...deal, plan: { ...plan, forecast: { ...plan.forecast, monthsFromPrevious: { G1: 6, G2: -2, G3: 7, G4: 3, G5: 10 } } } };
    expect(priceForecastTerms(backwards).irregular).toBe(backwards);
    expect(forecastAt(forecastIndex([priceForecastTerms(backwards)]), periods, '2027-09-01')).toEqual(forecastBook([backwards], periods, '2027-09-01'));
  });
});
