import { backfillAgingWatches } from '../activities/alert.activities';
import { AlertsRepository } from '../libs/persistence/alerts.repository';
import { createDataSource } from '../libs/persistence/data-source';
import { loadConfig } from '../libs/platform/config';
import { connectClient } from '../libs/platform/temporal-connection';

/**
 * `npm run alerts:backfill`: writes the aging watches (docs/rules.md "Aging alerts") of every active deal's pending
 * approvals and awaited gate, then asks the sweeper (`aging-sweep`) for a round. Run once on a book that existed before
 * aging alerts; running it again writes nothing twice.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env, 'worker');
  const dataSource = createDataSource(config.databaseUrl, 2);
  await dataSource.initialize();
  const client = await connectClient(config.temporal);
  try {
    const { watches, inserted } = await backfillAgingWatches(client, new AlertsRepository(dataSource));
    console.log(`[alerts] ${watches} aging watches ensured (pending approvals and awaited gates of the active deals), ${inserted} of them new; the sweeper was asked for a round`);
  } finally {
    await client.connection.close();
    await dataSource.destroy();
  }
}

main().catch((err) => {
  console.error(`[alerts] backfill failed: ${err.message}`);
  process.exit(1);
});
