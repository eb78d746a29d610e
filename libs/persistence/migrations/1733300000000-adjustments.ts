import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Adjustments (docs/rules.md "Corrections"): the projection the rep workflow writes for each proposal and its decision.
 * The money itself is an `ADJUSTMENT` row of the append-only ledger, keyed `adjustment:<id>`, written with the approval.
 */
export class Adjustments1733300000000 implements MigrationInterface {
  name = 'Adjustments1733300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE adjustments (
        id text PRIMARY KEY,
        rep_id text NOT NULL,
        period text NOT NULL,
        amount numeric(18,2) NOT NULL CHECK (amount <> 0),
        kind text NOT NULL,
        reason text NOT NULL,
        deal_id text,
        dispute_id text,
        status text NOT NULL DEFAULT 'PENDING',
        proposed_by text NOT NULL,
        proposed_at timestamptz NOT NULL DEFAULT now(),
        decided_by text,
        decided_at timestamptz,
        decision_reason text
      )`);
    await q.query(`CREATE INDEX adjustments_rep_period_idx ON adjustments (rep_id, period)`);
    await q.query(`CREATE INDEX adjustments_status_idx ON adjustments (status, period)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE adjustments`);
  }
}
