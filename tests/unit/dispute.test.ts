import { checkDisputeResolution, checkResolutionShape, designWinFormula, disputeDueAt, gateCommissionFormula, lineIdSources, lineOccurrence } from '../../libs/domain';
import { lineIdOf, withLineIds } from '../../libs/persistence/statement-line-ids';

describe('disputes (docs/rules.md "Disputes")', () => {
  const dispute = { id: 'dsp-1', repId: 'ae-1', openedBy: 'ae-1', status: 'OPEN' as const };

  it('only an open dispute is resolved, by someone who is neither the disputant nor the rep', () => {
    expect(checkDisputeResolution(dispute, 'admin-1')).toBeNull();
    expect(checkDisputeResolution(dispute, 'ae-1')?.code).toBe('SEGREGATION_OF_DUTIES');
    expect(checkDisputeResolution({ ...dispute, openedBy: 'mgr-1' }, 'mgr-1')?.code).toBe('SEGREGATION_OF_DUTIES');
    expect(checkDisputeResolution({ ...dispute, openedBy: 'mgr-1' }, 'ae-1')?.code).toBe('SEGREGATION_OF_DUTIES');
    expect(checkDisputeResolution({ ...dispute, status: 'UPHELD' }, 'admin-1')?.code).toBe('DISPUTE_NOT_OPEN');
    expect(checkDisputeResolution({ ...dispute, status: 'DENIED' }, 'admin-1')?.code).toBe('DISPUTE_NOT_OPEN');
  });

  it('UPHELD names a non-zero adjustment, DENIED a note and no adjustment', () => {
    expect(checkResolutionShape({ outcome: 'UPHELD', adjustment: { amount: '-10.00', period: '2027-Q2' } })).toBeNull();
    expect(checkResolutionShape({ outcome: 'UPHELD', note: 'yes' })?.code).toBe('VALIDATION_FAILED');
    expect(checkResolutionShape({ outcome: 'UPHELD', adjustment: { amount: '0.00', period: '2027-Q2' } })?.code).toBe('VALIDATION_FAILED');
    expect(checkResolutionShape({ outcome: 'DENIED', note: 'as signed' })).toBeNull();
    expect(checkResolutionShape({ outcome: 'DENIED', note: '  ' })?.code).toBe('VALIDATION_FAILED');
    expect(checkResolutionShape({ outcome: 'DENIED', note: 'no', adjustment: { amount: '1.00', period: '2027-Q2' } })?.code).toBe('VALIDATION_FAILED');
  });

  it('is due slaDays whole days after it was opened', () => {
    const opened = Date.parse('2027-04-10T09:30:00Z');
    expect(new Date(disputeDueAt(opened, 10)).toISOString()).toBe('2027-04-20T09:30:00.000Z');
  });
});

describe('statement line ids (docs/rules.md "Why this line")', () => {
  const lines = [
    { kind: 'GATE_COMMISSION' as const, dealId: 'D-1', reference: 'G1', amount: '100.00', late: false },
    { kind: 'GATE_COMMISSION' as const, dealId: 'D-1', reference: 'G1', amount: '50.00', late: false },
    { kind: 'DRAW' as const, amount: '10.00', late: false },
    { kind: 'GATE_COMMISSION_REVERSAL' as const, dealId: 'D-1', reference: 'G1', amount: '-100.00', late: false },
  ];

  it('are derived from what the line shows and its place among equal lines, never from its amount', () => {
    expect(lineIdSources(lines)).toEqual(['GATE_COMMISSION|D-1|G1|0', 'GATE_COMMISSION|D-1|G1|1', 'DRAW|||0', 'GATE_COMMISSION_REVERSAL|D-1|G1|0']);
    expect(lineOccurrence(lines, 1)).toBe(1);
    expect(lineOccurrence(lines, 3)).toBe(0);
    const again = lineIdSources(lines.map((l) => ({ ...l, amount: '1.00' })));
    expect(again).toEqual(lineIdSources(lines));
  });

  it('are unique on a statement and the same on every read', () => {
    const statement = { lines } as any;
    const ids = withLineIds(statement).lines.map((l) => l.lineId);
    expect(new Set(ids).size).toBe(lines.length);
    expect(withLineIds(statement).lines.map((l) => l.lineId)).toEqual(ids);
    expect(ids[0]).toBe(lineIdOf('GATE_COMMISSION|D-1|G1|0'));
    expect(ids[0]).toMatch(/^ln-[0-9a-f]{20}$/);
  });

  it('spell out the gate commission and design-win arithmetic with the exact product and the one rounding', () => {
    const g = gateCommissionFormula({ weight: '0.20', tcv: '1234567.89', share: '0.50', rate: '0.04' }, '4938.27');
    expect(g).toMatchObject({ exact: '4938.27156', rounded: '4938.27', matchesPosting: true });
    expect(gateCommissionFormula({ weight: '0.20', tcv: '1000000.00', share: '1', rate: '0.04' }, '4938.27').matchesPosting).toBe(false);
    const b = designWinFormula({ unit: '5000.00', quantity: 3, share: '0.25', paid: '2000.00', capped: '1750.00' }, '2000.00');
    expect(b).toMatchObject({ exact: '3750', rounded: '3750.00', matchesPosting: true });
  });
});
