import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A period close that could not produce every rep's statement stays CLOSING and records which reps failed and why
 * (`[{repId, code, message}]`); a repeated close re-attempts them and clears the list once the period is CLOSED.
 */
export class PeriodCloseFailures1732800000000 implements MigrationInterface {
  name = 'PeriodCloseFailures1732800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE periods ADD COLUMN failures jsonb NULL`);
    await q.query(`CREATE INDEX IF NOT EXISTS approvals_pending_date_idx ON approvals (effective_date) WHERE status = 'PENDING'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS approvals_pending_date_idx`);
    await q.query(`ALTER TABLE periods DROP COLUMN failures`);
  }
}
