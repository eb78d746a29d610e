import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Disputes (docs/rules.md "Disputes"): the projection each dispute's workflow (`dispute-<id>`) writes as it is opened,
 * marked overdue by its SLA timer, and resolved. An upheld dispute's money is an ordinary adjustment proposal
 * (`adjustments.dispute_id`), approved by a second person like any other.
 */
export class Disputes1733800000000 implements MigrationInterface {
  name = 'Disputes1733800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE disputes (
        id text PRIMARY KEY,
        rep_id text NOT NULL,
        period text NOT NULL,
        line_id text,
        deal_id text,
        reason text NOT NULL,
        message text NOT NULL,
        opened_by text NOT NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        sla_days integer NOT NULL CHECK (sla_days >= 0),
        due_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'UPHELD', 'DENIED')),
        overdue boolean NOT NULL DEFAULT false,
        overdue_at timestamptz,
        resolved_by text,
        resolved_at timestamptz,
        note text,
        adjustment_id text
      )`);
    await q.query(`CREATE INDEX disputes_rep_idx ON disputes (rep_id, opened_at)`);
    await q.query(`CREATE INDEX disputes_status_idx ON disputes (status, overdue)`);
    await q.query(`CREATE INDEX disputes_deal_idx ON disputes (deal_id) WHERE deal_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE disputes`);
  }
}
