import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Aging alerts (docs/rules.md "Aging alerts"): one row per item that waited too long, written once by its aging
 * watcher (id = the watcher's workflow id, so a retried activity writes nothing twice). Whether an alert is still
 * open is read from the item itself (approvals, deals.state), so a decision never has to come back and edit it.
 */
export class Alerts1733400000000 implements MigrationInterface {
  name = 'Alerts1733400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE alerts (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('APPROVAL_AGING', 'GATE_AGING')),
        deal_id text NOT NULL,
        approval_id text,
        gate text,
        due_at timestamptz NOT NULL,
        raised_at timestamptz NOT NULL DEFAULT now(),
        message text NOT NULL,
        detail jsonb NOT NULL,
        CHECK ((kind = 'APPROVAL_AGING') = (approval_id IS NOT NULL)),
        CHECK ((kind = 'GATE_AGING') = (gate IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX alerts_deal_idx ON alerts (deal_id)`);
    await q.query(`CREATE INDEX alerts_raised_idx ON alerts (raised_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE alerts`);
  }
}
