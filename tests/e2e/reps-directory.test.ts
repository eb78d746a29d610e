import { expectProblem } from '../support/api';
import { Harness, startHarness } from '../support/harness';

/**
 * docs/api.md "Reps and departures": `GET /reps?status=&managerId=` lists reps for comp_admin, hr and finance; a
 * manager sees their team (docs/rules.md "Access scope"); paging and filters are validated. Against the real API,
 * worker, Temporal dev server and PostgreSQL.
 */
describe('GET /reps: the rep directory (issue 12)', () => {
  let h: Harness;
  const admin = 'rd-admin:comp_admin';
  const ids = async (as: string, query = '') => ((await h.ok('GET', `/reps${query}`, as, undefined, [200])) as Array<{ id: string }>).map((r) => r.id);

  beforeAll(async () => {
    h = await startHarness(__filename);
    await h.ok('POST', '/plans', admin, { id: 'RD-P', effectiveFrom: '2026-01-01', params: {} }, [201]);
    await h.ok('POST', '/plans/RD-P/publish', admin, undefined, [200]);
    for (const [id, managerId] of [['rd-a1', 'rd-mgr-a'], ['rd-a2', 'rd-mgr-a'], ['rd-b1', 'rd-mgr-b'], ['rd-solo', undefined]]) {
      await h.ok('POST', '/reps', admin, { id, name: `Rep ${id}`, role: 'AE', hireDate: '2026-01-01', quarterlyDraw: '10000.00', planId: 'RD-P', ...(managerId ? { managerId } : {}) }, [201]);
    }
    await h.ok('POST', '/reps/rd-a2/departure', 'rd-hr:hr', { effectiveDate: '2026-03-31', goodStanding: true, reassignments: [] }, [202]);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('comp_admin, hr and finance see every rep, by id, with the profile fields of GET /reps/{id}', async () => {
    for (const staff of [admin, 'rd-hr:hr', 'rd-fin:finance']) expect(await ids(staff)).toEqual(['rd-a1', 'rd-a2', 'rd-b1', 'rd-solo']);
    const [first] = await h.ok('GET', '/reps?limit=1', admin, undefined, [200]);
    expect(first).toEqual(await h.ok('GET', '/reps/rd-a1', admin, undefined, [200]));
    expect(first).toMatchObject({ id: 'rd-a1', name: 'Rep rd-a1', managerId: 'rd-mgr-a', status: 'ACTIVE', quarterlyDraw: '10000.00', planId: 'RD-P' });
  });

  it('filters by status and managerId, and pages', async () => {
    expect(await ids(admin, '?status=DEPARTED')).toEqual(['rd-a2']);
    expect(await ids(admin, '?status=ACTIVE')).toEqual(['rd-a1', 'rd-b1', 'rd-solo']);
    expect(await ids(admin, '?managerId=rd-mgr-a')).toEqual(['rd-a1', 'rd-a2']);
    expect(await ids(admin, '?managerId=rd-mgr-a&status=ACTIVE')).toEqual(['rd-a1']);
    expect(await ids(admin, '?limit=2&offset=1')).toEqual(['rd-a2', 'rd-b1']);
    expect(await ids(admin, '?offset=4')).toEqual([]);
  });

  it('a manager sees only their team; asking for another team gives an empty page', async () => {
    expect(await ids('rd-mgr-a:manager')).toEqual(['rd-a1', 'rd-a2']);
    expect(await ids('rd-mgr-b:manager')).toEqual(['rd-b1']);
    expect(await ids('rd-mgr-a:manager', '?managerId=rd-mgr-b')).toEqual([]);
    expect(await ids('rd-nobody:manager')).toEqual([]);
    // a manager who also holds a book-wide role keeps the wider view
    expect(await ids('rd-mgr-a:manager,hr')).toEqual(['rd-a1', 'rd-a2', 'rd-b1', 'rd-solo']);
  });

  it('reps and the deal desk may not list reps (403); no token is 401', async () => {
    expectProblem(await h.http('GET', '/reps', { as: 'rd-a1:rep' }), 403, 'FORBIDDEN');
    expectProblem(await h.http('GET', '/reps', { as: 'rd-desk:deal_desk' }), 403, 'FORBIDDEN');
    expectProblem(await h.http('GET', '/reps'), 401, 'UNAUTHENTICATED');
  });

  it('bad filters and paging are 400 problems naming the parameter', async () => {
    for (const query of ['?status=GONE', '?managerId=%20', '?offset=99999999999999999999', '?offset=-1', '?limit=0', '?limit=1001', '?sort=name']) {
      const res = await h.http('GET', `/reps${query}`, { as: admin });
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors?.length ?? 0).toBeGreaterThan(0);
    }
  });
});
