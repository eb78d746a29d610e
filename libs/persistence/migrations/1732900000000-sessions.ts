import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Console sign-in sessions (issue 11): the cookie holds a random 256-bit token, the table only its SHA-256 (a leaked
 * table opens no session). A session ends at `expires_at` or when revoked (logout); rows are kept for the audit.
 */
export class Sessions1732900000000 implements MigrationInterface {
  name = 'Sessions1732900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sessions (
        id text PRIMARY KEY,
        sub text NOT NULL,
        name text NOT NULL,
        roles text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz NULL,
        CONSTRAINT sessions_id_is_sha256 CHECK (id ~ '^[0-9a-f]{64}$'),
        CONSTRAINT sessions_expire_after_creation CHECK (expires_at > created_at)
      )`);
    await q.query(`CREATE INDEX sessions_sub_idx ON sessions (sub)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sessions`);
  }
}
