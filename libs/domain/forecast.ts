import { Dec, MoneyString } from './money';
import { ExactDecimal, ExactSum } from './exact';
import { IsoDate, Period, addMonths, maxDate, periodOf, comparePeriods } from './calendar';
import { PlanParams } from './plan';
import { DealGate, DealStatus } from './deal';

export interface ForecastDeal {
  id: string;
  status: DealStatus;
  tcv: MoneyString;
  sourcedAt: IsoDate;
  plan: Pick<PlanParams, 'gates' | 'commissionRate' | 'forecast'>;
  gates: Pick<DealGate, 'key' | 'status' | 'retiredAt'>[];
  slip?: { gate: string; expectedDate: IsoDate };
  pendingGates: Array<{ gate: string; effectiveDate: IsoDate }>;
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
interface PricedPlan {
  weight: Map<string, ExactDecimal>;
  probability: Map<string, ExactDecimal>;
  rate: ExactDecimal;
}
const pricedPlans = new WeakMap<ForecastDeal['plan'], PricedPlan>();

function priced(plan: ForecastDeal['plan']): PricedPlan {
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

interface ScheduledGate {
  gate: string;
  expectedDate: IsoDate;
  period: Period;
  /** weight × tcv. */
  bestCase: ExactDecimal;
  /** weight × tcv × Π p over the open gates up to this one. */
  forecast: ExactDecimal;
}

/**
 * Expected dates chain from the last retired gate (or sourcedAt) by monthsFromPrevious, the next gate
 * taking its slip date when one was given. A date before the as-of date becomes the as-of date, and the
 * chain continues from there: an overdue gate is expected now, and the ones after it follow from it.
 */
function scheduleGates(deal: ForecastDeal, asOf: IsoDate): ScheduledGate[] {
  if (deal.status !== 'ACTIVE') return [];
  const plan = priced(deal.plan);
  const tcv = ExactDecimal.parse(deal.tcv);
  const out: ScheduledGate[] = [];
  let previous = deal.sourcedAt;
  let probability = ExactDecimal.one();
  for (const gate of deal.gates) {
    if (gate.status === 'RETIRED') {
      previous = gate.retiredAt ?? previous;
      continue;
    }
    if (gate.status === 'CANCELLED') continue;
    const months = deal.plan.forecast.monthsFromPrevious[gate.key] ?? 0;
    const planned = out.length === 0 && deal.slip?.gate === gate.key ? deal.slip.expectedDate : addMonths(previous, months);
    const expectedDate = maxDate(planned, asOf);
    probability = ExactDecimal.times(probability, plan.probability.get(gate.key) ?? ExactDecimal.one());
    const bestCase = ExactDecimal.times(plan.weight.get(gate.key)!, tcv);
    out.push({ gate: gate.key, expectedDate, period: periodOf(expectedDate), bestCase, forecast: ExactDecimal.times(bestCase, probability) });
    previous = expectedDate;
  }
  return out;
}

/** Each open gate of an active deal with its expected date and credit (see scheduleGates). */
export function expectedGates(deal: ForecastDeal, asOf: IsoDate): ExpectedGate[] {
  return scheduleGates(deal, asOf).map((g) => ({
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
 * exact and each figure is rounded half-even to cents once.
 */
export function forecastBook(deals: ForecastDeal[], periods: Period[], asOf: IsoDate): ForecastPeriod[] {
  const rows = new Map<Period, { worst: Accumulator; forecast: Accumulator; best: Accumulator }>();
  for (const p of periods) rows.set(p, { worst: new Accumulator(), forecast: new Accumulator(), best: new Accumulator() });
  for (const deal of deals) {
    if (deal.status !== 'ACTIVE') continue;
    const plan = priced(deal.plan);
    for (const g of scheduleGates(deal, asOf)) {
      const row = rows.get(g.period);
      if (!row) continue;
      row.forecast.add(g.forecast, plan.rate);
      row.best.add(g.bestCase, plan.rate);
    }
    for (const pending of deal.pendingGates) {
      const row = rows.get(periodOf(pending.effectiveDate));
      const weight = plan.weight.get(pending.gate);
      if (!row || !weight) continue;
      row.worst.add(ExactDecimal.times(weight, ExactDecimal.parse(deal.tcv)), plan.rate);
    }
  }
  return [...rows.entries()]
    .sort(([a], [b]) => comparePeriods(a, b))
    .map(([period, r]) => ({ period, worstCase: r.worst.figure(), forecast: r.forecast.figure(), bestCase: r.best.figure() }));
}
