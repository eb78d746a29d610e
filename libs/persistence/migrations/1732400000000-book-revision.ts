import { MigrationInterface, QueryRunner } from 'typeorm';

/** Shards of the counter, so that commits on different deals seldom wait for one another's row lock. */
export const BOOK_REVISION_SHARDS = 16;

/**
 * A revision of the deals read model that any committed change to it raises: the forecast cache compares it in one
 * small read, instead of scanning every deal. A deferred constraint trigger bumps one shard per changed deal at
 * COMMIT, so the shard's row lock is held only while the transaction commits.
 */
export class BookRevision1732400000000 implements MigrationInterface {
  name = 'BookRevision1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE deal_book_revisions (shard smallint PRIMARY KEY, revision bigint NOT NULL DEFAULT 0)`);
    await q.query(`INSERT INTO deal_book_revisions (shard) SELECT generate_series(0, ${BOOK_REVISION_SHARDS - 1})`);
    await q.query(`
      CREATE FUNCTION bump_deal_book_revision() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        target smallint := 0;
      BEGIN
        IF TG_OP = 'INSERT' OR TG_OP = 'UPDATE' THEN
          target := abs(hashtext(NEW.id) % ${BOOK_REVISION_SHARDS});
        ELSIF TG_OP = 'DELETE' THEN
          target := abs(hashtext(OLD.id) % ${BOOK_REVISION_SHARDS});
        END IF;
        UPDATE deal_book_revisions SET revision = revision + 1 WHERE shard = target;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER deals_bump_book_revision AFTER INSERT OR UPDATE OR DELETE ON deals
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_deal_book_revision()`);
    await q.query(`CREATE TRIGGER deals_truncate_bumps_book_revision AFTER TRUNCATE ON deals FOR EACH STATEMENT EXECUTE FUNCTION bump_deal_book_revision()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS deals_truncate_bumps_book_revision ON deals`);
    await q.query(`DROP TRIGGER IF EXISTS deals_bump_book_revision ON deals`);
    await q.query(`DROP FUNCTION IF EXISTS bump_deal_book_revision()`);
    await q.query(`DROP TABLE IF EXISTS deal_book_revisions`);
  }
}
