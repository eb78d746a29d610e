/**
 * Property tests (fast-check) for the invariants of docs/architecture.md "Invariants": netting conserves money, credit never
 * exceeds TCV and never decreases, split sums stay exactly 1, every posted figure is the exact product
 * rounded once, the annual cap splits an amount exactly, and the forecast never beats the best case.
 */
import fc from 'fast-check';
import {
  BONUS_TYPES,
  CreditSplit,
  Deal,
  Dec,
  ExitTreatment,
  ForecastDeal,
  PlanParams,
  SPLIT_ROLES,
  allocateBonus,
  applyAnnualCap,
  approveGate,
  checkApproval,
  checkArtifactSubmission,
  checkDescope,
  checkKill,
  descope,
  eligibleSplits,
  expectedGates,
  forecastBook,
  killByDate,
  netDraw,
  newDeal,
  periodFromIndex,
  periodIndex,
  periodOf,
  periodRange,
  reassign,
  reassignSplits,
  rejectApproval,
  retireGate,
  splitProblems,
  splitRecipients,
  submitArtifact,
  trailingCommission,
  vestRetention,
  closeRepPeriod,
  addDays,
  periodStart,
} from '../../libs/domain';
import { Exact, cents, productCents, referencePlan } from './fixtures';

const RUNS = { numRuns: 150 };
const GATES = ['G1', 'G2', 'G3', 'G4', 'G5'];
const plan = referencePlan();

/** A money string from an integer number of cents. */
const moneyArb = (minCents: number, maxCents: number) => fc.integer({ min: minCents, max: maxCents }).map((c) => cents(new Exact(c).dividedBy(100)));
/** A decimal string with up to 4 places in [min, max] (in units of 0.0001). */
const ratioArb = (min: number, max: number) => fc.integer({ min, max }).map((u) => new Exact(u).dividedBy(10000).toString());
const dec = (v: string | Dec) => new Exact(v.toString());

// ---------------------------------------------------------------------------------------------------------
// Valid credit splits: an all-gates group plus gate blocks, every gate's eligible shares summing to 1.
// ---------------------------------------------------------------------------------------------------------

function partition(total: number, weights: number[]): number[] {
  const m = weights.length;
  const w = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((x) => 1 + Math.floor(((total - m) * x) / w));
  parts[m - 1] += total - parts.reduce((a, b) => a + b, 0);
  return parts;
}

const splitsArb: fc.Arbitrary<CreditSplit[]> = fc
  .record({
    pairs: fc.uniqueArray(fc.tuple(fc.constantFrom('r1', 'r2', 'r3', 'r4'), fc.constantFrom(...SPLIT_ROLES)), {
      minLength: 1,
      maxLength: 8,
      selector: (t) => `${t[0]}|${t[1]}`,
    }),
    gateLabels: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 5, maxLength: 5 }),
    groupOf: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 8, maxLength: 8 }),
    weights: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 8, maxLength: 8 }),
    allShare: fc.integer({ min: 1, max: 9999 }),
  })
  .map(({ pairs, gateLabels, groupOf, weights, allShare }) => {
    const blocks = new Map<number, string[]>();
    gateLabels.forEach((label, i) => blocks.set(label, [...(blocks.get(label) ?? []), GATES[i]]));
    const members = new Map<number, number[]>(); // label (-1 = all gates) → pair indexes
    pairs.forEach((_, i) => {
      const label = groupOf[i] === 3 || !blocks.has(groupOf[i]) ? -1 : groupOf[i];
      members.set(label, [...(members.get(label) ?? []), i]);
    });
    const allMembers = members.get(-1) ?? [];
    const nonEmpty = [...blocks.keys()].filter((l) => (members.get(l) ?? []).length > 0);
    // gates of an empty block join the first non-empty block, or the all-gates group covers them alone
    for (const label of [...blocks.keys()]) {
      if (nonEmpty.includes(label)) continue;
      if (nonEmpty.length > 0) blocks.set(nonEmpty[0], [...blocks.get(nonEmpty[0])!, ...blocks.get(label)!]);
      blocks.delete(label);
    }
    const maxBlock = Math.max(0, ...nonEmpty.map((l) => members.get(l)!.length));
    const p = allMembers.length === 0 ? 0 : nonEmpty.length === 0 ? 10000 : Math.min(Math.max(allShare, allMembers.length), 10000 - maxBlock);
    const out: CreditSplit[] = [];
    const emit = (idxs: number[], total: number, gates?: string[]) => {
      partition(total, idxs.map((i) => weights[i])).forEach((units, j) => {
        const [repId, role] = pairs[idxs[j]];
        const split: CreditSplit = { repId, role, share: new Exact(units).dividedBy(10000).toString() };
        if (gates) split.gates = [...gates].sort();
        out.push(split);
      });
    };
    if (allMembers.length > 0) emit(allMembers, p);
    for (const label of nonEmpty) emit(members.get(label)!, 10000 - p, blocks.get(label)!);
    return out;
  });

function gateSum(splits: CreditSplit[], gate: string): Exact {
  return eligibleSplits(splits, gate).reduce((acc, s) => acc.plus(s.share), new Exact(0));
}

describe('splits', () => {
  it('generated valid splits sum to exactly 1 per gate and pass splitProblems', () => {
    fc.assert(
      fc.property(splitsArb, (splits) => {
        expect(splitProblems(splits, GATES)).toEqual([]);
        for (const g of GATES) expect(gateSum(splits, g).equals(1)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('reassignSplits preserves every per-gate sum and moves the departed share to the new owner', () => {
    fc.assert(
      fc.property(splitsArb, fc.constantFrom('r1', 'r2', 'r3', 'r4'), fc.constantFrom('r1', 'r2', 'r5'), (splits, departed, newOwner) => {
        const before = structuredClone(splits);
        const after = reassignSplits(splits, departed, newOwner);
        expect(splits).toEqual(before);
        for (const g of GATES) {
          expect(gateSum(after, g).equals(1)).toBe(true);
          if (departed === newOwner) continue;
          const shareOf = (list: CreditSplit[], rep: string) =>
            eligibleSplits(list, g)
              .filter((s) => s.repId === rep)
              .reduce((acc, s) => acc.plus(s.share), new Exact(0));
          expect(shareOf(after, newOwner).equals(shareOf(splits, newOwner).plus(shareOf(splits, departed)))).toBe(true);
          expect(shareOf(after, departed).isZero()).toBe(true);
        }
        if (departed !== newOwner) expect(splitRecipients(after)).not.toContain(departed);
        expect(after.length).toBeLessThanOrEqual(splits.length);
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Every posted figure is the exact product, rounded once.
// ---------------------------------------------------------------------------------------------------------

describe('posted figures equal the exact product rounded once', () => {
  it('retireGate: dealCredit, each credit and each commission', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...plan.gates),
        moneyArb(1, 100_000_000_000),
        splitsArb,
        ratioArb(0, 2000),
        (gate, tcv, splits, rate) => {
          const p: PlanParams = { ...plan, commissionRate: rate };
          const r = retireGate(p, gate.key, tcv, splits);
          expect(r.dealCredit).toBe(productCents(gate.weight, tcv));
          const eligible = eligibleSplits(splits, gate.key);
          expect(r.postings.map((x) => x.repId)).toEqual(eligible.map((s) => s.repId));
          r.postings.forEach((posting, i) => {
            expect(posting.credit).toBe(productCents(gate.weight, tcv, eligible[i].share));
            expect(posting.commission).toBe(productCents(gate.weight, tcv, eligible[i].share, rate));
          });
          // rounding each posting once may drift from the deal figure by at most half a cent per posting
          const drift = r.postings.reduce((acc, x) => acc.plus(x.credit), new Exact(0)).minus(r.dealCredit).abs();
          expect(drift.lte(new Exact('0.005').times(r.postings.length))).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('allocateBonus: unit × quantity × share', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BONUS_TYPES),
        fc.integer({ min: 1, max: 5000 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 5 }),
        (type, quantity, weights) => {
          const recipients = partition(1_000_000, weights).map((u, i) => ({ repId: `r${i}`, share: new Exact(u).dividedBy(1_000_000).toString() }));
          const out = allocateBonus(plan, type, quantity, 'owner', recipients);
          out.forEach((a, i) => expect(a.amount).toBe(productCents(plan.bonuses[type], quantity, recipients[i].share)));
          expect(allocateBonus(plan, type, quantity, 'owner')).toEqual([{ repId: 'owner', amount: productCents(plan.bonuses[type], quantity) }]);
        },
      ),
      RUNS,
    );
  });

  it('trailingCommission: rate × revenue × shares[k−1]', () => {
    fc.assert(
      fc.property(ratioArb(0, 1000), moneyArb(0, 10_000_000_000), fc.integer({ min: -2, max: 6 }), (rate, revenue, k) => {
        const shares = plan.trailing.shares;
        const out = trailingCommission(rate, shares, '2029-Q2', periodFromIndex(periodIndex('2029-Q2') + k), revenue);
        expect(out).toBe(k >= 1 && k <= shares.length ? productCents(rate, revenue, shares[k - 1]) : '0.00');
      }),
      RUNS,
    );
  });

  // Targets whose fractions g / target are exact decimals. Others (3, 6, 7 …) are covered by the
  // deterministic tie case in tenure.test.ts: the engine rounds g / target before multiplying.
  it('vestRetention: amount × min(1, g / target)', () => {
    fc.assert(
      fc.property(moneyArb(0, 100_000_000), fc.constantFrom(1, 2, 4, 5, 8, 10), fc.array(fc.integer({ min: 0, max: 1460 }), { maxLength: 12 }), (amount, target, offsets) => {
        const dates = offsets.map((o) => addDays('2027-01-01', o));
        const g = dates.filter((d) => d >= '2028-01-01' && d < '2029-01-01').length;
        const vested = vestRetention('2027-01-01', { year: 2, amount }, target, dates);
        expect(vested.gates).toBe(g);
        expect(vested.amount).toBe(g >= target ? cents(amount) : cents(new Exact(amount).times(g).dividedBy(target)));
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Annual cap.
// ---------------------------------------------------------------------------------------------------------

describe('applyAnnualCap', () => {
  it('paid + capped == amount, 0 ≤ paid ≤ remaining cap', () => {
    fc.assert(
      fc.property(moneyArb(0, 50_000_000), moneyArb(0, 60_000_000), moneyArb(0, 20_000_000), (cap, already, amount) => {
        const { paid, capped } = applyAnnualCap(cap, already, amount);
        const room = Exact.max(0, dec(cap).minus(already));
        expect(dec(paid).plus(capped).equals(amount)).toBe(true);
        expect(dec(paid).gte(0) && dec(capped).gte(0)).toBe(true);
        expect(dec(paid).lte(room)).toBe(true);
        expect(dec(paid).equals(Exact.min(room, amount))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('over a year, the bonuses paid never exceed the cap: Σ paid = min(cap, Σ amounts)', () => {
    fc.assert(
      fc.property(moneyArb(0, 40_000_000), fc.array(moneyArb(0, 15_000_000), { maxLength: 12 }), (cap, amounts) => {
        let paidSoFar = '0.00';
        let cappedSoFar = new Exact(0);
        for (const amount of amounts) {
          const r = applyAnnualCap(cap, paidSoFar, amount);
          paidSoFar = cents(dec(paidSoFar).plus(r.paid));
          cappedSoFar = cappedSoFar.plus(r.capped);
        }
        const total = amounts.reduce((acc, a) => acc.plus(a), new Exact(0));
        expect(paidSoFar).toBe(cents(Exact.min(cap, total)));
        expect(cents(cappedSoFar.plus(paidSoFar))).toBe(cents(total));
      }),
      RUNS,
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Netting conserves money.
// ---------------------------------------------------------------------------------------------------------

describe('netting conserves money', () => {
  it('netDraw: pay − C = forgiven + (balanceAfter − balance) each period; B never negative', () => {
    fc.assert(
      fc.property(
        moneyArb(0, 10_000_000),
        fc.integer({ min: 0, max: 6 }),
        moneyArb(0, 5_000_000),
        fc.array(fc.oneof(fc.constant('0.00'), moneyArb(0, 20_000_000)), { minLength: 1, maxLength: 20 }),
        (draw, rampQuarters, initial, commissions) => {
          let balance = new Dec(initial);
          let sumPay = new Exact(0);
          let sumC = new Exact(0);
          let sumForgiven = new Exact(0);
          commissions.forEach((c, i) => {
            const inRamp = i < rampQuarters;
            const r = netDraw({ draw: new Dec(draw), commission: new Dec(c), balance, inRamp });
            expect(dec(r.pay).minus(c).equals(dec(r.forgiven).plus(dec(r.balanceAfter).minus(balance.toString())))).toBe(true);
            expect(r.balanceAfter.gte(0)).toBe(true);
            expect(r.forgiven.gte(0)).toBe(true);
            expect(r.recovery.gte(0)).toBe(true);
            expect(r.pay.gte(Dec.max(0, new Dec(c).minus(balance)))).toBe(true);
            // the draw is always paid at least, except that commission first recovers the balance
            if (new Dec(c).lt(draw) || inRamp) expect(r.pay.gte(draw)).toBe(true);
            if (inRamp) expect(r.balanceAfter.equals(balance)).toBe(true);
            else expect(r.forgiven.isZero()).toBe(true);
            sumPay = sumPay.plus(r.pay.toString());
            sumC = sumC.plus(c);
            sumForgiven = sumForgiven.plus(r.forgiven.toString());
            balance = r.balanceAfter;
          });
          expect(sumPay.minus(sumC).equals(sumForgiven.plus(dec(balance).minus(initial)))).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('closeRepPeriod: totalPayout − C − bonuses − retention − trailing = ramp forgiveness + write-off + ΔB, through departure', () => {
    const scenarioArb = fc.record({
      hireOffset: fc.integer({ min: 0, max: 364 }),
      draw: moneyArb(0, 6_000_000),
      rampQuarters: fc.integer({ min: 0, max: 5 }),
      exitTreatment: fc.constantFrom<ExitTreatment>('RECOVER_FROM_TRAILING', 'FORGIVE'),
      quarters: fc.array(
        fc.record({
          commission: fc.oneof(fc.constant('0.00'), moneyArb(0, 12_000_000)),
          bonus: fc.oneof(fc.constant(null), moneyArb(0, 10_000_000)),
          revenue: fc.oneof(fc.constant(null), moneyArb(1, 100_000_000)),
        }),
        { minLength: 14, maxLength: 14 },
      ),
      departAt: fc.option(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 89 }), fc.boolean())),
      gateOffsets: fc.array(fc.integer({ min: 0, max: 1400 }), { maxLength: 8 }),
    });
    const seen = { finals: 0, writeOffs: 0, trailingRecoveries: 0, recoveries: 0, forfeits: 0 };
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const hireDate = addDays('2027-01-01', sc.hireOffset);
        const hirePeriod = periodIndex(periodOf(hireDate));
        const p = referencePlan({ draw: { rampQuarters: sc.rampQuarters, capQuarters: 2, exitTreatment: sc.exitTreatment } });
        let departure: { effectiveDate: string; goodStanding: boolean } | undefined;
        if (sc.departAt) {
          const [q, day, good] = sc.departAt;
          const date = addDays(periodStart(periodFromIndex(hirePeriod + q)), day);
          departure = { effectiveDate: date < hireDate ? hireDate : date, goodStanding: good };
        }
        const sourcedGateDates = sc.gateOffsets.map((o) => addDays(hireDate, o));
        let balance = '0.00';
        let finals = 0;
        sc.quarters.forEach((q, i) => {
          const period = periodFromIndex(hirePeriod + i);
          if (finals > 0) return;
          const departed = departure !== undefined && periodIndex(period) >= periodIndex(periodOf(departure.effectiveDate));
          const departurePeriodIdx = departure ? periodIndex(periodOf(departure.effectiveDate)) : undefined;
          const commissions = departed && departurePeriodIdx !== undefined && periodIndex(period) > departurePeriodIdx ? [] : [{ dealId: 'D', reference: 'G', amount: q.commission }];
          const { statement: s, final } = closeRepPeriod({
            repId: 'r',
            period,
            hireDate,
            quarterlyDraw: sc.draw,
            plan: p,
            balanceBefore: balance,
            departure,
            commissions,
            designWins: q.bonus ? [{ dealId: 'D', reference: 'B', paid: q.bonus, capped: '0.00' }] : [],
            sourcedGateDates,
            sourcedRevenue: q.revenue ? [{ dealId: 'D', revenue: q.revenue }] : [],
          });
          const inRamp = i < sc.rampQuarters;
          const lhs = dec(s.totalPayout).minus(s.commission).minus(s.designWinBonus).minus(s.retentionBonus).minus(s.trailingCommission);
          const rhs = (inRamp ? dec(s.drawPaid) : new Exact(0)).plus(s.drawWrittenOff).plus(dec(s.unrecoveredDrawBalance).minus(balance));
          expect(lhs.equals(rhs)).toBe(true);
          expect(dec(s.unrecoveredDrawBalance).gte(0)).toBe(true);
          expect(dec(s.totalPayout).gte(0)).toBe(true);
          expect(s.drawPaid).toBe(cents(Exact.max(0, dec(s.netCommissionPay).minus(s.commission))));
          if (departed) expect(s.drawPaid).toBe('0.00');
          if (!departure) expect(final).toBe(false);
          if (dec(s.drawWrittenOff).gt(0)) seen.writeOffs += 1;
          if (s.lines.some((l) => l.kind === 'TRAILING_RECOVERY')) seen.trailingRecoveries += 1;
          if (s.lines.some((l) => l.kind === 'DRAW_RECOVERY')) seen.recoveries += 1;
          if (dec(s.retentionForfeited).gt(0)) seen.forfeits += 1;
          if (final) {
            seen.finals += 1;
            finals += 1;
            expect(s.unrecoveredDrawBalance).toBe('0.00');
          }
          if (departure && !departure.goodStanding) expect(s.trailingCommission).toBe('0.00');
          balance = s.unrecoveredDrawBalance;
        });
        // a departure early enough to see all its trailing periods ends in exactly one final statement
        if (departure) {
          const last = periodIndex(periodOf(departure.effectiveDate)) + (departure.goodStanding ? p.trailing.shares.length : 0);
          if (last < hirePeriod + sc.quarters.length) expect(finals).toBe(1);
        }
      }),
      { numRuns: 200 },
    );
    // the generated scenarios really reach every branch
    for (const [branch, count] of Object.entries(seen)) expect([branch, count > 0]).toEqual([branch, true]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Deals: credit never exceeds TCV, retired credit never decreases.
// ---------------------------------------------------------------------------------------------------------

type Op =
  | { kind: 'submit'; gate: number; typeOk: boolean; late: boolean }
  | { kind: 'approve'; actor: string }
  | { kind: 'reject' }
  | { kind: 'descope'; permille: number }
  | { kind: 'kill' }
  | { kind: 'reassign'; from: string; to: string };

const ACTORS = ['desk-1', 'mgr-1', 'src-1', 'r1', 'r2', 'r3', 'r4', 'r5'];
const stepArb: fc.Arbitrary<Op> = fc.oneof(
  // gate −1 = the next gate not yet retired, so that deals do get all the way through
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('submit' as const), gate: fc.integer({ min: -6, max: 4 }).map((g) => Math.max(g, -1)), typeOk: fc.integer({ min: 0, max: 4 }).map((x) => x > 0), late: fc.integer({ min: 0, max: 3 }).map((x) => x === 0) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('approve' as const), actor: fc.oneof(fc.constant('desk-1'), fc.constantFrom(...ACTORS)) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reject' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('descope' as const), permille: fc.integer({ min: 0, max: 1200 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reassign' as const), from: fc.constantFrom('r1', 'r2', 'r3', 'r4'), to: fc.constantFrom('r1', 'r5') }) },
);
/** A random sequence of steps, with at most one kill somewhere in it (and the steps after it refused or no-ops). */
const opsArb: fc.Arbitrary<Op[]> = fc
  .tuple(fc.array(stepArb, { minLength: 5, maxLength: 40, size: 'max' }), fc.option(fc.integer({ min: 0, max: 45 }), { freq: 3 }), fc.array(stepArb, { maxLength: 6 }))
  .map(([steps, killAt, after]) => (killAt === null ? steps : [...steps.slice(0, killAt), { kind: 'kill' as const }, ...after, { kind: 'kill' as const }]));

const submitNext: Op = { kind: 'submit', gate: -1, typeOk: true, late: false };
// docs/rules.md "Kill by date" (v2): submissions are dated before the kill, or (late) on or after it
const KILL_DATE = '2028-01-01';
const approveByDesk: Op = { kind: 'approve', actor: 'desk-1' };
const WALK_THROUGH_EVERY_GATE: Op[] = [
  submitNext,
  approveByDesk,
  { kind: 'descope', permille: 800 },
  ...GATES.slice(1).flatMap(() => [submitNext, approveByDesk]),
];

describe('deal state machine', () => {
  it('credit never exceeds the TCV (up to per-gate rounding), never decreases, and only ever retires in order', () => {
    const seen = { approvals: 0, segregation: 0, descopes: 0, kills: 0, retiredAfterDescope: 0, allRetired: 0 };
    fc.assert(
      fc.property(moneyArb(1, 100_000_000_000), splitsArb, opsArb, (tcv, splits, ops) => {
        let deal: Deal = newDeal(
          { id: 'D-P', sponsor: 's', program: 'p', tcv, dealType: 'NEW_BUSINESS', sourcedBy: 'src-1', owner: splits[0].repId, sourcedAt: '2027-01-01', splits },
          '2027.1',
          plan,
        );
        let retired = new Exact(0);
        let exactRetired = new Exact(0); // Σ weight × TCV-at-retirement, unrounded
        let killed = false;
        const retiredCredit = new Map<string, string>();
        for (const op of ops) {
          if (op.kind === 'submit') {
            const nextIndex = deal.gates.findIndex((g) => g.status !== 'RETIRED');
            const gate = plan.gates[op.gate >= 0 ? op.gate : Math.max(nextIndex, 0)];
            const input = { gate: gate.key, documentType: op.typeOk ? gate.artifactTypes[0] : 'NOT_A_PROOF', documentRef: 'x', effectiveDate: op.late ? '2028-03-01' : '2027-06-01' };
            const refusal = checkArtifactSubmission(deal, input);
            if (!refusal) deal = submitArtifact(deal, input, 'mgr-1', 't');
            else if (killed && op.late) expect(refusal.code).toBe('DEAL_KILLED');
          } else if (op.kind === 'approve' || op.kind === 'reject') {
            const pending = deal.pending[0];
            if (!pending) continue;
            const actor = op.kind === 'approve' ? op.actor : 'desk-1';
            const refusal = checkApproval(deal, pending.approvalId, actor);
            const conflicted = actor === 'mgr-1' || actor === deal.sourcedBy || actor === deal.owner || splitRecipients(deal.splits).includes(actor);
            expect(refusal?.code === 'SEGREGATION_OF_DUTIES').toBe(conflicted);
            if (conflicted) seen.segregation += 1;
            if (refusal) continue;
            if (op.kind === 'reject') {
              deal = rejectApproval(deal, pending.approvalId).deal;
              continue;
            }
            const tcvNow = deal.tcv;
            const { deal: next, retirement } = approveGate(deal, pending.approvalId);
            const weight = plan.gates.find((g) => g.key === pending.gate)!.weight;
            expect(retirement.dealCredit).toBe(productCents(weight, tcvNow));
            exactRetired = exactRetired.plus(new Exact(weight).times(tcvNow));
            deal = next;
            retiredCredit.set(pending.gate!, retirement.dealCredit);
            seen.approvals += 1;
            if (deal.tcv !== deal.originalTcv) seen.retiredAfterDescope += 1;
            if (deal.gates.every((g) => g.status === 'RETIRED')) seen.allRetired += 1;
          } else if (op.kind === 'descope') {
            const newTcv = cents(dec(deal.tcv).times(op.permille).dividedBy(1000).toDecimalPlaces(2, Exact.ROUND_DOWN));
            const refusal = checkDescope(deal, newTcv);
            if (killed) expect(refusal?.code).toBe('DEAL_KILLED');
            else if (dec(newTcv).lte(0)) expect(refusal?.code).toBe('VALIDATION_FAILED');
            else if (dec(newTcv).gte(deal.tcv)) expect(refusal?.code).toBe('DESCOPE_NOT_A_REDUCTION');
            else expect(refusal).toBeNull();
            if (!refusal) {
              deal = descope(deal, newTcv);
              seen.descopes += 1;
            }
          } else if (op.kind === 'kill') {
            const refusal = checkKill(deal, KILL_DATE);
            const retiredOnOrAfter = deal.gates.some((g) => g.status === 'RETIRED' && g.retiredAt! >= KILL_DATE);
            if (!killed) expect(refusal?.code ?? null).toBe(retiredOnOrAfter ? 'KILL_BEFORE_RETIRED_GATE' : null);
            if (refusal) continue;
            const pendingBefore = deal.pending;
            const out = killByDate(deal, KILL_DATE, 'stop');
            expect(out.rejected).toEqual(pendingBefore.filter((p) => p.effectiveDate >= KILL_DATE));
            deal = out.deal;
            killed = true;
            seen.kills += 1;
          } else {
            deal = reassign(deal, op.from, op.to);
            expect(deal.sourcedBy).toBe('src-1');
          }

          // invariants after every step
          const now = dec(deal.creditRetired);
          expect(now.gte(retired)).toBe(true);
          // after a kill, only what is dated before it still retires
          if (killed) for (const g of deal.gates.filter((x) => x.status === 'RETIRED')) expect(g.retiredAt! < KILL_DATE).toBe(true);
          retired = now;
          // the exact credit never exceeds the TCV; the posted total (each gate rounded once, half-even)
          // is within half a cent per retired gate of it, so it can exceed the TCV by at most 2 cents
          expect(exactRetired.lte(deal.originalTcv)).toBe(true);
          const retiredGates = deal.gates.filter((g) => g.status === 'RETIRED').length;
          expect(now.minus(exactRetired).abs().lte(new Exact('0.005').times(retiredGates))).toBe(true);
          expect(now.lte(new Exact(deal.originalTcv).plus('0.02'))).toBe(true);
          expect(dec(deal.tcv).lte(deal.originalTcv) && dec(deal.tcv).gt(0)).toBe(true);
          const statuses = deal.gates.map((g) => g.status);
          const firstNotRetired = statuses.findIndex((s) => s !== 'RETIRED');
          if (firstNotRetired >= 0) expect(statuses.slice(firstNotRetired).includes('RETIRED')).toBe(false);
          expect(statuses.filter((s) => s === 'PENDING').length).toBeLessThanOrEqual(1);
          const sumGates = deal.gates.filter((g) => g.status === 'RETIRED').reduce((acc, g) => acc.plus(g.credit!), new Exact(0));
          expect(cents(sumGates)).toBe(deal.creditRetired);
          for (const g of deal.gates.filter((x) => x.status === 'RETIRED')) expect(g.credit).toBe(retiredCredit.get(g.key));
          if (killed) {
            expect(deal.status).toBe('KILLED');
            expect(deal.pending.every((p) => p.effectiveDate < KILL_DATE)).toBe(true);
            expect(statuses.every((s) => s !== 'OPEN')).toBe(true);
          }
          for (const gk of GATES) expect(gateSum(deal.splits, gk).equals(1)).toBe(true);
        }
      }),
      // random runs reach every gate only a few times in 200, so one deal walked through all of them (a descope
      // on the way) is always among the runs: the coverage check below cannot then fail by chance
      { numRuns: 200, examples: [['1000000.00', [{ repId: 'r1', role: 'AE', share: '1' }], WALK_THROUGH_EVERY_GATE]] },
    );
    for (const [branch, count] of Object.entries(seen)) expect([branch, count > 0]).toEqual([branch, true]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Forecast: expected credit never exceeds the best case.
// ---------------------------------------------------------------------------------------------------------

describe('forecast', () => {
  const forecastDealArb = fc
    .record({
      tcv: moneyArb(1, 50_000_000_000),
      sourcedOffset: fc.integer({ min: 0, max: 900 }),
      retiredCount: fc.integer({ min: 0, max: 5 }),
      retiredGaps: fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 5, maxLength: 5 }),
      probabilities: fc.array(ratioArb(0, 10000), { minLength: 5, maxLength: 5 }),
      months: fc.array(fc.integer({ min: 0, max: 18 }), { minLength: 5, maxLength: 5 }),
      slipOffset: fc.option(fc.integer({ min: -200, max: 900 })),
      status: fc.constantFrom('ACTIVE' as const, 'ACTIVE' as const, 'ACTIVE' as const, 'KILLED' as const),
      pending: fc.boolean(),
      killOffset: fc.integer({ min: -30, max: 60 }),
    })
    .map((r): ForecastDeal => {
      const sourcedAt = addDays('2027-01-01', r.sourcedOffset);
      let previous = sourcedAt;
      const gates = plan.gates.map((g, i) => {
        if (i < r.retiredCount) {
          previous = addDays(previous, r.retiredGaps[i]);
          return { key: g.key, status: 'RETIRED' as const, retiredAt: previous };
        }
        return { key: g.key, status: i === r.retiredCount && r.pending ? ('PENDING' as const) : ('OPEN' as const) };
      });
      const next = gates.find((g) => g.status !== 'RETIRED');
      return {
        id: `D-${r.sourcedOffset}`,
        status: r.status,
        tcv: r.tcv,
        sourcedAt,
        plan: {
          ...plan,
          forecast: {
            gateProbability: Object.fromEntries(plan.gates.map((g, i) => [g.key, r.probabilities[i]])),
            monthsFromPrevious: Object.fromEntries(plan.gates.map((g, i) => [g.key, r.months[i]])),
          },
        },
        gates,
        slip: next && r.slipOffset !== null ? { gate: next.key, expectedDate: addDays(previous, r.slipOffset) } : undefined,
        pendingGates: next && next.status === 'PENDING' ? [{ gate: next.key, effectiveDate: addDays(previous, 10) }] : [],
        ...(r.status === 'KILLED' ? { killed: { effectiveDate: addDays(previous, r.killOffset) } } : {}),
      };
    });
  // docs/rules.md "Forecast" (v2): the first day of the first open period, or none (nothing closed yet)
  const firstOpenArb = fc.option(fc.integer({ min: 0, max: 1500 }).map((d) => periodStart(periodOf(addDays('2027-01-01', d)))));
  const pendingDate = (d: ForecastDeal, gate: string, firstOpen: string | null) => {
    const date = d.pendingGates.find((p) => p.gate === gate)?.effectiveDate;
    return date && firstOpen && firstOpen > date ? firstOpen : date;
  };

  it('per gate: forecast ≤ best case = weight × tcv; dates never before as-of (a pending gate: its artifact date or the first open day) and never go back', () => {
    fc.assert(
      fc.property(forecastDealArb, fc.integer({ min: 0, max: 2000 }), firstOpenArb, (deal, asOfOffset, firstOpen) => {
        const asOf = addDays('2027-01-01', asOfOffset);
        const gates = expectedGates(deal, asOf, firstOpen ?? undefined);
        if (deal.status !== 'ACTIVE') {
          expect(gates).toEqual([]);
          return;
        }
        expect(gates.map((g) => g.gate)).toEqual(deal.gates.filter((g) => g.status !== 'RETIRED').map((g) => g.key));
        let previous = '0000-01-01';
        let probability = new Exact(1);
        for (const g of gates) {
          const weight = plan.gates.find((x) => x.key === g.gate)!.weight;
          probability = probability.times(deal.plan.forecast.gateProbability[g.gate]);
          expect(dec(g.bestCaseCredit).equals(new Exact(weight).times(deal.tcv))).toBe(true);
          expect(dec(g.forecastCredit).equals(new Exact(weight).times(deal.tcv).times(probability))).toBe(true);
          expect(dec(g.forecastCredit).lte(dec(g.bestCaseCredit))).toBe(true);
          const pending = pendingDate(deal, g.gate, firstOpen);
          if (pending) expect(g.expectedDate).toBe(pending);
          else expect(g.expectedDate >= asOf).toBe(true);
          expect(g.expectedDate >= previous).toBe(true);
          expect(g.period).toBe(periodOf(g.expectedDate));
          previous = g.expectedDate;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('per period: every figure equals the exact sum over its gates, rounded half-even to cents once', () => {
    fc.assert(
      fc.property(fc.array(forecastDealArb, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 1500 }), firstOpenArb, (deals, asOfOffset, firstOpen) => {
        const asOf = addDays('2027-01-01', asOfOffset);
        const periods = periodRange(periodOf(asOf), '2031-Q4');
        const oracle = new Map(periods.map((p) => [p, { forecast: [new Exact(0), new Exact(0)], best: [new Exact(0), new Exact(0)], worst: [new Exact(0), new Exact(0)] }]));
        const add = (sums: Exact[], credit: Exact, rate: string) => {
          sums[0] = sums[0].plus(credit);
          sums[1] = sums[1].plus(credit.times(rate));
        };
        for (const d of deals.filter((x) => x.status === 'ACTIVE')) {
          let probability = new Exact(1);
          for (const g of expectedGates(d, asOf, firstOpen ?? undefined)) {
            probability = probability.times(d.plan.forecast.gateProbability[g.gate]);
            const best = new Exact(plan.gates.find((x) => x.key === g.gate)!.weight).times(d.tcv);
            const row = oracle.get(g.period);
            if (!row) continue;
            add(row.best, best, d.plan.commissionRate);
            add(row.forecast, best.times(probability), d.plan.commissionRate);
            // a pending gate counts in the worst case where it is expected
            if (d.pendingGates.some((p) => p.gate === g.gate)) add(row.worst, best, d.plan.commissionRate);
          }
        }
        // on a KILLED deal, only what is pending dated before the kill, and in the worst case only
        for (const d of deals.filter((x) => x.status === 'KILLED')) {
          for (const p of d.pendingGates.filter((x) => x.effectiveDate < d.killed!.effectiveDate)) {
            const row = oracle.get(periodOf(pendingDate(d, p.gate, firstOpen)!));
            if (row) add(row.worst, new Exact(plan.gates.find((x) => x.key === p.gate)!.weight).times(d.tcv), d.plan.commissionRate);
          }
        }
        const figure = ([credit, commission]: Exact[]) => ({ credit: cents(credit), commission: cents(commission) });
        expect(forecastBook(deals, periods, asOf, firstOpen ?? undefined)).toEqual(
          periods.map((period) => {
            const o = oracle.get(period)!;
            return { period, worstCase: figure(o.worst), forecast: figure(o.forecast), bestCase: figure(o.best) };
          }),
        );
      }),
      RUNS,
    );
  });

  it('(v2) per period, for the ACTIVE deals: worst case ≤ best case, for credit and commission', () => {
    fc.assert(
      fc.property(fc.array(forecastDealArb, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 1500 }), firstOpenArb, (deals, asOfOffset, firstOpen) => {
        const asOf = addDays('2027-01-01', asOfOffset);
        const active = deals.filter((d) => d.status === 'ACTIVE');
        const rows = forecastBook(active, periodRange('2027-Q1', '2040-Q4'), asOf, firstOpen ?? undefined);
        for (const r of rows) {
          expect(dec(r.worstCase.credit).lte(r.bestCase.credit)).toBe(true);
          expect(dec(r.worstCase.commission).lte(r.bestCase.commission)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('per period: forecast ≤ best case, for credit and commission; nothing lost across the horizon', () => {
    fc.assert(
      fc.property(fc.array(forecastDealArb, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 1500 }), (deals, asOfOffset) => {
        const asOf = addDays('2027-01-01', asOfOffset);
        // from the first period: a pending gate is expected on its artifact's date, which may be before the as-of date
        const periods = periodRange('2027-Q1', '2050-Q4');
        const rows = forecastBook(deals, periods, asOf);
        for (const r of rows) {
          expect(dec(r.forecast.credit).lte(r.bestCase.credit)).toBe(true);
          expect(dec(r.forecast.commission).lte(r.bestCase.commission)).toBe(true);
        }
        const best = rows.reduce((acc, r) => acc.plus(r.bestCase.credit), new Exact(0));
        const open = deals
          .filter((d) => d.status === 'ACTIVE')
          .flatMap((d) => d.gates.filter((g) => g.status !== 'RETIRED').map((g) => new Exact(plan.gates.find((x) => x.key === g.key)!.weight).times(d.tcv)));
        // every open gate lands in the horizon (sourcing, retirements and slips end by 2036, then at most 5 × 18 months)
        const expected = open.reduce((acc, v) => acc.plus(v), new Exact(0));
        expect(best.minus(expected).abs().lte(new Exact('0.005').times(rows.length))).toBe(true);
      }),
      RUNS,
    );
  });
});
