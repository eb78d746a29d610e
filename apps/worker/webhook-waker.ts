import { Client } from '@temporalio/client';
import { Client as PgClient, Notification } from 'pg';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { TASK_QUEUE, wakeWebhookDeliverySignal, webhookDeliveryWorkflowId } from '../../libs/contracts';
import { OUTBOX_CHANNEL } from '../../libs/persistence/outbox';
import { WebhooksRepository } from '../../libs/persistence/webhooks.repository';
import { webhookDeliveryWorkflow } from '../../workflows';

export interface WebhookWaker {
  close(): Promise<void>;
}

/**
 * Wakes the delivery workflow of every active subscription once a commit has appended webhook events: PostgreSQL sends
 * the outbox NOTIFY at commit, so the event is visible when the signal arrives. Bursts are coalesced (one round of
 * signals per 200 ms). Losing a notification (the listener reconnecting, the worker down) only delays an event until
 * the workflow's poll timer.
 */
export async function startWebhookWaker(deps: { databaseUrl: string; dataSource: DataSource; client: Client; logger?: Pick<Logger, 'warn'> }): Promise<WebhookWaker> {
  const webhooks = new WebhooksRepository(deps.dataSource);
  let closed = false;
  let pending: NodeJS.Timeout | undefined;
  let listener: PgClient | undefined;

  const wakeAll = async () => {
    pending = undefined;
    for (const id of await webhooks.activeIds()) {
      await deps.client.workflow.signalWithStart(webhookDeliveryWorkflow, {
        workflowId: webhookDeliveryWorkflowId(id),
        taskQueue: TASK_QUEUE,
        args: [{ subscriptionId: id }],
        signal: wakeWebhookDeliverySignal,
        signalArgs: [],
      });
    }
  };
  const schedule = () => {
    if (closed || pending) return;
    pending = setTimeout(() => wakeAll().catch((err) => deps.logger?.warn({ err: String(err) }, 'webhook wake-up failed; the poll delivers')), 200);
  };
  const connect = async (): Promise<void> => {
    if (closed) return;
    const pg = new PgClient({ connectionString: deps.databaseUrl });
    pg.on('notification', (n: Notification) => n.channel === OUTBOX_CHANNEL && schedule());
    pg.on('error', () => {
      pg.end().catch(() => undefined);
      if (!closed) setTimeout(() => connect().catch(() => undefined), 2000);
    });
    try {
      await pg.connect();
      await pg.query(`LISTEN ${OUTBOX_CHANNEL}`);
      listener = pg;
      schedule(); // whatever was appended while no one listened
    } catch (err) {
      deps.logger?.warn({ err: String(err) }, 'webhook waker could not listen; retrying in 5 s');
      pg.end().catch(() => undefined);
      if (!closed) setTimeout(() => connect().catch(() => undefined), 5000);
    }
  };
  await connect();
  return {
    async close() {
      closed = true;
      if (pending) clearTimeout(pending);
      await listener?.end().catch(() => undefined);
    },
  };
}
