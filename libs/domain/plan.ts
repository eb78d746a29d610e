import { Dec, Ratio } from './money';

export const GATE_KEYS = ['G1', 'G2', 'G3', 'G4', 'G5'] as const;
export const BONUS_TYPES = [
  'PROTOCOL_DESIGN_IN',
  'IRB_APPROVAL',
  'SITE_ACTIVATION',
  'PATIENT_ENROLLMENT',
  'ACCOUNT_EXPANSION',
] as const;
export type BonusType = (typeof BONUS_TYPES)[number];
/** Bonus types paid per unit of a quantity (sites, patients); the others are paid once per event. */
export const QUANTITY_BONUS_TYPES: readonly BonusType[] = ['SITE_ACTIVATION', 'PATIENT_ENROLLMENT'];
export const EXIT_TREATMENTS = ['RECOVER_FROM_TRAILING', 'FORGIVE'] as const;
export type ExitTreatment = (typeof EXIT_TREATMENTS)[number];

export interface GateDefinition {
  key: string;
  name: string;
  weight: string;
  artifactTypes: string[];
}

export interface PlanParams {
  gates: GateDefinition[];
  commissionRate: string;
  bonuses: Record<BonusType, string>;
  designWinAnnualCap: string;
  draw: { rampQuarters: number; capQuarters: number; exitTreatment: ExitTreatment };
  retention: { years: Array<{ year: number; amount: string }>; gatesTarget: number };
  trailing: { rate: string; shares: string[] };
  quota: { newBusiness: string; expansion: string };
  rampQuota: Array<{ fromMonth: number; factor: string }>;
  forecast: { gateProbability: Record<string, string>; monthsFromPrevious: Record<string, number> };
  /** docs/rules.md "Commission expense (ASC 340-40)"; absent on plans stored before it: read it with capitalizedGatesOf. */
  accounting?: AccountingParams;
  /** v2, docs/rules.md "Plan parameters": absent on plans stored before them; read them through withPlanDefaults. */
  requireAcknowledgement?: boolean;
  disputeSlaDays?: number;
  alerts?: AlertParams;
}

export interface AlertParams {
  /** An approval pending longer than this many days alerts the deal desk. */
  approvalAgingDays: number;
}

/** The v2 parameters' defaults, taken by a plan that omits them (and by plans stored before they existed). */
export const V2_PLAN_DEFAULTS = { requireAcknowledgement: false, disputeSlaDays: 10, alerts: { approvalAgingDays: 5 } } as const;

export interface AccountingParams {
  /** The gates whose commission is capitalized and expensed with the deal's revenue. */
  capitalizedGates: string[];
}

export const DEFAULT_CAPITALIZED_GATES: readonly string[] = ['G1', 'G2'];

/** The plan's capitalized gates: the default (those of G1, G2 the plan has) when the plan predates the parameter. */
export function capitalizedGatesOf(plan: Pick<PlanParams, 'gates' | 'accounting'>): string[] {
  if (plan.accounting) return [...plan.accounting.capitalizedGates];
  const keys = new Set(plan.gates.map((g) => g.key));
  return DEFAULT_CAPITALIZED_GATES.filter((k) => keys.has(k));
}

/** The reference plan `2027.1` of docs/rules.md. */
export const REFERENCE_PLAN_PARAMS: PlanParams = {
  gates: [
    { key: 'G1', name: 'VERBAL_AWARD', weight: '0.20', artifactTypes: ['AWARD_LETTER', 'LOI'] },
    { key: 'G2', name: 'EXECUTED_CONTRACT', weight: '0.30', artifactTypes: ['SIGNED_WORK_ORDER'] },
    { key: 'G3', name: 'STUDY_STARTUP', weight: '0.25', artifactTypes: ['IRB_APPROVAL_LETTER', 'SYSTEM_GO_LIVE_RECORD'] },
    { key: 'G4', name: 'FIRST_PATIENT_IN', weight: '0.15', artifactTypes: ['FIRST_PATIENT_IN_CONFIRMATION'] },
    { key: 'G5', name: 'MID_EXECUTION', weight: '0.10', artifactTypes: ['ENROLLMENT_REPORT', 'DATABASE_LOCK_RECORD'] },
  ],
  commissionRate: '0.04',
  bonuses: {
    PROTOCOL_DESIGN_IN: '50000.00',
    IRB_APPROVAL: '40000.00',
    SITE_ACTIVATION: '25000.00',
    PATIENT_ENROLLMENT: '2000.00',
    ACCOUNT_EXPANSION: '100000.00',
  },
  designWinAnnualCap: '300000.00',
  draw: { rampQuarters: 4, capQuarters: 2, exitTreatment: 'RECOVER_FROM_TRAILING' },
  retention: {
    years: [
      { year: 2, amount: '100000.00' },
      { year: 3, amount: '150000.00' },
    ],
    gatesTarget: 2,
  },
  trailing: { rate: '0.02', shares: ['1.00', '0.75', '0.50', '0.25'] },
  quota: { newBusiness: '4000000.00', expansion: '2000000.00' },
  rampQuota: [
    { fromMonth: 0, factor: '0.40' },
    { fromMonth: 12, factor: '0.70' },
    { fromMonth: 24, factor: '1.00' },
  ],
  forecast: {
    gateProbability: { G1: '0.35', G2: '0.85', G3: '0.90', G4: '0.90', G5: '0.95' },
    monthsFromPrevious: { G1: 6, G2: 6, G3: 7, G4: 3, G5: 10 },
  },
  accounting: { capitalizedGates: ['G1', 'G2'] },
  requireAcknowledgement: V2_PLAN_DEFAULTS.requireAcknowledgement,
  disputeSlaDays: V2_PLAN_DEFAULTS.disputeSlaDays,
  alerts: { approvalAgingDays: V2_PLAN_DEFAULTS.alerts.approvalAgingDays },
};

/** Each omitted top-level key takes the reference default whole. */
export function resolvePlanParams(partial: Partial<PlanParams>): PlanParams {
  const defaults = structuredCloneJson(REFERENCE_PLAN_PARAMS);
  const out = { ...defaults } as PlanParams;
  for (const key of Object.keys(partial) as Array<keyof PlanParams>) {
    if (partial[key] !== undefined) (out as unknown as Record<string, unknown>)[key] = structuredCloneJson(partial[key]);
  }
  // The default names G1 and G2: a plan with other gate keys that omits the parameter capitalizes those of them it has.
  if (partial.accounting === undefined) out.accounting = { capitalizedGates: capitalizedGatesOf({ gates: out.gates }) };
  return out;
}

/** A stored plan as the engine reads it: parameters added since it was written take their default. */
export function withPlanDefaults(params: PlanParams): PlanParams {
  return {
    ...params,
    accounting: params.accounting ?? { capitalizedGates: capitalizedGatesOf(params) },
    requireAcknowledgement: params.requireAcknowledgement ?? V2_PLAN_DEFAULTS.requireAcknowledgement,
    disputeSlaDays: params.disputeSlaDays ?? V2_PLAN_DEFAULTS.disputeSlaDays,
    alerts: params.alerts ?? { approvalAgingDays: V2_PLAN_DEFAULTS.alerts.approvalAgingDays },
  };
}

/** Whether the plan holds a rep's statements out of payroll until the rep has acknowledged it. */
export function requiresAcknowledgement(plan: Pick<PlanParams, 'requireAcknowledgement'>): boolean {
  return plan.requireAcknowledgement ?? V2_PLAN_DEFAULTS.requireAcknowledgement;
}

/** Days a dispute may stay open before it is marked overdue. */
export function disputeSlaDaysOf(plan: Pick<PlanParams, 'disputeSlaDays'>): number {
  return plan.disputeSlaDays ?? V2_PLAN_DEFAULTS.disputeSlaDays;
}

/** Days an approval may stay pending before it alerts the deal desk. */
export function approvalAgingDaysOf(plan: Pick<PlanParams, 'alerts'>): number {
  return plan.alerts?.approvalAgingDays ?? V2_PLAN_DEFAULTS.alerts.approvalAgingDays;
}

function structuredCloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The rules a plan must satisfy beyond its shape; each problem is returned as a readable sentence. */
export function planProblems(plan: PlanParams): string[] {
  const problems: string[] = [];
  const keys = plan.gates.map((g) => g.key);
  if (plan.gates.length === 0) problems.push('gates: at least one gate is required');
  if (new Set(keys).size !== keys.length) problems.push('gates: gate keys must be unique');
  const weightSum = plan.gates.reduce((acc, g) => acc.plus(g.weight), new Dec(0));
  if (!weightSum.equals(1)) problems.push(`gates: weights must sum to exactly 1 (they sum to ${weightSum.toString()})`);
  plan.gates.forEach((g, i) => {
    const w = new Dec(g.weight);
    if (w.lte(0) || w.gt(1)) problems.push(`gates[${i}].weight: must be in (0, 1]`);
    if (g.artifactTypes.length === 0) problems.push(`gates[${i}].artifactTypes: at least one artifact type is required`);
  });
  checkRatio(problems, 'commissionRate', plan.commissionRate, false);
  for (const [type, amount] of Object.entries(plan.bonuses)) {
    if (new Dec(amount).lt(0)) problems.push(`bonuses.${type}: must not be negative`);
  }
  for (const type of BONUS_TYPES) {
    if (plan.bonuses[type] === undefined) problems.push(`bonuses.${type}: is required`);
  }
  if (new Dec(plan.designWinAnnualCap).lt(0)) problems.push('designWinAnnualCap: must not be negative');
  if (plan.draw.rampQuarters < 0) problems.push('draw.rampQuarters: must not be negative');
  if (plan.draw.capQuarters < 0) problems.push('draw.capQuarters: must not be negative');
  if (plan.retention.gatesTarget < 1) problems.push('retention.gatesTarget: must be at least 1');
  const years = plan.retention.years.map((y) => y.year);
  if (new Set(years).size !== years.length) problems.push('retention.years: each year at most once');
  plan.retention.years.forEach((y, i) => {
    if (y.year < 1) problems.push(`retention.years[${i}].year: must be at least 1`);
    if (new Dec(y.amount).lt(0)) problems.push(`retention.years[${i}].amount: must not be negative`);
  });
  checkRatio(problems, 'trailing.rate', plan.trailing.rate, false);
  plan.trailing.shares.forEach((s, i) => checkRatio(problems, `trailing.shares[${i}]`, s, false));
  if (new Dec(plan.quota.newBusiness).lt(0)) problems.push('quota.newBusiness: must not be negative');
  if (new Dec(plan.quota.expansion).lt(0)) problems.push('quota.expansion: must not be negative');
  if (plan.rampQuota.length === 0 || plan.rampQuota[0].fromMonth !== 0) {
    problems.push('rampQuota: the first step must start at fromMonth 0');
  }
  plan.rampQuota.forEach((step, i) => {
    if (i > 0 && step.fromMonth <= plan.rampQuota[i - 1].fromMonth) {
      problems.push(`rampQuota[${i}].fromMonth: steps must be in increasing month order`);
    }
    if (new Dec(step.factor).lt(0)) problems.push(`rampQuota[${i}].factor: must not be negative`);
  });
  for (const key of keys) {
    const p = plan.forecast.gateProbability[key];
    if (p === undefined) problems.push(`forecast.gateProbability.${key}: is required for every gate`);
    else checkRatio(problems, `forecast.gateProbability.${key}`, p, true);
    const months = plan.forecast.monthsFromPrevious[key];
    if (months === undefined) problems.push(`forecast.monthsFromPrevious.${key}: is required for every gate`);
    else if (months < 0) problems.push(`forecast.monthsFromPrevious.${key}: must not be negative`);
  }
  for (const key of Object.keys(plan.forecast.gateProbability)) {
    if (!keys.includes(key)) problems.push(`forecast.gateProbability.${key}: no such gate`);
  }
  for (const key of Object.keys(plan.forecast.monthsFromPrevious)) {
    if (!keys.includes(key)) problems.push(`forecast.monthsFromPrevious.${key}: no such gate`);
  }
  if (plan.accounting) {
    const gates = plan.accounting.capitalizedGates;
    gates.forEach((g, i) => {
      if (!keys.includes(g)) problems.push(`accounting.capitalizedGates[${i}]: no such gate ${g}`);
    });
    if (new Set(gates).size !== gates.length) problems.push('accounting.capitalizedGates: each gate at most once');
  }
  if (plan.disputeSlaDays !== undefined && plan.disputeSlaDays < 1) problems.push('disputeSlaDays: must be at least 1');
  if (plan.alerts !== undefined && plan.alerts.approvalAgingDays < 1) problems.push('alerts.approvalAgingDays: must be at least 1');
  return problems;
}

function checkRatio(problems: string[], path: string, value: string, upToOne: boolean): void {
  if (!Ratio.isDecimalString(value)) {
    problems.push(`${path}: must be a decimal string`);
    return;
  }
  const v = new Dec(value);
  if (v.lt(0) || (upToOne && v.gt(1))) problems.push(`${path}: must be ${upToOne ? 'in [0, 1]' : 'at least 0'}`);
}

export function gateDefinition(plan: PlanParams, gateKey: string): GateDefinition | undefined {
  return plan.gates.find((g) => g.key === gateKey);
}
