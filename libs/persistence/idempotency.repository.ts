import { DataSource } from 'typeorm';

export interface StoredResponse {
  bodyHash: string;
  statusCode: number;
  response: unknown;
}

/** The first successful answer to each (actor, Idempotency-Key). */
export class IdempotencyRepository {
  constructor(private readonly db: DataSource) {}

  async find(actorId: string, key: string): Promise<StoredResponse | undefined> {
    const [row] = await this.db.query(`SELECT body_hash, status_code, response FROM http_idempotency WHERE actor_id = $1 AND key = $2`, [actorId, key]);
    return row && { bodyHash: row.body_hash, statusCode: row.status_code, response: row.response };
  }

  async save(actorId: string, key: string, request: { method: string; path: string; bodyHash: string }, statusCode: number, response: unknown): Promise<void> {
    await this.db.query(
      `INSERT INTO http_idempotency (actor_id, key, method, path, body_hash, status_code, response)
       VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT DO NOTHING`,
      [actorId, key, request.method, request.path, request.bodyHash, statusCode, JSON.stringify(response ?? null)],
    );
  }
}
