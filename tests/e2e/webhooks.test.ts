import { ChildProcess, spawn } from 'node:child_process';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Webhook } from 'standardwebhooks';
import { webhookDeliveryWorkflowId } from '../../libs/contracts';
import { WEBHOOK_EVENT_TYPES } from '../../libs/domain';
import { expectProblem } from '../support/api';
import { dealKit, DEAL_BOOK_ACTORS, seedBook } from '../support/deal-book';
import { eventually } from '../support/eventually';
import { saveReplayFixture } from '../support/fixtures';
import { Harness, startHarness } from '../support/harness';
import { WORKFLOW_BUNDLE_PATH } from '../support/env';

const ROOT = join(__dirname, '../..');

interface Received {
  id: string;
  verified: boolean;
  body: any;
  status: number;
}

/**
 * A subscriber: verifies every delivery with the Standard Webhooks library and the subscription's secret (401 when a
 * signature fails), keeps every request, and dedupes by webhook-id as the specification asks of receivers.
 * `mode`: 'ok' answers 200, 'down' 503, 'hold' keeps the request open without answering.
 */
class Receiver {
  server!: Server;
  url = '';
  secret = '';
  mode: 'ok' | 'down' | 'hold' = 'ok';
  requests: Received[] = [];
  held: ServerResponse[] = [];

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let verified = false;
        try {
          new Webhook(this.secret).verify(raw, req.headers as Record<string, string>);
          verified = true;
        } catch {
          verified = false;
        }
        const status = !verified ? 401 : this.mode === 'down' ? 503 : 200;
        this.requests.push({ id: String(req.headers['webhook-id']), verified, body: JSON.parse(raw), status: this.mode === 'hold' ? 0 : status });
        if (this.mode === 'hold' && verified) return void this.held.push(res);
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks`;
  }

  /** Event ids in the order first seen (a request that failed verification is not accepted). */
  accepted(): string[] {
    const seen: string[] = [];
    for (const r of this.requests) if (r.verified && r.status === 200 && !seen.includes(r.id)) seen.push(r.id);
    return seen;
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

/** The worker as its own process (tests/support/worker-process.ts), so the test can SIGKILL it. */
function startWorkerProcess(h: Harness): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'tests/support/swc-register.js'), join(ROOT, 'tests/support/worker-process.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATABASE_URL: (h.dataSource.options as { url: string }).url,
      TEMPORAL_ADDRESS: process.env.TEST_TEMPORAL_ADDRESS ?? '127.0.0.1:7244',
      TEMPORAL_NAMESPACE: h.namespace,
      TEST_WORKFLOW_BUNDLE: WORKFLOW_BUNDLE_PATH,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const errors: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (l) => errors.push(l));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (l) => l === 'ready' && resolve(child));
    child.once('exit', (code) => reject(new Error(`worker process exited ${code}: ${errors.join('\n')}`)));
  });
}

/**
 * docs/rules.md "Signed webhooks" (issue 16 item 4). One story: a subscriber receives every event of a deal's life, a
 * departure and a period close, signed and in order, across a worker SIGKILL mid-delivery and a 503 outage, while a
 * second subscription that always fails is retried without holding it up; then a replay from an event id.
 */
describe('signed webhooks (docs/rules.md "Signed webhooks")', () => {
  let h: Harness;
  let worker: ChildProcess | undefined;
  const admin = DEAL_BOOK_ACTORS.admin;
  const { finance, desk } = DEAL_BOOK_ACTORS;
  const { createDeal, submit, approved } = dealKit(() => h);
  const a = new Receiver();
  const failing = new Receiver();
  const ids: Record<string, string> = {};

  const outbox = async (): Promise<Array<{ event_id: string; type: string }>> =>
    h.dataSource.query(`SELECT event_id, type FROM webhook_outbox WHERE position IS NOT NULL ORDER BY position`);
  const unsequenced = async (): Promise<number> =>
    Number((await h.dataSource.query(`SELECT count(*) AS n FROM webhook_outbox WHERE position IS NULL`))[0].n);
  const deliveries = (id: string) => h.ok('GET', `/webhooks/${id}/deliveries?limit=1000`, admin);

  beforeAll(async () => {
    await a.start();
    await failing.start();
    h = await startHarness(__filename);
    await seedBook(h, ['wh-ae', 'wh-leaver']);
    // Every activity from here runs in a worker process of its own, which the test kills.
    await h.stopWorker();
    worker = await startWorkerProcess(h);
  }, 180_000);
  afterAll(async () => {
    worker?.kill('SIGKILL');
    await h?.stop();
    await a.stop();
    await failing.stop();
  }, 60_000);

  it('refuses a subscriber URL that is not http(s), carries credentials or is too long, and an unknown event type; nothing is created', async () => {
    const events = ['tranche.deal.killed'];
    for (const url of ['ftp://example.com/hook', 'http://user:pass@example.com/hook', 'https://token@example.com/', 'not a url', 'javascript:alert(1)', `https://example.com/${'a'.repeat(2100)}`]) {
      expectProblem(await h.http('POST', '/webhooks', { as: admin, body: { url, events } }), 400, 'VALIDATION_FAILED');
    }
    expectProblem(await h.http('POST', '/webhooks', { as: admin, body: { url: 'https://example.com/h', events: ['tranche.deal.exploded'] } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/webhooks', { as: admin, body: { url: 'https://example.com/h', events: [] } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/webhooks', { as: admin, body: { url: 'https://example.com/h', events, secret: 'plain' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/webhooks', { as: desk, body: { url: 'https://example.com/h', events } }), 403, 'FORBIDDEN');
    expect(await h.ok('GET', '/webhooks', admin)).toEqual([]);
  });

  it('creates subscriptions: a generated whsec_ secret answered once, never on reads; the same Idempotency-Key answers the same subscription', async () => {
    const body = { url: a.url, events: [...WEBHOOK_EVENT_TYPES], description: 'ledger sync' };
    const created = await h.ok('POST', '/webhooks', admin, body, [201], { 'Idempotency-Key': 'wh-create-a' });
    expect(created).toMatchObject({ url: a.url, status: 'ACTIVE', createdBy: 'admin-1', description: 'ledger sync' });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    a.secret = created.secret;
    ids.a = created.id;
    const again = await h.ok('POST', '/webhooks', admin, body, [201], { 'Idempotency-Key': 'wh-create-a' });
    expect(again.id).toBe(ids.a);

    failing.secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const b = await h.ok('POST', '/webhooks', admin, { url: failing.url, events: ['tranche.approval.submitted'], secret: failing.secret }, [201]);
    expect(b.secret).toBe(failing.secret);
    ids.b = b.id;
    failing.mode = 'down';

    const listed = await h.ok('GET', '/webhooks', admin);
    expect(listed.map((s: any) => s.id).sort()).toEqual([ids.a, ids.b].sort());
    for (const s of [...listed, await h.ok('GET', `/webhooks/${ids.a}`, admin)]) expect(s).not.toHaveProperty('secret');
    expect(await h.ok('GET', `/webhooks/${ids.a}/deliveries`, admin)).toEqual([]);
  });

  it('delivers every event, signed, exactly once and in order, across a worker SIGKILL mid-delivery and a 503 outage; a failing subscriber blocks no one', async () => {
    await createDeal('WH-1', { owner: 'wh-ae' });
    await approved(await submit('WH-1', 'wh-ae:rep', 'G1', 'AWARD_LETTER', '2027-03-01'));
    await eventually(async () => expect(a.accepted()).toHaveLength(3), 30_000);

    // The worker dies while a delivery is in flight: the subscriber got the request but the answer never came back.
    a.mode = 'hold';
    await submit('WH-1', 'wh-ae:rep', 'G2', 'SIGNED_WORK_ORDER', '2027-03-02');
    await eventually(async () => expect(a.held.length).toBe(1), 30_000);
    const inFlight = a.requests[a.requests.length - 1].id;
    worker!.kill('SIGKILL');
    for (const res of a.held.splice(0)) res.destroy();
    a.mode = 'ok';
    worker = await startWorkerProcess(h);

    await h.ok('POST', '/deals/WH-1/descope', admin, { newTcv: '800000.00', reason: 'scope cut', effectiveDate: '2027-03-10' });
    await createDeal('WH-2', { owner: 'wh-ae' });
    await h.ok('POST', '/deals/WH-2/kill', admin, { reason: 'sponsor withdrew', effectiveDate: '2027-03-15' });
    await createDeal('WH-3', { owner: 'wh-ae' });
    await h.ok('POST', '/deals/WH-3/close', finance, undefined);
    await eventually(async () => expect(a.accepted()).toHaveLength(7), 90_000);

    // The subscriber is down: attempts are retried with backoff until it answers again.
    a.mode = 'down';
    await h.ok('POST', '/reps/wh-leaver/departure', 'hr-1:hr', { effectiveDate: '2027-03-20', goodStanding: true }, [202]);
    await h.ok('POST', '/periods/2027-Q1/close', finance, undefined, [200]);
    await eventually(async () => {
      const log = await deliveries(ids.a);
      expect(log.filter((d: any) => d.status === 'RETRYING' && d.statusCode === 503).length).toBeGreaterThanOrEqual(2);
    }, 60_000);
    a.mode = 'ok';

    // An event is sent once the sequencer gives it a position: wait until none is left without one.
    await eventually(async () => {
      expect(await unsequenced()).toBe(0);
      expect(a.accepted()).toEqual((await outbox()).map((e) => e.event_id));
    }, 120_000);
    const all = await outbox();
    expect(new Set(all.map((e) => e.type))).toEqual(
      new Set(['tranche.approval.submitted', 'tranche.approval.decided', 'tranche.gate.retired', 'tranche.deal.descoped', 'tranche.deal.killed', 'tranche.deal.closed', 'tranche.rep.departed', 'tranche.period.closed']),
    );

    // Every request carried a valid signature; ids only ever move forward (a repeat is the crashed attempt, re-sent).
    expect(a.requests.every((r) => r.verified)).toBe(true);
    const order = all.map((e) => e.event_id);
    const positions = a.requests.map((r) => order.indexOf(r.id));
    expect(positions.every((p, i) => p >= 0 && (i === 0 || p >= positions[i - 1]))).toBe(true);
    // The kill did land mid-delivery: the event in flight was sent again by the next worker, and accepted once.
    expect(a.requests.filter((r) => r.id === inFlight).length).toBeGreaterThanOrEqual(2);
    expect(a.accepted().filter((id) => id === inFlight)).toHaveLength(1);
    // Each body is a CloudEvents 1.0 structured event whose id is the webhook-id.
    for (const r of a.requests) {
      expect(r.body).toMatchObject({ specversion: '1.0', id: r.id, source: '/tranche', datacontenttype: 'application/json' });
      expect(WEBHOOK_EVENT_TYPES).toContain(r.body.type);
      expect(typeof r.body.subject).toBe('string');
      expect(new Date(r.body.time).toISOString()).toBe(r.body.time);
    }
    const killed = a.requests.find((r) => r.body.type === 'tranche.deal.killed')!.body;
    expect(killed).toMatchObject({ subject: 'deal/WH-2', data: { dealId: 'WH-2', status: 'KILLED' } });
    expect(a.requests.find((r) => r.body.type === 'tranche.period.closed')!.body).toMatchObject({ subject: 'period/2027-Q1', data: { period: '2027-Q1' } });

    // The log: one line per attempt, with status codes and latency; the outage shows as RETRYING 503 lines.
    const log = await deliveries(ids.a);
    expect(log.filter((d: any) => d.status === 'DELIVERED').map((d: any) => d.eventId).sort()).toEqual([...new Set(order)].sort());
    expect(log.every((d: any) => d.latencyMs === undefined || d.latencyMs >= 0)).toBe(true);

    // The subscriber that always answers 500 is still on its first event, retried, never delivered, never verified wrong.
    const stuck = await deliveries(ids.b);
    expect(stuck.length).toBeGreaterThanOrEqual(2);
    expect(stuck.every((d: any) => d.status === 'RETRYING' && d.statusCode === 503 && d.eventId === stuck[0].eventId)).toBe(true);
    expect(failing.requests.every((r) => r.verified)).toBe(true);
  }, 400_000);

  it('replays from an event id: the same ids again, in order, from that event on; an unknown event is 404', async () => {
    const order = (await outbox()).map((e) => e.event_id);
    const from = order[4];
    const before = a.requests.length;
    const res = await h.ok('POST', `/webhooks/${ids.a}/replay`, admin, { fromEventId: from }, [202]);
    expect(res).toEqual({ subscriptionId: ids.a, fromEventId: from, status: 'REPLAYING' });
    await eventually(async () => expect(a.requests.slice(before).map((r) => r.id)).toEqual(order.slice(4)), 60_000);
    expect(a.requests.slice(before).every((r) => r.verified)).toBe(true);
    expectProblem(await h.http('POST', `/webhooks/${ids.a}/replay`, { as: admin, body: { fromEventId: `evt_${'0'.repeat(32)}` } }), 404, 'NOT_FOUND');
    expectProblem(await h.http('POST', `/webhooks/whk-none/replay`, { as: admin, body: { fromEventId: from } }), 404, 'NOT_FOUND');
  }, 120_000);

  it('disabling stops deliveries: the delivery workflow ends, a replay is refused, disabling again answers the same', async () => {
    const disabled = await h.ok('POST', `/webhooks/${ids.a}/disable`, admin, {});
    expect(disabled).toMatchObject({ id: ids.a, status: 'DISABLED', disabledBy: 'admin-1' });
    expect(await h.ok('POST', `/webhooks/${ids.a}/disable`, admin, {})).toEqual(disabled);
    await eventually(async () => expect((await h.client.workflow.getHandle(webhookDeliveryWorkflowId(ids.a)).describe()).status.name).toBe('COMPLETED'), 30_000);
    // A history with a worker kill, attempt retries, a replay signal and the end on disable.
    await saveReplayFixture(h.client, webhookDeliveryWorkflowId(ids.a), 'webhook-delivery');
    expectProblem(await h.http('POST', `/webhooks/${ids.a}/replay`, { as: admin, body: { fromEventId: (await outbox())[0].event_id } }), 409, 'CONFLICT');
    const seen = a.requests.length;
    await createDeal('WH-4', { owner: 'wh-ae' });
    await h.ok('POST', '/deals/WH-4/kill', admin, { reason: 'gone', effectiveDate: '2027-04-02' });
    await new Promise((r) => setTimeout(r, 2000));
    expect(a.requests.length).toBe(seen);
  }, 60_000);
});
