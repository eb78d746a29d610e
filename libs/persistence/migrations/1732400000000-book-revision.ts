import { MigrationInterface, QueryRunner } from 'typeorm';

/** Shards of the counter, so that commits on different deals seldom wait for one another's row lock. */
export const BOOK_REVISION_SHARDS = 16;

/**
 * A revision of the deal read model (the deals and approvals tables) that any committed change to it raises: the
 * forecast and approval-queue caches compare it in one small read instead of scanning. A deferred constraint trigger
 * bumps the changed deal's shard at COMMIT, so the shard's row lock is held only while the transaction commits.
 */
export class BookRevision1732400000000 implements MigrationInterface {
  name = 'BookRevision1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE deal_book_revisions (shard smallint PRIMARY KEY, revision bigint NOT NULL DEFAULT 0)`);
    await q.query(`INSERT INTO deal_book_revisions (shard) SELECT generate_series(0, ${BOOK_REVISION_SHARDS - 1})`);
    await q.query(`
      CREATE FUNCTION bump_deal_book_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        deal text;
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          deal := '';
        ELSIF TG_TABLE_NAME = 'deals' AND TG_OP = 'DELETE' THEN
          deal := OLD.id;
        ELSIF TG_TABLE_NAME = 'deals' THEN
          deal := NEW.id;
        ELSIF TG_OP = 'DELETE' THEN
          deal := OLD.deal_id;
        ELSE
          deal := NEW.deal_id;
        END IF;
        UPDATE deal_book_revisions SET revision = revision + 1 WHERE shard = abs(hashtext(deal) % ${BOOK_REVISION_SHARDS});
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER deals_bump_book_revision AFTER INSERT OR UPDATE OR DELETE ON deals
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_deal_book_revision()`);
    await q.query(`CREATE TRIGGER deals_truncate_bumps_book_revision AFTER TRUNCATE ON deals FOR EACH STATEMENT EXECUTE FUNCTION bump_deal_book_revision()`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER approvals_bump_book_revision AFTER INSERT OR UPDATE OR DELETE ON approvals
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_deal_book_revision()`);
    await q.query(`CREATE TRIGGER approvals_truncate_bumps_book_revision AFTER TRUNCATE ON approvals FOR EACH STATEMENT EXECUTE FUNCTION bump_deal_book_revision()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS approvals_truncate_bumps_book_revision ON approvals`);
    await q.query(`DROP TRIGGER IF EXISTS approvals_bump_book_revision ON approvals`);
    await q.query(`DROP TRIGGER IF EXISTS deals_truncate_bumps_book_revision ON deals`);
    await q.query(`DROP TRIGGER IF EXISTS deals_bump_book_revision ON deals`);
    await q.query(`DROP FUNCTION IF EXISTS bump_deal_book_revision()`);
    await q.query(`DROP TABLE IF EXISTS deal_book_revisions`);
  }
}
