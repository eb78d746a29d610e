import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { InitialSchema1732300000000 } from './migrations/1732300000000-initial-schema';
import { BookRevision1732400000000 } from './migrations/1732400000000-book-revision';
import { RepPlanMoves1732500000000 } from './migrations/1732500000000-rep-plan-moves';
import { ProjectionState1732600000000 } from './migrations/1732600000000-projection-state';
import { PeriodCloseFailures1732800000000 } from './migrations/1732800000000-period-close-failures';
import { Sessions1732900000000 } from './migrations/1732900000000-sessions';
import { Artifacts1733000000000 } from './migrations/1733000000000-artifacts';
import { CommissionAsset1733100000000 } from './migrations/1733100000000-commission-asset';
import { Adjustments1733300000000 } from './migrations/1733300000000-adjustments';
import { Webhooks1733600000000 } from './migrations/1733600000000-webhooks';
import { StatementSignoffsPayroll1733700000000 } from './migrations/1733700000000-statement-signoffs-payroll';
import { Disputes1733800000000 } from './migrations/1733800000000-disputes';
import { PlanAcknowledgements1733900000000 } from './migrations/1733900000000-plan-acknowledgements';
import { Alerts1733400000000 } from './migrations/1733400000000-alerts';
import { AgingWatches1734000000000 } from './migrations/1734000000000-aging-watches';

export const DEFAULT_DATABASE_URL = 'postgres://tranche:tranche@127.0.0.1:55432/tranche';

export function createDataSource(url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, poolSize = 10): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    migrations: [
      InitialSchema1732300000000,
      BookRevision1732400000000,
      RepPlanMoves1732500000000,
      ProjectionState1732600000000,
      PeriodCloseFailures1732800000000,
      Sessions1732900000000,
      Artifacts1733000000000,
      CommissionAsset1733100000000,
      Adjustments1733300000000,
      Alerts1733400000000,
      Webhooks1733600000000,
      StatementSignoffsPayroll1733700000000,
      Disputes1733800000000,
      PlanAcknowledgements1733900000000,
      AgingWatches1734000000000,
    ],
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: ['error'],
    extra: { max: poolSize, connectionTimeoutMillis: 5000 },
  });
}

/** Refuses to serve on a schema older than the code: migrations run in one place (`npm run migration:run`, which `npm run up` calls). */
export async function assertSchemaCurrent(dataSource: DataSource): Promise<void> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  if (await dataSource.showMigrations()) throw new Error('the database schema is behind the code: run `npm run migration:run` (npm run up does) first');
}

/** Opens the data source and applies pending migrations; idempotent. The one place migrations run (migrate.ts, test databases). */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}
