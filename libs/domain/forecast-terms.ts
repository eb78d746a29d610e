import { ExactDecimal, ExactSum, pow10 } from './exact';
import { IsoDate, Period, addMonths, comparePeriods, isPeriod, periodFromIndex, periodIndex, periodIndexOf } from './calendar';
import { ForecastDeal, ForecastPeriod, pendingExpectedDate, pendingTcv, pricedPlan, scheduleGates } from './forecast';

/**
 * forecastBook split in two (docs/PERFORMANCE.md): what does not depend on the as-of date is priced once per book
 * (`priceForecastTerms`, then `forecastIndex` per caller scope), and each request only applies its as-of date
 * (`forecastAt`), which costs a few hundred additions instead of pricing every gate of the book. The answer is the
 * one forecastBook gives, to the byte (tests/unit/forecast-terms.properties.test.ts).
 *
 * Why it holds. Every credit (weight × tcv × Π p) is independent of the as-of date; only expected dates depend on
 * it. The open gates of an ACTIVE deal fall into runs ("segments"): a run starts where the chain's previous date is
 * fixed (sourcedAt, a retirement date, a pending gate's expected date) and takes the following gates without an
 * artifact. With whole, non-negative monthsFromPrevious (plan validation refuses negatives), the dates of a run
 * never go back, so as-of clamps at most its first gate:
 * - as-of ≤ the first gate's planned date: every gate of the run keeps its planned date (as-of plays no part);
 * - as-of after it: the first gate is expected on the as-of date, and gate k on as-of + (m2 + ... + mk) months,
 *   whose quarter depends only on the as-of month (addMonths moves the month exactly; only the day is clamped).
 * A pending gate (its artifact's date, or the first open day) and a killed deal's worst case never depend on it.
 * A deal whose months are not whole and non-negative is priced per request as before.
 *
 * Commissions: the credits are summed per commission rate, and each sum multiplied by its rate once per answer
 * (Σ credit × rate = rate × Σ credit, exactly), so building the index multiplies nothing but the credits themselves.
 */

/** A run of gates (see the module comment); its credits in gate order. */
interface Segment {
  /** The run's first planned date: an as-of date after it clamps the run. */
  threshold: IsoDate;
  /** Unclamped: each gate's period (as periodIndex) at its planned date. */
  periods: number[];
  /** Clamped: each gate's months after the as-of month. */
  months: number[];
  forecast: ExactDecimal[];
  best: ExactDecimal[];
}

/** Everything about one deal's forecast that does not depend on the as-of date (the first open day is fixed). */
export interface DealForecastTerms {
  /** The plan's commission rate, as a decimal string (the key the credits are summed under). */
  rate: string;
  /** Terms at a fixed period: pending gates (all three figures) and a killed deal's worst case. */
  fixed: Array<{ period: number; worst?: ExactDecimal; forecast?: ExactDecimal; best?: ExactDecimal }>;
  segments: Segment[];
  /** Priced per request by forecastBook's own schedule (months not whole and non-negative). */
  irregular?: ForecastDeal;
}

const wholeMonths = (m: number) => Number.isInteger(m) && m >= 0;

/** One deal's as-of-independent terms, given the first open day (see the module comment). */
export function priceForecastTerms(deal: ForecastDeal, firstOpenDay?: IsoDate): DealForecastTerms {
  const rate = deal.plan.commissionRate;
  const out: DealForecastTerms = { rate, fixed: [], segments: [] };
  const plan = pricedPlan(deal.plan);
  if (deal.status === 'KILLED') {
    for (const pending of deal.pendingGates) {
      if (!deal.killed || pending.effectiveDate >= deal.killed.effectiveDate) continue;
      const weight = plan.weight.get(pending.gate);
      if (!weight) continue;
      const worst = ExactDecimal.times(weight, pendingTcv(deal, pending.effectiveDate));
      out.fixed.push({ period: periodIndexOf(pendingExpectedDate(pending.effectiveDate, firstOpenDay)), worst });
    }
    return out;
  }
  if (deal.status !== 'ACTIVE') return out;
  const irregular = (): DealForecastTerms => ({ rate, fixed: [], segments: [], irregular: deal });
  // The same walk as scheduleGates, with the as-of date left open.
  const tcv = ExactDecimal.parse(deal.tcv);
  const artifactDates = deal.pendingGates.length > 0 ? new Map(deal.pendingGates.map((p) => [p.gate, p.effectiveDate])) : undefined;
  let previous = deal.sourcedAt;
  let probability = ExactDecimal.one();
  let scheduled = 0;
  // The open run, its last planned date, and the months from its first gate to its last.
  let run: Segment | undefined;
  let last = previous;
  let runMonths = 0;
  for (const gate of deal.gates) {
    if (gate.status === 'RETIRED') {
      // Without a date the chain goes on from the last expected date (the run continues).
      if (gate.retiredAt) {
        previous = gate.retiredAt;
        run = undefined;
      }
      continue;
    }
    if (gate.status === 'CANCELLED') continue;
    const artifactDate = gate.status === 'PENDING' ? artifactDates?.get(gate.key) : undefined;
    probability = ExactDecimal.times(probability, plan.probability.get(gate.key) ?? ExactDecimal.one());
    const best = ExactDecimal.times(plan.weight.get(gate.key)!, artifactDate ? pendingTcv(deal, artifactDate) : tcv);
    const forecast = ExactDecimal.times(best, probability);
    scheduled += 1;
    if (artifactDate) {
      previous = pendingExpectedDate(artifactDate, firstOpenDay);
      run = undefined;
      out.fixed.push({ period: periodIndexOf(previous), worst: best, forecast, best });
      continue;
    }
    const months = deal.plan.forecast.monthsFromPrevious[gate.key] ?? 0;
    if (!wholeMonths(months)) return irregular();
    if (!run) {
      last = scheduled === 1 && deal.slip?.gate === gate.key ? deal.slip.expectedDate : addMonths(previous, months);
      runMonths = 0;
      run = { threshold: last, periods: [], months: [], forecast: [], best: [] };
      out.segments.push(run);
    } else {
      const planned = addMonths(last, months);
      if (planned < last) return irregular();
      last = planned;
      runMonths += months;
    }
    run.periods.push(periodIndexOf(last));
    run.months.push(runMonths);
    run.forecast.push(forecast);
    run.best.push(best);
  }
  return out;
}

/** The three credits of a period, per rate: sums[3 × rate + figure], figure 0 worst case, 1 forecast, 2 best case. */
type Sums = bigint[];
const WORST = 0;
const FORECAST = 1;
const BEST = 2;

/** The book of one caller scope, summed so that any as-of date costs a binary search and a few hundred additions. */
export interface ForecastIndex {
  /** Every credit sum is in units of 10^-scale. */
  scale: number;
  /** The commission rates, in the order of the sums. */
  rates: ExactDecimal[];
  fixed: Map<number, Sums>;
  /** Segments sorted by threshold; per segment its rate's position, and its gates' credits at `scale`. */
  thresholds: IsoDate[];
  segmentRate: number[];
  periods: number[][];
  months: number[][];
  forecast: bigint[][];
  best: bigint[][];
  block: number;
  /** suffixPlanned[c]: segments [c × block, n) unclamped, by period. */
  suffixPlanned: Array<Map<number, Sums>>;
  /** prefixRelative[c]: segments [0, c × block) clamped, by months after the as-of month. */
  prefixRelative: Array<Map<number, Sums>>;
  irregular: ForecastDeal[];
  firstOpenDay?: IsoDate;
}

function rescale(value: ExactDecimal, scale: number): bigint {
  return value.scale === scale ? value.units : value.units * pow10(scale - value.scale);
}

function sumsAt(target: Map<number, Sums>, key: number, width: number): Sums {
  let sums = target.get(key);
  if (!sums) target.set(key, (sums = new Array<bigint>(width).fill(0n)));
  return sums;
}

const copy = (sums: Map<number, Sums>) => new Map([...sums].map(([k, v]): [number, Sums] => [k, [...v]]));

/** Adds segment i's gates into `target`, keyed by their periods (unclamped) or their months (clamped). */
function addSegment(index: ForecastIndex, target: Map<number, Sums>, i: number, keys: number[][]): void {
  const width = 3 * index.rates.length;
  const base = 3 * index.segmentRate[i];
  const k = keys[i];
  const forecast = index.forecast[i];
  const best = index.best[i];
  for (let g = 0; g < k.length; g++) {
    const sums = sumsAt(target, k[g], width);
    sums[base + FORECAST] += forecast[g];
    sums[base + BEST] += best[g];
  }
}

/**
 * Sums the terms of a scope's deals (one DealForecastTerms per deal, priced with `firstOpenDay`). `block`: segments
 * between two kept partial sums (at most 2 × block segments are added per request; default √n, at least 32).
 */
export function forecastIndex(deals: readonly DealForecastTerms[], firstOpenDay?: IsoDate, block?: number): ForecastIndex {
  let scale = 0;
  const see = (t?: ExactDecimal) => {
    if (t && t.scale > scale) scale = t.scale;
  };
  const rateOf = new Map<string, number>();
  const rates: ExactDecimal[] = [];
  const segments: Array<{ segment: Segment; rate: number }> = [];
  const irregular: ForecastDeal[] = [];
  for (const d of deals) {
    if (d.irregular) irregular.push(d.irregular);
    if (d.fixed.length === 0 && d.segments.length === 0) continue;
    let rate = rateOf.get(d.rate);
    if (rate === undefined) {
      rateOf.set(d.rate, (rate = rates.length));
      rates.push(ExactDecimal.parse(d.rate));
    }
    for (const f of d.fixed) [f.worst, f.forecast, f.best].forEach(see);
    for (const s of d.segments) {
      s.forecast.forEach(see);
      s.best.forEach(see);
      segments.push({ segment: s, rate });
    }
  }
  const width = 3 * rates.length;
  const fixed = new Map<number, Sums>();
  for (const d of deals) {
    if (d.fixed.length === 0) continue;
    const base = 3 * rateOf.get(d.rate)!;
    for (const f of d.fixed) {
      const sums = sumsAt(fixed, f.period, width);
      if (f.worst) sums[base + WORST] += rescale(f.worst, scale);
      if (f.forecast) sums[base + FORECAST] += rescale(f.forecast, scale);
      if (f.best) sums[base + BEST] += rescale(f.best, scale);
    }
  }
  segments.sort((a, b) => (a.segment.threshold < b.segment.threshold ? -1 : a.segment.threshold > b.segment.threshold ? 1 : 0));
  const n = segments.length;
  const size = Math.max(1, block ?? Math.max(32, Math.ceil(Math.sqrt(n))));
  const index: ForecastIndex = {
    scale,
    rates,
    fixed,
    thresholds: segments.map((s) => s.segment.threshold),
    segmentRate: segments.map((s) => s.rate),
    periods: segments.map((s) => s.segment.periods),
    months: segments.map((s) => s.segment.months),
    forecast: segments.map((s) => s.segment.forecast.map((v) => rescale(v, scale))),
    best: segments.map((s) => s.segment.best.map((v) => rescale(v, scale))),
    block: size,
    suffixPlanned: [],
    prefixRelative: [new Map()],
    irregular,
    ...(firstOpenDay ? { firstOpenDay } : {}),
  };
  // prefixRelative[c] sums segments [0, c × size) for c = 0..⌊n / size⌋; suffixPlanned[c] sums [c × size, n) for c = 0..⌈n / size⌉.
  for (let c = 1; c * size <= n; c++) {
    const sums = copy(index.prefixRelative[c - 1]);
    for (let i = (c - 1) * size; i < c * size; i++) addSegment(index, sums, i, index.months);
    index.prefixRelative.push(sums);
  }
  const lastCheckpoint = Math.ceil(n / size);
  index.suffixPlanned = new Array(lastCheckpoint + 1);
  index.suffixPlanned[lastCheckpoint] = new Map();
  for (let c = lastCheckpoint - 1; c >= 0; c--) {
    const sums = copy(index.suffixPlanned[c + 1]);
    for (let i = c * size; i < Math.min((c + 1) * size, n); i++) addSegment(index, sums, i, index.periods);
    index.suffixPlanned[c] = sums;
  }
  return index;
}

/** How many thresholds are before `asOf` (they are sorted): those segments are clamped. */
function clampedCount(thresholds: readonly IsoDate[], asOf: IsoDate): number {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (thresholds[mid] < asOf) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The months since year 0 of a date's month, read as addMonths reads it. */
function monthIndex(date: IsoDate): number {
  const first = addMonths(date, 0);
  return Number(first.slice(0, 4)) * 12 + Number(first.slice(5, 7)) - 1;
}

/** forecastBook(deals, periods, asOf, firstOpenDay) for the deals the index was built from, to the byte. */
export function forecastAt(index: ForecastIndex, periods: Period[], asOf: IsoDate): ForecastPeriod[] {
  const width = 3 * index.rates.length;
  const sums = new Map<number, Sums>();
  const wanted = new Map<Period, number>();
  for (const p of periods) {
    // A period spelled otherwise than periodOf spells it matches no gate in forecastBook: it stays at zero here too.
    const i = isPeriod(p) && periodFromIndex(periodIndex(p)) === p ? periodIndex(p) : NaN;
    if (!Number.isNaN(i)) sumsAt(sums, i, width);
    wanted.set(p, i);
  }
  const add = (period: number, values: Sums) => {
    const row = sums.get(period);
    if (row) for (let i = 0; i < width; i++) row[i] += values[i];
  };
  for (const [period, values] of index.fixed) add(period, values);
  const n = index.thresholds.length;
  const clamped = clampedCount(index.thresholds, asOf);
  const b = index.block;
  // Segments [clamped, n) unclamped: the kept suffix from the next checkpoint on, plus those before it.
  const fromCheckpoint = Math.ceil(clamped / b);
  for (const [period, values] of index.suffixPlanned[fromCheckpoint]) add(period, values);
  const planned = new Map<number, Sums>();
  for (let i = clamped; i < Math.min(fromCheckpoint * b, n); i++) addSegment(index, planned, i, index.periods);
  for (const [period, values] of planned) add(period, values);
  if (clamped > 0) {
    // Segments [0, clamped) clamped: the kept prefix up to the last checkpoint, plus those after it.
    const toCheckpoint = Math.floor(clamped / b);
    const relative = copy(index.prefixRelative[toCheckpoint]);
    for (let i = toCheckpoint * b; i < clamped; i++) addSegment(index, relative, i, index.months);
    const asOfMonth = monthIndex(asOf);
    for (const [months, values] of relative) add(Math.floor((asOfMonth + months) / 3), values);
  }
  const irregular = index.irregular.length > 0 ? irregularSums(index.irregular, asOf, index.firstOpenDay) : undefined;
  const rows: Array<[Period, ForecastPeriod]> = [];
  for (const [period, i] of wanted) {
    const values = Number.isNaN(i) ? undefined : sums.get(i);
    const extra = irregular?.get(period);
    const figure = (k: number) => {
      const credit = new ExactSum();
      const commission = new ExactSum();
      if (values) {
        index.rates.forEach((rate, r) => {
          const units = values[3 * r + k];
          credit.add({ units, scale: index.scale });
          commission.add(ExactDecimal.times({ units, scale: index.scale }, rate));
        });
      }
      if (extra) {
        credit.add(extra[2 * k]);
        commission.add(extra[2 * k + 1]);
      }
      return { credit: credit.toMoney(), commission: commission.toMoney() };
    };
    rows.push([period, { period, worstCase: figure(WORST), forecast: figure(FORECAST), bestCase: figure(BEST) }]);
  }
  return rows.sort(([a], [c]) => comparePeriods(a, c)).map(([, row]) => row);
}

/** The deals forecastBook's own schedule prices, at this as-of date: exact totals by period ([credit, commission] per figure). */
function irregularSums(deals: readonly ForecastDeal[], asOf: IsoDate, firstOpenDay?: IsoDate): Map<Period, ExactDecimal[]> {
  const sums = new Map<Period, ExactSum[]>();
  for (const deal of deals) {
    const rate = pricedPlan(deal.plan).rate;
    for (const g of scheduleGates(deal, asOf, firstOpenDay)) {
      let row = sums.get(g.period);
      if (!row) sums.set(g.period, (row = Array.from({ length: 6 }, () => new ExactSum())));
      const credits = [g.pending ? g.bestCase : undefined, g.forecast, g.bestCase];
      credits.forEach((credit, k) => {
        if (!credit) return;
        row![2 * k].add(credit);
        row![2 * k + 1].add(ExactDecimal.times(credit, rate));
      });
    }
  }
  return new Map([...sums].map(([p, row]) => [p, row.map((s) => s.total())]));
}
