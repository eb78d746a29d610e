import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * docs/rules.md "Commission expense (ASC 340-40)": each closed period's deferred-commission roll-forward per deal,
 * written once by the period close and never changed (a trigger refuses updates and deletes). A period's row in
 * commission_asset_periods says it was computed (also when no deal had anything to report).
 */
export class CommissionAsset1733100000000 implements MigrationInterface {
  name = 'CommissionAsset1733100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE commission_asset_periods (
        period text PRIMARY KEY,
        deal_count integer NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE commission_asset (
        period text NOT NULL REFERENCES commission_asset_periods(period),
        deal_id text NOT NULL,
        opening numeric(18,2) NOT NULL,
        additions numeric(18,2) NOT NULL,
        amortization numeric(18,2) NOT NULL,
        impairment numeric(18,2) NOT NULL,
        closing numeric(18,2) NOT NULL,
        facts jsonb NOT NULL,
        PRIMARY KEY (period, deal_id),
        CHECK (opening + additions - amortization - impairment = closing)
      )`);
    await q.query(`
      CREATE FUNCTION commission_asset_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'a closed period''s commission asset is immutable'; END $$`);
    for (const table of ['commission_asset_periods', 'commission_asset']) {
      await q.query(`
        CREATE TRIGGER ${table}_immutable BEFORE UPDATE OR DELETE ON ${table}
        FOR EACH ROW EXECUTE FUNCTION commission_asset_is_immutable()`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS commission_asset`);
    await q.query(`DROP TABLE IF EXISTS commission_asset_periods`);
    await q.query(`DROP FUNCTION IF EXISTS commission_asset_is_immutable()`);
  }
}
