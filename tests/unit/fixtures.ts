/** Shared fixtures for the domain unit tests: the docs/rules.md reference plan, rep and deal, plus an exact-decimal oracle. */
import Decimal from 'decimal.js';
import { CreditSplit, Deal, NewDealInput, PlanParams, REFERENCE_PLAN_PARAMS, newDeal, resolvePlanParams } from '../../libs/domain';

/** An independent decimal oracle (not the engine's Dec): exact, rounded half-even to cents only when asked. */
export const Exact = Decimal.clone({ precision: 120, toExpNeg: -100, toExpPos: 100 });
export type Exact = Decimal;

export function cents(value: Decimal.Value): string {
  const out = new Exact(value).toFixed(2, Decimal.ROUND_HALF_EVEN);
  return out === '-0.00' ? '0.00' : out;
}

/** The exact product of the parts, rounded half-even to cents once. */
export function productCents(...parts: Decimal.Value[]): string {
  return cents(parts.reduce<Decimal>((acc, p) => acc.times(p), new Exact(1)));
}

export function sumCents(values: string[]): string {
  return cents(values.reduce<Decimal>((acc, v) => acc.plus(v), new Exact(0)));
}

/** A fresh deep copy of the reference plan, so no test can mutate the shared constant. */
export function referencePlan(overrides: Partial<PlanParams> = {}): PlanParams {
  return resolvePlanParams(overrides);
}

export const REFERENCE_DEAL_INPUT: NewDealInput = {
  id: 'D-4500',
  sponsor: 'Helix Therapeutics',
  program: 'HLX-201 Phase III',
  tcv: '4500000.00',
  dealType: 'NEW_BUSINESS',
  sourcedBy: 'ae-1',
  owner: 'ae-1',
  sourcedAt: '2027-02-01',
  splits: [{ repId: 'ae-1', role: 'AE', share: '1' }],
};

export function referenceDeal(): Deal {
  return newDeal(structuredClone(REFERENCE_DEAL_INPUT), '2027.1', referencePlan());
}

/** A deal whose source, owner and split recipients are all different people. */
export function teamDeal(splits?: CreditSplit[], overrides: Partial<NewDealInput> = {}): Deal {
  return newDeal(
    {
      id: 'D-TEAM',
      sponsor: 'Orion Bio',
      program: 'ORN-7 Phase II',
      tcv: '1000000.00',
      dealType: 'NEW_BUSINESS',
      sourcedBy: 'bdr-1',
      owner: 'ae-2',
      sourcedAt: '2027-01-15',
      splits: splits ?? [
        { repId: 'ae-2', role: 'AE', share: '0.6' },
        { repId: 'sl-1', role: 'SCIENTIFIC_LIAISON', share: '0.4' },
      ],
      ...overrides,
    },
    '2027.1',
    referencePlan(),
  );
}

/** The first accepted artifact type of each reference gate. */
export const PROOF: Record<string, string> = {
  G1: 'AWARD_LETTER',
  G2: 'SIGNED_WORK_ORDER',
  G3: 'IRB_APPROVAL_LETTER',
  G4: 'FIRST_PATIENT_IN_CONFIRMATION',
  G5: 'ENROLLMENT_REPORT',
};

export { REFERENCE_PLAN_PARAMS };
