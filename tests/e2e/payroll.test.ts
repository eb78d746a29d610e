import { createHash } from 'node:crypto';
import { expectProblem } from '../support/api';
import { DEAL_BOOK_ACTORS, dealKit, seedBook } from '../support/deal-book';
import { Harness, startHarness } from '../support/harness';

/**
 * Issue 13 end to end over HTTP (real Temporal, real PostgreSQL): docs/rules.md "Statement sign-off" and "Payroll
 * batches". 2027-Q1 on plan LC-2027 (commission 0.04, draw 10,000.00 a quarter):
 *   pay-ae   G1 of PAY-1 (TCV 3,000,000.00): 0.20 × 3,000,000.00 × 0.04 = 24,000.00 commission, above the draw → COMMISSION 24,000.00
 *   pay-sl   no deal: the draw 10,000.00, and a 500.00 spiff → DRAW 10,000.00, ADJUSTMENT 500.00
 *   pay-zero no deal, no draw (0.00), a −15,000.00 correction: the payout (0.00) takes none of it, all is carried → no line
 *   pay-late signed only after the first batch: it goes into the second
 *   pay-ack  on plan ACK-2027 (requireAcknowledgement): held out of payroll until they acknowledge the plan
 * Managers: pay-mgr (pay-ae, pay-sl, pay-late, pay-ack), none for pay-zero; pay-mgr2 manages nobody here.
 */
describe('payroll batches (issue 13): a quarter closed, signed, batched, exported and paid', () => {
  let h: Harness;
  const { admin, finance } = DEAL_BOOK_ACTORS;
  const finance2 = 'fin-2:finance';
  const manager = 'pay-mgr:manager';
  const { ok, createDeal, retire, count } = dealKit(() => h);
  const statement = (repId: string) => ok('GET', `/reps/${repId}/statements/2027-Q1`, finance);
  const sign = (repId: string, as: string, hash: string) => h.http('POST', `/reps/${repId}/statements/2027-Q1/signoffs`, { as, body: { hash } });
  async function approve(repId: string) {
    const { hash } = await statement(repId);
    if (repId !== 'pay-zero') expect((await sign(repId, manager, hash)).status).toBe(200);
    const signed = await sign(repId, finance, hash);
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('APPROVED');
  }
  const createBatch = (period = '2027-Q1', as = finance, headers?: Record<string, string>) => h.http('POST', '/payroll/batches', { as, body: { period }, headers });
  const sumCents = (amounts: string[]) => amounts.reduce((acc, a) => acc + BigInt(a.replace('.', '')), 0n);
  let first: any;

  beforeAll(async () => {
    h = await startHarness(__filename);
    await seedBook(h, []);
    await h.ok('POST', '/plans', admin, { id: 'ACK-2027', effectiveFrom: '2027-01-01', params: { commissionRate: '0.04', requireAcknowledgement: true } }, [201]);
    await h.ok('POST', '/plans/ACK-2027/publish', admin, undefined, [200]);
    const reps: Array<[string, string, string | undefined]> = [
      ['pay-ae', '=HYPERLINK("http://evil.example","Ada")', 'pay-mgr'],
      ['pay-sl', 'Sam, "SL" Lee', 'pay-mgr'],
      ['pay-zero', 'Zoe Zero', undefined],
      ['pay-late', 'Lee Late', 'pay-mgr'],
    ];
    for (const [id, name, managerId] of reps) {
      await h.ok('POST', '/reps', admin, { id, name, role: 'AE', hireDate: '2027-01-01', quarterlyDraw: id === 'pay-zero' ? '0.00' : '10000.00', planId: 'LC-2027', ...(managerId ? { managerId } : {}) }, [201]);
    }
    await h.ok('POST', '/reps', admin, { id: 'pay-ack', name: 'Ack Ack', role: 'AE', hireDate: '2027-01-01', quarterlyDraw: '10000.00', planId: 'ACK-2027', managerId: 'pay-mgr' }, [201]);
    await createDeal('PAY-1', { owner: 'pay-ae', tcv: '3000000.00', sourcedAt: '2027-01-10' });
    await retire('PAY-1', 'pay-ae:rep', 'G1', 'LOI', '2027-02-15');
    for (const [repId, amount] of [['pay-sl', '500.00'], ['pay-zero', '-15000.00']]) {
      const proposed = await ok('POST', '/adjustments', admin, { repId, period: '2027-Q1', amount, kind: amount.startsWith('-') ? 'CORRECTION' : 'SPIFF', reason: 'Q1' }, [201]);
      await ok('POST', `/adjustments/${proposed.id}/approve`, finance, {}, [200]);
    }
  }, 180_000);
  afterAll(async () => h?.stop(), 60_000);

  it('refuses a batch for a period not closed (409 PERIOD_NOT_CLOSED) and, once closed, with nothing APPROVED (409 NOTHING_TO_BATCH)', async () => {
    expectProblem(await createBatch('2027-Q1'), 409, 'PERIOD_NOT_CLOSED');
    await ok('POST', '/periods/2027-Q1/close', finance, undefined, [200]);
    expectProblem(await createBatch('2027-Q2'), 409, 'PERIOD_NOT_CLOSED');
    expectProblem(await createBatch('2027-Q1'), 409, 'NOTHING_TO_BATCH');
    expectProblem(await createBatch('2027-Q1', manager), 403, 'FORBIDDEN');
    expectProblem(await createBatch('2027-Q1', 'adm-1:comp_admin'), 403, 'FORBIDDEN');
    expect(await count('payroll_batches')).toBe(0);
  }, 120_000);

  it('batches the APPROVED statements: one line per rep and earning code, keyed, each rep’s lines summing to their totalPayout', async () => {
    for (const repId of ['pay-ae', 'pay-sl', 'pay-zero']) await approve(repId);
    const res = await createBatch('2027-Q1', finance, { 'Idempotency-Key': 'batch-q1-first' });
    expect(res.status).toBe(201);
    first = res.body;
    expect(first).toMatchObject({ id: 'PB-2027-Q1-1', period: '2027-Q1', status: 'CREATED', held: [], createdBy: 'fin-1', payment: null });
    expect(first.lines).toEqual([
      { key: 'payroll:2027-Q1:pay-ae:COMMISSION', repId: 'pay-ae', code: 'COMMISSION', amount: '24000.00' },
      { key: 'payroll:2027-Q1:pay-sl:DRAW', repId: 'pay-sl', code: 'DRAW', amount: '10000.00' },
      { key: 'payroll:2027-Q1:pay-sl:ADJUSTMENT', repId: 'pay-sl', code: 'ADJUSTMENT', amount: '500.00' },
    ]);
    expect(first.total).toBe('34500.00');
    // pay-zero joins with nothing to pay: its statement is in the batch, with no line
    expect(first.statements.map((s: any) => [s.repId, s.totalPayout])).toEqual([['pay-ae', '24000.00'], ['pay-sl', '10500.00'], ['pay-zero', '0.00']]);
    for (const s of first.statements) {
      const lines = first.lines.filter((l: any) => l.repId === s.repId).map((l: any) => l.amount);
      expect([s.repId, sumCents(lines)]).toEqual([s.repId, sumCents([(await statement(s.repId)).totalPayout])]);
    }
    // the same Idempotency-Key answers the same batch and creates nothing
    const replay = await createBatch('2027-Q1', finance, { 'Idempotency-Key': 'batch-q1-first' });
    expect([replay.status, replay.body.id]).toEqual([201, 'PB-2027-Q1-1']);
    expect(await count('payroll_batches')).toBe(1);
    expect(await ok('GET', '/payroll/batches/PB-2027-Q1-1', 'adm-1:comp_admin')).toEqual(first);
  }, 120_000);

  it('exports the batch as CSV: the documented columns, quoted names, formulas neutralized, totals equal to the statements’ totalPayout', async () => {
    const res = await h.http('GET', '/payroll/batches/PB-2027-Q1-1', { as: finance, headers: { accept: 'text/csv' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="payroll-PB-2027-Q1-1.csv"');
    expect(res.body).toBe(
      [
        'batch_id,period,rep_id,rep_name,earning_code,amount,key',
        `PB-2027-Q1-1,2027-Q1,pay-ae,"'=HYPERLINK(""http://evil.example"",""Ada"")",COMMISSION,24000.00,payroll:2027-Q1:pay-ae:COMMISSION`,
        'PB-2027-Q1-1,2027-Q1,pay-sl,"Sam, ""SL"" Lee",DRAW,10000.00,payroll:2027-Q1:pay-sl:DRAW',
        'PB-2027-Q1-1,2027-Q1,pay-sl,"Sam, ""SL"" Lee",ADJUSTMENT,500.00,payroll:2027-Q1:pay-sl:ADJUSTMENT',
        '',
      ].join('\r\n'),
    );
    const amounts = (res.body as string).trim().split('\r\n').slice(1).map((row) => row.match(/,(-?\d+\.\d{2}),payroll:/)![1]);
    const payouts = await Promise.all(first.statements.map(async (s: any) => (await statement(s.repId)).totalPayout));
    expect(sumCents(amounts)).toBe(sumCents(payouts));
    expect(sumCents(amounts)).toBe(sumCents([first.total]));
  });

  it('marks the batch PAID with the payroll reference, its statements with it; the same reference again is a no-op, another 409', async () => {
    expect((await statement('pay-ae')).status).toBe('APPROVED');
    const paid = await ok('POST', '/payroll/batches/PB-2027-Q1-1/paid', finance2, { reference: 'ADP-RUN-2027-04-15' }, [200]);
    expect(paid).toMatchObject({ id: 'PB-2027-Q1-1', status: 'PAID', payment: { reference: 'ADP-RUN-2027-04-15', paidBy: 'fin-2' }, lines: first.lines, total: '34500.00' });
    for (const repId of ['pay-ae', 'pay-sl', 'pay-zero']) expect((await statement(repId)).status).toBe('PAID');
    expect((await statement('pay-late')).status).toBe('CLOSED');
    expect(await ok('POST', '/payroll/batches/PB-2027-Q1-1/paid', finance, { reference: 'ADP-RUN-2027-04-15' }, [200])).toEqual(paid);
    expectProblem(await h.http('POST', '/payroll/batches/PB-2027-Q1-1/paid', { as: finance, body: { reference: 'ANOTHER' } }), 409, 'PAYROLL_BATCH_PAID');
    expectProblem(await h.http('POST', '/payroll/batches/PB-NOPE/paid', { as: finance, body: { reference: 'X' } }), 404, 'NOT_FOUND');
    expectProblem(await h.http('GET', '/payroll/batches/PB-NOPE', { as: finance }), 404, 'NOT_FOUND');
    expect(await count('payroll_batch_payments')).toBe(1);
  });

  it('a second batch for the period takes only the statements approved since; then there is nothing left', async () => {
    await approve('pay-late');
    const second = await ok('POST', '/payroll/batches', finance, { period: '2027-Q1' }, [201]);
    expect(second).toMatchObject({ id: 'PB-2027-Q1-2', status: 'CREATED', lines: [{ key: 'payroll:2027-Q1:pay-late:DRAW', repId: 'pay-late', code: 'DRAW', amount: '10000.00' }], total: '10000.00' });
    expect(second.statements.map((s: any) => s.repId)).toEqual(['pay-late']);
    expectProblem(await createBatch('2027-Q1'), 409, 'NOTHING_TO_BATCH');
    expect((await ok('GET', '/payroll/batches?period=2027-Q1', finance)).map((b: any) => [b.id, b.status])).toEqual([['PB-2027-Q1-1', 'PAID'], ['PB-2027-Q1-2', 'CREATED']]);
    expect(await ok('GET', '/payroll/batches?period=2027-Q2', finance)).toEqual([]);
    expectProblem(await h.http('GET', '/payroll/batches?period=Q5', { as: finance }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('GET', '/payroll/batches', { as: manager }), 403, 'FORBIDDEN');
  });

  it('holds a rep whose plan requires acknowledgement out of payroll until they acknowledge it, then batches them', async () => {
    await approve('pay-ack');
    expect((await statement('pay-ack')).onHold).toEqual({ reason: 'plan ACK-2027 not acknowledged' });
    const refused = await createBatch('2027-Q1');
    expectProblem(refused, 409, 'NOTHING_TO_BATCH');
    expect(refused.body.detail).toContain('pay-ack (plan ACK-2027 not acknowledged)');
    const document = await ok('GET', '/reps/pay-ack/plan-document', 'pay-ack:rep');
    await ok('POST', '/reps/pay-ack/plan-acknowledgements', 'pay-ack:rep', { planId: 'ACK-2027', hash: document.hash }, [201]);
    expect((await statement('pay-ack')).onHold).toBeNull();
    const third = await ok('POST', '/payroll/batches', finance, { period: '2027-Q1' }, [201]);
    expect(third).toMatchObject({ id: 'PB-2027-Q1-3', held: [], lines: [{ key: 'payroll:2027-Q1:pay-ack:DRAW', repId: 'pay-ack', code: 'DRAW', amount: '10000.00' }], total: '10000.00' });
  });

  it('each approved statement and each batch is a webhook event, appended in the transaction that wrote it', async () => {
    const events = await h.dataSource.query(
      `SELECT type, subject FROM webhook_outbox WHERE type IN ('tranche.statement.approved', 'tranche.payroll.batch_created') ORDER BY type, subject`,
    );
    expect(events.map((e: { type: string; subject: string }) => `${e.type} ${e.subject}`)).toEqual([
      'tranche.payroll.batch_created payroll-batch/PB-2027-Q1-1',
      'tranche.payroll.batch_created payroll-batch/PB-2027-Q1-2',
      'tranche.payroll.batch_created payroll-batch/PB-2027-Q1-3',
      ...['pay-ack', 'pay-ae', 'pay-late', 'pay-sl', 'pay-zero'].map((r) => `tranche.statement.approved statement/${r}/2027-Q1`),
    ]);
  });

  it('a batch never changes: the database refuses updates and deletes of every payroll and sign-off table', async () => {
    for (const [table, column, where] of [
      ['payroll_batches', 'id', `id = 'PB-2027-Q1-1'`],
      ['payroll_batch_lines', 'amount', `batch_id = 'PB-2027-Q1-1'`],
      ['payroll_batch_statements', 'total_payout', `batch_id = 'PB-2027-Q1-1'`],
      ['payroll_batch_payments', 'reference', `batch_id = 'PB-2027-Q1-1'`],
      ['statement_signoffs', 'hash', `rep_id = 'pay-ae'`],
    ]) {
      await expect(h.dataSource.query(`UPDATE ${table} SET ${column} = ${column} WHERE ${where}`)).rejects.toThrow(/append-only/);
      await expect(h.dataSource.query(`DELETE FROM ${table} WHERE ${where}`)).rejects.toThrow(/append-only/);
    }
    expect((await ok('GET', '/payroll/batches/PB-2027-Q1-1', finance)).lines).toEqual(first.lines);
  });

  it('the statement’s hash is recomputable from what the API answers (docs/rules.md canonical form)', async () => {
    const s = await statement('pay-sl');
    const { hash, status: _s, signoffs: _so, onHold: _o, ...content } = s;
    content.lines = content.lines.map(({ lineId: _l, ...line }: any) => line);
    const sortDeep = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(sortDeep) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep((v as any)[k])])) : v;
    expect(createHash('sha256').update(JSON.stringify(sortDeep(content)), 'utf8').digest('hex')).toBe(hash);
    expect(first.statements.find((x: any) => x.repId === 'pay-sl').hash).toBe(hash);
  });
});
