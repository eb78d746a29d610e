import { DataSource } from 'typeorm';
import type { Pool } from 'pg';

/**
 * A hot read as a named prepared statement on TypeORM's own pool: PostgreSQL parses and plans it once per connection
 * instead of on every call, and the driver sends only its parameters. TypeORM's `query()` cannot name a statement,
 * so this goes to the pool beneath it (the same connections, limits and errors). Only for fixed SQL text: one name,
 * one text.
 */
export async function preparedQuery<Row>(db: DataSource, name: string, text: string, values: unknown[]): Promise<Row[]> {
  const pool = (db.driver as unknown as { master: Pool }).master;
  const result = await pool.query({ name, text, values });
  return result.rows as Row[];
}
