import { Client as PgClient } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource, migrate } from '../../libs/persistence/data-source';
import { TEST_DATABASE_ADMIN_URL } from './env';

/** A fresh, migrated database of its own for one test file. */
export async function freshDatabase(name: string): Promise<{ url: string; dataSource: DataSource }> {
  // The Temporal port tells concurrent test runs apart (infra/test.sh gives each its own server).
  const port = (process.env.TEST_TEMPORAL_ADDRESS ?? '').split(':')[1] ?? '';
  const dbName = `tranche_${name.replace(/[^a-z0-9]/gi, '_').toLowerCase()}${port ? `_${port}` : ''}`;
  const admin = new PgClient({ connectionString: TEST_DATABASE_ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_ADMIN_URL);
  url.pathname = `/${dbName}`;
  const dataSource = createDataSource(url.toString(), 10);
  await migrate(dataSource);
  return { url: url.toString(), dataSource };
}
