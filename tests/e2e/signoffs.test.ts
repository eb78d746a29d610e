import { expectProblem } from '../support/api';
import { DEAL_BOOK_ACTORS, dealKit, seedBook } from '../support/deal-book';
import { Harness, startHarness } from '../support/harness';

/**
 * docs/rules.md "Statement sign-off" over HTTP (real Temporal, real PostgreSQL): the rep's manager signs the hash of a
 * closed period's statement, then finance, which makes it APPROVED; neither may be the rep; a wrong hash, finance
 * first, a period not closed and a manager of another team are refused and write nothing.
 * Reps on LC-2027: so-ae and so-sl (manager so-mgr), so-solo (no manager), so-far (manager so-mgr2).
 */
describe('statement sign-off (issue 13)', () => {
  let h: Harness;
  const { admin, finance } = DEAL_BOOK_ACTORS;
  const manager = 'so-mgr:manager';
  const { ok, count } = dealKit(() => h);
  const statement = (repId: string, period = '2027-Q1') => ok('GET', `/reps/${repId}/statements/${period}`, finance);
  const sign = (repId: string, as: string, hash: string, period = '2027-Q1') => h.http('POST', `/reps/${repId}/statements/${period}/signoffs`, { as, body: { hash } });
  const ZERO_HASH = '0'.repeat(64);

  beforeAll(async () => {
    h = await startHarness(__filename);
    await seedBook(h, []);
    for (const [id, managerId] of [['so-ae', 'so-mgr'], ['so-sl', 'so-mgr'], ['so-solo', undefined], ['so-far', 'so-mgr2']]) {
      await h.ok('POST', '/reps', admin, { id, name: id, role: 'AE', hireDate: '2027-01-01', quarterlyDraw: '10000.00', planId: 'LC-2027', ...(managerId ? { managerId } : {}) }, [201]);
    }
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('a statement of an open period cannot be signed (409 PERIOD_NOT_CLOSED); closed, it carries hash, status CLOSED, no sign-off, no hold', async () => {
    expectProblem(await sign('so-ae', manager, ZERO_HASH), 409, 'PERIOD_NOT_CLOSED');
    const closed = await ok('POST', '/periods/2027-Q1/close', finance, undefined, [200]);
    for (const s of closed.statements) expect(s).toMatchObject({ hash: expect.stringMatching(/^[0-9a-f]{64}$/), status: 'CLOSED', signoffs: [], onHold: null });
    const s = await statement('so-ae');
    expect(s).toMatchObject({ repId: 'so-ae', period: '2027-Q1', totalPayout: '10000.00', status: 'CLOSED', signoffs: [], onHold: null });
    expect(s.hash).toBe(closed.statements.find((x: any) => x.repId === 'so-ae').hash);
    expect(await ok('GET', '/reps/so-ae/statements/2027-Q1', 'so-ae:rep')).toEqual(s);
    expectProblem(await sign('so-ae', manager, s.hash, '2027-Q2'), 409, 'PERIOD_NOT_CLOSED');
  }, 120_000);

  it('refuses a wrong hash (409 STATEMENT_HASH_MISMATCH), the rep themself (403), finance first (409 SIGNOFF_OUT_OF_ORDER), another team’s manager (404)', async () => {
    const { hash } = await statement('so-ae');
    expectProblem(await sign('so-ae', manager, ZERO_HASH), 409, 'STATEMENT_HASH_MISMATCH');
    expectProblem(await sign('so-ae', 'so-ae:rep', hash), 403, 'FORBIDDEN');
    expectProblem(await sign('so-ae', 'so-ae:finance', hash), 403, 'SEGREGATION_OF_DUTIES');
    expectProblem(await sign('so-ae', 'so-ae:manager,finance', hash), 403, 'SEGREGATION_OF_DUTIES');
    expectProblem(await sign('so-ae', finance, hash), 409, 'SIGNOFF_OUT_OF_ORDER');
    expectProblem(await sign('so-ae', 'so-mgr2:manager', hash), 404, 'NOT_FOUND');
    expectProblem(await sign('so-ae', 'hr-1:hr', hash), 403, 'FORBIDDEN');
    expectProblem(await sign('so-ae', 'adm-9:comp_admin', hash), 403, 'FORBIDDEN');
    expectProblem(await sign('so-nobody', finance, hash), 404, 'NOT_FOUND');
    expectProblem(await h.http('POST', '/reps/so-ae/statements/2027-Q1/signoffs', { as: manager, body: { hash: 'abc' } }), 400, 'VALIDATION_FAILED');
    expect(await count('statement_signoffs')).toBe(0);
    expect((await statement('so-ae')).status).toBe('CLOSED');
  });

  it('the manager signs, then finance: APPROVED with both sign-offs; signing again is a no-op, another finance user is 409', async () => {
    const { hash } = await statement('so-ae');
    const byManager = await sign('so-ae', manager, hash.toUpperCase());
    expect(byManager.status).toBe(200);
    expect(byManager.body).toMatchObject({ hash, status: 'CLOSED', signoffs: [{ by: 'so-mgr', role: 'manager', at: expect.any(String) }] });
    expect((await sign('so-ae', manager, hash)).body).toEqual(byManager.body);
    const byFinance = await sign('so-ae', finance, hash);
    expect(byFinance.status).toBe(200);
    expect(byFinance.body.status).toBe('APPROVED');
    expect(byFinance.body.signoffs.map((s: any) => [s.by, s.role])).toEqual([['so-mgr', 'manager'], ['fin-1', 'finance']]);
    expect((await sign('so-ae', finance, hash)).body).toEqual(byFinance.body);
    expectProblem(await sign('so-ae', 'fin-2:finance', hash), 409, 'SIGNOFF_ALREADY_RECORDED');
    expect(await statement('so-ae')).toEqual(byFinance.body);
    expect(await count('statement_signoffs')).toBe(2);
    // the rep sees the status of their statement, in their history too
    expect((await ok('GET', '/reps/so-ae/statements', 'so-ae:rep')).map((s: any) => [s.period, s.status])).toEqual([['2027-Q1', 'APPROVED']]);
  });

  it('a rep without a manager is approved by finance alone; the body of a signed statement is unchanged', async () => {
    const before = await statement('so-solo');
    const signed = await sign('so-solo', finance, before.hash);
    expect(signed.status).toBe(200);
    expect(signed.body).toEqual({ ...before, status: 'APPROVED', signoffs: [{ by: 'fin-1', role: 'finance', at: expect.any(String) }] });
    const [{ hash }] = await h.dataSource.query(`SELECT hash FROM statement_signoffs WHERE rep_id = 'so-solo'`);
    expect(hash).toBe(before.hash);
  });

  it('a manager signs for their team only: another team’s statement is 404, and the repeated close answers the statements with their status', async () => {
    const far = await statement('so-far');
    expectProblem(await sign('so-far', manager, far.hash), 404, 'NOT_FOUND');
    expect((await sign('so-far', 'so-mgr2:manager', far.hash)).status).toBe(200);
    const again = await ok('POST', '/periods/2027-Q1/close', finance, undefined, [200]);
    expect(Object.fromEntries(again.statements.map((s: any) => [s.repId, [s.status, s.signoffs.map((x: any) => x.role)]]))).toEqual({
      'so-ae': ['APPROVED', ['manager', 'finance']],
      'so-far': ['CLOSED', ['manager']],
      'so-sl': ['CLOSED', []],
      'so-solo': ['APPROVED', ['finance']],
    });
  });
});
