import { agingWatchesOf, agingWatchesOfDeal, anyAgingWatchDue } from '../../activities/alert.activities';
import { agingWatchId } from '../../libs/contracts';
import { approvalAgingDue, Deal, gateAgingDate, gateStillOpen, gateToWatch, newDeal, resolvePlanParams } from '../../libs/domain';

const plan = resolvePlanParams({ alerts: { approvalAgingDays: 4 } });
const deal = (): Deal =>
  newDeal(
    { id: 'D-1', sponsor: 'S', program: 'P', tcv: '1000000.00', dealType: 'NEW_BUSINESS', sourcedBy: 'ae', owner: 'ae', sourcedAt: '2027-01-31', splits: [{ repId: 'ae', role: 'AE', share: '1' }] },
    'p',
    plan,
  );
const retired = (d: Deal, key: string, on: string): Deal => ({ ...d, gates: d.gates.map((g) => (g.key === key ? { ...g, status: 'RETIRED', retiredAt: on } : g)) });

describe('aging alerts (docs/rules.md "Aging alerts")', () => {
  it('an approval alerts whole days after its submission, in wall time', () => {
    expect(approvalAgingDue('2027-03-01T10:15:00.000Z', 5)).toBe('2027-03-06T10:15:00.000Z');
  });

  it('a gate alerts 1.5 × monthsFromPrevious after the previous one: whole calendar months, a half month as 15 days', () => {
    expect(gateAgingDate('2027-01-31', 6)).toBe('2027-10-31');
    expect(gateAgingDate('2027-01-31', 7)).toBe('2027-12-15'); // 10 months (the 31st clamped to 2027-11-30), then 15 days
    expect(gateAgingDate('2027-01-10', 3)).toBe('2027-05-25');
    expect(gateAgingDate('2027-01-10', 0)).toBe('2027-01-10');
  });

  it('watches the first gate neither retired nor cancelled, from the previous gate\'s date (G1 from sourcedAt)', () => {
    expect(gateToWatch(deal())).toEqual({ gate: 'G1', since: '2027-01-31', monthsFromPrevious: 6, alertOn: '2027-10-31' });
    expect(gateToWatch(retired(deal(), 'G1', '2027-04-20'))).toEqual({ gate: 'G2', since: '2027-04-20', monthsFromPrevious: 6, alertOn: '2028-01-20' });
    expect(gateToWatch({ ...deal(), status: 'KILLED' })).toBeUndefined();
  });

  it('a gate alert stands while the gate is open or pending on an active deal', () => {
    expect(gateStillOpen(deal(), 'G1')).toBe(true);
    expect(gateStillOpen({ ...deal(), gates: deal().gates.map((g) => ({ ...g, status: 'PENDING' as const })) }, 'G1')).toBe(true);
    expect(gateStillOpen(retired(deal(), 'G1', '2027-04-20'), 'G1')).toBe(false);
    expect(gateStillOpen({ ...deal(), status: 'CLOSED' }, 'G1')).toBe(false);
  });

  it('a commit watches a submitted approval, and the next gate only on a create or a gate retirement', () => {
    const submitted = { approvalId: 'D-1-A1', kind: 'GATE' as const, gate: 'G1', documentType: 'LOI', documentRef: 'x', effectiveDate: '2027-02-01', submittedBy: 'ae', submittedAt: '2027-02-01T09:00:00.000Z' };
    expect(agingWatchesOf({ deal: deal(), submitted })).toEqual([
      { kind: 'APPROVAL_AGING', dealId: 'D-1', approvalId: 'D-1-A1', submittedAt: submitted.submittedAt, agingDays: 4, dueAt: '2027-02-05T09:00:00.000Z' },
    ]);
    expect(agingWatchesOf({ deal: deal(), requestHash: 'h' })).toEqual([
      { kind: 'GATE_AGING', dealId: 'D-1', gate: 'G1', since: '2027-01-31', monthsFromPrevious: 6, alertOn: '2027-10-31', dueAt: '2027-10-31T00:00:00.000Z' },
    ]);
    expect(agingWatchesOf({ deal: deal() })).toEqual([]);
    expect(agingWatchId({ kind: 'GATE_AGING', dealId: 'D-1', gate: 'G2' })).toBe('gate-aging:D-1:G2');
  });

  it('a watch committed already due (a back-dated deal) asks the sweeper for a round; one due later does not', () => {
    const [gate] = agingWatchesOf({ deal: deal(), requestHash: 'h' });
    expect(anyAgingWatchDue([gate], Date.parse('2027-10-30T23:59:59.999Z'))).toBe(false);
    expect(anyAgingWatchDue([gate], Date.parse('2027-10-31T00:00:00.000Z'))).toBe(true);
    expect(anyAgingWatchDue([], Date.parse('2099-01-01T00:00:00.000Z'))).toBe(false);
  });

  it('the backfill watches an active deal\'s next gate and each pending approval', () => {
    const pending = { approvalId: 'D-1-A1', kind: 'GATE' as const, gate: 'G1', documentType: 'LOI', documentRef: 'x', effectiveDate: '2027-02-01', submittedBy: 'ae', submittedAt: '2027-02-01T09:00:00.000Z' };
    expect(agingWatchesOfDeal({ ...deal(), pending: [pending] }).map(agingWatchId)).toEqual(['gate-aging:D-1:G1', 'approval-aging:D-1-A1']);
    expect(agingWatchesOfDeal({ ...deal(), status: 'KILLED' })).toEqual([]);
  });
});
