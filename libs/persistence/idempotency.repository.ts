import { DataSource } from 'typeorm';

export interface StoredResponse {
  bodyHash: string;
  statusCode: number;
  response: unknown;
}

/** What a request with an `Idempotency-Key` finds when it tries to claim the key. */
export type Claim =
  | { kind: 'claimed' }
  | { kind: 'done'; stored: StoredResponse }
  | { kind: 'in-flight'; bodyHash: string };

/** A claimed row answers `status_code` 0 and no response until its request succeeds (or is released). */
const IN_FLIGHT = 0;

/**
 * The first successful answer to each (actor, Idempotency-Key), and the claim that serializes concurrent requests
 * with one key: the first inserts its row in flight (the primary key makes exactly one insert win), the others read
 * that row and wait for it, replay it or are refused; a refused request deletes its claim (refusals are not stored).
 */
export class IdempotencyRepository {
  constructor(private readonly db: DataSource) {}

  async find(actorId: string, key: string): Promise<StoredResponse | undefined> {
    const [row] = await this.db.query(`SELECT body_hash, status_code, response FROM http_idempotency WHERE actor_id = $1 AND key = $2 AND status_code <> ${IN_FLIGHT}`, [actorId, key]);
    return row && { bodyHash: row.body_hash, statusCode: row.status_code, response: row.response };
  }

  /**
   * Claims the key for this request, or says what holds it. A claim not renewed for `staleAfterSeconds` (its request's
   * process died before finishing or releasing it) is taken over; the request it stood for was never answered.
   */
  async claim(actorId: string, key: string, request: { method: string; path: string; bodyHash: string }, staleAfterSeconds: number): Promise<Claim> {
    const inserted = await this.db.query(
      `INSERT INTO http_idempotency (actor_id, key, method, path, body_hash, status_code, response, created_at)
       VALUES ($1, $2, $3, $4, $5, ${IN_FLIGHT}, NULL, clock_timestamp())
       ON CONFLICT (actor_id, key) DO UPDATE SET method = EXCLUDED.method, path = EXCLUDED.path, body_hash = EXCLUDED.body_hash, created_at = EXCLUDED.created_at
         WHERE http_idempotency.status_code = ${IN_FLIGHT} AND http_idempotency.created_at < clock_timestamp() - make_interval(secs => $6)
       RETURNING 1`,
      [actorId, key, request.method, request.path, request.bodyHash, staleAfterSeconds],
    );
    if (inserted.length) return { kind: 'claimed' };
    const [row] = await this.db.query(`SELECT body_hash, status_code, response FROM http_idempotency WHERE actor_id = $1 AND key = $2`, [actorId, key]);
    // Released between the two statements: the caller tries again.
    if (!row) return { kind: 'in-flight', bodyHash: request.bodyHash };
    if (row.status_code === IN_FLIGHT) return { kind: 'in-flight', bodyHash: row.body_hash };
    return { kind: 'done', stored: { bodyHash: row.body_hash, statusCode: row.status_code, response: row.response } };
  }

  /** Stores the successful answer of a claimed key. */
  async complete(actorId: string, key: string, bodyHash: string, statusCode: number, response: unknown): Promise<void> {
    await this.db.query(
      `UPDATE http_idempotency SET status_code = $4, response = $5 WHERE actor_id = $1 AND key = $2 AND body_hash = $3 AND status_code = ${IN_FLIGHT}`,
      [actorId, key, bodyHash, statusCode, JSON.stringify(response ?? null)],
    );
  }

  /** Keeps a claim alive while its request runs (the claim is a lease; see `claim`). */
  async renew(actorId: string, key: string, bodyHash: string): Promise<void> {
    await this.db.query(
      `UPDATE http_idempotency SET created_at = clock_timestamp() WHERE actor_id = $1 AND key = $2 AND body_hash = $3 AND status_code = ${IN_FLIGHT}`,
      [actorId, key, bodyHash],
    );
  }

  /** Gives a claimed key back: its request was refused and changed nothing. */
  async release(actorId: string, key: string, bodyHash: string): Promise<void> {
    await this.db.query(`DELETE FROM http_idempotency WHERE actor_id = $1 AND key = $2 AND body_hash = $3 AND status_code = ${IN_FLIGHT}`, [actorId, key, bodyHash]);
  }
}
