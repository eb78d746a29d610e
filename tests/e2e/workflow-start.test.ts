import { startHarness } from '../support/harness';

/**
 * Creates start their workflow with update-with-start, so a repeated create never starts a second run: the same body
 * again answers the resource as it is now (200), another body is 409, and concurrent identical creates share one run.
 */
describe('workflow start', () => {
  // Ids unique to this run: a dev Temporal server keeps the namespace (and its closed runs) between runs.
  const run = Date.now().toString(36);
  const deal = (name: string) => `WS-${name}-${run}`;
  const rep = (name: string) => `ws-${name}-${run}`;
  let h: Awaited<ReturnType<typeof startHarness>>;
  const admin = 'ws-admin:comp_admin';
  const hr = 'ws-hr:hr';
  const desk = 'ws-desk:deal_desk';
  const finance = 'ws-fin:finance';

  const dealBody = (id: string) => ({
    id,
    sponsor: 'Helix Bio',
    program: `${id} phase II`,
    tcv: '1000000.00',
    dealType: 'NEW_BUSINESS',
    sourcedBy: rep('ae'),
    owner: rep('ae'),
    sourcedAt: '2027-02-01',
    splits: [{ repId: rep('ae'), role: 'AE', share: '1.00' }],
  });
  const repBody = (id: string) => ({ id, name: `Rep ${id}`, role: 'AE', hireDate: '2027-01-01', quarterlyDraw: '10000.00', planId: 'WS-2027' });

  /** Every run with this workflow id, from the visibility store (which may lag a little behind a start). */
  const runs = async (workflowId: string) => {
    const found: Array<{ runId: string; status: string }> = [];
    for await (const w of h.client.workflow.list({ query: `WorkflowId = "${workflowId}"` })) found.push({ runId: w.runId, status: w.status.name });
    return found;
  };
  const settledRuns = async (workflowId: string, expected: number) => {
    for (let i = 0; i < 100; i++) {
      const found = await runs(workflowId);
      if (found.length >= expected) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return runs(workflowId);
  };

  beforeAll(async () => {
    h = await startHarness(__filename);
    await h.ok('POST', '/plans', admin, { id: 'WS-2027', effectiveFrom: '2027-01-01', params: {} });
    await h.ok('POST', '/plans/WS-2027/publish', admin, {});
    await h.ok('POST', '/reps', admin, repBody(rep('ae')), [201]);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('the identical POST /deals after the deal closed answers 200 with the CLOSED deal and starts no second run; another body is 409', async () => {
    const id = deal('CLOSED');
    const body = dealBody(id);
    const created = await h.http('POST', '/deals', { as: admin, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id, status: 'ACTIVE' });
    const { runId: firstRun } = await h.client.workflow.getHandle(`deal:${id}`).describe();

    const submitted = await h.ok('POST', `/deals/${id}/artifacts`, `${rep('ae')}:rep`, { gate: 'G1', documentType: 'AWARD_LETTER', documentRef: 'award.pdf', effectiveDate: '2027-03-01' }, [202]);
    await h.ok('POST', `/approvals/${submitted.approvalId}/approve`, desk, { note: 'on file' }, [200]);
    const closed = await h.ok('POST', `/deals/${id}/close`, finance, {}, [200]);
    expect(closed).toMatchObject({ status: 'CLOSED', creditRetired: '200000.00' });

    const again = await h.http('POST', '/deals', { as: admin, body });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(closed);
    expect(again.body.gates[0]).toMatchObject({ key: 'G1', status: 'RETIRED', credit: '200000.00' });

    const latest = await h.client.workflow.getHandle(`deal:${id}`).describe();
    expect({ runId: latest.runId, status: latest.status.name }).toEqual({ runId: firstRun, status: 'COMPLETED' });
    expect(await settledRuns(`deal:${id}`, 1)).toEqual([{ runId: firstRun, status: 'COMPLETED' }]);

    const other = await h.http('POST', '/deals', { as: admin, body: { ...body, tcv: '2000000.00' } });
    expect({ status: other.status, code: other.body.code }).toEqual({ status: 409, code: 'CONFLICT' });
    expect(await h.ok('GET', `/deals/${id}`, admin)).toEqual(closed);
    // The projection and the workflow itself (diagnostics) answer the same deal.
    expect(await h.ok('GET', `/deals/${id}?source=workflow`, admin)).toEqual(closed);
    expect(await runs(`deal:${id}`)).toHaveLength(1);
  }, 120_000);

  it('a repeated POST /reps answers 200 with the rep as it is; another body is 409; one run', async () => {
    const id = rep('rep-1');
    const body = repBody(id);
    const created = await h.http('POST', '/reps', { as: hr, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id, status: 'ACTIVE', planId: 'WS-2027', hirePlanId: 'WS-2027', quarterlyDraw: '10000.00' });

    const again = await h.http('POST', '/reps', { as: admin, body });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(created.body);

    const other = await h.http('POST', '/reps', { as: hr, body: { ...body, quarterlyDraw: '20000.00' } });
    expect({ status: other.status, code: other.body.code }).toEqual({ status: 409, code: 'CONFLICT' });
    expect(await h.ok('GET', `/reps/${id}`, admin)).toEqual(created.body);
    expect(await settledRuns(`rep:${id}`, 1)).toHaveLength(1);
  }, 120_000);

  it('concurrent identical creates: one 201, the others 200 with the same resource, one run', async () => {
    const dealId = deal('RACE');
    const deals = await Promise.all(Array.from({ length: 6 }, () => h.http('POST', '/deals', { as: admin, body: dealBody(dealId) })));
    expect(deals.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    for (const r of deals) expect(r.body).toEqual(deals.find((d) => d.status === 201)!.body);
    expect(deals[0].body).toMatchObject({ id: dealId, status: 'ACTIVE' });
    expect(await settledRuns(`deal:${dealId}`, 1)).toEqual([{ runId: expect.any(String), status: 'RUNNING' }]);

    const repId = rep('race');
    const reps = await Promise.all(Array.from({ length: 6 }, () => h.http('POST', '/reps', { as: hr, body: repBody(repId) })));
    expect(reps.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    for (const r of reps) expect(r.body).toEqual(reps.find((d) => d.status === 201)!.body);
    expect(await settledRuns(`rep:${repId}`, 1)).toEqual([{ runId: expect.any(String), status: 'RUNNING' }]);
  }, 120_000);
});
