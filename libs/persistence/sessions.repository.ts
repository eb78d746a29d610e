import { DataSource } from 'typeorm';

/** Who a live session stands for. */
export interface SessionIdentity {
  sub: string;
  name: string;
  roles: string[];
}

/**
 * Console sessions, keyed by the SHA-256 (hex) of the cookie's token: the API never stores the token itself. Times
 * are the database's clock, so every API replica agrees on when a session ends.
 */
export class SessionsRepository {
  constructor(private readonly db: DataSource) {}

  async create(id: string, identity: SessionIdentity, ttlMinutes: number): Promise<{ expiresAt: Date }> {
    const [row] = await this.db.query(
      `INSERT INTO sessions (id, sub, name, roles, created_at, expires_at)
       VALUES ($1, $2, $3, $4, clock_timestamp(), clock_timestamp() + make_interval(mins => $5))
       RETURNING expires_at`,
      [id, identity.sub, identity.name, identity.roles, ttlMinutes],
    );
    return { expiresAt: row.expires_at };
  }

  /** The session's identity while it is neither expired nor revoked; undefined otherwise. */
  async findLive(id: string): Promise<SessionIdentity | undefined> {
    const [row] = await this.db.query(
      `SELECT sub, name, roles FROM sessions WHERE id = $1 AND revoked_at IS NULL AND expires_at > clock_timestamp()`,
      [id],
    );
    return row && { sub: row.sub, name: row.name, roles: row.roles };
  }

  /** Ends the session now; revoking an unknown or already revoked session changes nothing. */
  async revoke(id: string): Promise<void> {
    await this.db.query(`UPDATE sessions SET revoked_at = clock_timestamp() WHERE id = $1 AND revoked_at IS NULL`, [id]);
  }

  /** The row as stored, for tests and audits: revoked and expired sessions too. */
  async find(id: string): Promise<(SessionIdentity & { createdAt: Date; expiresAt: Date; revokedAt: Date | null }) | undefined> {
    const [row] = await this.db.query(`SELECT sub, name, roles, created_at, expires_at, revoked_at FROM sessions WHERE id = $1`, [id]);
    return row && { sub: row.sub, name: row.name, roles: row.roles, createdAt: row.created_at, expiresAt: row.expires_at, revokedAt: row.revoked_at };
  }
}
