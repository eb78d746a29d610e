import { TestWorkflowEnvironment } from '@temporalio/testing';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { createWebhookActivities } from '../../activities/webhook.activities';
import { TASK_QUEUE, webhookCursorQuery, webhookDeliveryWorkflowId } from '../../libs/contracts';
import { retryDelaySeconds, WEBHOOK_RETRY } from '../../libs/domain';
import { appendOutboxEvent } from '../../libs/persistence/outbox';
import { WebhooksRepository } from '../../libs/persistence/webhooks.repository';
import { webhookDeliveryWorkflow } from '../../workflows';
import { startTimeSkippingWorld, TimeSkippingWorld } from '../support/time-skipping';

/**
 * docs/rules.md "Signed webhooks": an event its subscriber refuses is retried with backoff for three days (time
 * skipped), then marked FAILED in the log, and the subscriber's next event is delivered: a dead event does not hold
 * its subscriber for ever.
 */
describe('webhook delivery (time skipping)', () => {
  let env: TestWorkflowEnvironment;
  let db: DataSource;
  let world: TimeSkippingWorld;
  let receiver: Server;
  const received: Array<{ id: string; at: number }> = [];
  let refused = '';

  beforeAll(async () => {
    world = await startTimeSkippingWorld('workflow-webhooks', async (database, environment) => {
      [db, env] = [database, environment];
      receiver = createServer((req, res) => {
        const id = String(req.headers['webhook-id']);
        received.push({ id, at: Date.now() });
        req.resume();
        res.writeHead(id === refused ? 500 : 204).end();
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    }, (database) => createWebhookActivities({ webhooks: new WebhooksRepository(database) }));
  }, 120_000);

  afterAll(async () => {
    await world?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  }, 60_000);

  it('retries a refused event with backoff for three days, marks it FAILED, then delivers the next one', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const repo = new WebhooksRepository(db);
    await repo.create({ id: 'whk-dead', url, events: ['tranche.deal.killed'], secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', createdBy: 'admin' });
    const [first, second] = await db.transaction(async (tx) => [
      await appendOutboxEvent(tx, { type: 'tranche.deal.killed', key: 'deal:T-1:KILLED', subject: 'deal/T-1', data: { dealId: 'T-1' } }),
      await appendOutboxEvent(tx, { type: 'tranche.deal.killed', key: 'deal:T-2:KILLED', subject: 'deal/T-2', data: { dealId: 'T-2' } }),
    ]);
    refused = first;

    const handle = await env.client.workflow.start(webhookDeliveryWorkflow, {
      workflowId: webhookDeliveryWorkflowId('whk-dead'),
      taskQueue: TASK_QUEUE,
      args: [{ subscriptionId: 'whk-dead' }],
    });
    const deadline = Date.now() + 240_000;
    while (!received.some((r) => r.id === second) && Date.now() < deadline) await env.sleep('1 hour');
    expect(received.filter((r) => r.id === second)).toHaveLength(1);
    expect(await handle.query(webhookCursorQuery)).toBeGreaterThanOrEqual(2);

    // The schedule: attempts 5 s, 10 s, 20 s... apart, at most an hour, as many as fit in three days.
    let expected = 1;
    for (let elapsed = 0; elapsed + retryDelaySeconds(expected + 1) < WEBHOOK_RETRY.giveUpAfterSeconds; expected++) elapsed += retryDelaySeconds(expected + 1);
    const attempts = received.filter((r) => r.id === first).length;
    expect(attempts).toBeGreaterThanOrEqual(expected - 2);
    expect(attempts).toBeLessThanOrEqual(expected + 1);

    const log = await repo.deliveries('whk-dead', 1000, 0);
    expect(log[0]).toMatchObject({ eventId: second, status: 'DELIVERED', statusCode: 204, attempt: 1 });
    expect(log[1]).toMatchObject({ eventId: first, status: 'FAILED', attempt: 0 });
    expect(log.slice(2).every((d) => d.eventId === first && d.status === 'RETRYING' && d.statusCode === 500)).toBe(true);
    expect(log.slice(2)).toHaveLength(attempts);
    await handle.terminate('test over');
  }, 300_000);

  it('continues as new to bound its history, and delivers every event once and in order across the runs', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const repo = new WebhooksRepository(db);
    await repo.create({ id: 'whk-many', url, events: ['tranche.rep.departed'], secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', createdBy: 'admin' });
    const ids = await db.transaction(async (tx) => {
      const out: string[] = [];
      for (let i = 0; i < 320; i++) {
        out.push(await appendOutboxEvent(tx, { type: 'tranche.rep.departed', key: `rep:R-${i}`, subject: `rep/R-${i}`, data: { repId: `R-${i}` } }));
      }
      return out;
    });
    const first = received.length;
    const handle = await env.client.workflow.start(webhookDeliveryWorkflow, {
      workflowId: webhookDeliveryWorkflowId('whk-many'),
      taskQueue: TASK_QUEUE,
      args: [{ subscriptionId: 'whk-many' }],
    });
    const deadline = Date.now() + 240_000;
    while (received.length - first < ids.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(received.slice(first).map((r) => r.id)).toEqual(ids);
    const latest = await env.client.workflow.getHandle(webhookDeliveryWorkflowId('whk-many')).describe();
    expect(latest.runId).not.toBe(handle.firstExecutionRunId);
    await env.client.workflow.getHandle(webhookDeliveryWorkflowId('whk-many')).terminate('test over');
  }, 300_000);
});
