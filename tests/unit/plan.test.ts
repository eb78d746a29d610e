import {
  PlanParams,
  REFERENCE_PLAN_PARAMS,
  approvalAgingDaysOf,
  disputeSlaDaysOf,
  gateDefinition,
  planProblems,
  requiresAcknowledgement,
  resolvePlanParams,
  withPlanDefaults,
} from '../../libs/domain';

describe('REFERENCE_PLAN_PARAMS (plan 2027.1)', () => {
  const plan = REFERENCE_PLAN_PARAMS;
  it('has the docs/rules.md defaults', () => {
    expect(plan.gates.map((g) => [g.key, g.name, g.weight])).toEqual([
      ['G1', 'VERBAL_AWARD', '0.20'],
      ['G2', 'EXECUTED_CONTRACT', '0.30'],
      ['G3', 'STUDY_STARTUP', '0.25'],
      ['G4', 'FIRST_PATIENT_IN', '0.15'],
      ['G5', 'MID_EXECUTION', '0.10'],
    ]);
    expect(plan.gates.map((g) => g.artifactTypes)).toEqual([
      ['AWARD_LETTER', 'LOI'],
      ['SIGNED_WORK_ORDER'],
      ['IRB_APPROVAL_LETTER', 'SYSTEM_GO_LIVE_RECORD'],
      ['FIRST_PATIENT_IN_CONFIRMATION'],
      ['ENROLLMENT_REPORT', 'DATABASE_LOCK_RECORD'],
    ]);
    expect(plan.commissionRate).toBe('0.04');
    expect(plan.bonuses).toEqual({
      PROTOCOL_DESIGN_IN: '50000.00',
      IRB_APPROVAL: '40000.00',
      SITE_ACTIVATION: '25000.00',
      PATIENT_ENROLLMENT: '2000.00',
      ACCOUNT_EXPANSION: '100000.00',
    });
    expect(plan.designWinAnnualCap).toBe('300000.00');
    expect(plan.draw).toEqual({ rampQuarters: 4, capQuarters: 2, exitTreatment: 'RECOVER_FROM_TRAILING' });
    expect(plan.retention).toEqual({
      years: [
        { year: 2, amount: '100000.00' },
        { year: 3, amount: '150000.00' },
      ],
      gatesTarget: 2,
    });
    expect(plan.trailing).toEqual({ rate: '0.02', shares: ['1.00', '0.75', '0.50', '0.25'] });
    expect(plan.quota).toEqual({ newBusiness: '4000000.00', expansion: '2000000.00' });
    expect(plan.rampQuota).toEqual([
      { fromMonth: 0, factor: '0.40' },
      { fromMonth: 12, factor: '0.70' },
      { fromMonth: 24, factor: '1.00' },
    ]);
    expect(plan.forecast).toEqual({
      gateProbability: { G1: '0.35', G2: '0.85', G3: '0.90', G4: '0.90', G5: '0.95' },
      monthsFromPrevious: { G1: 6, G2: 6, G3: 7, G4: 3, G5: 10 },
    });
  });

  it('has no problems', () => {
    expect(planProblems(plan)).toEqual([]);
  });

  it('gateDefinition finds a gate by key', () => {
    expect(gateDefinition(plan, 'G3')?.name).toBe('STUDY_STARTUP');
    expect(gateDefinition(plan, 'G9')).toBeUndefined();
  });
});

describe('resolvePlanParams', () => {
  it('takes every omitted key from the reference plan', () => {
    expect(resolvePlanParams({})).toEqual(REFERENCE_PLAN_PARAMS);
  });

  it('returns a copy: mutating the result never touches the reference plan', () => {
    const plan = resolvePlanParams({});
    plan.gates[0].weight = '0.99';
    plan.draw.rampQuarters = 0;
    plan.forecast.gateProbability.G1 = '1';
    expect(REFERENCE_PLAN_PARAMS.gates[0].weight).toBe('0.20');
    expect(REFERENCE_PLAN_PARAMS.draw.rampQuarters).toBe(4);
    expect(REFERENCE_PLAN_PARAMS.forecast.gateProbability.G1).toBe('0.35');
  });

  it('copies the given values too', () => {
    const draw = { rampQuarters: 2, capQuarters: 3, exitTreatment: 'FORGIVE' as const };
    const plan = resolvePlanParams({ draw });
    draw.rampQuarters = 7;
    expect(plan.draw.rampQuarters).toBe(2);
  });

  it('a given top-level key replaces the default whole; the others stay defaults', () => {
    const plan = resolvePlanParams({
      commissionRate: '0.05',
      draw: { rampQuarters: 2, capQuarters: 3, exitTreatment: 'FORGIVE' },
    });
    expect(plan.commissionRate).toBe('0.05');
    expect(plan.draw).toEqual({ rampQuarters: 2, capQuarters: 3, exitTreatment: 'FORGIVE' });
    expect(plan.gates).toEqual(REFERENCE_PLAN_PARAMS.gates);
    expect(plan.retention).toEqual(REFERENCE_PLAN_PARAMS.retention);
    expect(plan.bonuses).toEqual(REFERENCE_PLAN_PARAMS.bonuses);
  });

  it('does not deep-merge a partial nested object: the nested keys left out are gone', () => {
    const plan = resolvePlanParams({
      forecast: { gateProbability: { G1: '0.50' }, monthsFromPrevious: { G1: 4 } },
    } as Partial<PlanParams>);
    expect(plan.forecast).toEqual({ gateProbability: { G1: '0.50' }, monthsFromPrevious: { G1: 4 } });
    expect(planProblems(plan)).toEqual(
      expect.arrayContaining([
        'forecast.gateProbability.G2: is required for every gate',
        'forecast.monthsFromPrevious.G5: is required for every gate',
      ]),
    );
  });

  it('an explicitly undefined key takes the default', () => {
    expect(resolvePlanParams({ trailing: undefined }).trailing).toEqual(REFERENCE_PLAN_PARAMS.trailing);
  });

  it('a replaced gates list needs matching forecast keys', () => {
    const plan = resolvePlanParams({
      gates: [
        { key: 'A', name: 'AWARD', weight: '0.5', artifactTypes: ['AWARD_LETTER'] },
        { key: 'B', name: 'CONTRACT', weight: '0.5', artifactTypes: ['SIGNED_WORK_ORDER'] },
      ],
    });
    const problems = planProblems(plan);
    expect(problems).toContain('forecast.gateProbability.A: is required for every gate');
    expect(problems).toContain('forecast.gateProbability.G1: no such gate');
    const fixed = resolvePlanParams({
      gates: plan.gates,
      forecast: { gateProbability: { A: '0.5', B: '0.9' }, monthsFromPrevious: { A: 3, B: 6 } },
    });
    expect(planProblems(fixed)).toEqual([]);
  });
});

describe('planProblems', () => {
  const withGates = (weights: string[]): PlanParams =>
    resolvePlanParams({
      gates: REFERENCE_PLAN_PARAMS.gates.map((g, i) => ({ ...g, weight: weights[i] })),
    });

  it('accepts weights that sum to exactly 1 in decimal (0.1 + 0.2 + 0.7, no float drift)', () => {
    expect(planProblems(withGates(['0.1', '0.2', '0.3', '0.3', '0.1']))).toEqual([]);
    expect(planProblems(withGates(['0.2', '0.3', '0.25', '0.15', '0.1']))).toEqual([]);
  });

  it('refuses weights that do not sum to exactly 1', () => {
    expect(planProblems(withGates(['0.20', '0.30', '0.25', '0.15', '0.11']))).toEqual([
      'gates: weights must sum to exactly 1 (they sum to 1.01)',
    ]);
    expect(planProblems(withGates(['0.20', '0.30', '0.25', '0.15', '0.0999999999']))).toEqual([
      'gates: weights must sum to exactly 1 (they sum to 0.9999999999)',
    ]);
  });

  it('refuses a zero or negative weight even when the sum is 1', () => {
    expect(planProblems(withGates(['0.20', '0.30', '0.35', '0.15', '0']))).toEqual(['gates[4].weight: must be in (0, 1]']);
    expect(planProblems(withGates(['0.20', '0.30', '0.45', '0.15', '-0.10']))).toEqual(['gates[4].weight: must be in (0, 1]']);
  });

  it('requires at least one gate, unique keys and artifact types', () => {
    expect(planProblems(resolvePlanParams({ gates: [], forecast: { gateProbability: {}, monthsFromPrevious: {} } }))).toEqual(
      expect.arrayContaining(['gates: at least one gate is required']),
    );
    const dup = resolvePlanParams({
      gates: REFERENCE_PLAN_PARAMS.gates.map((g, i) => (i === 1 ? { ...g, key: 'G1' } : g)),
    });
    expect(planProblems(dup)).toContain('gates: gate keys must be unique');
    const noTypes = resolvePlanParams({
      gates: REFERENCE_PLAN_PARAMS.gates.map((g, i) => (i === 2 ? { ...g, artifactTypes: [] } : g)),
    });
    expect(planProblems(noTypes)).toEqual(['gates[2].artifactTypes: at least one artifact type is required']);
  });

  it('checks rates, bonuses, caps and draw settings', () => {
    const plan = resolvePlanParams({
      commissionRate: '-0.01',
      bonuses: { ...REFERENCE_PLAN_PARAMS.bonuses, IRB_APPROVAL: '-1.00' },
      designWinAnnualCap: '-5.00',
      draw: { rampQuarters: -1, capQuarters: -2, exitTreatment: 'FORGIVE' },
    });
    expect(planProblems(plan)).toEqual([
      'commissionRate: must be at least 0',
      'bonuses.IRB_APPROVAL: must not be negative',
      'designWinAnnualCap: must not be negative',
      'draw.rampQuarters: must not be negative',
      'draw.capQuarters: must not be negative',
    ]);
    expect(planProblems(resolvePlanParams({ commissionRate: '4%' }))).toEqual(['commissionRate: must be a decimal string']);
  });

  it('requires every bonus type', () => {
    const bonuses = { ...REFERENCE_PLAN_PARAMS.bonuses } as Record<string, string>;
    delete bonuses.ACCOUNT_EXPANSION;
    expect(planProblems(resolvePlanParams({ bonuses } as Partial<PlanParams>))).toEqual(['bonuses.ACCOUNT_EXPANSION: is required']);
  });

  it('checks retention, trailing, quota and ramp quota', () => {
    const plan = resolvePlanParams({
      retention: {
        years: [
          { year: 2, amount: '100000.00' },
          { year: 2, amount: '-1.00' },
          { year: 0, amount: '5.00' },
        ],
        gatesTarget: 0,
      },
      trailing: { rate: '-0.02', shares: ['1.00', 'x'] },
      quota: { newBusiness: '-1.00', expansion: '-2.00' },
      rampQuota: [
        { fromMonth: 0, factor: '0.40' },
        { fromMonth: 12, factor: '-0.70' },
        { fromMonth: 12, factor: '1.00' },
      ],
    });
    expect(planProblems(plan)).toEqual([
      'retention.gatesTarget: must be at least 1',
      'retention.years: each year at most once',
      'retention.years[1].amount: must not be negative',
      'retention.years[2].year: must be at least 1',
      'trailing.rate: must be at least 0',
      'trailing.shares[1]: must be a decimal string',
      'quota.newBusiness: must not be negative',
      'quota.expansion: must not be negative',
      'rampQuota[1].factor: must not be negative',
      'rampQuota[2].fromMonth: steps must be in increasing month order',
    ]);
    expect(planProblems(resolvePlanParams({ rampQuota: [{ fromMonth: 3, factor: '0.5' }] }))).toEqual([
      'rampQuota: the first step must start at fromMonth 0',
    ]);
    expect(planProblems(resolvePlanParams({ rampQuota: [] }))).toEqual(['rampQuota: the first step must start at fromMonth 0']);
  });

  it('checks forecast probabilities are in [0, 1] and months are not negative', () => {
    const plan = resolvePlanParams({
      forecast: {
        gateProbability: { G1: '1.5', G2: '0.85', G3: '0.90', G4: '0.90', G5: '0' },
        monthsFromPrevious: { G1: 6, G2: -1, G3: 7, G4: 3, G5: 10, G6: 1 },
      },
    });
    expect(planProblems(plan)).toEqual([
      'forecast.gateProbability.G1: must be in [0, 1]',
      'forecast.monthsFromPrevious.G2: must not be negative',
      'forecast.monthsFromPrevious.G6: no such gate',
    ]);
  });
});

describe('v2 plan parameters', () => {
  it('default to no acknowledgement, a 10-day dispute SLA and 5-day approval aging', () => {
    const plan = resolvePlanParams({});
    expect([plan.requireAcknowledgement, plan.disputeSlaDays, plan.alerts]).toEqual([false, 10, { approvalAgingDays: 5 }]);
    const set = resolvePlanParams({ requireAcknowledgement: true, disputeSlaDays: 3, alerts: { approvalAgingDays: 2 } });
    expect([requiresAcknowledgement(set), disputeSlaDaysOf(set), approvalAgingDaysOf(set)]).toEqual([true, 3, 2]);
  });

  it('a plan stored before the v2 parameters reads their defaults', () => {
    const { requireAcknowledgement, disputeSlaDays, alerts, ...stored } = REFERENCE_PLAN_PARAMS;
    expect([requireAcknowledgement, disputeSlaDays, alerts]).toEqual([false, 10, { approvalAgingDays: 5 }]);
    const read = withPlanDefaults(stored as PlanParams);
    expect([read.requireAcknowledgement, read.disputeSlaDays, read.alerts]).toEqual([false, 10, { approvalAgingDays: 5 }]);
    expect([requiresAcknowledgement(stored as PlanParams), disputeSlaDaysOf(stored as PlanParams), approvalAgingDaysOf(stored as PlanParams)]).toEqual([false, 10, 5]);
  });

  it('refuses an SLA or an aging threshold below one day', () => {
    expect(planProblems(resolvePlanParams({ disputeSlaDays: 0, alerts: { approvalAgingDays: 0 } }))).toEqual([
      'disputeSlaDays: must be at least 1',
      'alerts.approvalAgingDays: must be at least 1',
    ]);
  });
});
