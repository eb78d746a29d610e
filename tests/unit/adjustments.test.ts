import fc from 'fast-check';
import {
  AdjustmentLine,
  checkAdjustmentDecision,
  checkAdjustmentProposal,
  closeRepPeriod,
  Dec,
  PendingAdjustment,
  RepPeriodInput,
  settleAdjustments,
  stillPendingAfterClose,
} from '../../libs/domain';
import { referencePlan } from './fixtures';

const pending = (over: Partial<PendingAdjustment> = {}): PendingAdjustment => ({
  id: 'adj-1',
  repId: 'ae-1',
  period: '2028-Q1',
  amount: '500.00',
  kind: 'SPIFF',
  reason: 'Q1 spiff',
  proposedBy: 'admin-1',
  ...over,
});

/** One period of rep ae-1 (hired 2027-01-01, draw 35,000, reference plan: four ramp quarters, cap 2 × draw). */
function statementWith(period: string, commission: string, adjustments: string[], balanceBefore = '0.00', extra: Partial<RepPeriodInput> = {}) {
  const lines: AdjustmentLine[] = adjustments.map((amount, i) => ({ adjustmentId: `adj-${i}`, amount, note: `CORRECTION: fix ${i}` }));
  return closeRepPeriod({
    repId: 'ae-1',
    period,
    hireDate: '2027-01-01',
    quarterlyDraw: '35000.00',
    plan: referencePlan(),
    balanceBefore,
    commissions: commission === '0.00' ? [] : [{ dealId: 'D-1', reference: 'G1', amount: commission }],
    designWins: [],
    sourcedGateDates: [],
    sourcedRevenue: [],
    adjustments: lines,
    ...extra,
  }).statement;
}

describe('adjustment proposals and decisions (docs/rules.md "Corrections")', () => {
  const rep = { hireDate: '2027-01-01', nextPeriod: '2028-Q1', departed: false };

  it('accepts a signed non-zero amount in a period still open for the rep', () => {
    expect(checkAdjustmentProposal(pending(), rep)).toBeNull();
    expect(checkAdjustmentProposal(pending({ amount: '-500.00' }), rep)).toBeNull();
    expect(checkAdjustmentProposal(pending({ period: '2029-Q3' }), rep)).toBeNull();
  });

  it('refuses zero, a period before the hire, a period the rep has closed, and a negative amount for a departed rep', () => {
    expect(checkAdjustmentProposal(pending({ amount: '0.00' }), rep)?.code).toBe('VALIDATION_FAILED');
    expect(checkAdjustmentProposal(pending({ period: '2026-Q4' }), rep)?.code).toBe('VALIDATION_FAILED');
    expect(checkAdjustmentProposal(pending({ period: '2027-Q4' }), rep)?.code).toBe('PERIOD_CLOSED');
    expect(checkAdjustmentProposal(pending({ amount: '-0.01' }), { ...rep, departed: true })?.code).toBe('REP_DEPARTED');
    expect(checkAdjustmentProposal(pending({ amount: '0.01' }), { ...rep, departed: true })).toBeNull();
  });

  it('needs a second person who is not the rep, and a pending adjustment', () => {
    expect(checkAdjustmentDecision(pending(), 'adj-1', 'fin-1')).toBeNull();
    expect(checkAdjustmentDecision(pending(), 'adj-1', 'admin-1')?.code).toBe('SEGREGATION_OF_DUTIES');
    expect(checkAdjustmentDecision(pending(), 'adj-1', 'ae-1')?.code).toBe('SEGREGATION_OF_DUTIES');
    expect(checkAdjustmentDecision(undefined, 'adj-1', 'fin-1')?.code).toBe('ADJUSTMENT_NOT_PENDING');
  });

  it('expires the proposals of a closed period and earlier ones; the last statement expires them all', () => {
    const list = [pending({ id: 'a', period: '2028-Q1' }), pending({ id: 'b', period: '2028-Q2' }), pending({ id: 'c', period: '2027-Q4' })];
    expect(stillPendingAfterClose(list, '2028-Q1', false).map((a) => a.id)).toEqual(['b']);
    expect(stillPendingAfterClose(list, '2028-Q1', true)).toEqual([]);
  });
});

describe('settling adjustments on a statement', () => {
  it('adds a positive sum to the payout and takes a negative one from it, carrying what it cannot take into B', () => {
    expect(settleAdjustments(new Dec('1000'), ['250.00', '-50.00'])).toEqual({ adjustments: new Dec('200'), totalPayout: new Dec('1200'), addedToBalance: new Dec('0') });
    expect(settleAdjustments(new Dec('1000'), ['-1000.00'])).toEqual({ adjustments: new Dec('-1000'), totalPayout: new Dec('0'), addedToBalance: new Dec('0') });
    expect(settleAdjustments(new Dec('1000'), ['-1500.25'])).toEqual({ adjustments: new Dec('-1500.25'), totalPayout: new Dec('0'), addedToBalance: new Dec('500.25') });
  });

  it('conserves money: payout − carried = v1 total + adjustments, and the payout is never negative', () => {
    const cents = fc.integer({ min: -10_000_000_00, max: 10_000_000_00 }).filter((c) => c !== 0).map((c) => new Dec(c).div(100).toFixed(2));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_00 }), fc.array(cents, { maxLength: 5 }), (v1Cents, amounts) => {
        const v1 = new Dec(v1Cents).div(100);
        const s = settleAdjustments(v1, amounts);
        expect(s.totalPayout.gte(0) && s.addedToBalance.gte(0)).toBe(true);
        expect(s.totalPayout.minus(s.addedToBalance).equals(v1.plus(s.adjustments))).toBe(true);
        expect(s.totalPayout.isZero() || s.addedToBalance.isZero()).toBe(true);
      }),
    );
  });
});

describe('closeRepPeriod with adjustments: paid on top of netting, never netted against the draw', () => {
  it('pays a positive adjustment on top of the draw and leaves netting as it was', () => {
    const without = statementWith('2028-Q1', '20000.00', []);
    const s = statementWith('2028-Q1', '20000.00', ['1500.00']);
    expect(s).toMatchObject({ netCommissionPay: '35000.00', drawPaid: '15000.00', adjustments: '1500.00', totalPayout: '36500.00', unrecoveredDrawBalance: '15000.00' });
    expect(without).toMatchObject({ adjustments: '0.00', totalPayout: '35000.00', unrecoveredDrawBalance: '15000.00' });
    expect(s.lines).toContainEqual({ kind: 'ADJUSTMENT', reference: 'adj-0', amount: '1500.00', note: 'CORRECTION: fix 0', late: false, dealId: undefined });
  });

  it('nets a clawback against the payout; what the payout cannot take is added to B before the review check', () => {
    // v1 total 35,000 (draw); clawback 40,000.10: payout 0, B = 15,000 (draw shortfall) + 5,000.10
    const s = statementWith('2028-Q1', '20000.00', ['-40000.10']);
    expect(s).toMatchObject({ adjustments: '-40000.10', totalPayout: '0.00', unrecoveredDrawBalance: '20000.10', performanceReview: false });
    expect(s.lines).toContainEqual(expect.objectContaining({ kind: 'ADJUSTMENT_CARRIED', amount: '5000.10' }));
    // B 60,000 before: 60,000 + 15,000 + 5,000.10 > 2 × 35,000 flags the review
    expect(statementWith('2028-Q1', '20000.00', ['-40000.10'], '60000.00').performanceReview).toBe(true);
    expect(statementWith('2028-Q1', '20000.00', [], '60000.00').performanceReview).toBe(true);
    expect(statementWith('2028-Q1', '20000.00', [], '50000.00').performanceReview).toBe(false);
    expect(statementWith('2028-Q1', '20000.00', ['-10000.00'], '50000.00').performanceReview).toBe(false);
    expect(statementWith('2028-Q1', '20000.00', ['-40000.00'], '50000.00').performanceReview).toBe(false); // exactly 2 × draw
    expect(statementWith('2028-Q1', '20000.00', ['-40000.01'], '50000.00').performanceReview).toBe(true);
  });

  it('adds the carried part to B in a ramp quarter too (where the draw shortfall itself is forgiven)', () => {
    const s = statementWith('2027-Q2', '0.00', ['-36000.00']);
    expect(s).toMatchObject({ netCommissionPay: '35000.00', adjustments: '-36000.00', totalPayout: '0.00', unrecoveredDrawBalance: '1000.00' });
  });

  it('takes a clawback from commission that covered the draw without touching recovery', () => {
    const s = statementWith('2028-Q1', '50000.00', ['-2000.00'], '10000.00');
    expect(s).toMatchObject({ recovery: '10000.00', netCommissionPay: '40000.00', adjustments: '-2000.00', totalPayout: '38000.00', unrecoveredDrawBalance: '0.00' });
  });
});
