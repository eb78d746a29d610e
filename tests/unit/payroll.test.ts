import fc from 'fast-check';
import {
  addDays,
  closeRepPeriod,
  EARNING_CODES,
  ExitTreatment,
  mergeHolds,
  payrollCsv,
  payrollLines,
  payrollSplit,
  periodFromIndex,
  periodIndex,
  periodOf,
  periodStart,
  Statement,
} from '../../libs/domain';
import { PayrollHolds } from '../../apps/api/statement-status/payroll-holds';
import { Exact, cents, referencePlan } from './fixtures';

/** docs/rules.md "Payroll batches": the split of a statement into payroll lines, the CSV export and the hold sources. */
const moneyArb = (minCents: number, maxCents: number) => fc.integer({ min: minCents, max: maxCents }).map((c) => cents(new Exact(c).dividedBy(100)));
const sum = (amounts: string[]) => cents(amounts.reduce((acc, a) => acc.plus(a), new Exact(0)));

describe('payroll lines (docs/rules.md "Payroll batches")', () => {
  it('property: a rep’s lines sum exactly to totalPayout, through netting, recovery, departure, trailing and adjustments', () => {
    const scenarioArb = fc.record({
      draw: moneyArb(0, 3_000_000),
      rampQuarters: fc.integer({ min: 0, max: 3 }),
      exitTreatment: fc.constantFrom<ExitTreatment>('RECOVER_FROM_TRAILING', 'FORGIVE'),
      quarters: fc.array(
        fc.record({
          commission: fc.oneof(fc.constant('0.00'), moneyArb(0, 9_000_000)),
          reversal: fc.option(moneyArb(1, 2_000_000)),
          bonus: fc.option(moneyArb(0, 2_000_000)),
          revenue: fc.option(moneyArb(1, 50_000_000)),
          adjustments: fc.array(moneyArb(-8_000_000, 3_000_000).filter((a) => a !== '0.00'), { maxLength: 3 }),
        }),
        { minLength: 10, maxLength: 10 },
      ),
      departAt: fc.option(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 89 }), fc.boolean())),
    });
    const seen = { carried: 0, trailingRecovery: 0, negativeAdjustmentTaken: 0, drawLines: 0, noLines: 0 };
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const hireDate = '2027-01-01';
        const hire = periodIndex(periodOf(hireDate));
        const plan = referencePlan({ draw: { rampQuarters: sc.rampQuarters, capQuarters: 2, exitTreatment: sc.exitTreatment } });
        const departure = sc.departAt ? { effectiveDate: addDays(periodStart(periodFromIndex(hire + sc.departAt[0])), sc.departAt[1]), goodStanding: sc.departAt[2] } : undefined;
        let balance = '0.00';
        for (const [i, q] of sc.quarters.entries()) {
          const period = periodFromIndex(hire + i);
          const { statement, final } = closeRepPeriod({
            repId: 'r-1',
            period,
            hireDate,
            quarterlyDraw: sc.draw,
            plan,
            balanceBefore: balance,
            departure,
            commissions: [{ dealId: 'D', reference: 'G', amount: q.commission }, ...(q.reversal ? [{ dealId: 'D', reference: 'R', amount: `-${q.reversal}`, reversal: true }] : [])],
            designWins: q.bonus ? [{ dealId: 'D', reference: 'B', paid: q.bonus, capped: '0.00' }] : [],
            sourcedGateDates: [],
            sourcedRevenue: q.revenue ? [{ dealId: 'D', revenue: q.revenue }] : [],
            adjustments: q.adjustments.map((amount, n) => ({ adjustmentId: `A${n}`, amount, note: 'n' })),
          });
          const lines = payrollLines(statement);
          expect(sum(lines.map((l) => l.amount))).toBe(statement.totalPayout);
          expect(lines.every((l) => !new Exact(l.amount).isZero())).toBe(true);
          expect(lines.map((l) => l.key)).toEqual(lines.map((l) => `payroll:${period}:r-1:${l.code}`));
          expect(new Set(lines.map((l) => l.code)).size).toBe(lines.length);
          const split = payrollSplit(statement);
          expect(cents(split.COMMISSION.plus(split.DRAW))).toBe(statement.netCommissionPay);
          expect(cents(split.DRAW)).toBe(statement.drawPaid);
          // the payout takes the adjustments, but never more than they are, and never the other way
          const adjustments = new Exact(statement.adjustments);
          expect(split.ADJUSTMENT.abs().lte(adjustments.abs())).toBe(true);
          expect(split.ADJUSTMENT.isZero() || split.ADJUSTMENT.isNegative() === adjustments.isNegative()).toBe(true);
          if (statement.lines.some((l) => l.kind === 'ADJUSTMENT_CARRIED')) seen.carried += 1;
          if (statement.lines.some((l) => l.kind === 'TRAILING_RECOVERY')) seen.trailingRecovery += 1;
          if (split.ADJUSTMENT.isNegative()) seen.negativeAdjustmentTaken += 1;
          if (lines.some((l) => l.code === 'DRAW')) seen.drawLines += 1;
          if (lines.length === 0) seen.noLines += 1;
          balance = statement.unrecoveredDrawBalance;
          if (final) break;
        }
      }),
      { numRuns: 200 },
    );
    for (const [branch, count] of Object.entries(seen)) expect([branch, count > 0]).toEqual([branch, true]);
  });

  const statement = (over: Partial<Statement>): Statement => ({
    repId: 'r-9',
    period: '2027-Q2',
    commission: '0.00',
    netCommissionPay: '0.00',
    drawPaid: '0.00',
    recovery: '0.00',
    designWinBonus: '0.00',
    designWinCapped: '0.00',
    retentionBonus: '0.00',
    retentionForfeited: '0.00',
    trailingCommission: '0.00',
    drawWrittenOff: '0.00',
    adjustments: '0.00',
    totalPayout: '0.00',
    unrecoveredDrawBalance: '0.00',
    performanceReview: false,
    lines: [],
    ...over,
  });

  it('splits by hand: commission beside the draw top-up, trailing net of its recovery, adjustments as the payout took them', () => {
    const s = statement({
      commission: '4000.00', netCommissionPay: '10000.00', drawPaid: '6000.00', designWinBonus: '2500.00', retentionBonus: '1000.00',
      trailingCommission: '3000.00', adjustments: '-20000.00', totalPayout: '0.00',
      lines: [{ kind: 'TRAILING_RECOVERY', amount: '-1200.00', late: false }, { kind: 'ADJUSTMENT_CARRIED', amount: '4700.00', late: false }],
    });
    expect(payrollLines(s)).toEqual([
      { key: 'payroll:2027-Q2:r-9:COMMISSION', repId: 'r-9', code: 'COMMISSION', amount: '4000.00' },
      { key: 'payroll:2027-Q2:r-9:DRAW', repId: 'r-9', code: 'DRAW', amount: '6000.00' },
      { key: 'payroll:2027-Q2:r-9:DESIGN_WIN', repId: 'r-9', code: 'DESIGN_WIN', amount: '2500.00' },
      { key: 'payroll:2027-Q2:r-9:RETENTION', repId: 'r-9', code: 'RETENTION', amount: '1000.00' },
      { key: 'payroll:2027-Q2:r-9:TRAILING', repId: 'r-9', code: 'TRAILING', amount: '1800.00' },
      { key: 'payroll:2027-Q2:r-9:ADJUSTMENT', repId: 'r-9', code: 'ADJUSTMENT', amount: '-15300.00' },
    ]);
    expect(EARNING_CODES).toEqual(['COMMISSION', 'DRAW', 'DESIGN_WIN', 'RETENTION', 'TRAILING', 'ADJUSTMENT']);
  });

  it('a statement with nothing to pay has no line; one that does not split into its totalPayout is refused', () => {
    expect(payrollLines(statement({}))).toEqual([]);
    expect(() => payrollLines(statement({ netCommissionPay: '100.00', totalPayout: '99.99' }))).toThrow(/does not split into its totalPayout 99.99/);
  });
});

describe('payroll CSV export (docs/api.md "Payroll batches")', () => {
  const batch = {
    id: 'PB-2027-Q1-1',
    period: '2027-Q1',
    lines: [
      { key: 'payroll:2027-Q1:r-1:COMMISSION', repId: 'r-1', code: 'COMMISSION' as const, amount: '1234.56' },
      { key: 'payroll:2027-Q1:r-2:ADJUSTMENT', repId: 'r-2', code: 'ADJUSTMENT' as const, amount: '-50.00' },
      { key: 'payroll:2027-Q1:r-3:DRAW', repId: 'r-3', code: 'DRAW' as const, amount: '10.00' },
      { key: 'payroll:2027-Q1:r-4:DRAW', repId: 'r-4', code: 'DRAW' as const, amount: '20.00' },
    ],
  };

  it('has the documented header, CRLF rows, RFC 4180 quoting, amounts as plain numbers (negative ones too)', () => {
    const csv = payrollCsv(batch, new Map([['r-1', 'Ada, "the closer"'], ['r-2', 'Bo'], ['r-3', 'Line\nBreak']]));
    expect(csv.split('\r\n')).toEqual([
      'batch_id,period,rep_id,rep_name,earning_code,amount,key',
      'PB-2027-Q1-1,2027-Q1,r-1,"Ada, ""the closer""",COMMISSION,1234.56,payroll:2027-Q1:r-1:COMMISSION',
      'PB-2027-Q1-1,2027-Q1,r-2,Bo,ADJUSTMENT,-50.00,payroll:2027-Q1:r-2:ADJUSTMENT',
      'PB-2027-Q1-1,2027-Q1,r-3,"Line\nBreak",DRAW,10.00,payroll:2027-Q1:r-3:DRAW',
      'PB-2027-Q1-1,2027-Q1,r-4,,DRAW,20.00,payroll:2027-Q1:r-4:DRAW',
      '',
    ]);
  });

  it('neutralizes a name a spreadsheet would run as a formula (= + - @ tab CR) with a leading apostrophe, quoted', () => {
    const names = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'];
    for (const name of names) {
      const row = payrollCsv({ ...batch, lines: [batch.lines[0]] }, new Map([['r-1', name]])).split('\r\n')[1];
      const cell = `"'${name.replace(/"/g, '""')}"`;
      expect(row).toBe(`PB-2027-Q1-1,2027-Q1,r-1,${cell},COMMISSION,1234.56,payroll:2027-Q1:r-1:COMMISSION`);
    }
  });
});

describe('payroll holds (docs/rules.md "Payroll batches": pluggable hold sources)', () => {
  it('merges every source by rep, joining several reasons, and asks the sources only about the reps given', async () => {
    const asked: Array<[string, string[]]> = [];
    const source = (holds: Record<string, string>) => async (period: string, repIds: string[]) => {
      asked.push([period, repIds]);
      return new Map(Object.entries(holds).filter(([rep]) => repIds.includes(rep)));
    };
    const holds = new PayrollHolds([source({ 'r-1': 'plan not acknowledged', 'r-9': 'elsewhere' }), source({ 'r-1': 'garnishment review', 'r-2': 'bank details missing' })]);
    expect(await holds.payrollHolds('2027-Q1', ['r-1', 'r-2', 'r-3'])).toEqual(new Map([['r-1', 'plan not acknowledged; garnishment review'], ['r-2', 'bank details missing']]));
    expect(asked).toEqual([['2027-Q1', ['r-1', 'r-2', 'r-3']], ['2027-Q1', ['r-1', 'r-2', 'r-3']]]);
    expect(await new PayrollHolds([]).payrollHolds('2027-Q1', ['r-1'])).toEqual(new Map());
    expect(mergeHolds([])).toEqual(new Map());
  });
});
