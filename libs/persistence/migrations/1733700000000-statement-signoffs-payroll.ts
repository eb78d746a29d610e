import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * docs/rules.md "Statement sign-off" and "Payroll batches": the statement body stays immutable in `statements`; its
 * sign-offs, the batches that carry it to payroll and the payment of a batch are rows of their own, only ever added
 * (a trigger refuses updates and deletes, like the ledger's). A statement is in at most one batch (primary key).
 */
export class StatementSignoffsPayroll1733700000000 implements MigrationInterface {
  name = 'StatementSignoffsPayroll1733700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE statement_signoffs (
        rep_id text NOT NULL,
        period text NOT NULL,
        role text NOT NULL CHECK (role IN ('manager', 'finance')),
        signed_by text NOT NULL,
        hash text NOT NULL,
        signed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (rep_id, period, role)
      )`);
    await q.query(`CREATE INDEX statement_signoffs_period_idx ON statement_signoffs (period)`);
    await q.query(`
      CREATE TABLE payroll_batches (
        id text PRIMARY KEY,
        period text NOT NULL,
        seq integer NOT NULL,
        total numeric(18,2) NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (period, seq)
      )`);
    await q.query(`
      CREATE TABLE payroll_batch_statements (
        rep_id text NOT NULL,
        period text NOT NULL,
        batch_id text NOT NULL REFERENCES payroll_batches(id),
        hash text NOT NULL,
        total_payout numeric(18,2) NOT NULL,
        PRIMARY KEY (rep_id, period)
      )`);
    await q.query(`CREATE INDEX payroll_batch_statements_batch_idx ON payroll_batch_statements (batch_id)`);
    await q.query(`
      CREATE TABLE payroll_batch_lines (
        key text PRIMARY KEY,
        batch_id text NOT NULL REFERENCES payroll_batches(id),
        position integer NOT NULL,
        rep_id text NOT NULL,
        code text NOT NULL,
        amount numeric(18,2) NOT NULL CHECK (amount <> 0),
        UNIQUE (batch_id, position)
      )`);
    await q.query(`
      CREATE TABLE payroll_batch_holds (
        batch_id text NOT NULL REFERENCES payroll_batches(id),
        rep_id text NOT NULL,
        reason text NOT NULL,
        PRIMARY KEY (batch_id, rep_id)
      )`);
    await q.query(`
      CREATE TABLE payroll_batch_payments (
        batch_id text PRIMARY KEY REFERENCES payroll_batches(id),
        reference text NOT NULL,
        paid_by text NOT NULL,
        paid_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE FUNCTION payroll_rows_are_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only: a sign-off or a payroll batch is never changed', TG_TABLE_NAME; END $$`);
    for (const table of ['statement_signoffs', 'payroll_batches', 'payroll_batch_statements', 'payroll_batch_lines', 'payroll_batch_holds', 'payroll_batch_payments']) {
      await q.query(`
        CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION payroll_rows_are_immutable()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['payroll_batch_payments', 'payroll_batch_holds', 'payroll_batch_lines', 'payroll_batch_statements', 'payroll_batches', 'statement_signoffs']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS payroll_rows_are_immutable()`);
  }
}
