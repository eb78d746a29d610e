import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Aging alerts (docs/rules.md "Aging alerts"): one row per watched item, written by the deal's commit in the same
 * transaction as the change (id = the alert's id, `agingWatchId`), and settled by the one sweeper workflow once it is
 * due (`settled_at`, `outcome` RAISED or SETTLED). Rows are settled, never deleted; the partial index keeps the
 * sweeper's "what is due, and when is the next" reads on the unsettled rows only.
 */
export class AgingWatches1734000000000 implements MigrationInterface {
  name = 'AgingWatches1734000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE aging_watches (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('APPROVAL_AGING', 'GATE_AGING')),
        deal_id text NOT NULL,
        due_at timestamptz NOT NULL,
        watch jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        settled_at timestamptz,
        outcome text CHECK (outcome IN ('RAISED', 'SETTLED')),
        CHECK ((settled_at IS NULL) = (outcome IS NULL))
      )`);
    await q.query(`CREATE INDEX aging_watches_due_idx ON aging_watches (due_at) WHERE settled_at IS NULL`);
    await q.query(`CREATE INDEX aging_watches_deal_idx ON aging_watches (deal_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE aging_watches`);
  }
}
