import { Connection, Client } from '@temporalio/client';
import { AddressInfo } from 'node:net';
import { createApiApp } from '../../apps/api/app';
import { createDataSource } from '../../libs/persistence/data-source';
import { loadConfig } from '../../libs/platform/config';
import { ApiClient, expectProblem } from '../support/api';
import { eventually } from '../support/eventually';
import { Harness, startHarness, TEST_JWT_SECRET } from '../support/harness';

/** The walking skeleton through every layer, and the refusals every route shares. */
describe('foundation', () => {
  let h: Harness;
  const admin = 'admin-0:comp_admin';
  const counts = async () => {
    const [row] = await h.dataSource.query(
      `SELECT (SELECT count(*) FROM plans) AS plans, (SELECT count(*) FROM reps) AS reps, (SELECT count(*) FROM deals) AS deals,
              (SELECT count(*) FROM approvals) AS approvals, (SELECT count(*) FROM ledger_entries) AS ledger, (SELECT count(*) FROM http_idempotency) AS keys`,
    );
    return row;
  };

  beforeAll(async () => {
    h = await startHarness(__filename);
    await h.http('POST', '/plans', { as: admin, body: { id: 'base', effectiveFrom: '2026-01-01', params: {} } });
    await h.http('POST', '/plans/base/publish', { as: admin });
    await h.http('POST', '/reps', { as: admin, body: { id: 'rep-0', name: 'R', role: 'AE', hireDate: '2026-01-01', quarterlyDraw: '10000.00', planId: 'base' } });
  }, 60_000);
  afterAll(async () => h?.stop(), 60_000);

  it('reports health and serves the OpenAPI document', async () => {
    expect(await h.http('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok', checks: { postgres: 'up', temporal: 'up' } } });
    const doc = await h.http('GET', '/docs-json');
    expect(doc.status).toBe(200);
    for (const path of ['/plans', '/plans/{id}/publish', '/reps', '/reps/{id}/departure', '/reps/{id}/statements/{period}', '/reps/{id}/attainment', '/deals', '/deals/{id}', '/deals/{id}/history', '/deals/{id}/artifacts', '/deals/{id}/bonus-events', '/approvals', '/approvals/{approvalId}/approve', '/periods', '/periods/{period}/close', '/forecast', '/health']) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
    expect(doc.body.paths['/deals'].post.requestBody.content['application/json'].schema.properties.tcv).toBeDefined();
    const page = await h.http('GET', '/docs');
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('swagger');
  });

  it('starts deal:<id>, projects its read-model row from an activity, and answers from the workflow query', async () => {
    const created = await h.http('POST', '/deals', {
      as: admin,
      body: { id: 'SK-1', sponsor: 'Sponsor', program: 'Program', tcv: '1000000.00', dealType: 'NEW_BUSINESS', sourcedBy: 'rep-0', owner: 'rep-0', sourcedAt: '2026-03-01', splits: [{ repId: 'rep-0', role: 'AE', share: '1' }] },
    });
    expect(created.status).toBe(201);
    const description = await h.client.workflow.getHandle('deal:SK-1').describe();
    expect(description.status.name).toBe('RUNNING');
    await eventually(async () => {
      const [{ version }] = await h.dataSource.query(`SELECT version FROM deals WHERE id = 'SK-1'`);
      expect(version).toBeGreaterThanOrEqual(1);
    });
    const deal = await h.http('GET', '/deals/SK-1', { as: admin });
    expect(deal.body).toMatchObject({ id: 'SK-1', status: 'ACTIVE', tcv: '1000000.00', planId: 'base', creditRetired: '0.00' });
    expect(deal.body.gates).toHaveLength(5);
    expect((await h.http('GET', '/deals', { as: admin })).body.map((d: any) => d.id)).toContain('SK-1');
  });

  it('keeps answering after the worker is replaced', async () => {
    await h.restartWorker();
    const submitted = await h.http('POST', '/deals/SK-1/artifacts', { as: 'rep-0:rep', body: { gate: 'G1', documentType: 'LOI', documentRef: 'loi.pdf', effectiveDate: '2026-04-01' } });
    expect(submitted.status).toBe(202);
    expect((await h.http('GET', '/deals/SK-1', { as: admin })).body.gates[0].status).toBe('PENDING');
  });

  it('refuses bad requests with problem+json and writes nothing', async () => {
    const before = await counts();
    const deal = { id: 'SK-2', sponsor: 'S', program: 'P', tcv: '5.00', dealType: 'NEW_BUSINESS', sourcedBy: 'rep-0', owner: 'rep-0', sourcedAt: '2026-03-01', splits: [{ repId: 'rep-0', role: 'AE', share: '1' }] };
    const cases: Array<[string, Parameters<Harness['http']>[2], number, string]> = [
      ['no token', { body: deal }, 401, 'UNAUTHENTICATED'],
      ['a wrong role', { as: 'x:rep', body: deal }, 403, 'FORBIDDEN'],
      ['malformed JSON', { as: admin, raw: '{"id": "SK-2",' }, 400, 'VALIDATION_FAILED'],
      ['a number where money is expected', { as: admin, body: { ...deal, tcv: 5 } }, 400, 'VALIDATION_FAILED'],
      ['an unknown field', { as: admin, body: { ...deal, discount: '1.00' } }, 400, 'VALIDATION_FAILED'],
      ['three decimals of money', { as: admin, body: { ...deal, tcv: '5.001' } }, 400, 'VALIDATION_FAILED'],
      ['an impossible date', { as: admin, body: { ...deal, sourcedAt: '2026-02-30' } }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [, options, status, code] of cases) expectProblem(await h.http('POST', '/deals', options), status, code);
    expectProblem(await h.http('GET', '/no-such-route', { as: admin }), 404, 'NOT_FOUND');
    expect(await counts()).toEqual(before);
  });

  it('answers 503 naming what is down', async () => {
    const dataSource = createDataSource('postgres://tranche:tranche@127.0.0.1:1/nowhere', 1);
    const connection = Connection.lazy({ address: '127.0.0.1:1', interceptors: [] }); // no retry timers outliving the test
    const config = loadConfig({ AUTH_JWT_SECRET: TEST_JWT_SECRET, BUSINESS_CLOCK: 'manual' });
    const app = await createApiApp({ config, dataSource, client: new Client({ connection }) });
    await app.listen(0, '127.0.0.1');
    try {
      const { port } = app.getHttpServer().address() as AddressInfo;
      const res = await new ApiClient(`http://127.0.0.1:${port}`, TEST_JWT_SECRET).request('GET', '/health');
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.detail).toBe('PostgreSQL and Temporal are not reachable');
    } finally {
      await app.close();
      await connection.close();
    }
  }, 30_000);
});
