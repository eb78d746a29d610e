import { Dec } from '../../libs/domain';
import { expectProblem } from '../support/api';
import { dealKit } from '../support/deal-book';
import { Harness, startHarness } from '../support/harness';

/**
 * docs/rules.md "Corrections" (adjustments) and docs/api.md "Corrections": a comp admin proposes, a second person
 * (comp_admin or finance, neither the proposer nor the rep) approves or rejects; approved, it is posted once to the
 * rep in its period and paid on top of draw netting; a proposal still pending when its period closes EXPIRES.
 * One story over 2027-Q1 (closed midway) and 2027-Q2, on plan ADJ-2027 without ramp quarters (draw 10,000.00).
 */
describe('adjustments (docs/rules.md "Corrections")', () => {
  let h: Harness;
  const admin = 'adm-1:comp_admin';
  const admin2 = 'adm-2:comp_admin';
  const finance = 'fin-1:finance';
  const hr = 'hr-1:hr';
  const desk = 'desk-1:deal_desk';
  const { createDeal, submit, approve: approveArtifact, count } = dealKit(() => h);
  const ids: Record<string, string> = {};

  const propose = (body: Record<string, unknown>, as = admin, headers?: Record<string, string>) => h.http('POST', '/adjustments', { as, body, headers });
  const decide = (id: string, action: 'approve' | 'reject', as: string, body: unknown = {}, headers?: Record<string, string>) =>
    h.http('POST', `/adjustments/${id}/${action}`, { as, body, headers });
  const spiff = (repId: string, amount: string, extra: Record<string, unknown> = {}) => ({ repId, period: '2027-Q1', amount, kind: 'SPIFF', reason: 'Q1 launch spiff', ...extra });
  async function proposed(body: Record<string, unknown>): Promise<string> {
    const res = await propose(body);
    if (res.status !== 201) throw new Error(`propose → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }
  const counts = async () => ({
    adjustments: await count('adjustments'),
    ledger: await count('ledger_entries'),
    idempotency: await count('http_idempotency'),
  });
  const adjustmentPostings = (id: string) =>
    h.dataSource.query(`SELECT idempotency_key, kind, rep_id, period, amount::text AS amount FROM ledger_entries WHERE reference = $1 AND kind = 'ADJUSTMENT'`, [id]);

  beforeAll(async () => {
    h = await startHarness(__filename);
    const draw = { rampQuarters: 0, capQuarters: 2, exitTreatment: 'FORGIVE' };
    await h.ok('POST', '/plans', admin, { id: 'ADJ-2027', effectiveFrom: '2027-01-01', params: { commissionRate: '0.04', draw } }, [201]);
    await h.ok('POST', '/plans/ADJ-2027/publish', admin, undefined, [200]);
    for (const [id, managerId] of [['adj-ae', 'adj-mgr'], ['adj-claw', 'adj-mgr'], ['adj-deep', 'adj-mgr'], ['adj-other', 'adj-mgr2'], ['adj-gone', 'adj-mgr2']]) {
      await h.ok('POST', '/reps', admin, { id, name: id, role: 'AE', hireDate: '2027-01-01', quarterlyDraw: '10000.00', planId: 'ADJ-2027', managerId }, [201]);
    }
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('a proposal is PENDING until a second person approves it; approved, it is posted once, keyed by its id', async () => {
    const res = await propose(spiff('adj-ae', '1234.56'));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ repId: 'adj-ae', period: '2027-Q1', amount: '1234.56', kind: 'SPIFF', reason: 'Q1 launch spiff', status: 'PENDING', proposedBy: 'adm-1' });
    ids.approved = res.body.id;
    expect(await adjustmentPostings(ids.approved)).toEqual([]);

    const approved = await decide(ids.approved, 'approve', finance, { reason: 'budget confirmed' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ id: ids.approved, status: 'APPROVED', decidedBy: 'fin-1', decisionReason: 'budget confirmed' });
    expect(approved.body.posting).toEqual({ key: `adjustment:${ids.approved}`, period: '2027-Q1', late: false });
    expect(await adjustmentPostings(ids.approved)).toEqual([
      { idempotency_key: `adjustment:${ids.approved}`, kind: 'ADJUSTMENT', rep_id: 'adj-ae', period: '2027-Q1', amount: '1234.56' },
    ]);
  });

  it('the proposer may not approve (403 SEGREGATION_OF_DUTIES), nor the rep it pays, whatever their roles; a rep or HR token is 403', async () => {
    ids.sod = await proposed(spiff('adj-other', '500.00'));
    expectProblem(await decide(ids.sod, 'approve', admin), 403, 'SEGREGATION_OF_DUTIES');
    expectProblem(await decide(ids.sod, 'reject', admin), 403, 'SEGREGATION_OF_DUTIES');
    expectProblem(await decide(ids.sod, 'approve', 'adj-other:comp_admin,finance'), 403, 'SEGREGATION_OF_DUTIES');
    expectProblem(await decide(ids.sod, 'approve', 'adj-other:rep'), 403, 'FORBIDDEN');
    expectProblem(await decide(ids.sod, 'approve', hr), 403, 'FORBIDDEN');
    expectProblem(await propose(spiff('adj-other', '1.00'), finance), 403, 'FORBIDDEN');
    expect((await h.ok('GET', `/adjustments/${ids.sod}`, admin)).status).toBe('PENDING');
    expect(await adjustmentPostings(ids.sod)).toEqual([]);
    // a second comp admin may
    expect((await h.ok('POST', `/adjustments/${ids.sod}/approve`, admin2, {}, [200])).status).toBe('APPROVED');
  });

  it('a rejected adjustment posts nothing; deciding a decided one again is 409 ADJUSTMENT_NOT_PENDING', async () => {
    ids.rejected = await proposed(spiff('adj-ae', '999.00', { kind: 'CORRECTION', reason: 'duplicate of an earlier spiff' }));
    const rejected = await decide(ids.rejected, 'reject', finance, { reason: 'already paid' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'REJECTED', decidedBy: 'fin-1', decisionReason: 'already paid' });
    expect(await adjustmentPostings(ids.rejected)).toEqual([]);
    expectProblem(await decide(ids.rejected, 'approve', admin2), 409, 'ADJUSTMENT_NOT_PENDING');
    // double approval: another approver, and the same approver again without an Idempotency-Key
    expectProblem(await decide(ids.approved, 'approve', admin2), 409, 'ADJUSTMENT_NOT_PENDING');
    expectProblem(await decide(ids.approved, 'approve', finance), 409, 'ADJUSTMENT_NOT_PENDING');
    expectProblem(await decide(ids.approved, 'reject', admin2), 409, 'ADJUSTMENT_NOT_PENDING');
    expect(await adjustmentPostings(ids.approved)).toHaveLength(1);
    expectProblem(await decide('adj-nope', 'approve', finance), 404, 'NOT_FOUND');
  });

  it('retries with one Idempotency-Key create and approve once; another body with the key is 409', async () => {
    const body = spiff('adj-deep', '10.00', { reason: 'retried proposal' });
    const headers = { 'idempotency-key': 'adj-retry-1' };
    const before = await count('adjustments');
    const first = await propose(body, admin, headers);
    const second = await propose(body, admin, headers);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await count('adjustments')).toBe(before + 1);
    expectProblem(await propose({ ...body, amount: '11.00' }, admin, headers), 409, 'CONFLICT');

    const approveHeaders = { 'idempotency-key': 'adj-retry-approve' };
    const a1 = await decide(first.body.id, 'approve', finance, {}, approveHeaders);
    const a2 = await decide(first.body.id, 'approve', finance, {}, approveHeaders);
    expect([a1.status, a2.status]).toEqual([200, 200]);
    expect(a2.body).toEqual(a1.body);
    expect(await adjustmentPostings(first.body.id)).toHaveLength(1);
    ids.retried = first.body.id;
  });

  it('refuses bad input with a problem and writes nothing', async () => {
    const before = await counts();
    const bad: Array<[Record<string, unknown>, number, string]> = [
      [spiff('adj-ae', '0.00'), 400, 'VALIDATION_FAILED'],
      [spiff('adj-ae', '-0.00'), 400, 'VALIDATION_FAILED'],
      [spiff('adj-ae', 12.5 as unknown as string), 400, 'VALIDATION_FAILED'],
      [spiff('adj-ae', '1e5'), 400, 'VALIDATION_FAILED'],
      [spiff('adj-ae', '12.345'), 400, 'VALIDATION_FAILED'],
      [spiff('adj-ae', '1000000000000.00'), 400, 'VALIDATION_FAILED'],
      [spiff('adj-ae', '100.00', { kind: 'BONUS' }), 400, 'VALIDATION_FAILED'],
      [spiff('adj-ae', '100.00', { reason: '  ' }), 400, 'VALIDATION_FAILED'],
      [{ repId: 'adj-ae', period: '2027-Q1', amount: '100.00', kind: 'SPIFF' }, 400, 'VALIDATION_FAILED'],
      [spiff('adj-ae', '100.00', { period: '2027-Q5' }), 400, 'VALIDATION_FAILED'],
      [spiff('adj-ae', '100.00', { period: '2026-Q4' }), 400, 'VALIDATION_FAILED'],
      [spiff('adj-ae', '100.00', { extra: true }), 400, 'VALIDATION_FAILED'],
      [spiff('adj-nobody', '100.00'), 422, 'UNKNOWN_REP'],
      [spiff('adj-ae', '100.00', { dealId: 'NO-SUCH-DEAL' }), 422, 'UNKNOWN_DEAL'],
    ];
    for (const [body, status, code] of bad) expectProblem(await propose(body, admin, { 'idempotency-key': `bad-${JSON.stringify(body).length}-${status}` }), status, code);
    expectProblem(await decide(ids.sod, 'approve', finance, { reason: 7 }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('GET', '/adjustments?limit=0', { as: admin }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('GET', '/adjustments?offset=99999999999999999999', { as: admin }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('GET', '/adjustments?status=DONE', { as: admin }), 400, 'VALIDATION_FAILED');
    expect(await counts()).toEqual(before);
  });

  it('a departed rep is not charged: a negative adjustment is refused (409 REP_DEPARTED), a positive one is accepted', async () => {
    await h.ok('POST', '/reps/adj-gone/departure', hr, { effectiveDate: '2027-02-15', goodStanding: false, reassignments: [] }, [202]);
    const before = await count('adjustments');
    expectProblem(await propose(spiff('adj-gone', '-100.00')), 409, 'REP_DEPARTED');
    expect(await count('adjustments')).toBe(before);
    // Pending into a later period: the rep's last statement (2027-Q1, no trailing) expires it with the rest.
    ids.afterLast = await proposed(spiff('adj-gone', '100.00', { period: '2027-Q3' }));
  });

  it('lists by status, period and rep with paging; a manager sees their team, a rep their own', async () => {
    ids.expiring = await proposed(spiff('adj-deep', '77.00', { reason: 'left pending' }));
    const all = await h.ok('GET', '/adjustments?period=2027-Q1', admin);
    expect(all.map((a: any) => a.id)).toEqual(expect.arrayContaining([ids.approved, ids.sod, ids.rejected, ids.retried, ids.expiring]));
    expect((await h.ok('GET', '/adjustments?status=REJECTED', finance)).map((a: any) => a.id)).toEqual([ids.rejected]);
    expect((await h.ok('GET', '/adjustments?repId=adj-ae&status=APPROVED', admin)).map((a: any) => a.id)).toEqual([ids.approved]);
    const page1 = await h.ok('GET', '/adjustments?limit=2&offset=0', admin);
    const page2 = await h.ok('GET', '/adjustments?limit=2&offset=2', admin);
    expect(page1).toHaveLength(2);
    expect(page2[0].id).not.toBe(page1[0].id);

    const team = await h.ok('GET', '/adjustments', 'adj-mgr:manager');
    expect(new Set(team.map((a: any) => a.repId))).toEqual(new Set(['adj-ae', 'adj-deep']));
    expect(await h.ok('GET', '/adjustments?repId=adj-other', 'adj-mgr:manager')).toEqual([]);
    expectProblem(await h.http('GET', `/adjustments/${ids.sod}`, { as: 'adj-mgr:manager' }), 404, 'NOT_FOUND');
    expect((await h.ok('GET', '/adjustments', 'adj-ae:rep')).every((a: any) => a.repId === 'adj-ae')).toBe(true);
    expect((await h.ok('GET', `/adjustments/${ids.approved}`, 'adj-ae:rep')).status).toBe('APPROVED');
    expectProblem(await h.http('GET', `/adjustments/${ids.sod}`, { as: 'adj-ae:rep' }), 404, 'NOT_FOUND');
    expectProblem(await h.http('GET', '/adjustments', { as: desk }), 403, 'FORBIDDEN');
  });

  it('clawbacks are netted on top of the draw: within the payout they reduce it, beyond it the rest is added to B', async () => {
    // adj-claw earns G1 commission 200,000 × 0.04 = 8,000.00 (< draw 10,000.00: pays the draw, B += 2,000.00).
    await createDeal('ADJ-D1', { owner: 'adj-claw' });
    const approvalId = await submit('ADJ-D1', admin, 'G1', 'AWARD_LETTER', '2027-03-01');
    expect((await approveArtifact(approvalId, desk)).status).toBe(200);
    ids.claw = await proposed(spiff('adj-claw', '-3000.50', { kind: 'CORRECTION', reason: 'overpaid split last year', dealId: 'ADJ-D1' }));
    expect((await decide(ids.claw, 'approve', finance)).status).toBe(200);
    // adj-deep has no commission (pays the draw, B += 10,000.00) and loses 12,000.01: 2,000.01 cannot be taken.
    ids.deep = await proposed(spiff('adj-deep', '-12000.01', { kind: 'CORRECTION', reason: 'clawback beyond the payout' }));
    expect((await decide(ids.deep, 'approve', admin2)).status).toBe(200);
  });

  it('at the close: approved adjustments are on the statement with exact amounts, pending ones EXPIRE', async () => {
    const close = await h.ok('POST', '/periods/2027-Q1/close', finance, undefined, [200]);
    const of = (repId: string) => close.statements.find((s: any) => s.repId === repId);

    expect(of('adj-ae')).toMatchObject({ commission: '0.00', netCommissionPay: '10000.00', drawPaid: '10000.00', adjustments: '1234.56', totalPayout: '11234.56', unrecoveredDrawBalance: '10000.00' });
    expect(of('adj-ae').lines).toContainEqual(expect.objectContaining({ kind: 'ADJUSTMENT', reference: ids.approved, amount: '1234.56', late: false }));
    expect(of('adj-ae').lines.filter((l: any) => l.kind === 'ADJUSTMENT')).toHaveLength(1); // the rejected one is not there
    expect(of('adj-other')).toMatchObject({ adjustments: '500.00', totalPayout: '10500.00' });

    expect(of('adj-claw')).toMatchObject({ commission: '8000.00', netCommissionPay: '10000.00', drawPaid: '2000.00', adjustments: '-3000.50', totalPayout: '6999.50', unrecoveredDrawBalance: '2000.00' });
    expect(of('adj-claw').lines).toContainEqual(expect.objectContaining({ kind: 'ADJUSTMENT', dealId: 'ADJ-D1', amount: '-3000.50' }));
    // 10 + 77 pending (expires) − 12,000.01: v1 total 10,000.00 + (−11,990.01) = −1,990.01 → payout 0, B 10,000 + 1,990.01
    expect(of('adj-deep')).toMatchObject({ netCommissionPay: '10000.00', adjustments: '-11990.01', totalPayout: '0.00', unrecoveredDrawBalance: '11990.01' });
    expect(of('adj-deep').lines).toContainEqual(expect.objectContaining({ kind: 'ADJUSTMENT_CARRIED', amount: '1990.01' }));

    // the same figures read back later
    const stored = await h.ok('GET', '/reps/adj-ae/statements/2027-Q1', 'adj-ae:rep');
    expect(stored).toMatchObject({ adjustments: '1234.56', totalPayout: '11234.56' });

    // expired: the one left pending in 2027-Q1, and the departed rep's later one (their last statement was 2027-Q1)
    for (const id of [ids.expiring, ids.afterLast]) {
      expect((await h.ok('GET', `/adjustments/${id}`, admin)).status).toBe('EXPIRED');
      expectProblem(await decide(id, 'approve', finance), 409, 'ADJUSTMENT_NOT_PENDING');
      expect(await adjustmentPostings(id)).toEqual([]);
    }
    expect((await h.ok('GET', '/adjustments?status=EXPIRED', admin)).map((a: any) => a.id).sort()).toEqual([ids.expiring, ids.afterLast].sort());
    // nothing more goes into the closed period; the next one is open
    expectProblem(await propose(spiff('adj-ae', '5.00')), 409, 'PERIOD_CLOSED');
    const next = await proposed(spiff('adj-ae', '5.00', { period: '2027-Q2' }));
    expect((await decide(next, 'approve', finance)).body.posting).toEqual({ key: `adjustment:${next}`, period: '2027-Q2', late: false });
  }, 120_000);

  it('approvals racing the close either post on its statement or find the adjustment expired: nothing lost, nothing doubled', async () => {
    const racing: string[] = [];
    for (let i = 1; i <= 6; i++) racing.push(await proposed(spiff('adj-other', `${i}.01`, { period: '2027-Q2', reason: `race ${i}` })));
    const [close, ...decisions] = await Promise.all([
      h.http('POST', '/periods/2027-Q2/close', { as: finance }),
      ...racing.map((id) => decide(id, 'approve', admin2)),
    ]);
    expect(close.status).toBe(200);
    const statement = close.body.statements.find((s: any) => s.repId === 'adj-other');
    let paid = new Dec(0);
    for (const [i, id] of racing.entries()) {
      const row = await h.ok('GET', `/adjustments/${id}`, admin);
      const onStatement = statement.lines.filter((l: any) => l.kind === 'ADJUSTMENT' && l.reference === id);
      if (decisions[i].status === 200) {
        expect(row.status).toBe('APPROVED');
        expect(onStatement).toHaveLength(1);
        expect(await adjustmentPostings(id)).toHaveLength(1);
        paid = paid.plus(i).plus('1.01');
      } else {
        expectProblem(decisions[i], 409, 'ADJUSTMENT_NOT_PENDING');
        expect(row.status).toBe('EXPIRED');
        expect(onStatement).toEqual([]);
        expect(await adjustmentPostings(id)).toEqual([]);
      }
    }
    expect(statement.adjustments).toBe(paid.toFixed(2));
    expect(statement.totalPayout).toBe(paid.plus(10000).toFixed(2));
    expect(await h.ok('GET', '/adjustments?status=PENDING', admin)).toEqual([]);
    const ae = close.body.statements.find((s: any) => s.repId === 'adj-ae');
    expect(ae).toMatchObject({ adjustments: '5.00', totalPayout: '10005.00' });
  }, 120_000);
});
