import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { dealWorkflowId } from '../../libs/contracts';
import { ApiClient } from '../support/api';
import { freshDatabase } from '../support/database';
import { DEAL_BOOK_ACTORS } from '../support/deal-book';
import { namespaceFor, TEST_TEMPORAL_ADDRESS } from '../support/env';
import { eventually } from '../support/eventually';
import { emptyNamespace, TEST_JWT_SECRET } from '../support/harness';
import { OtlpReceiver, ReceivedSpan, startOtlpReceiver } from '../support/otlp-receiver';
import { freePort, SourceProcess, startFromSource } from '../support/source-process';

/**
 * Issue 16 item 3, the rest: the Temporal runtime's logs as the worker's pino JSON lines (with workflowId on the
 * workflow and activity lines), and OpenTelemetry traces across HTTP, the Temporal client, the workflow, its
 * activities and PostgreSQL, exported over OTLP/HTTP to a real receiver, and nothing at all when tracing is off.
 * The API and the worker run as their own processes (their main.ts, from source), so the http and pg
 * instrumentations patch Node's real module loader, as in production.
 */
describe('traces and runtime logs (issue 16)', () => {
  const namespace = namespaceFor(__filename);
  const { admin } = DEAL_BOOK_ACTORS;
  let receiver: OtlpReceiver;
  let databaseUrl: string;
  let dataSource: DataSource;
  let connection: Connection;
  const running: SourceProcess[] = [];

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    ({ url: databaseUrl, dataSource } = await freshDatabase(namespace));
    connection = await Connection.connect({ address: TEST_TEMPORAL_ADDRESS });
    await emptyNamespace(new Client({ connection, namespace }), namespace);
  }, 120_000);
  afterAll(async () => {
    for (const p of running) await p.stop();
    await receiver?.close();
    await dataSource?.destroy();
    await connection?.close();
  }, 60_000);

  /** Worker then API, both pointed at the receiver; TRACING=otlp only when asked. */
  async function startStack(tracing: boolean) {
    const env: Record<string, string> = {
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: TEST_TEMPORAL_ADDRESS,
      TEMPORAL_NAMESPACE: namespace,
      AUTH_JWT_SECRET: TEST_JWT_SECRET,
      BUSINESS_CLOCK: 'manual',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      ...(tracing ? { TRACING: 'otlp' } : {}),
    };
    const worker = startFromSource('apps/worker/main.ts', { ...env, LOG_LEVEL: 'debug' });
    running.push(worker);
    await eventually(async () => {
      if (worker.child.exitCode !== null) throw new Error(`worker exited: ${worker.other.join('\n')}`);
      if (!worker.lines.some((l) => /polling task queue/.test(l.msg))) throw new Error('worker not polling yet');
    }, 120_000, 200);
    const port = await freePort();
    const apiProcess = startFromSource('apps/api/main.ts', { ...env, API_PORT: String(port), LOG_LEVEL: 'warn' });
    running.push(apiProcess);
    const api = new ApiClient(`http://127.0.0.1:${port}`, TEST_JWT_SECRET);
    await eventually(async () => {
      if (apiProcess.child.exitCode !== null) throw new Error(`API exited: ${apiProcess.other.join('\n')}`);
      expect((await api.request('GET', '/health/live')).status).toBe(200);
    }, 60_000, 200);
    return { worker, apiProcess, api, stop: async () => Promise.all([apiProcess.stop(), worker.stop()]) };
  }

  const createDeal = (api: ApiClient, id: string, owner: string) =>
    api.ok('POST', '/deals', admin, { id, sponsor: 'Helix Bio', program: `${id} Phase II`, tcv: '1000000.00', dealType: 'NEW_BUSINESS', sourcedBy: owner, owner, sourcedAt: '2027-02-01', splits: [{ repId: owner, role: 'AE', share: '1.00' }] }, [201]);

  it('tracing off: the Temporal runtime, workflow and activity lines are the worker pino JSON, with workflowId; nothing is exported', async () => {
    const stack = await startStack(false);
    try {
      await stack.api.ok('POST', '/plans', admin, { id: 'LC-2027', effectiveFrom: '2027-01-01', params: { commissionRate: '0.04' } }, [201]);
      await stack.api.ok('POST', '/plans/LC-2027/publish', admin, undefined, [200]);
      await stack.api.ok('POST', '/reps', admin, { id: 'trace-ae', name: 'trace-ae', role: 'AE', hireDate: '2027-01-01', quarterlyDraw: '10000.00', planId: 'LC-2027' }, [201]);
      await createDeal(stack.api, 'TR-OFF', 'trace-ae');
      const workflowId = dealWorkflowId('TR-OFF');

      // The activity's own line (its Context logger) and the SDK's about it name the workflow and run.
      const activityLine = await eventually(async () => {
        const line = stack.worker.lines.find((l) => l.msg === 'Activity completed' && l.workflowId === workflowId);
        if (!line) throw new Error(`no activity line for ${workflowId} among ${stack.worker.lines.length}`);
        return line;
      }, 20_000, 100);
      expect(activityLine).toMatchObject({ service: 'worker', level: 'debug', sdkComponent: 'worker', activityType: 'commitDealChange', workflowType: 'dealWorkflow', workflowRunId: expect.any(String), durationMs: expect.any(Number) });
      expect(stack.worker.lines.find((l) => l.msg === 'deal change committed' && l.workflowId === workflowId)).toMatchObject({ level: 'debug', sdkComponent: 'activity', activityType: 'commitDealChange', dealId: 'TR-OFF', version: 1 });
      const started = stack.worker.lines.find((l) => l.msg === 'Workflow started' && l.workflowId === workflowId);
      expect(started).toMatchObject({ service: 'worker', workflowType: 'dealWorkflow', runId: activityLine.workflowRunId, namespace });
      // The runtime's own lines: the SDK's worker, and Core's (forwarded to the same logger, at LOG_LEVEL=debug).
      expect(stack.worker.lines.find((l) => l.msg === 'Worker state changed')).toMatchObject({ sdkComponent: 'worker', taskQueue: 'tranche', state: 'RUNNING' });
      expect(stack.worker.lines.find((l) => l.sdkComponent === 'core' && l.msg === 'Initializing worker')).toMatchObject({ level: 'info', taskQueue: 'tranche', namespace });
      expect(stack.worker.lines.some((l) => l.sdkComponent === 'core' && l.workflowId === workflowId)).toBe(true);
      // Nothing but JSON lines on stdout and stderr.
      expect(stack.worker.other.filter((l) => l.trim() !== '')).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 1500));
    } finally {
      await stack.stop();
    }
    expect(receiver.spans).toEqual([]);
    expect(receiver.rejected).toEqual([]);
  }, 240_000);

  it('TRACING=otlp: one create-deal request is one trace across HTTP, the Temporal client, the workflow, its activity and PostgreSQL', async () => {
    const stack = await startStack(true);
    try {
      await createDeal(stack.api, 'TR-ON', 'trace-ae');
      await expectOneTrace(stack.worker);
    } finally {
      await stack.stop();
    }
  }, 240_000);

  async function expectOneTrace(worker: SourceProcess) {

    const byName = (spans: ReceivedSpan[], pattern: RegExp) => spans.find((s) => pattern.test(s.name));
    const trace = await eventually(async () => {
      const server = receiver.spans.find((s) => s.service === 'tranche-api' && s.kind === 2 && s.attributes['http.method'] === 'POST' && s.attributes['http.target'] === '/deals');
      if (!server) throw new Error(`no server span for POST /deals among ${receiver.spans.map((s) => s.name).join(', ')}`);
      const spans = receiver.spans.filter((s) => s.traceId === server.traceId);
      for (const pattern of [/^UpdateWithStartWorkflow:/, /^HandleUpdate:/, /^StartActivity:/, /^RunActivity:/]) {
        if (!byName(spans, pattern)) throw new Error(`no ${pattern} span in trace ${server.traceId}: ${spans.map((s) => `${s.service}/${s.name}`).join(', ')}`);
      }
      if (!spans.some((s) => s.attributes['db.system'] === 'postgresql' && s.service === 'tranche-worker')) throw new Error('no PostgreSQL span from the worker yet');
      return { server, spans };
    }, 30_000, 200);

    const { server, spans } = trace;
    expect(server.parentSpanId).toBeUndefined();
    expect(byName(spans, /^UpdateWithStartWorkflow:/)).toMatchObject({ service: 'tranche-api' });
    expect(byName(spans, /^HandleUpdate:/)).toMatchObject({ service: 'tranche-worker' });
    const activity = byName(spans, /^RunActivity:/)!;
    expect(activity.service).toBe('tranche-worker');
    // The activity's query is its child: the context crossed the API, the Temporal server and the worker.
    expect(spans.some((s) => s.attributes['db.system'] === 'postgresql' && s.parentSpanId === activity.spanId)).toBe(true);
    expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set([server.traceId]));
    // The activity's log lines carry the trace they ran in.
    const committed = worker.lines.find((l) => l.msg === 'deal change committed' && l.workflowId === dealWorkflowId('TR-ON'));
    expect(committed).toMatchObject({ sdkComponent: 'activity', trace_id: server.traceId });
    expect(receiver.rejected).toEqual([]);
  }
});
