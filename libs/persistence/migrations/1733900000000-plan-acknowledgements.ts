import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * docs/rules.md "Plan document and acknowledgement": a rep's acknowledgements of a plan version's document (bound to
 * its hash) and the weekly reminders sent while they have not acknowledged. Both append-only.
 */
export class PlanAcknowledgements1733900000000 implements MigrationInterface {
  name = 'PlanAcknowledgements1733900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plan_acknowledgements (
        rep_id text NOT NULL,
        plan_id text NOT NULL,
        hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
        acknowledged_by text NOT NULL,
        acknowledged_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (rep_id, plan_id, hash)
      )`);
    await q.query(`
      CREATE TABLE plan_acknowledgement_reminders (
        rep_id text NOT NULL,
        plan_id text NOT NULL,
        week integer NOT NULL CHECK (week >= 1),
        sent_at timestamptz NOT NULL,
        PRIMARY KEY (rep_id, plan_id, week)
      )`);
    await q.query(`
      CREATE FUNCTION plan_acknowledgements_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$`);
    for (const table of ['plan_acknowledgements', 'plan_acknowledgement_reminders']) {
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION plan_acknowledgements_append_only()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE plan_acknowledgement_reminders`);
    await q.query(`DROP TABLE plan_acknowledgements`);
    await q.query(`DROP FUNCTION plan_acknowledgements_append_only()`);
  }
}
