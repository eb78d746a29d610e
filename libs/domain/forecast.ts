import { Dec, MoneyString } from './money';
import { ExactDecimal, ExactSum } from './exact';
import { IsoDate, Period, addMonths, maxDate, periodOf, comparePeriods } from './calendar';
import { PlanParams } from './plan';
import { DealGate, DealStatus, tcvInForceOn } from './deal';

export interface ForecastDeal {
  id: string;
  status: DealStatus;
  /** The TCV after every descope (open gates are valued at it). */
  tcv: MoneyString;
  /** With `descopes`: a pending gate is valued at the TCV in force on its artifact's date (absent: `tcv`). */
  originalTcv?: MoneyString;
  descopes?: Array<{ effectiveDate: IsoDate; tcv: MoneyString }>;
  /** A KILLED deal's kill: the gates pending on it dated before the kill still count in the worst case. */
  killed?: { effectiveDate: IsoDate };
  sourcedAt: IsoDate;
  plan: Pick<PlanParams, 'gates' | 'commissionRate' | 'forecast'>;
  gates: Pick<DealGate, 'key' | 'status' | 'retiredAt'>[];
  slip?: { gate: string; expectedDate: IsoDate };
  pendingGates: Array<{ gate: string; effectiveDate: IsoDate }>;
}

/** The TCV in force on a pending artifact's date (docs/rules.md "Forecast", v2). */
export function pendingTcv(deal: ForecastDeal, date: IsoDate): ExactDecimal {
  if (!deal.descopes) return ExactDecimal.parse(deal.tcv);
  return ExactDecimal.parse(tcvInForceOn({ tcv: deal.tcv, originalTcv: deal.originalTcv ?? deal.tcv, descopes: deal.descopes }, date));
}

/**
 * Where a pending artifact's gate is expected: the later of its effectiveDate and the first day of the first open
 * period (where its approval would post, docs/rules.md "Late approvals"), never moved to the as-of date.
 */
export function pendingExpectedDate(effectiveDate: IsoDate, firstOpenDay?: IsoDate): IsoDate {
  return firstOpenDay ? maxDate(effectiveDate, firstOpenDay) : effectiveDate;
}

export interface ExpectedGate {
  dealId: string;
  gate: string;
  expectedDate: IsoDate;
  period: Period;
  /** weight × tcv × Π p over the open gates up to this one. */
  forecastCredit: Dec;
  /** weight × tcv. */
  bestCaseCredit: Dec;
  rate: string;
}

/** A plan's forecast inputs, parsed once per plan object (plans are immutable once published). */
export interface PricedPlan {
  weight: Map<string, ExactDecimal>;
  probability: Map<string, ExactDecimal>;
  rate: ExactDecimal;
}
const pricedPlans = new WeakMap<ForecastDeal['plan'], PricedPlan>();

export function pricedPlan(plan: ForecastDeal['plan']): PricedPlan {
  let p = pricedPlans.get(plan);
  if (!p) {
    p = {
      weight: new Map(plan.gates.map((g) => [g.key, ExactDecimal.parse(g.weight)])),
      probability: new Map(Object.entries(plan.forecast.gateProbability).map(([k, v]) => [k, ExactDecimal.parse(v)])),
      rate: ExactDecimal.parse(plan.commissionRate),
    };
    pricedPlans.set(plan, p);
  }
  return p;
}

export interface ScheduledGate {
  gate: string;
  expectedDate: IsoDate;
  period: Period;
  /** An artifact for it is pending approval: it also counts in the worst case. */
  pending: boolean;
  /** weight × tcv. */
  bestCase: ExactDecimal;
  /** weight × tcv × Π p over the open gates up to this one. */
  forecast: ExactDecimal;
}

/** An open gate's place in the schedule: when it is expected, and the date of its pending artifact if it has one. */
export interface GateDate {
  gate: string;
  expectedDate: IsoDate;
  artifactDate?: IsoDate;
}

/**
 * Expected dates chain from the last retired gate (or sourcedAt) by monthsFromPrevious, the next gate
 * taking its slip date when one was given. A date before the as-of date becomes the as-of date, and the
 * chain continues from there: an overdue gate is expected now, and the ones after it follow from it.
 * (v2) A gate with an artifact pending approval is expected where its approval would post (pendingExpectedDate);
 * the gates after it chain from that date as usual. Dates only: a deal read needs no money (scheduleGates prices them).
 */
export function scheduleGateDates(deal: ForecastDeal, asOf: IsoDate, firstOpenDay?: IsoDate): GateDate[] {
  if (deal.status !== 'ACTIVE') return [];
  const artifactDates = new Map(deal.pendingGates.map((p) => [p.gate, p.effectiveDate]));
  const out: GateDate[] = [];
  let previous = deal.sourcedAt;
  for (const gate of deal.gates) {
    if (gate.status === 'RETIRED') {
      previous = gate.retiredAt ?? previous;
      continue;
    }
    if (gate.status === 'CANCELLED') continue;
    const artifactDate = gate.status === 'PENDING' ? artifactDates.get(gate.key) : undefined;
    let expectedDate: IsoDate;
    if (artifactDate) {
      expectedDate = pendingExpectedDate(artifactDate, firstOpenDay);
    } else {
      const months = deal.plan.forecast.monthsFromPrevious[gate.key] ?? 0;
      const planned = out.length === 0 && deal.slip?.gate === gate.key ? deal.slip.expectedDate : addMonths(previous, months);
      expectedDate = maxDate(planned, asOf);
    }
    out.push(artifactDate ? { gate: gate.key, expectedDate, artifactDate } : { gate: gate.key, expectedDate });
    previous = expectedDate;
  }
  return out;
}

/**
 * The open gates on scheduleGateDates' dates, priced: a pending gate valued at the TCV in force on its artifact's
 * date, the forecast credit weighted by the probabilities of the open gates up to it.
 */
export function scheduleGates(deal: ForecastDeal, asOf: IsoDate, firstOpenDay?: IsoDate): ScheduledGate[] {
  const dates = scheduleGateDates(deal, asOf, firstOpenDay);
  if (dates.length === 0) return [];
  const plan = pricedPlan(deal.plan);
  const tcv = ExactDecimal.parse(deal.tcv);
  let probability = ExactDecimal.one();
  return dates.map(({ gate, expectedDate, artifactDate }) => {
    probability = ExactDecimal.times(probability, plan.probability.get(gate) ?? ExactDecimal.one());
    const bestCase = ExactDecimal.times(plan.weight.get(gate)!, artifactDate ? pendingTcv(deal, artifactDate) : tcv);
    return {
      gate,
      expectedDate,
      period: periodOf(expectedDate),
      pending: artifactDate !== undefined,
      bestCase,
      forecast: ExactDecimal.times(bestCase, probability),
    };
  });
}

/**
 * Each open gate of an active deal with its expected date and credit (see scheduleGates). `firstOpenDay`: the first
 * day of the first open period, the earliest date a pending gate is expected (absent: its artifact's date).
 */
export function expectedGates(deal: ForecastDeal, asOf: IsoDate, firstOpenDay?: IsoDate): ExpectedGate[] {
  return scheduleGates(deal, asOf, firstOpenDay).map((g) => ({
    dealId: deal.id,
    gate: g.gate,
    expectedDate: g.expectedDate,
    period: g.period,
    forecastCredit: ExactDecimal.toDec(g.forecast),
    bestCaseCredit: ExactDecimal.toDec(g.bestCase),
    rate: deal.plan.commissionRate,
  }));
}

export interface ForecastFigure {
  credit: MoneyString;
  commission: MoneyString;
}

export interface ForecastPeriod {
  period: Period;
  worstCase: ForecastFigure;
  forecast: ForecastFigure;
  bestCase: ForecastFigure;
}

class Accumulator {
  private readonly credit = new ExactSum();
  private readonly commission = new ExactSum();

  add(credit: ExactDecimal, rate: ExactDecimal): void {
    this.credit.add(credit);
    this.commission.add(ExactDecimal.times(credit, rate));
  }

  figure(): ForecastFigure {
    return { credit: this.credit.toMoney(), commission: this.commission.toMoney() };
  }
}

/**
 * Per period in [from, to]: worst case (pending gate artifacts), phase-weighted forecast, best case. Sums are
 * exact and each figure is rounded half-even to cents once. (v2) A pending gate counts in all three figures at its
 * expected date (see scheduleGates), so worst case ≤ best case for the ACTIVE deals; on a KILLED deal, the gates
 * pending with an artifact dated before the kill count in the worst case only. `firstOpenDay`: see expectedGates.
 */
export function forecastBook(deals: ForecastDeal[], periods: Period[], asOf: IsoDate, firstOpenDay?: IsoDate): ForecastPeriod[] {
  const rows = new Map<Period, { worst: Accumulator; forecast: Accumulator; best: Accumulator }>();
  for (const p of periods) rows.set(p, { worst: new Accumulator(), forecast: new Accumulator(), best: new Accumulator() });
  for (const deal of deals) {
    const plan = pricedPlan(deal.plan);
    if (deal.status === 'KILLED') {
      for (const pending of deal.pendingGates) {
        if (!deal.killed || pending.effectiveDate >= deal.killed.effectiveDate) continue;
        const row = rows.get(periodOf(pendingExpectedDate(pending.effectiveDate, firstOpenDay)));
        const weight = plan.weight.get(pending.gate);
        if (row && weight) row.worst.add(ExactDecimal.times(weight, pendingTcv(deal, pending.effectiveDate)), plan.rate);
      }
      continue;
    }
    if (deal.status !== 'ACTIVE') continue;
    for (const g of scheduleGates(deal, asOf, firstOpenDay)) {
      const row = rows.get(g.period);
      if (!row) continue;
      row.forecast.add(g.forecast, plan.rate);
      row.best.add(g.bestCase, plan.rate);
      if (g.pending) row.worst.add(g.bestCase, plan.rate);
    }
  }
  return [...rows.entries()]
    .sort(([a], [b]) => comparePeriods(a, b))
    .map(([period, r]) => ({ period, worstCase: r.worst.figure(), forecast: r.forecast.figure(), bestCase: r.best.figure() }));
}
