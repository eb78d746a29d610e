import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { WebhookEventType } from '../domain';

/** The channel a commit that appended events notifies; the worker's webhook waker listens on it. */
export const OUTBOX_CHANNEL = 'webhook_outbox';

export interface OutboxAppend {
  type: WebhookEventType;
  /**
   * What makes this event one event: derived from the change's own idempotency key (an approval id, a period...), so
   * an activity retried after its commit appends nothing twice and the event keeps its id.
   */
  key: string;
  /** The CloudEvents `subject`: the entity the event is about (`deal/D-1`, `approval/D-1-A1`, `period/2027-Q1`). */
  subject: string;
  data: Record<string, unknown>;
}

/** The event id (webhook-id header and CloudEvents id) of an event: stable, from its type and key. */
export function outboxEventId(type: WebhookEventType, key: string): string {
  return `evt_${createHash('sha256').update(`${type}|${key}`).digest('hex').slice(0, 32)}`;
}

/**
 * Appends one webhook event inside the caller's transaction (docs/rules.md "Signed webhooks"): it commits with the
 * change or not at all, and it is appended once per (type, key) however often the transaction is retried. The
 * NOTIFY is sent by PostgreSQL at commit only, so deliveries wake after the change is visible. Returns the event id.
 */
export async function appendOutboxEvent(tx: EntityManager, event: OutboxAppend): Promise<string> {
  const eventId = outboxEventId(event.type, event.key);
  await tx.query(
    `INSERT INTO webhook_outbox (event_id, event_key, type, subject, data) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (event_key) DO NOTHING`,
    [eventId, `${event.type}|${event.key}`, event.type, event.subject, JSON.stringify(event.data)],
  );
  // PostgreSQL serializes the commits of transactions that sent a NOTIFY: skipped while no subscription is active (no
  // one to wake; the event is kept all the same).
  await tx.query(`SELECT pg_notify($1, '') WHERE EXISTS (SELECT 1 FROM webhook_subscriptions WHERE status = 'ACTIVE')`, [OUTBOX_CHANNEL]);
  return eventId;
}
