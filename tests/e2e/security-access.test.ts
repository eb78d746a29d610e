import { expectProblem } from '../support/api';
import { Harness, startHarness } from '../support/harness';
import { rowCounts, SecurityIds, seedSecurityBook } from '../support/security-book';

/**
 * Issue 6, the security suite (moved from security.test.ts): row-level access (a rep sees only themself and their
 * deals, a manager only their team) and segregation of duties, against the real API, worker, Temporal dev server and
 * PostgreSQL, on the book of tests/support/security-book.ts.
 */
describe('security (issue 6): access rules', () => {
  let h: Harness;
  let ids: SecurityIds;

  beforeAll(async () => {
    h = await startHarness(__filename);
    ids = await seedSecurityBook(h);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  const ae1 = 'sec-ae1:rep';
  const ae2 = 'sec-ae2:rep';

  it('a rep reads their own profile, statements, attainment, portfolio and deals', async () => {
    expect((await h.http('GET', '/reps/sec-ae1', { as: ae1 })).status).toBe(200);
    const statements = await h.http('GET', '/reps/sec-ae1/statements', { as: ae1 });
    expect(statements.status).toBe(200);
    expect(statements.body.map((s: any) => s.period)).toContain('2027-Q1');
    expect((await h.http('GET', '/reps/sec-ae1/statements/2027-Q1', { as: ae1 })).status).toBe(200);
    expect((await h.http('GET', '/reps/sec-ae1/attainment?year=2027', { as: ae1 })).status).toBe(200);
    expect((await h.http('GET', '/reps/sec-ae1/portfolio', { as: ae1 })).status).toBe(200);
    expect((await h.http('GET', '/deals/SD-1', { as: ae1 })).status).toBe(200);
  });

  it.each([
    ['profile', '/reps/sec-ae1'],
    ['statements', '/reps/sec-ae1/statements'],
    ['statement of a closed period', '/reps/sec-ae1/statements/2027-Q1'],
    ['attainment', '/reps/sec-ae1/attainment?year=2027'],
    ['portfolio', '/reps/sec-ae1/portfolio'],
    ['deal they are not on', '/deals/SD-1'],
  ])("another rep cannot read a rep's %s: 404, exactly as for something that does not exist", async (_what, path) => {
    const res = await h.http('GET', path, { as: ae2 });
    expectProblem(res, 404, 'NOT_FOUND');
    const missing = await h.http('GET', path.replace('sec-ae1', 'no-such-rep').replace('SD-1', 'NO-SUCH-DEAL'), { as: ae2 });
    expect({ status: missing.status, code: missing.body.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
  });

  it('a manager of another team cannot read the rep either (404)', async () => {
    for (const path of ['/reps/sec-ae1', '/reps/sec-ae1/statements', '/reps/sec-ae1/statements/2027-Q1', '/reps/sec-ae1/attainment?year=2027']) {
      expectProblem(await h.http('GET', path, { as: 'sec-mgr2:manager' }), 404, 'NOT_FOUND');
    }
    expect((await h.http('GET', '/reps/sec-ae1/statements', { as: 'sec-mgr:manager' })).status).toBe(200);
  });

  it("a rep's deal list holds only the deals they are on; another rep's deal takes no evidence from them", async () => {
    const list = await h.http('GET', '/deals', { as: ae2 });
    expect(list.body.map((d: any) => d.id)).toEqual(['SD-2']);
    const before = await rowCounts(h);
    expectProblem(
      await h.http('POST', '/deals/SD-1/artifacts', { as: ae2, body: { gate: 'G2', documentType: 'SIGNED_WORK_ORDER', documentRef: 'x', effectiveDate: '2027-06-01' } }),
      404,
      'NOT_FOUND',
    );
    expect(await rowCounts(h)).toEqual(before);
  });

  it('a rep cannot approve or reject (403), even on their own deal', async () => {
    const before = await rowCounts(h);
    for (const as of [ae1, ae2, 'sec-ae1:rep,manager,finance,hr']) {
      expectProblem(await h.http('POST', `/approvals/${ids.approvalId}/approve`, { as, body: {} }), 403, 'FORBIDDEN');
      expectProblem(await h.http('POST', `/approvals/${ids.approvalId}/reject`, { as, body: { reason: 'no' } }), 403, 'FORBIDDEN');
    }
    expect(await rowCounts(h)).toEqual(before);
  });

  it.each([
    ['a split recipient of the deal', 'sec-dd:deal_desk', 'approvalId', 'credit-split recipient'],
    ['the submitter', 'sec-sub:comp_admin,deal_desk', 'approvalId2', 'submitted'],
    ['the owner and source of the deal', 'sec-ae1:deal_desk', 'approvalId2', 'owns|sourced'],
  ])('segregation of duties: %s on the deal desk gets 403 SEGREGATION_OF_DUTIES and nothing is written', async (_who, as, approval, rule) => {
    const before = await rowCounts(h);
    for (const [action, body] of [['approve', { note: 'looks fine' }], ['reject', { reason: 'no' }]] as const) {
      const res = await h.http('POST', `/approvals/${ids[approval as keyof SecurityIds]}/${action}`, { as, body, headers: { 'idempotency-key': `sod-${action}-${as}` } });
      expectProblem(res, 403, 'SEGREGATION_OF_DUTIES');
      expect(res.body.detail).toMatch(new RegExp(rule));
    }
    expect(await rowCounts(h)).toEqual(before);
    const statuses = await h.dataSource.query(`SELECT status FROM approvals WHERE approval_id = ANY($1)`, [[ids.approvalId, ids.approvalId2]]);
    expect(statuses).toEqual([{ status: 'PENDING' }, { status: 'PENDING' }]);
  });
});
