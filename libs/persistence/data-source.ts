import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { InitialSchema1732300000000 } from './migrations/1732300000000-initial-schema';
import { BookRevision1732400000000 } from './migrations/1732400000000-book-revision';
import { RepPlanMoves1732500000000 } from './migrations/1732500000000-rep-plan-moves';

export const DEFAULT_DATABASE_URL = 'postgres://tranche:tranche@127.0.0.1:55432/tranche';

export function createDataSource(url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, poolSize = 10): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: [InitialSchema1732300000000, BookRevision1732400000000, RepPlanMoves1732500000000],
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: ['error'],
    extra: { max: poolSize, connectionTimeoutMillis: 5000 },
  });
}

/** Opens the data source and applies pending migrations; idempotent. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}
