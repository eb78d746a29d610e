import { Dec, Money, Ratio } from './money';
import { IsoDate, makeDate, wholeMonthsBetween } from './calendar';
import { PlanParams } from './plan';

/** The ramp factor of the step reached by whole months of tenure on 1 January (hired in the year: month 0). */
export function rampFactor(plan: PlanParams, hireDate: IsoDate, year: number): { tenureMonths: number; factor: string } {
  const jan1 = makeDate(year, 1, 1);
  const tenureMonths = hireDate < jan1 ? wholeMonthsBetween(hireDate, jan1) : 0;
  let factor = plan.rampQuota[0]?.factor ?? '1';
  for (const step of plan.rampQuota) if (step.fromMonth <= tenureMonths) factor = step.factor;
  return { tenureMonths, factor };
}

export interface Attainment {
  year: number;
  rampFactor: string;
  quota: { newBusiness: string; expansion: string };
  credit: { newBusiness: string; expansion: string };
  attainment: { newBusiness: string; expansion: string };
}

export function attainment(plan: PlanParams, hireDate: IsoDate, year: number, credit: { newBusiness: string; expansion: string }): Attainment {
  const { factor } = rampFactor(plan, hireDate, year);
  const quotaNb = new Dec(plan.quota.newBusiness).times(factor);
  const quotaEx = new Dec(plan.quota.expansion).times(factor);
  const ratio = (c: string, q: Dec) => (q.isZero() ? '0.0000' : Ratio.format(new Dec(c).dividedBy(q), 4));
  return {
    year,
    rampFactor: factor,
    quota: { newBusiness: Money.format(quotaNb), expansion: Money.format(quotaEx) },
    credit: { newBusiness: Money.format(credit.newBusiness), expansion: Money.format(credit.expansion) },
    attainment: { newBusiness: ratio(credit.newBusiness, quotaNb), expansion: ratio(credit.expansion, quotaEx) },
  };
}
