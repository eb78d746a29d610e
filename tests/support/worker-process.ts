import 'reflect-metadata';
import { NativeConnection } from '@temporalio/worker';
import { createTrancheWorker } from '../../apps/worker/worker';
import { startWebhookWaker } from '../../apps/worker/webhook-waker';
import { TASK_QUEUE } from '../../libs/contracts';
import { createDataSource } from '../../libs/persistence/data-source';
import { clientOn } from '../../libs/platform/temporal-connection';

/**
 * A worker as its own process, for the tests that SIGKILL one (tests/e2e/webhooks.test.ts): what apps/worker/main.ts
 * runs (the worker and the webhook waker), on the tests' pre-built workflow bundle. Prints "ready" once polling.
 */
async function main(): Promise<void> {
  const { DATABASE_URL, TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEST_WORKFLOW_BUNDLE } = process.env as Record<string, string>;
  const dataSource = createDataSource(DATABASE_URL, 10);
  await dataSource.initialize();
  const connection = await NativeConnection.connect({ address: TEMPORAL_ADDRESS });
  const client = clientOn(connection, { namespace: TEMPORAL_NAMESPACE });
  const worker = await createTrancheWorker({ connection, client, dataSource, namespace: TEMPORAL_NAMESPACE, taskQueue: TASK_QUEUE, workflowBundle: { codePath: TEST_WORKFLOW_BUNDLE } });
  const waker = await startWebhookWaker({ databaseUrl: DATABASE_URL, dataSource, client });
  const running = worker.run();
  process.stdout.write('ready\n');
  await running;
  await waker.close();
  await dataSource.destroy();
}

main().catch((err) => {
  process.stderr.write(`${err?.stack ?? err}\n`);
  process.exit(1);
});
