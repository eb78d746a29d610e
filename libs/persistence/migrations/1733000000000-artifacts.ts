import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Evidence files uploaded to a deal (issue 11 item 6), with their SHA-256. `content` holds the bytes when they are
 * stored in PostgreSQL (the default) and is NULL when they are in S3-compatible storage. An approval that names an
 * artifact keeps its `{id, sha256, contentType, size, filename}` beside the approval, as its workflow submitted it.
 */
export class Artifacts1733000000000 implements MigrationInterface {
  name = 'Artifacts1733000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE artifacts (
        id uuid PRIMARY KEY,
        deal_id text NOT NULL REFERENCES deals(id),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content_type text NOT NULL,
        size integer NOT NULL CHECK (size > 0),
        filename text NOT NULL,
        uploaded_by text NOT NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        storage text NOT NULL CHECK (storage IN ('postgres', 's3')),
        content bytea,
        CHECK ((storage = 'postgres') = (content IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX artifacts_deal_idx ON artifacts (deal_id)`);
    await q.query(`ALTER TABLE approvals ADD COLUMN artifact jsonb NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE approvals DROP COLUMN artifact`);
    await q.query(`DROP TABLE artifacts`);
  }
}
