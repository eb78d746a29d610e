/**
 * The docs/rules.md reference scenario end to end through the pure rules: the deal side produces postings,
 * postings land in the period of their effective date, the annual cap applies per rep and calendar year,
 * and each period close feeds the next one its balance.
 */
import {
  Deal,
  DesignWinLine,
  EarningLine,
  Statement,
  allocateBonus,
  applyAnnualCap,
  approveBonus,
  approveGate,
  attainment,
  checkApproval,
  checkArtifactSubmission,
  checkBonusSubmission,
  closeRepPeriod,
  descope,
  kill,
  periodOf,
  periodRange,
  submitArtifact,
  submitBonusEvent,
  yearOf,
  BonusType,
} from '../../libs/domain';
import { PROOF, referenceDeal, referencePlan, sumCents } from './fixtures';

type Event =
  | { date: string; kind: 'gate'; gate: string }
  | { date: string; kind: 'bonus'; type: BonusType; quantity: number }
  | { date: string; kind: 'descope'; newTcv: string }
  | { date: string; kind: 'kill' };

const EVENTS: Event[] = [
  { date: '2027-05-20', kind: 'bonus', type: 'PROTOCOL_DESIGN_IN', quantity: 1 },
  { date: '2027-08-16', kind: 'gate', gate: 'G1' },
  { date: '2028-02-14', kind: 'gate', gate: 'G2' },
  { date: '2028-06-30', kind: 'descope', newTcv: '3500000.00' },
  { date: '2028-09-05', kind: 'gate', gate: 'G3' },
  { date: '2028-10-10', kind: 'bonus', type: 'SITE_ACTIVATION', quantity: 3 },
  { date: '2028-12-01', kind: 'gate', gate: 'G4' },
  { date: '2029-04-02', kind: 'kill' },
];

function play() {
  const plan = referencePlan();
  let deal: Deal = referenceDeal();
  const commissions: Record<string, EarningLine[]> = {};
  const designWins: Record<string, DesignWinLine[]> = {};
  const credit: Record<number, string[]> = {};
  const sourcedGateDates: string[] = [];
  const paidThisYear: Record<string, string> = {};
  for (const e of EVENTS) {
    const period = periodOf(e.date);
    if (e.kind === 'gate') {
      const input = { gate: e.gate, documentType: PROOF[e.gate], documentRef: `doc-${e.gate}`, effectiveDate: e.date };
      expect(checkArtifactSubmission(deal, input)).toBeNull();
      deal = submitArtifact(deal, input, 'ae-1', `${e.date}T09:00:00Z`);
      const id = deal.pending[0].approvalId;
      expect(checkApproval(deal, id, 'ae-1')?.code).toBe('SEGREGATION_OF_DUTIES');
      expect(checkApproval(deal, id, 'desk-1')).toBeNull();
      const { deal: next, retirement, approval } = approveGate(deal, id);
      deal = next;
      for (const p of retirement.postings) {
        (commissions[periodOf(approval.effectiveDate)] ??= []).push({ dealId: deal.id, reference: e.gate, amount: p.commission });
        (credit[yearOf(approval.effectiveDate)] ??= []).push(p.credit);
      }
      if (deal.sourcedBy === 'ae-1') sourcedGateDates.push(approval.effectiveDate);
    } else if (e.kind === 'bonus') {
      const input = { type: e.type, quantity: e.quantity, evidenceRef: `ev-${e.type}`, effectiveDate: e.date };
      expect(checkBonusSubmission(deal, input)).toBeNull();
      deal = submitBonusEvent(deal, input, 'ae-1', `${e.date}T09:00:00Z`);
      const { deal: next, allocations } = approveBonus(deal, deal.pending[0].approvalId);
      deal = next;
      expect(allocations).toEqual(allocateBonus(plan, e.type, e.quantity, 'ae-1'));
      for (const a of allocations) {
        const key = `${a.repId}|${yearOf(e.date)}`;
        const capped = applyAnnualCap(plan.designWinAnnualCap, paidThisYear[key] ?? '0.00', a.amount);
        paidThisYear[key] = sumCents([paidThisYear[key] ?? '0.00', capped.paid]);
        (designWins[period] ??= []).push({ dealId: deal.id, reference: e.type, paid: capped.paid, capped: capped.capped });
      }
    } else if (e.kind === 'descope') {
      deal = descope(deal, e.newTcv);
    } else {
      deal = kill(deal, e.date, 'trial killed').deal;
    }
  }
  return { deal, commissions, designWins, credit, sourcedGateDates };
}

describe('docs/rules.md reference scenario, end to end through the pure rules', () => {
  const { deal, commissions, designWins, credit, sourcedGateDates } = play();

  it('deal D-4500 ends KILLED with 3650000.00 retired', () => {
    expect(deal.status).toBe('KILLED');
    expect(deal.creditRetired).toBe('3650000.00');
    expect(deal.tcv).toBe('3500000.00');
    expect(sourcedGateDates).toEqual(['2027-08-16', '2028-02-14', '2028-09-05', '2028-12-01']);
  });

  it('produces the statements of docs/rules.md', () => {
    let balance = '0.00';
    const statements: Statement[] = periodRange('2027-Q1', '2029-Q1').map((period) => {
      const { statement } = closeRepPeriod({
        repId: 'ae-1',
        period,
        hireDate: '2027-01-01',
        quarterlyDraw: '35000.00',
        plan: referencePlan(),
        balanceBefore: balance,
        commissions: commissions[period] ?? [],
        designWins: designWins[period] ?? [],
        sourcedGateDates,
        sourcedRevenue: [],
      });
      balance = statement.unrecoveredDrawBalance;
      return statement;
    });
    expect(statements.map((s) => [s.period, s.netCommissionPay, s.unrecoveredDrawBalance, s.designWinBonus, s.retentionBonus, s.performanceReview])).toEqual([
      ['2027-Q1', '35000.00', '0.00', '0.00', '0.00', false],
      ['2027-Q2', '35000.00', '0.00', '50000.00', '0.00', false],
      ['2027-Q3', '36000.00', '0.00', '0.00', '0.00', false],
      ['2027-Q4', '35000.00', '0.00', '0.00', '0.00', false],
      ['2028-Q1', '54000.00', '0.00', '0.00', '0.00', false],
      ['2028-Q2', '35000.00', '35000.00', '0.00', '0.00', false],
      ['2028-Q3', '35000.00', '35000.00', '0.00', '0.00', false],
      ['2028-Q4', '35000.00', '49000.00', '75000.00', '0.00', false],
      ['2029-Q1', '35000.00', '84000.00', '0.00', '100000.00', true],
    ]);
  });

  it('attainment per calendar year with ramp quota relief', () => {
    const plan = referencePlan();
    expect(sumCents(credit[2027])).toBe('900000.00');
    expect(sumCents(credit[2028])).toBe('2750000.00');
    expect(attainment(plan, '2027-01-01', 2027, { newBusiness: sumCents(credit[2027]), expansion: '0.00' }).attainment.newBusiness).toBe('0.5625');
    expect(attainment(plan, '2027-01-01', 2028, { newBusiness: sumCents(credit[2028]), expansion: '0.00' }).attainment.newBusiness).toBe('0.9821');
    expect(attainment(plan, '2027-01-01', 2029, { newBusiness: '0.00', expansion: '0.00' }).rampFactor).toBe('1.00');
  });
});
