import 'reflect-metadata';
import { loadConfig } from '../../libs/platform/config';
import { connectClient } from '../../libs/platform/temporal-connection';
import { createDataSource, migrate } from '../../libs/persistence/data-source';
import { createApiApp } from './app';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { PERIOD_SCHEDULER_WORKFLOW_ID, TASK_QUEUE } from '../../libs/contracts';

/** With real business time, each period closes by itself after quarter end plus the grace (a durable timer). */
async function startPeriodScheduler(client: Client, graceDays: number): Promise<void> {
  try {
    await client.workflow.start('periodSchedulerWorkflow', {
      workflowId: PERIOD_SCHEDULER_WORKFLOW_ID,
      taskQueue: TASK_QUEUE,
      args: [{ graceDays }],
    });
    console.log(`[api] period scheduler started (grace ${graceDays} days)`);
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const dataSource = createDataSource(config.databaseUrl, 20);
  await migrate(dataSource);
  const client = await connectClient(config.temporal);
  const app = await createApiApp({ config, dataSource, client });
  await app.listen(config.apiPort, '127.0.0.1');
  if (config.businessClock === 'wall') await startPeriodScheduler(client, config.periodCloseGraceDays);
  console.log(`[api] Tranche API on http://127.0.0.1:${config.apiPort} (docs at /docs, business clock ${config.businessClock})`);
  const stop = async () => {
    await app.close();
    await client.connection.close();
    await dataSource.destroy();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err) => {
  console.error('[api] failed to start:', err);
  process.exit(1);
});
