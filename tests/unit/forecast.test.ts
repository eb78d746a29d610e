import { ExpectedGate, ForecastDeal, ForecastPeriod, Money, expectedGates, forecastBook, periodRange } from '../../libs/domain';
import { referencePlan } from './fixtures';

const plan = referencePlan();

function forecastDeal(overrides: Partial<ForecastDeal> = {}): ForecastDeal {
  return {
    id: 'D-1M',
    status: 'ACTIVE',
    tcv: '1000000.00',
    sourcedAt: '2027-01-15',
    plan,
    gates: plan.gates.map((g) => ({ key: g.key, status: 'OPEN' as const })),
    pendingGates: [],
    ...overrides,
  };
}

const view = (gates: ExpectedGate[]) =>
  gates.map((g) => [g.gate, g.expectedDate, g.period, Money.format(g.forecastCredit), Money.format(g.bestCaseCredit)]);

describe('expectedGates', () => {
  it('hand-computed: TCV 1000000.00 sourced 2027-01-15, nothing retired, as of 2027-01-01', () => {
    expect(view(expectedGates(forecastDeal(), '2027-01-01'))).toEqual([
      ['G1', '2027-07-15', '2027-Q3', '70000.00', '200000.00'], // 200000 × 0.35
      ['G2', '2028-01-15', '2028-Q1', '89250.00', '300000.00'], // 300000 × 0.35 × 0.85
      ['G3', '2028-08-15', '2028-Q3', '66937.50', '250000.00'], // 250000 × 0.2975 × 0.90
      ['G4', '2028-11-15', '2028-Q4', '36146.25', '150000.00'], // 150000 × 0.26775 × 0.90
      ['G5', '2029-09-15', '2029-Q3', '22892.62', '100000.00'], // 100000 × 0.2409750 × 0.95 = 22892.625 → half-even
    ]);
    expect(expectedGates(forecastDeal(), '2027-01-01').every((g) => g.rate === '0.04' && g.dealId === 'D-1M')).toBe(true);
  });

  it('keeps the exact expected credit (rounding happens once, when posted)', () => {
    expect(expectedGates(forecastDeal(), '2027-01-01')[4].forecastCredit.toString()).toBe('22892.625');
  });

  it('a slip date for the next gate replaces its expected date, and the chain follows it', () => {
    const gates = expectedGates(forecastDeal({ slip: { gate: 'G1', expectedDate: '2027-10-01' } }), '2027-01-01');
    expect(gates.map((g) => [g.gate, g.expectedDate])).toEqual([
      ['G1', '2027-10-01'],
      ['G2', '2028-04-01'],
      ['G3', '2028-11-01'],
      ['G4', '2029-02-01'],
      ['G5', '2029-12-01'],
    ]);
    expect(Money.format(gates[0].forecastCredit)).toBe('70000.00');
  });

  it('a slip recorded for a gate that is no longer next is ignored', () => {
    const gates = expectedGates(
      forecastDeal({
        gates: plan.gates.map((g) => ({ key: g.key, status: g.key === 'G1' ? ('RETIRED' as const) : ('OPEN' as const), retiredAt: g.key === 'G1' ? '2027-03-01' : undefined })),
        slip: { gate: 'G1', expectedDate: '2029-01-01' },
      }),
      '2027-01-01',
    );
    expect(gates[0]).toMatchObject({ gate: 'G2', expectedDate: '2027-09-01' });
  });

  it('a date before as-of becomes as-of, and the later gates chain from it', () => {
    const gates = expectedGates(forecastDeal(), '2027-09-01');
    expect(gates.map((g) => [g.gate, g.expectedDate, g.period])).toEqual([
      ['G1', '2027-09-01', '2027-Q3'],
      ['G2', '2028-03-01', '2028-Q1'],
      ['G3', '2028-10-01', '2028-Q4'],
      ['G4', '2029-01-01', '2029-Q1'],
      ['G5', '2029-11-01', '2029-Q4'],
    ]);
    const slipped = expectedGates(forecastDeal({ slip: { gate: 'G1', expectedDate: '2027-05-01' } }), '2027-06-10');
    expect(slipped[0].expectedDate).toBe('2027-06-10');
  });

  it('chains from the last retired gate; probabilities multiply over open gates only', () => {
    const gates = expectedGates(
      forecastDeal({
        tcv: '3500000.00',
        gates: [
          { key: 'G1', status: 'RETIRED', retiredAt: '2027-08-16' },
          { key: 'G2', status: 'RETIRED', retiredAt: '2028-02-14' },
          { key: 'G3', status: 'PENDING' },
          { key: 'G4', status: 'OPEN' },
          { key: 'G5', status: 'OPEN' },
        ],
      }),
      '2028-07-01',
    );
    expect(view(gates)).toEqual([
      ['G3', '2028-09-14', '2028-Q3', '787500.00', '875000.00'], // 875000 × 0.90
      ['G4', '2028-12-14', '2028-Q4', '425250.00', '525000.00'], // 525000 × 0.81
      ['G5', '2029-10-14', '2029-Q4', '269325.00', '350000.00'], // 350000 × 0.7695
    ]);
  });

  it('killed or closed deals contribute nothing; cancelled gates are skipped', () => {
    expect(expectedGates(forecastDeal({ status: 'KILLED' }), '2027-01-01')).toEqual([]);
    expect(expectedGates(forecastDeal({ status: 'CLOSED' }), '2027-01-01')).toEqual([]);
    const allRetired = forecastDeal({ gates: plan.gates.map((g) => ({ key: g.key, status: 'RETIRED' as const, retiredAt: '2027-06-01' })) });
    expect(expectedGates(allRetired, '2027-01-01')).toEqual([]);
  });
});

describe('forecastBook', () => {
  const periods = periodRange('2027-Q1', '2029-Q4');
  const row = (rows: ForecastPeriod[], p: string) => rows.find((r) => r.period === p)!;
  const zero = { credit: '0.00', commission: '0.00' };

  it('per period: forecast and best case with commission = credit × rate', () => {
    const rows = forecastBook([forecastDeal()], periods, '2027-01-01');
    expect(rows.map((r) => r.period)).toEqual(periods);
    expect(row(rows, '2027-Q3')).toEqual({ period: '2027-Q3', worstCase: zero, forecast: { credit: '70000.00', commission: '2800.00' }, bestCase: { credit: '200000.00', commission: '8000.00' } });
    expect(row(rows, '2028-Q1').forecast).toEqual({ credit: '89250.00', commission: '3570.00' });
    expect(row(rows, '2028-Q3').forecast).toEqual({ credit: '66937.50', commission: '2677.50' });
    expect(row(rows, '2028-Q4').forecast).toEqual({ credit: '36146.25', commission: '1445.85' });
    // 22892.625 × 0.04 = 915.705 → 915.70 (half-even, rounded once from the exact credit)
    expect(row(rows, '2029-Q3')).toEqual({
      period: '2029-Q3',
      worstCase: zero,
      forecast: { credit: '22892.62', commission: '915.70' },
      bestCase: { credit: '100000.00', commission: '4000.00' },
    });
    expect(row(rows, '2027-Q1')).toEqual({ period: '2027-Q1', worstCase: zero, forecast: zero, bestCase: zero });
  });

  it('(v2) a pending gate counts in all three figures where its approval would post: the later of its artifact date and the first open day', () => {
    const deal = forecastDeal({
      gates: plan.gates.map((g) => ({ key: g.key, status: g.key === 'G1' ? ('PENDING' as const) : ('OPEN' as const) })),
      pendingGates: [{ gate: 'G1', effectiveDate: '2027-03-20' }],
    });
    // 2027-Q1 still open: expected on its artifact date, not moved to the as-of date
    let rows = forecastBook([deal], periods, '2027-04-01', '2027-01-01');
    expect(row(rows, '2027-Q1')).toEqual({
      period: '2027-Q1',
      worstCase: { credit: '200000.00', commission: '8000.00' },
      forecast: { credit: '70000.00', commission: '2800.00' },
      bestCase: { credit: '200000.00', commission: '8000.00' },
    });
    expect(rows.filter((r) => r.worstCase.credit !== '0.00').map((r) => r.period)).toEqual(['2027-Q1']);
    // 2027-Q1 closed: its approval would post in 2027-Q2, where all three figures count it
    rows = forecastBook([deal], periods, '2027-04-01', '2027-04-01');
    expect(row(rows, '2027-Q1')).toEqual({ period: '2027-Q1', worstCase: zero, forecast: zero, bestCase: zero });
    expect(row(rows, '2027-Q2').worstCase).toEqual({ credit: '200000.00', commission: '8000.00' });
    expect(row(rows, '2027-Q2').bestCase).toEqual({ credit: '200000.00', commission: '8000.00' });
    // the later gates chain from the pending gate's date (G2: 6 months after it), not from the as-of date
    const gates = expectedGates(deal, '2027-06-01', '2027-04-01');
    expect(gates.map((g) => [g.gate, g.expectedDate])).toEqual([
      ['G1', '2027-04-01'],
      ['G2', '2027-10-01'],
      ['G3', '2028-05-01'],
      ['G4', '2028-08-01'],
      ['G5', '2029-06-01'],
    ]);
  });

  it('(v2) a pending gate is valued at the TCV in force on its artifact\'s date; open gates at the current TCV', () => {
    const deal = forecastDeal({
      tcv: '600000.00',
      originalTcv: '1000000.00',
      descopes: [{ effectiveDate: '2027-05-01', tcv: '600000.00' }],
      gates: plan.gates.map((g) => ({ key: g.key, status: g.key === 'G1' ? ('PENDING' as const) : ('OPEN' as const) })),
      pendingGates: [{ gate: 'G1', effectiveDate: '2027-04-20' }],
    });
    const [g1, g2] = expectedGates(deal, '2027-06-01');
    expect(view([g1, g2])).toEqual([
      ['G1', '2027-04-20', '2027-Q2', '70000.00', '200000.00'], // 0.20 × 1000000 (in force on 2027-04-20) × 0.35
      ['G2', '2027-10-20', '2027-Q4', '53550.00', '180000.00'], // 0.30 × 600000 × 0.35 × 0.85
    ]);
    expect(row(forecastBook([deal], periods, '2027-06-01'), '2027-Q2').worstCase).toEqual({ credit: '200000.00', commission: '8000.00' });
  });

  it('(v2) the worst case counts gates pending on a KILLED deal dated before the kill; forecast and best case do not', () => {
    const killed = forecastDeal({
      id: 'D-K',
      status: 'KILLED',
      killed: { effectiveDate: '2027-07-01' },
      gates: plan.gates.map((g) => ({ key: g.key, status: g.key === 'G1' ? ('PENDING' as const) : ('CANCELLED' as const) })),
      pendingGates: [{ gate: 'G1', effectiveDate: '2027-06-30' }],
    });
    const rows = forecastBook([killed], periods, '2027-08-01', '2027-07-01');
    expect(row(rows, '2027-Q3')).toEqual({ period: '2027-Q3', worstCase: { credit: '200000.00', commission: '8000.00' }, forecast: zero, bestCase: zero });
    expect(rows.filter((r) => r.worstCase.credit !== '0.00' || r.bestCase.credit !== '0.00').map((r) => r.period)).toEqual(['2027-Q3']);
    // dated on or after the kill (the kill rejected it), or a kill with no date: nothing
    expect(forecastBook([{ ...killed, pendingGates: [{ gate: 'G1', effectiveDate: '2027-07-01' }] }], periods, '2027-08-01').every((r) => r.worstCase.credit === '0.00')).toBe(true);
    expect(forecastBook([{ ...killed, killed: undefined }], periods, '2027-08-01').every((r) => r.worstCase.credit === '0.00')).toBe(true);
  });

  it('sums several deals per period, each at its own plan rate, and skips killed deals', () => {
    const otherPlan = referencePlan({ commissionRate: '0.05' });
    const rows = forecastBook(
      [
        forecastDeal(),
        forecastDeal({ id: 'D-2', tcv: '500000.00', plan: otherPlan, sourcedAt: '2027-02-10' }),
        forecastDeal({ id: 'D-K', status: 'KILLED', tcv: '9000000.00', pendingGates: [{ gate: 'G1', effectiveDate: '2027-07-01' }] }),
      ],
      periods,
      '2027-01-01',
    );
    // 2027-Q3: G1 of D-1M (2027-07-15) and of D-2 (2027-08-10)
    expect(row(rows, '2027-Q3')).toEqual({
      period: '2027-Q3',
      worstCase: zero,
      forecast: { credit: '105000.00', commission: '4550.00' }, // 70000 × 0.04 + 35000 × 0.05
      bestCase: { credit: '300000.00', commission: '13000.00' },
    });
  });

  it('ignores expected gates outside the requested periods', () => {
    const rows = forecastBook([forecastDeal()], ['2028-Q1'], '2027-01-01');
    expect(rows).toEqual([{ period: '2028-Q1', worstCase: zero, forecast: { credit: '89250.00', commission: '3570.00' }, bestCase: { credit: '300000.00', commission: '12000.00' } }]);
  });

  it('rounds each period sum once', () => {
    // Two deals whose G5 each expects 22892.625: the period shows 45785.25, not 2 × 22892.62.
    const rows = forecastBook([forecastDeal(), forecastDeal({ id: 'D-twin' })], ['2029-Q3'], '2027-01-01');
    expect(rows[0].forecast).toEqual({ credit: '45785.25', commission: '1831.41' });
  });
});
