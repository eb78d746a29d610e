import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed webhooks (docs/rules.md "Signed webhooks"): the outbox every change appends its events to in its own
 * transaction, the subscriptions, and the delivery log. `position` is the delivery order, given by the sequencer
 * (libs/persistence/webhooks.repository.ts) after commit, so an event committed late is never ordered before one a
 * subscriber already received.
 */
export class Webhooks1733600000000 implements MigrationInterface {
  name = 'Webhooks1733600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_outbox (
        id bigserial PRIMARY KEY,
        event_id text NOT NULL UNIQUE,
        event_key text NOT NULL UNIQUE,
        type text NOT NULL,
        subject text NOT NULL,
        data jsonb NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        position bigint UNIQUE
      )`);
    await q.query(`CREATE INDEX webhook_outbox_unsequenced_idx ON webhook_outbox (id) WHERE position IS NULL`);
    await q.query(`
      CREATE TABLE webhook_subscriptions (
        id text PRIMARY KEY,
        url text NOT NULL,
        events text[] NOT NULL,
        secret text NOT NULL,
        description text,
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DISABLED')),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        disabled_by text,
        disabled_at timestamptz,
        request_hash text NOT NULL DEFAULT ''
      )`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id bigserial PRIMARY KEY,
        subscription_id text NOT NULL REFERENCES webhook_subscriptions (id),
        event_id text NOT NULL,
        position bigint NOT NULL,
        attempt integer NOT NULL,
        status text NOT NULL CHECK (status IN ('DELIVERED', 'RETRYING', 'FAILED')),
        status_code integer,
        error text,
        latency_ms integer,
        attempted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_deliveries_subscription_idx ON webhook_deliveries (subscription_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_deliveries`);
    await q.query(`DROP TABLE webhook_subscriptions`);
    await q.query(`DROP TABLE webhook_outbox`);
  }
}
