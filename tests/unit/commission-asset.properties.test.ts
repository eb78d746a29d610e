/**
 * Property tests for docs/rules.md "Commission expense (ASC 340-40)" over generated books: deals with capitalized
 * postings (reversals among them), revenue with negative corrections, descopes, kills and closes by finance, run period
 * by period as the close runs them. The journal balances in every period, the roll-forward holds per deal and for the
 * book, a balance is never negative, and a deal whose revenue reaches its TCV in force is fully amortized.
 */
import fc from 'fast-check';
import {
  commissionAssetFor,
  commissionAssetTotals,
  CommissionAssetRow,
  commissionJournal,
  Dec,
  isReported,
  journalTotals,
  Money,
  periodFromIndex,
  periodIndex,
  periodStart,
  rollsForward,
} from '../../libs/domain';

const FIRST = periodIndex('2027-Q1');
const money = (cents: number) => Money.format(new Dec(cents).dividedBy(100));

interface GeneratedDeal {
  dealId: string;
  tcvCents: number;
  /** Per period: capitalized postings in cents (a negative one reverses an earlier positive one). */
  postings: number[][];
  /** Per period: net revenue in cents; the positive ones sum to the TCV in force at the end, less corrections. */
  revenue: number[];
  descope?: { period: number; tcvCents: number };
  killedIn?: number;
  closedAfter?: number;
}

const PERIODS = 8;

/** A deal whose revenue over the periods sums exactly to the TCV in force at the end (descoped or not). */
const dealArb = (dealId: string): fc.Arbitrary<GeneratedDeal> =>
  fc
    .record({
      tcvCents: fc.integer({ min: 100, max: 5_000_000_000 }),
      descopeShare: fc.option(fc.double({ min: 0.3, max: 0.99, noNaN: true }), { nil: undefined }),
      descopePeriod: fc.integer({ min: 1, max: PERIODS - 1 }),
      weights: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: PERIODS, maxLength: PERIODS }),
      correction: fc.option(fc.record({ period: fc.integer({ min: 1, max: PERIODS - 2 }), share: fc.double({ min: 0, max: 1, noNaN: true }) }), { nil: undefined }),
      additions: fc.array(fc.tuple(fc.integer({ min: 0, max: PERIODS - 1 }), fc.integer({ min: 1, max: 50_000_000 })), { minLength: 1, maxLength: 5 }),
      reversals: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: PERIODS - 1 }), fc.boolean()), { maxLength: 2 }),
      killedIn: fc.option(fc.integer({ min: 0, max: PERIODS - 1 }), { nil: undefined, freq: 4 }),
      closedAfter: fc.option(fc.integer({ min: 0, max: PERIODS - 1 }), { nil: undefined, freq: 4 }),
    })
    .map((g) => {
      const finalTcv = g.descopeShare === undefined ? g.tcvCents : Math.max(1, Math.floor(g.tcvCents * g.descopeShare));
      const revenue = spread(finalTcv, g.weights);
      if (g.correction) {
        // part of the next period's revenue recorded a period early, then corrected by a negative entry
        const moved = Math.floor(revenue[g.correction.period + 1] * g.correction.share) + 1;
        revenue[g.correction.period] += moved;
        revenue[g.correction.period + 1] -= moved;
      }
      const postings: number[][] = Array.from({ length: PERIODS }, () => []);
      const posted: Array<[number, number]> = [];
      for (const [p, c] of g.additions) {
        postings[p].push(c);
        posted.push([p, c]);
      }
      for (const [which, at, repost] of g.reversals) {
        const [p, c] = posted[which % posted.length];
        const when = Math.max(p, at);
        postings[when].push(-c);
        if (repost) postings[when].push(c);
      }
      return {
        dealId,
        tcvCents: g.tcvCents,
        postings,
        revenue,
        descope: g.descopeShare === undefined ? undefined : { period: g.descopePeriod, tcvCents: finalTcv },
        killedIn: g.killedIn,
        closedAfter: g.closedAfter,
      };
    });

/** `total` cents spread over the periods in proportion to the weights, exactly (the last weighted period takes the rest). */
function spread(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map((_, i) => (i === weights.length - 1 ? total : 0));
  const out = weights.map((w) => Math.floor((total * w) / sum));
  const last = weights.map((w, i) => (w > 0 ? i : -1)).filter((i) => i >= 0).pop()!;
  out[last] += total - out.reduce((a, b) => a + b, 0);
  return out;
}

const bookArb = fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => dealArb(`D-${i + 1}`))));

/** Runs the book period by period, each deal opening with its previous closing, as the period close does. */
function runBook(deals: GeneratedDeal[]): Array<{ rows: CommissionAssetRow[]; all: CommissionAssetRow[] }> {
  const balance = new Map(deals.map((d) => [d.dealId, '0.00']));
  const before = new Map(deals.map((d) => [d.dealId, 0]));
  const out: Array<{ rows: CommissionAssetRow[]; all: CommissionAssetRow[] }> = [];
  for (let p = 0; p < PERIODS; p++) {
    const period = periodFromIndex(FIRST + p);
    const all = deals.map((d) => {
      const tcv = d.descope && p >= d.descope.period ? d.descope.tcvCents : d.tcvCents;
      const row = commissionAssetFor(period, {
        dealId: d.dealId,
        opening: balance.get(d.dealId)!,
        additions: money(d.postings[p].reduce((a, b) => a + b, 0)),
        revenue: money(d.revenue[p]),
        revenueBefore: money(before.get(d.dealId)!),
        tcv: money(tcv),
        killedOn: d.killedIn === undefined ? undefined : periodStart(periodFromIndex(FIRST + d.killedIn)),
        closedByFinance: d.closedAfter !== undefined && p > d.closedAfter,
      });
      balance.set(d.dealId, row.closing);
      before.set(d.dealId, before.get(d.dealId)! + d.revenue[p]);
      return row;
    });
    out.push({ rows: all.filter(isReported), all });
  }
  return out;
}

describe('commission asset properties over generated books', () => {
  it('the journal balances in every period; the roll-forward holds per deal and for the book; balances chain', () => {
    fc.assert(
      fc.property(bookArb, (deals) => {
        const periods = runBook(deals);
        periods.forEach(({ rows, all }, p) => {
          const period = periodFromIndex(FIRST + p);
          const journal = commissionJournal(period, rows);
          const totals = journalTotals(journal);
          expect(totals.debit).toBe(totals.credit);
          for (const row of all) expect(rollsForward(row)).toBe(true);
          expect(rollsForward(commissionAssetTotals(rows))).toBe(true);
          // the journal moves DEFERRED_COMMISSION by exactly the book's closing − opening
          const deferred = journal.filter((l) => l.account === 'DEFERRED_COMMISSION').reduce((acc, l) => acc.plus(l.debit).minus(l.credit), new Dec(0));
          const t = commissionAssetTotals(rows);
          expect(Money.format(deferred)).toBe(Money.format(new Dec(t.closing).minus(t.opening)));
          if (p > 0) all.forEach((row, i) => expect(row.opening).toBe(periods[p - 1].all[i].closing));
        });
      }),
      { numRuns: 150 },
    );
  });

  it('a balance is never negative, and is zero once the revenue reaches the TCV in force, the deal is killed or closed', () => {
    fc.assert(
      fc.property(bookArb, (deals) => {
        const periods = runBook(deals);
        deals.forEach((deal, i) => {
          for (const { all } of periods) expect(new Dec(all[i].closing).isNegative()).toBe(false);
          const finalBalance = periods[PERIODS - 1].all[i].closing;
          // the revenue sums to the TCV in force at the end, so the last period leaves nothing deferred
          expect(finalBalance).toBe('0.00');
          if (deal.killedIn !== undefined) expect(periods[deal.killedIn].all[i].closing).toBe('0.00');
          if (deal.closedAfter !== undefined && deal.closedAfter + 1 < PERIODS) expect(periods[deal.closedAfter + 1].all[i].closing).toBe('0.00');
        });
      }),
      { numRuns: 150 },
    );
  });
});
