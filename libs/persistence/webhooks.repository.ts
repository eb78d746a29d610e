import { DataSource, EntityManager } from 'typeorm';
import type { OutboxEvent, WebhookEventType } from '../domain';

/** Serializes the sequencers: positions are handed out by one transaction at a time. */
const SEQUENCER_LOCK_KEY = 7_271_016;

export interface WebhookSubscription {
  id: string;
  url: string;
  events: WebhookEventType[];
  description?: string;
  status: 'ACTIVE' | 'DISABLED';
  createdBy: string;
  createdAt: string;
  disabledBy?: string;
  disabledAt?: string;
}

export interface WebhookDelivery {
  eventId: string;
  position: number;
  attempt: number;
  status: 'DELIVERED' | 'RETRYING' | 'FAILED';
  statusCode?: number;
  error?: string;
  latencyMs?: number;
  attemptedAt: string;
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));

function subscription(r: any): WebhookSubscription {
  return {
    id: r.id,
    url: r.url,
    events: r.events,
    ...(r.description ? { description: r.description } : {}),
    status: r.status,
    createdBy: r.created_by,
    createdAt: iso(r.created_at),
    ...(r.disabled_by ? { disabledBy: r.disabled_by, disabledAt: iso(r.disabled_at) } : {}),
  };
}

/** Subscriptions, the outbox's delivery order, and the delivery log (docs/rules.md "Signed webhooks"). */
export class WebhooksRepository {
  constructor(private readonly db: DataSource) {}

  /** Idempotent by id: the same id answers the stored subscription and whether this call created it. */
  async create(s: { id: string; url: string; events: string[]; secret: string; description?: string; createdBy: string }): Promise<{ subscription: WebhookSubscription; created: boolean }> {
    const inserted = await this.db.query(
      `INSERT INTO webhook_subscriptions (id, url, events, secret, description, created_by) VALUES ($1,$2,$3,$4,$5,$6)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [s.id, s.url, s.events, s.secret, s.description ?? null, s.createdBy],
    );
    return { subscription: (await this.find(s.id))!, created: inserted.length > 0 };
  }

  async find(id: string): Promise<WebhookSubscription | undefined> {
    const [row] = await this.db.query(`SELECT * FROM webhook_subscriptions WHERE id = $1`, [id]);
    return row ? subscription(row) : undefined;
  }

  async list(): Promise<WebhookSubscription[]> {
    return (await this.db.query(`SELECT * FROM webhook_subscriptions ORDER BY created_at, id`)).map(subscription);
  }

  async activeIds(): Promise<string[]> {
    return (await this.db.query(`SELECT id FROM webhook_subscriptions WHERE status = 'ACTIVE' ORDER BY id`)).map((r: { id: string }) => r.id);
  }

  /** Idempotent: disabling a disabled subscription keeps who disabled it first. */
  async disable(id: string, actorId: string): Promise<WebhookSubscription | undefined> {
    await this.db.query(
      `UPDATE webhook_subscriptions SET status = 'DISABLED', disabled_by = $2, disabled_at = now() WHERE id = $1 AND status = 'ACTIVE'`,
      [id, actorId],
    );
    return this.find(id);
  }

  /** Where an event sits in this subscription's stream, or undefined when the subscription never had it. */
  async positionFor(subscriptionId: string, eventId: string): Promise<number | undefined> {
    await this.sequence();
    const [row] = await this.db.query(
      `SELECT o.position FROM webhook_outbox o JOIN webhook_subscriptions s ON s.id = $1
       WHERE o.event_id = $2 AND o.type = ANY(s.events) AND o.occurred_at >= s.created_at`,
      [subscriptionId, eventId],
    );
    return row ? Number(row.position) : undefined;
  }

  /**
   * Gives every committed, unsequenced event the next positions, in the order they were appended. Run after commit by
   * the delivery side, under one lock: an event whose transaction commits later gets a later position, so a cursor
   * that moved past a position never misses an event (bigserial ids are handed out before commit, out of order).
   */
  async sequence(): Promise<void> {
    await this.db.transaction(async (tx: EntityManager) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [SEQUENCER_LOCK_KEY]);
      await tx.query(
        `UPDATE webhook_outbox o SET position = p.position
         FROM (SELECT id, (SELECT coalesce(max(position), 0) FROM webhook_outbox) + row_number() OVER (ORDER BY id) AS position
               FROM webhook_outbox WHERE position IS NULL) p
         WHERE o.id = p.id`,
      );
    });
  }

  /** The subscription's status and the positions of its next events after `cursor`, oldest first. */
  async nextPositions(subscriptionId: string, cursor: number, limit: number): Promise<{ status: 'ACTIVE' | 'DISABLED' | 'MISSING'; positions: number[] }> {
    const [sub] = await this.db.query(`SELECT status FROM webhook_subscriptions WHERE id = $1`, [subscriptionId]);
    if (!sub) return { status: 'MISSING', positions: [] };
    if (sub.status !== 'ACTIVE') return { status: sub.status, positions: [] };
    await this.sequence();
    const rows = await this.db.query(
      `SELECT o.position FROM webhook_outbox o JOIN webhook_subscriptions s ON s.id = $1
       WHERE o.position > $2 AND o.type = ANY(s.events) AND o.occurred_at >= s.created_at ORDER BY o.position LIMIT $3`,
      [subscriptionId, cursor, limit],
    );
    return { status: 'ACTIVE', positions: rows.map((r: { position: string }) => Number(r.position)) };
  }

  /** What one attempt needs: where, with which secret, and the event. */
  async attemptTarget(subscriptionId: string, position: number): Promise<{ url: string; secret: string; status: string; event: OutboxEvent } | undefined> {
    const [row] = await this.db.query(
      `SELECT s.url, s.secret, s.status, o.event_id, o.type, o.subject, o.data, o.occurred_at
       FROM webhook_subscriptions s JOIN webhook_outbox o ON o.position = $2 WHERE s.id = $1`,
      [subscriptionId, position],
    );
    if (!row) return undefined;
    return {
      url: row.url,
      secret: row.secret,
      status: row.status,
      event: { eventId: row.event_id, type: row.type, subject: row.subject, occurredAt: iso(row.occurred_at), data: row.data },
    };
  }

  async recordAttempt(subscriptionId: string, d: Omit<WebhookDelivery, 'attemptedAt'>): Promise<void> {
    await this.db.query(
      `INSERT INTO webhook_deliveries (subscription_id, event_id, position, attempt, status, status_code, error, latency_ms)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [subscriptionId, d.eventId, d.position, d.attempt, d.status, d.statusCode ?? null, d.error ?? null, d.latencyMs ?? null],
    );
  }

  async eventIdAt(position: number): Promise<string | undefined> {
    const [row] = await this.db.query(`SELECT event_id FROM webhook_outbox WHERE position = $1`, [position]);
    return row?.event_id;
  }

  /** The delivery log, newest attempt first. */
  async deliveries(subscriptionId: string, limit: number, offset: number): Promise<WebhookDelivery[]> {
    const rows = await this.db.query(
      `SELECT * FROM webhook_deliveries WHERE subscription_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3`,
      [subscriptionId, limit, offset],
    );
    return rows.map((r: any) => ({
      eventId: r.event_id,
      position: Number(r.position),
      attempt: r.attempt,
      status: r.status,
      ...(r.status_code !== null ? { statusCode: r.status_code } : {}),
      ...(r.error !== null ? { error: r.error } : {}),
      ...(r.latency_ms !== null ? { latencyMs: r.latency_ms } : {}),
      attemptedAt: iso(r.attempted_at),
    }));
  }
}
