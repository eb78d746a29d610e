import 'reflect-metadata';
import { tracing } from './instrumentation';
import { WorkflowIdConflictPolicy } from '@temporalio/client';
import { loadConfig } from '../../libs/platform/config';
import { createLogger } from '../../libs/platform/logger';
import { connectClient } from '../../libs/platform/temporal-connection';
import { tracingClientInterceptors } from '../../libs/platform/tracing';
import { installWorkerRuntime } from '../../libs/platform/worker-runtime';
import { assertSchemaCurrent, createDataSource } from '../../libs/persistence/data-source';
import { PERIOD_SCHEDULER_WORKFLOW_ID, TASK_QUEUE } from '../../libs/contracts';
import { periodSchedulerWorkflow } from '../../workflows';
import { requestAgingSweep } from '../../activities/alert.activities';
import { createApiApp } from './app';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('api', config.logLevel);
  // The client's native connection runs on the SDK's runtime: Core's lines as pino JSON; the metrics port is the worker's.
  installWorkerRuntime({ logLevel: config.logLevel }, logger);
  const dataSource = createDataSource(config.databaseUrl, 20);
  await assertSchemaCurrent(dataSource);
  const client = await connectClient(config.temporal, tracingClientInterceptors(tracing));
  const app = await createApiApp({ config, dataSource, client });
  await app.listen(config.apiPort, '127.0.0.1');
  if (config.businessClock === 'wall') {
    // With real business time each period closes by itself after quarter end plus the grace (a durable timer).
    await client.workflow.start(periodSchedulerWorkflow, {
      workflowId: PERIOD_SCHEDULER_WORKFLOW_ID,
      taskQueue: TASK_QUEUE,
      args: [{ graceDays: config.periodCloseGraceDays }],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      staticSummary: `Closes each quarter by itself, ${config.periodCloseGraceDays} days after it ends`,
    });
  }
  // Aging alerts (docs/rules.md "Aging alerts") under either clock: the one sweeper raises them as watches fall due.
  // Started if it is not running; if it is, it sweeps once more, which changes nothing.
  await requestAgingSweep(client);
  logger.info(
    { port: config.apiPort, businessClock: config.businessClock },
    `[api] Tranche API on http://127.0.0.1:${config.apiPort} (docs at /docs, metrics at /metrics, business clock ${config.businessClock}${tracing ? ', traces over OTLP' : ''})`,
  );
  const stop = async () => {
    await app.close();
    await client.connection.close();
    await dataSource.destroy();
    await tracing?.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err) => {
  // Before the logger exists (bad configuration) as after: one JSON line on stderr, then exit 1.
  process.stderr.write(`${JSON.stringify({ level: 'fatal', time: Date.now(), service: 'api', msg: `[api] failed to start: ${(err as Error)?.message ?? err}`, err: String((err as Error)?.stack ?? err) })}\n`);
  process.exit(1);
});
