import { createHash } from 'node:crypto';
import { decideSignoff, Signoff, Statement, statementStatus } from '../../libs/domain';
import { statementHash } from '../../apps/api/statement-status/statement-hash';

/** docs/rules.md "Statement sign-off": the hash an auditor recomputes, and who signs in which order. */
describe('statement hash (docs/rules.md "Statement sign-off")', () => {
  const statement: Statement = {
    repId: 'r-1',
    period: '2027-Q1',
    commission: '4000.00',
    netCommissionPay: '10000.00',
    drawPaid: '6000.00',
    recovery: '0.00',
    designWinBonus: '0.00',
    designWinCapped: '0.00',
    retentionBonus: '0.00',
    retentionForfeited: '0.00',
    trailingCommission: '0.00',
    drawWrittenOff: '0.00',
    adjustments: '0.00',
    totalPayout: '10000.00',
    unrecoveredDrawBalance: '6000.00',
    performanceReview: false,
    lines: [
      { kind: 'GATE_COMMISSION', dealId: 'D-1', reference: 'G1', amount: '4000.00', effectiveDate: '2027-02-01', late: false },
      { kind: 'DRAW', amount: '6000.00', note: 'recoverable draw — “é”', late: false },
    ],
  };

  /** The documented recipe, written out independently: sorted keys at every level, no whitespace, UTF-8, SHA-256 hex. */
  const auditorHash = (s: Record<string, unknown>) => {
    const { hash: _h, status: _s, signoffs: _so, onHold: _o, ...content } = s;
    content.lines = (content.lines as Array<Record<string, unknown>>).map(({ lineId: _l, ...line }) => line);
    const sortDeep = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sortDeep) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep((v as any)[k])])) : v;
    return createHash('sha256').update(Buffer.from(JSON.stringify(sortDeep(content)), 'utf8')).digest('hex');
  };

  it('is the SHA-256 of the canonical JSON an auditor rebuilds from the statement as the API answers it', () => {
    const hash = statementHash(statement);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(auditorHash({ ...statement }));
    // what the API adds around the content does not change it: status, sign-offs, hold, the hash itself, line ids
    const answered = { ...statement, hash, status: 'APPROVED', signoffs: [{ by: 'm', role: 'manager', at: '2027-04-02T00:00:00.000Z' }], onHold: { reason: 'x' } };
    const withLineIds = { ...answered, lines: statement.lines.map((l, i) => ({ lineId: `L${i}`, ...l })) };
    expect(statementHash(withLineIds as unknown as Statement)).toBe(hash);
    expect(auditorHash(withLineIds)).toBe(hash);
    // key order does not matter
    const reordered = Object.fromEntries(Object.entries(statement).reverse()) as unknown as Statement;
    expect(statementHash(reordered)).toBe(hash);
  });

  it('changes with every figure and every line', () => {
    const hash = statementHash(statement);
    expect(statementHash({ ...statement, totalPayout: '10000.01' })).not.toBe(hash);
    expect(statementHash({ ...statement, lines: [statement.lines[1], statement.lines[0]] })).not.toBe(hash);
    expect(statementHash({ ...statement, lines: [{ ...statement.lines[0], late: true }, statement.lines[1]] })).not.toBe(hash);
    expect(statementHash({ ...statement, lines: statement.lines.slice(1) })).not.toBe(hash);
  });
});

describe('sign-off order and segregation of duties (decideSignoff)', () => {
  const manager: Signoff = { by: 'mgr-1', role: 'manager', at: '2027-04-02T00:00:00.000Z' };
  const base = { repId: 'r-1', managerId: 'mgr-1', actorId: 'mgr-1', actorIsManager: true, actorIsFinance: false, signoffs: [] as Signoff[] };

  it('the manager signs first, then finance; a rep without a manager needs finance alone', () => {
    expect(decideSignoff(base)).toEqual({ record: 'manager' });
    expect(decideSignoff({ ...base, actorId: 'fin-1', actorIsManager: false, actorIsFinance: true, signoffs: [manager] })).toEqual({ record: 'finance' });
    expect(decideSignoff({ ...base, managerId: null, actorId: 'fin-1', actorIsManager: false, actorIsFinance: true })).toEqual({ record: 'finance' });
  });

  it('finance before the manager is SIGNOFF_OUT_OF_ORDER; the rep is SEGREGATION_OF_DUTIES, so is finance who signed as manager', () => {
    const refusal = (d: ReturnType<typeof decideSignoff>) => ('refusal' in d ? d.refusal.code : d);
    expect(refusal(decideSignoff({ ...base, actorId: 'fin-1', actorIsManager: false, actorIsFinance: true }))).toBe('SIGNOFF_OUT_OF_ORDER');
    expect(refusal(decideSignoff({ ...base, actorId: 'r-1', actorIsManager: false, actorIsFinance: true, managerId: null }))).toBe('SEGREGATION_OF_DUTIES');
    expect(refusal(decideSignoff({ ...base, actorId: 'mgr-1', actorIsManager: false, actorIsFinance: true, signoffs: [manager] }))).toBe('SEGREGATION_OF_DUTIES');
    expect(refusal(decideSignoff({ ...base, actorId: 'mgr-2', actorIsManager: false, actorIsFinance: false }))).toBe('FORBIDDEN');
  });

  it('signing again in the same role is a no-op for the same person and SIGNOFF_ALREADY_RECORDED for another', () => {
    expect(decideSignoff({ ...base, signoffs: [manager] })).toEqual({ already: manager });
    const finance: Signoff = { by: 'fin-1', role: 'finance', at: '2027-04-03T00:00:00.000Z' };
    const other = decideSignoff({ ...base, actorId: 'fin-2', actorIsManager: false, actorIsFinance: true, signoffs: [manager, finance] });
    expect('refusal' in other && other.refusal.code).toBe('SIGNOFF_ALREADY_RECORDED');
  });

  it('status: CLOSED until finance signs, APPROVED after, PAID once a paid batch carries it', () => {
    expect(statementStatus([], false)).toBe('CLOSED');
    expect(statementStatus([manager], false)).toBe('CLOSED');
    expect(statementStatus([manager, { ...manager, by: 'fin-1', role: 'finance' }], false)).toBe('APPROVED');
    expect(statementStatus([manager, { ...manager, by: 'fin-1', role: 'finance' }], true)).toBe('PAID');
  });
});
