import 'reflect-metadata';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../../libs/platform/config';
import { connectClient } from '../../libs/platform/temporal-connection';
import { createDataSource } from '../../libs/persistence/data-source';
import { createTrancheWorker } from './worker';
import { TASK_QUEUE } from '../../libs/contracts';

/** The Temporal worker process; Worker.run drains in-flight tasks and exits on SIGTERM or SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = createDataSource(config.databaseUrl, 20);
  await dataSource.initialize();
  const connection = await NativeConnection.connect(config.temporal.connection);
  const client = await connectClient(config.temporal);
  const worker = await createTrancheWorker({
    connection,
    client,
    dataSource,
    namespace: config.temporal.namespace,
    taskQueue: TASK_QUEUE,
    maxCachedWorkflows: config.workerMaxCachedWorkflows,
  });
  console.log(`[worker] polling task queue ${TASK_QUEUE} on ${config.temporal.address}`);
  await worker.run();
  await connection.close();
  await client.connection.close();
  await dataSource.destroy();
  console.log('[worker] stopped');
}

main().catch((err) => {
  console.error('[worker] failed:', err);
  process.exit(1);
});
