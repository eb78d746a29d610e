import { Dec, Money, MoneyString } from './money';
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

/**
 * Expected dates chain from the last retired gate (or sourcedAt) by monthsFromPrevious, the next gate
 * taking its slip date when one was given. A date before the as-of date becomes the as-of date, and the
 * chain continues from there: an overdue gate is expected now, and the ones after it follow from it.
 */
export function expectedGates(deal: ForecastDeal, asOf: IsoDate): ExpectedGate[] {
  if (deal.status !== 'ACTIVE') return [];
  const out: ExpectedGate[] = [];
  let previous = deal.sourcedAt;
  let probability = new Dec(1);
  for (const gate of deal.gates) {
    if (gate.status === 'RETIRED') {
      previous = gate.retiredAt ?? previous;
      continue;
    }
    if (gate.status === 'CANCELLED') continue;
    const definition = deal.plan.gates.find((g) => g.key === gate.key)!;
    const months = deal.plan.forecast.monthsFromPrevious[gate.key] ?? 0;
    const first = out.length === 0;
    const planned = first && deal.slip?.gate === gate.key ? deal.slip.expectedDate : addMonths(previous, months);
    const expectedDate = maxDate(planned, asOf);
    probability = probability.times(deal.plan.forecast.gateProbability[gate.key] ?? '1');
    const bestCaseCredit = new Dec(definition.weight).times(deal.tcv);
    out.push({
      dealId: deal.id,
      gate: gate.key,
      expectedDate,
      period: periodOf(expectedDate),
      forecastCredit: bestCaseCredit.times(probability),
      bestCaseCredit,
      rate: deal.plan.commissionRate,
    });
    previous = expectedDate;
  }
  return out;
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

interface Accumulator {
  credit: Dec;
  commission: Dec;
}

const empty = (): Accumulator => ({ credit: new Dec(0), commission: new Dec(0) });
const figure = (a: Accumulator): ForecastFigure => ({ credit: Money.format(a.credit), commission: Money.format(a.commission) });

/** Per period in [from, to]: worst case (pending gate artifacts), phase-weighted forecast, best case. */
export function forecastBook(deals: ForecastDeal[], periods: Period[], asOf: IsoDate): ForecastPeriod[] {
  const rows = new Map<Period, { worst: Accumulator; forecast: Accumulator; best: Accumulator }>();
  for (const p of periods) rows.set(p, { worst: empty(), forecast: empty(), best: empty() });
  for (const deal of deals) {
    if (deal.status !== 'ACTIVE') continue;
    for (const g of expectedGates(deal, asOf)) {
      const row = rows.get(g.period);
      if (!row) continue;
      add(row.forecast, g.forecastCredit, g.rate);
      add(row.best, g.bestCaseCredit, g.rate);
    }
    for (const pending of deal.pendingGates) {
      const row = rows.get(periodOf(pending.effectiveDate));
      const definition = deal.plan.gates.find((g) => g.key === pending.gate);
      if (!row || !definition) continue;
      add(row.worst, new Dec(definition.weight).times(deal.tcv), deal.plan.commissionRate);
    }
  }
  return [...rows.entries()]
    .sort(([a], [b]) => comparePeriods(a, b))
    .map(([period, r]) => ({ period, worstCase: figure(r.worst), forecast: figure(r.forecast), bestCase: figure(r.best) }));
}

function add(acc: Accumulator, credit: Dec, rate: string): void {
  acc.credit = acc.credit.plus(credit);
  acc.commission = acc.commission.plus(credit.times(rate));
}
