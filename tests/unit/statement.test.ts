import {
  DesignWinLine,
  EarningLine,
  PlanParams,
  RepPeriodInput,
  RepPeriodOutcome,
  RevenueLine,
  Statement,
  closeRepPeriod,
  holdsPostings,
  periodRange,
  statementAfterFinal,
} from '../../libs/domain';
import { Exact, cents, referencePlan } from './fixtures';

const HIRE = '2027-01-01';
const DRAW = '35000.00';
const SOURCED_GATE_DATES = ['2027-08-16', '2028-02-14', '2028-09-05', '2028-12-01'];

const REFERENCE_COMMISSIONS: Record<string, EarningLine[]> = {
  '2027-Q3': [{ dealId: 'D-4500', reference: 'G1', amount: '36000.00' }],
  '2028-Q1': [{ dealId: 'D-4500', reference: 'G2', amount: '54000.00' }],
  '2028-Q3': [{ dealId: 'D-4500', reference: 'G3', amount: '35000.00' }],
  '2028-Q4': [{ dealId: 'D-4500', reference: 'G4', amount: '21000.00' }],
};
const REFERENCE_DESIGN_WINS: Record<string, DesignWinLine[]> = {
  '2027-Q2': [{ dealId: 'D-4500', reference: 'PROTOCOL_DESIGN_IN', paid: '50000.00', capped: '0.00' }],
  '2028-Q4': [{ dealId: 'D-4500', reference: 'SITE_ACTIVATION', paid: '75000.00', capped: '0.00' }],
};

interface Extra {
  commissions?: Record<string, EarningLine[]>;
  designWins?: Record<string, DesignWinLine[]>;
  revenue?: Record<string, RevenueLine[]>;
}

/** Closes the periods in order, carrying B from one statement to the next. */
function closeAll(periods: string[], opts: { plan?: PlanParams; balance?: string; departure?: RepPeriodInput['departure']; hireDate?: string } & Extra): RepPeriodOutcome[] {
  let balance = opts.balance ?? '0.00';
  return periods.map((period) => {
    const outcome = closeRepPeriod({
      repId: 'ae-1',
      period,
      hireDate: opts.hireDate ?? HIRE,
      quarterlyDraw: DRAW,
      plan: opts.plan ?? referencePlan(),
      balanceBefore: balance,
      departure: opts.departure,
      commissions: opts.commissions?.[period] ?? [],
      designWins: opts.designWins?.[period] ?? [],
      sourcedGateDates: SOURCED_GATE_DATES,
      sourcedRevenue: opts.revenue?.[period] ?? [],
    });
    balance = outcome.statement.unrecoveredDrawBalance;
    return outcome;
  });
}

const col = (outcomes: RepPeriodOutcome[], key: keyof Statement) => outcomes.map((o) => o.statement[key]);

function expectApiInvariants(s: Statement): void {
  const dec = (v: string) => new Exact(v);
  // drawPaid = max(0, netCommissionPay − commission)
  expect(s.drawPaid).toBe(cents(Exact.max(0, dec(s.netCommissionPay).minus(s.commission))));
  // every figure is a money string
  for (const key of ['commission', 'netCommissionPay', 'drawPaid', 'recovery', 'designWinBonus', 'designWinCapped', 'retentionBonus', 'retentionForfeited', 'trailingCommission', 'drawWrittenOff', 'totalPayout', 'unrecoveredDrawBalance'] as const) {
    expect(s[key]).toMatch(/^\d+\.\d{2}$/);
  }
}

describe('closeRepPeriod: the docs/rules.md reference statements 2027-Q1..2029-Q1', () => {
  const periods = periodRange('2027-Q1', '2029-Q1');
  const outcomes = closeAll(periods, { commissions: REFERENCE_COMMISSIONS, designWins: REFERENCE_DESIGN_WINS });
  const m = (...v: number[]) => v.map((x) => `${x}.00`);

  it('netCommissionPay per period', () => {
    expect(col(outcomes, 'netCommissionPay')).toEqual(m(35000, 35000, 36000, 35000, 54000, 35000, 35000, 35000, 35000));
  });

  it('unrecovered balance B after each period', () => {
    expect(col(outcomes, 'unrecoveredDrawBalance')).toEqual(m(0, 0, 0, 0, 0, 35000, 35000, 49000, 84000));
  });

  it('commission, drawPaid = max(0, netCommissionPay − commission), no recovery', () => {
    expect(col(outcomes, 'commission')).toEqual(m(0, 0, 36000, 0, 54000, 0, 35000, 21000, 0));
    expect(col(outcomes, 'drawPaid')).toEqual(m(35000, 35000, 0, 35000, 0, 35000, 0, 14000, 35000));
    expect(col(outcomes, 'recovery')).toEqual(m(0, 0, 0, 0, 0, 0, 0, 0, 0));
    outcomes.forEach((o) => expectApiInvariants(o.statement));
  });

  it('performance review only at 2029-Q1 (84000 > 2 × 35000)', () => {
    expect(col(outcomes, 'performanceReview')).toEqual([false, false, false, false, false, false, false, false, true]);
  });

  it('design-win bonuses 50000.00 in 2027-Q2 and 75000.00 in 2028-Q4, paid on top of netting', () => {
    expect(col(outcomes, 'designWinBonus')).toEqual(m(0, 50000, 0, 0, 0, 0, 0, 75000, 0));
    expect(col(outcomes, 'designWinCapped')).toEqual(m(0, 0, 0, 0, 0, 0, 0, 0, 0));
  });

  it('retention year 2 vests in full in 2029-Q1: 100000.00 (3 sourced gates in the year before 2029-01-01)', () => {
    expect(col(outcomes, 'retentionBonus')).toEqual(m(0, 0, 0, 0, 0, 0, 0, 0, 100000));
    const line = outcomes[8].statement.lines.find((l) => l.kind === 'RETENTION_BONUS');
    expect(line).toMatchObject({ reference: 'year-2', amount: '100000.00' });
    expect(line?.note).toContain('2029-01-01');
    expect(line?.note).toContain('3 sourced gates');
    expect(col(outcomes, 'retentionForfeited')).toEqual(m(0, 0, 0, 0, 0, 0, 0, 0, 0));
  });

  it('totalPayout = netCommissionPay + designWinBonus + retentionBonus + trailing − recovery from trailing', () => {
    expect(col(outcomes, 'totalPayout')).toEqual(m(35000, 85000, 36000, 35000, 54000, 35000, 35000, 110000, 135000));
    for (const { statement: s } of outcomes) {
      expect(s.totalPayout).toBe(cents(new Exact(s.netCommissionPay).plus(s.designWinBonus).plus(s.retentionBonus).plus(s.trailingCommission)));
    }
  });

  it('nothing is trailing, written off or final while the rep is employed', () => {
    expect(col(outcomes, 'trailingCommission').every((v) => v === '0.00')).toBe(true);
    expect(col(outcomes, 'drawWrittenOff').every((v) => v === '0.00')).toBe(true);
    expect(outcomes.every((o) => o.final === false)).toBe(true);
  });

  it('itemises every posting with its source deal', () => {
    expect(outcomes[0].statement.lines).toEqual([{ kind: 'DRAW', amount: '35000.00', note: 'ramp guarantee, non-recoverable', late: false }]);
    expect(outcomes[2].statement.lines).toEqual([{ kind: 'GATE_COMMISSION', dealId: 'D-4500', reference: 'G1', amount: '36000.00', late: false }]);
    expect(outcomes[1].statement.lines).toEqual([
      { kind: 'DRAW', amount: '35000.00', note: 'ramp guarantee, non-recoverable', late: false },
      { kind: 'DESIGN_WIN_BONUS', dealId: 'D-4500', reference: 'PROTOCOL_DESIGN_IN', amount: '50000.00', late: false },
    ]);
    expect(outcomes[7].statement.lines).toEqual([
      { kind: 'GATE_COMMISSION', dealId: 'D-4500', reference: 'G4', amount: '21000.00', late: false },
      { kind: 'DRAW', amount: '14000.00', note: 'recoverable draw', late: false },
      { kind: 'DESIGN_WIN_BONUS', dealId: 'D-4500', reference: 'SITE_ACTIVATION', amount: '75000.00', late: false },
    ]);
    expect(outcomes.map((o) => o.statement.period)).toEqual(periods);
    expect(outcomes.every((o) => o.statement.repId === 'ae-1')).toBe(true);
  });
});

describe('closeRepPeriod: netting details', () => {
  it('recovers from later commission above the draw', () => {
    const [s] = closeAll(['2029-Q2'], { balance: '84000.00', commissions: { '2029-Q2': [{ dealId: 'D-9', reference: 'G1', amount: '50000.00' }] } });
    expect(s.statement).toMatchObject({ commission: '50000.00', netCommissionPay: '35000.00', drawPaid: '0.00', recovery: '15000.00', unrecoveredDrawBalance: '69000.00', performanceReview: false, totalPayout: '35000.00' });
    expect(s.statement.lines).toContainEqual({ kind: 'DRAW_RECOVERY', amount: '-15000.00', note: 'recovered from commission', late: false });
  });

  it('sums several commission lines before netting', () => {
    const [s] = closeAll(['2029-Q2'], {
      balance: '0.00',
      commissions: {
        '2029-Q2': [
          { dealId: 'D-1', reference: 'G1', amount: '12000.25' },
          { dealId: 'D-2', reference: 'G3', amount: '12000.25' },
        ],
      },
    });
    expect(s.statement).toMatchObject({ commission: '24000.50', netCommissionPay: '35000.00', drawPaid: '10999.50', unrecoveredDrawBalance: '10999.50' });
  });

  it('records capped design-win amounts as capped, not paid', () => {
    const [s] = closeAll(['2028-Q4'], { designWins: { '2028-Q4': [{ dealId: 'D-1', reference: 'SITE_ACTIVATION', paid: '20000.00', capped: '30000.00' }] } });
    expect(s.statement).toMatchObject({ designWinBonus: '20000.00', designWinCapped: '30000.00', totalPayout: '55000.00' });
    expect(s.statement.lines).toContainEqual({ kind: 'DESIGN_WIN_CAPPED', dealId: 'D-1', reference: 'SITE_ACTIVATION', amount: '30000.00', note: 'above the annual cap, not paid', late: false });
  });

  it('the ramp counts from the hire quarter: hired 2027-02-15, 2027-Q4 is ramp, 2028-Q1 is not', () => {
    const out = closeAll(['2027-Q1', '2027-Q2', '2027-Q3', '2027-Q4', '2028-Q1'], { hireDate: '2027-02-15' });
    expect(col(out, 'unrecoveredDrawBalance')).toEqual(['0.00', '0.00', '0.00', '0.00', '35000.00']);
    expect(out[3].statement.lines[0].note).toBe('ramp guarantee, non-recoverable');
    expect(out[4].statement.lines[0].note).toBe('recoverable draw');
  });

  it('a plan with no ramp makes the first quarter recoverable', () => {
    const plan = referencePlan({ draw: { rampQuarters: 0, capQuarters: 2, exitTreatment: 'RECOVER_FROM_TRAILING' } });
    const out = closeAll(['2027-Q1'], { plan });
    expect(out[0].statement.unrecoveredDrawBalance).toBe('35000.00');
  });

  it('year 3 retention vests pro rata in 2030-Q1: 1 sourced gate in [2029-01-01, 2030-01-01) → 75000.00', () => {
    const { statement } = closeRepPeriod({
      repId: 'ae-1',
      period: '2030-Q1',
      hireDate: HIRE,
      quarterlyDraw: DRAW,
      plan: referencePlan(),
      balanceBefore: '0.00',
      commissions: [],
      designWins: [],
      sourcedGateDates: [...SOURCED_GATE_DATES, '2029-03-03'],
      sourcedRevenue: [],
    });
    expect(statement.retentionBonus).toBe('75000.00');
    expect(statement.lines).toContainEqual(expect.objectContaining({ kind: 'RETENTION_BONUS', reference: 'year-3', amount: '75000.00' }));
    expect(statement.unrecoveredDrawBalance).toBe('35000.00');
    expect(statement.totalPayout).toBe('110000.00');
  });
});

describe('closeRepPeriod: departure in good standing, RECOVER_FROM_TRAILING', () => {
  // Continues the reference rep: B = 84000 after 2029-Q1; departs 2029-05-15 (2029-Q2).
  const departure = { effectiveDate: '2029-05-15', goodStanding: true };
  const commissions = { '2029-Q2': [{ dealId: 'D-2', reference: 'G1', amount: '10000.00' }] };
  const revenue: Record<string, RevenueLine[]> = {
    '2029-Q2': [{ dealId: 'D-4500', revenue: '999999.00' }],
    '2029-Q3': [{ dealId: 'D-4500', revenue: '500000.00' }],
    '2029-Q4': [
      { dealId: 'D-4500', revenue: '400000.00' },
      { dealId: 'D-2', revenue: '123456.78' },
    ],
    '2030-Q1': [{ dealId: 'D-4500', revenue: '300000.00' }],
    '2030-Q2': [{ dealId: 'D-4500', revenue: '200000.00' }],
  };
  const periods = periodRange('2029-Q2', '2030-Q2');
  const out = closeAll(periods, { balance: '84000.00', departure, commissions, revenue });

  it('departure quarter: no draw (D = 0); the commission earned is netted against B; year 3 forfeited', () => {
    expect(out[0].statement).toMatchObject({
      commission: '10000.00',
      netCommissionPay: '0.00',
      drawPaid: '0.00',
      recovery: '10000.00',
      retentionBonus: '0.00',
      retentionForfeited: '150000.00',
      trailingCommission: '0.00',
      drawWrittenOff: '0.00',
      totalPayout: '0.00',
      unrecoveredDrawBalance: '74000.00',
    });
    expect(out[0].final).toBe(false);
    expect(out[0].statement.lines).toContainEqual(expect.objectContaining({ kind: 'RETENTION_FORFEITED', reference: 'year-3', amount: '150000.00' }));
    // year 2 vested on 2029-01-01, before the departure: not forfeited
    expect(out[0].statement.lines.filter((l) => l.kind === 'RETENTION_FORFEITED')).toHaveLength(1);
  });

  it('trailing k = 1..4 pays rate × revenue × shares[k−1], first recovering B', () => {
    expect(col(out, 'trailingCommission')).toEqual(['0.00', '10000.00', '7851.85', '3000.00', '1000.00']);
    expect(col(out, 'recovery')).toEqual(['10000.00', '10000.00', '7851.85', '3000.00', '1000.00']);
    expect(col(out, 'totalPayout')).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00']);
    expect(col(out, 'netCommissionPay')).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00']);
    expect(col(out, 'drawPaid')).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00']);
    expect(col(out, 'unrecoveredDrawBalance')).toEqual(['74000.00', '64000.00', '56148.15', '53148.15', '0.00']);
    out.forEach((o) => expectApiInvariants(o.statement));
  });

  it('the rest is written off after the 4th trailing period, which is the final statement', () => {
    expect(col(out, 'drawWrittenOff')).toEqual(['0.00', '0.00', '0.00', '0.00', '52148.15']);
    expect(out.map((o) => o.final)).toEqual([false, false, false, false, true]);
    expect(out[4].statement.lines).toContainEqual({ kind: 'DRAW_WRITE_OFF', amount: '52148.15', note: 'exit treatment RECOVER_FROM_TRAILING', late: false });
    expect(out[1].statement.lines).toContainEqual({ kind: 'TRAILING_RECOVERY', amount: '-10000.00', note: 'recovered from trailing commission', late: false });
  });

  it('no retention vests after the departure (year 3 anniversary 2030-01-01), and no forfeiture is recorded twice', () => {
    expect(col(out, 'retentionBonus')).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00']);
    expect(col(out, 'retentionForfeited')).toEqual(['150000.00', '0.00', '0.00', '0.00', '0.00']);
  });

  it('a later period pays no trailing', () => {
    const [after] = closeAll(['2030-Q3'], { balance: '0.00', departure, revenue: { '2030-Q3': [{ dealId: 'D-4500', revenue: '100000.00' }] } });
    expect(after.statement).toMatchObject({ trailingCommission: '0.00', netCommissionPay: '0.00', totalPayout: '0.00' });
  });

  it('when trailing exceeds B, the rest is paid and nothing is left to write off', () => {
    const small = closeAll(periods, { balance: '4000.00', departure, commissions, revenue });
    expect(small[0].statement).toMatchObject({ netCommissionPay: '6000.00', recovery: '4000.00', drawPaid: '0.00', totalPayout: '6000.00', unrecoveredDrawBalance: '0.00' });
    expect(col(small, 'trailingCommission')).toEqual(['0.00', '10000.00', '7851.85', '3000.00', '1000.00']);
    expect(col(small, 'totalPayout')).toEqual(['6000.00', '10000.00', '7851.85', '3000.00', '1000.00']);
    expect(col(small, 'drawWrittenOff')).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00']);
    expect(small.map((o) => o.final)).toEqual([false, false, false, false, true]);

    const partial = closeAll(periods, { balance: '12000.00', departure, revenue });
    expect(col(partial, 'recovery')).toEqual(['0.00', '10000.00', '2000.00', '0.00', '0.00']);
    expect(col(partial, 'totalPayout')).toEqual(['0.00', '0.00', '5851.85', '3000.00', '1000.00']);
    expect(col(partial, 'unrecoveredDrawBalance')).toEqual(['12000.00', '2000.00', '0.00', '0.00', '0.00']);
  });

  it('departing before both anniversaries forfeits both retention years', () => {
    const [s] = closeAll(['2028-Q4'], { balance: '35000.00', departure: { effectiveDate: '2028-11-30', goodStanding: true } });
    expect(s.statement).toMatchObject({ retentionForfeited: '250000.00', netCommissionPay: '0.00', drawPaid: '0.00', unrecoveredDrawBalance: '35000.00' });
  });

  it('departing in the anniversary quarter but after the anniversary keeps that year', () => {
    const [s] = closeAll(['2029-Q1'], { balance: '49000.00', departure: { effectiveDate: '2029-02-15', goodStanding: true } });
    expect(s.statement).toMatchObject({ retentionBonus: '100000.00', retentionForfeited: '150000.00', netCommissionPay: '0.00', totalPayout: '100000.00', unrecoveredDrawBalance: '49000.00' });
  });
});

describe('closeRepPeriod: departure with FORGIVE', () => {
  const plan = referencePlan({ draw: { rampQuarters: 4, capQuarters: 2, exitTreatment: 'FORGIVE' } });
  const departure = { effectiveDate: '2029-05-15', goodStanding: true };
  const revenue: Record<string, RevenueLine[]> = {
    '2029-Q3': [{ dealId: 'D-4500', revenue: '500000.00' }],
    '2029-Q4': [{ dealId: 'D-4500', revenue: '400000.00' }],
    '2030-Q1': [{ dealId: 'D-4500', revenue: '300000.00' }],
    '2030-Q2': [{ dealId: 'D-4500', revenue: '200000.00' }],
  };
  const out = closeAll(periodRange('2029-Q2', '2030-Q2'), {
    plan,
    balance: '84000.00',
    departure,
    commissions: { '2029-Q2': [{ dealId: 'D-2', reference: 'G1', amount: '10000.00' }] },
    revenue,
  });

  it('writes B off at the departure period (after netting the commission earned in it)', () => {
    expect(out[0].statement).toMatchObject({ netCommissionPay: '0.00', recovery: '10000.00', drawWrittenOff: '74000.00', unrecoveredDrawBalance: '0.00' });
    expect(out[0].statement.lines).toContainEqual({ kind: 'DRAW_WRITE_OFF', amount: '74000.00', note: 'exit treatment FORGIVE', late: false });
  });

  it('pays trailing in full, never recovered', () => {
    expect(col(out, 'trailingCommission')).toEqual(['0.00', '10000.00', '6000.00', '3000.00', '1000.00']);
    expect(col(out, 'totalPayout')).toEqual(['0.00', '10000.00', '6000.00', '3000.00', '1000.00']);
    expect(col(out, 'recovery').slice(1)).toEqual(['0.00', '0.00', '0.00', '0.00']);
    expect(col(out, 'drawWrittenOff').slice(1)).toEqual(['0.00', '0.00', '0.00', '0.00']);
  });

  it('the last trailing period is the final statement', () => {
    expect(out.map((o) => o.final)).toEqual([false, false, false, false, true]);
  });
});

describe('closeRepPeriod: departure not in good standing', () => {
  const out = closeAll(periodRange('2029-Q2', '2029-Q3'), {
    balance: '84000.00',
    departure: { effectiveDate: '2029-05-15', goodStanding: false },
    commissions: { '2029-Q2': [{ dealId: 'D-2', reference: 'G1', amount: '10000.00' }] },
    revenue: { '2029-Q3': [{ dealId: 'D-4500', revenue: '500000.00' }] },
  });

  it('writes B off at departure; that statement is final; retention forfeited', () => {
    expect(out[0].statement).toMatchObject({
      commission: '10000.00',
      netCommissionPay: '0.00',
      recovery: '10000.00',
      drawWrittenOff: '74000.00',
      unrecoveredDrawBalance: '0.00',
      retentionForfeited: '150000.00',
      totalPayout: '0.00',
    });
    expect(out[0].final).toBe(true);
    expect(out[0].statement.lines).toContainEqual({ kind: 'DRAW_WRITE_OFF', amount: '74000.00', note: 'departed not in good standing', late: false });
  });

  it('pays no trailing commission', () => {
    expect(out[1].statement).toMatchObject({ trailingCommission: '0.00', totalPayout: '0.00', drawWrittenOff: '0.00' });
  });

  it('FORGIVE or not, no trailing when not in good standing', () => {
    const plan = referencePlan({ draw: { rampQuarters: 4, capQuarters: 2, exitTreatment: 'FORGIVE' } });
    const o = closeAll(['2029-Q2', '2029-Q3'], {
      plan,
      balance: '5000.00',
      departure: { effectiveDate: '2029-04-01', goodStanding: false },
      revenue: { '2029-Q3': [{ dealId: 'D-4500', revenue: '500000.00' }] },
    });
    expect(o[0].statement).toMatchObject({ drawWrittenOff: '5000.00', unrecoveredDrawBalance: '0.00', drawPaid: '0.00' });
    expect(o[0].final).toBe(true);
    expect(o[1].statement.trailingCommission).toBe('0.00');
  });
});

describe('statements after the final one (docs/rules.md "After the departure")', () => {
  const facts = (commissions: EarningLine[]) => ({ commissions, designWins: [], sourcedGateDates: [], sourcedRevenue: [] });
  const tenure = { repId: 'ae-1', hireDate: HIRE, quarterlyDraw: DRAW, plan: referencePlan(), balance: '0.00', departure: { effectiveDate: '2028-05-01', goodStanding: false } };

  it('a late commission after the final statement is netted with D = 0: no draw, no retention, nothing forfeited again', () => {
    const late = [{ dealId: 'D-4500', reference: 'G3', amount: '35000.00', effectiveDate: '2028-04-20' }];
    const { statement } = statementAfterFinal(tenure, '2029-Q1', facts(late));
    expect(statement).toMatchObject({ period: '2029-Q1', commission: '35000.00', drawPaid: '0.00', retentionBonus: '0.00', retentionForfeited: '0.00', totalPayout: '35000.00', unrecoveredDrawBalance: '0.00', performanceReview: false });
    expect(statement.lines.map((l) => [l.kind, l.amount, l.late])).toEqual([['GATE_COMMISSION', '35000.00', true]]);
    expect(holdsPostings(facts(late))).toBe(true);
    expect(holdsPostings(facts([]))).toBe(false);
  });
});
