import { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { AddressInfo } from 'node:net';
import { createApiApp } from '../../apps/api/app';
import { dealWorkflowId } from '../../libs/contracts';
import { loadConfig } from '../../libs/platform/config';
import { ApiClient } from '../support/api';
import { eventually } from '../support/eventually';
import { DEAL_BOOK_ACTORS, seedBook } from '../support/deal-book';
import { Harness, startHarness, TEST_JWT_SECRET } from '../support/harness';

/**
 * Issue 16 item 3, observability the ecosystem's way: pino JSON request logs with request id, actor and workflow id;
 * Prometheus metrics at GET /metrics that move with the deal desk's decisions and a period close; liveness apart
 * from readiness. The harness runs the worker; the API under observation is a second app on the same database and
 * namespace whose log lines this file reads.
 */
describe('observability (issue 16): logs, metrics, liveness and readiness', () => {
  let h: Harness;
  const apps: INestApplication[] = [];
  const logs: Array<Record<string, any>> = [];
  let api: ApiClient;
  const { admin, desk, finance } = DEAL_BOOK_ACTORS;

  /** Starts an API app on a free port; `client` defaults to the harness' (the real Temporal namespace). */
  async function startApi(client: Client, logDestination?: { write(line: string): void }): Promise<ApiClient> {
    const config = loadConfig({ BUSINESS_CLOCK: 'manual', AUTH_JWT_SECRET: TEST_JWT_SECRET, TEMPORAL_NAMESPACE: h.namespace, LOG_LEVEL: 'info' });
    const app = await createApiApp({ config, dataSource: h.dataSource, client }, { logDestination });
    await app.listen(0, '127.0.0.1');
    apps.push(app);
    return new ApiClient(`http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`, TEST_JWT_SECRET);
  }

  beforeAll(async () => {
    h = await startHarness(__filename);
    api = await startApi(h.client, { write: (line) => logs.push(JSON.parse(line)) });
    await seedBook(h, ['obs-ae']);
  }, 120_000);
  afterAll(async () => {
    for (const app of apps) await app.close();
    await h?.stop();
  }, 60_000);

  /** The value of one sample of a scrape: `name{a="x",b="y"}` with at least these labels; 0 when absent. */
  function sample(scrape: string, name: string, labels: Record<string, string> = {}): number {
    const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
    const line = scrape.split('\n').find((l) => {
      const [series] = l.split(' ');
      if (series !== name && !series.startsWith(`${name}{`)) return false;
      return wanted.every((w) => series.includes(w));
    });
    return line ? Number(line.split(' ').pop()) : 0;
  }

  const scrape = async () => {
    const res = await api.request('GET', '/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.body as string;
  };

  it('liveness answers without checking anything, readiness (= GET /health) checks PostgreSQL and Temporal', async () => {
    expect(await api.request('GET', '/health/live')).toMatchObject({ status: 200, body: { status: 'ok' } });
    const ready = await api.request('GET', '/health/ready');
    expect(ready).toMatchObject({ status: 200, body: { status: 'ok', checks: { postgres: 'up', temporal: 'up' } } });
    expect((await api.request('GET', '/health')).body).toEqual(ready.body);

    // The same API with a Temporal that does not answer: alive, not ready.
    const cut = await startApi(new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }), namespace: h.namespace }));
    expect(await cut.request('GET', '/health/live')).toMatchObject({ status: 200, body: { status: 'ok' } });
    const notReady = await cut.request('GET', '/health/ready');
    expect(notReady.status).toBe(503);
    expect(notReady.body).toMatchObject({ status: 503, detail: 'Temporal is not reachable', checks: { postgres: 'up' } });
    expect((await cut.request('GET', '/health')).status).toBe(503);
  }, 60_000);

  it('counts the approval, its postings and the period close in /metrics (public, Prometheus text)', async () => {
    const before = await scrape();
    const deal = { id: 'OBS-1', sponsor: 'Helix Bio', program: 'OBS-1 Phase II', tcv: '1000000.00', dealType: 'NEW_BUSINESS', sourcedBy: 'obs-ae', owner: 'obs-ae', sourcedAt: '2027-02-01', splits: [{ repId: 'obs-ae', role: 'AE', share: '1.00' }] };
    await api.ok('POST', '/deals', admin, deal, [201]);
    const { approvalId } = await api.ok('POST', '/deals/OBS-1/artifacts', 'obs-ae:rep', { gate: 'G1', documentType: 'AWARD_LETTER', documentRef: 'obs.pdf', effectiveDate: '2027-03-01' }, [202]);
    const decision = await api.ok('POST', `/approvals/${approvalId}/approve`, desk, {}, [200]);
    expect(decision.gatePostings.length).toBeGreaterThan(0);
    // A replay of the same request (Idempotency-Key) changed nothing and counts nothing.
    const { approvalId: second } = await api.ok('POST', '/deals/OBS-1/artifacts', 'obs-ae:rep', { gate: 'G2', documentType: 'SIGNED_WORK_ORDER', documentRef: 'obs2.pdf', effectiveDate: '2027-03-02' }, [202]);
    await api.ok('POST', `/approvals/${second}/reject`, desk, { reason: 'wrong document' }, [200], { 'Idempotency-Key': 'obs-reject' });
    await api.ok('POST', `/approvals/${second}/reject`, desk, { reason: 'wrong document' }, [200], { 'Idempotency-Key': 'obs-reject' });
    await api.ok('POST', '/periods/2027-Q1/close', finance, undefined, [200]);
    const after = await scrape();

    const moved = (name: string, labels: Record<string, string> = {}) => sample(after, name, labels) - sample(before, name, labels);
    expect(moved('tranche_approvals_decided_total', { decision: 'APPROVED', kind: 'GATE' })).toBe(1);
    expect(moved('tranche_approvals_decided_total', { decision: 'REJECTED', kind: 'GATE' })).toBe(1);
    expect(moved('tranche_ledger_postings_total', { source: 'gate' })).toBe(decision.gatePostings.length);
    expect(moved('tranche_period_close_duration_seconds_count', { outcome: 'CLOSED' })).toBe(1);
    expect(moved('tranche_http_request_duration_seconds_count', { method: 'POST', route: '/approvals/:approvalId/approve', status: '200' })).toBe(1);
    expect(moved('tranche_http_request_duration_seconds_count', { method: 'POST', route: '/deals/:id/artifacts', status: '202' })).toBe(2);
    // Route templates, never raw paths: ids do not become label values.
    expect(after).not.toContain('OBS-1');
    expect(sample(after, 'tranche_api_process_cpu_user_seconds_total')).toBeGreaterThan(0);
  }, 120_000);

  it('logs one JSON line per request with the request id, the actor and the workflow it touched, and never the token', async () => {
    const res = await api.request('GET', '/deals/OBS-1', admin, { headers: { 'X-Request-Id': 'obs-trace-1' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('obs-trace-1');
    const generated = await api.request('GET', '/plans', 'obs-mgr:manager');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    // The line is written when the response has finished, which the client may see first.
    const line = await eventually(async () => {
      const found = logs.find((l) => l.reqId === 'obs-trace-1' && l.msg === 'request completed');
      if (!found) throw new Error(`no log line for obs-trace-1 among ${logs.length}: ${JSON.stringify(logs.slice(-3))}`);
      return found;
    }, 2000);
    expect(line).toMatchObject({ level: 'info', service: 'api', actor: 'admin-1', req: { method: 'GET', url: '/deals/OBS-1' }, res: { statusCode: 200 } });
    expect(typeof line!.responseTime).toBe('number');
    const approve = logs.find((l) => l.req?.url?.endsWith('/approve') && l.msg === 'request completed');
    expect(approve).toMatchObject({ actor: 'desk-1', workflowId: dealWorkflowId('OBS-1'), res: { statusCode: 200 } });
    expect(logs.find((l) => l.reqId === generated.headers.get('x-request-id'))).toMatchObject({ actor: 'obs-mgr' });
    // A refused request is logged too (warn), with no actor: it never authenticated.
    await api.request('GET', '/deals', undefined, { headers: { 'X-Request-Id': 'obs-anon' } });
    await eventually(async () => expect(logs.some((l) => l.reqId === 'obs-anon')).toBe(true), 2000);
    expect(logs.find((l) => l.reqId === 'obs-anon')).toMatchObject({ level: 'warn', res: { statusCode: 401 } });
    expect(logs.find((l) => l.reqId === 'obs-anon')?.actor).toBeUndefined();
    // So is a body refused before it is read (415), under the id the caller gave.
    const refused = await api.request('POST', '/deals', admin, { raw: 'id=OBS-2', contentType: 'text/plain', headers: { 'X-Request-Id': 'obs-415' } });
    expect(refused.status).toBe(415);
    expect(refused.headers.get('x-request-id')).toBe('obs-415');
    await eventually(async () => expect(logs.some((l) => l.reqId === 'obs-415')).toBe(true), 2000);
    expect(logs.find((l) => l.reqId === 'obs-415')).toMatchObject({ level: 'warn', req: { method: 'POST', url: '/deals' }, res: { statusCode: 415 } });
    expect(JSON.stringify(logs)).not.toMatch(/Bearer|eyJ/);
    // Probes and scrapes stay out of the request log.
    expect(logs.some((l) => /^\/(health|metrics)/.test(l.req?.url ?? ''))).toBe(false);
  }, 60_000);
});
