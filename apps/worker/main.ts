import 'reflect-metadata';
import { tracing } from './instrumentation';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../../libs/platform/config';
import { createLogger } from '../../libs/platform/logger';
import { clientOn } from '../../libs/platform/temporal-connection';
import { tracingClientInterceptors } from '../../libs/platform/tracing';
import { installWorkerRuntime } from '../../libs/platform/worker-runtime';
import { createDataSource } from '../../libs/persistence/data-source';
import { createTrancheWorker } from './worker';
import { startWebhookWaker } from './webhook-waker';
import { TASK_QUEUE } from '../../libs/contracts';

/** The Temporal worker process; Worker.run drains in-flight tasks and exits on SIGTERM or SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, 'worker');
  const logger = createLogger('worker', config.logLevel);
  installWorkerRuntime(config, logger);
  const dataSource = createDataSource(config.databaseUrl, 20);
  await dataSource.initialize();
  const connection = await NativeConnection.connect(config.temporal.connection);
  // The activities' client (period close, webhooks) shares the worker's native connection.
  const client = clientOn(connection, config.temporal, tracingClientInterceptors(tracing));
  const worker = await createTrancheWorker({
    connection,
    client,
    dataSource,
    namespace: config.temporal.namespace,
    taskQueue: TASK_QUEUE,
    maxCachedWorkflows: config.workerMaxCachedWorkflows,
    periodCloseConcurrency: config.periodCloseConcurrency,
    logger,
    tracing,
  });
  const traces = tracing ? '; traces over OTLP' : '';
  const metrics = config.workerMetrics ? `; Temporal SDK metrics on http://${config.workerMetrics.host}:${config.workerMetrics.port}/metrics` : '';
  logger.info({ taskQueue: TASK_QUEUE, address: config.temporal.address, namespace: config.temporal.namespace }, `[worker] polling task queue ${TASK_QUEUE} on ${config.temporal.address}${metrics}${traces}`);
  const waker = await startWebhookWaker({ databaseUrl: config.databaseUrl, dataSource, client, logger });
  await worker.run();
  await waker.close();
  await connection.close();
  await dataSource.destroy();
  await tracing?.shutdown();
  logger.info('[worker] stopped');
}

main().catch((err) => {
  // Before the logger exists (bad configuration) as after: one JSON line on stderr, then exit 1.
  process.stderr.write(`${JSON.stringify({ level: 'fatal', time: Date.now(), service: 'worker', msg: `[worker] failed: ${(err as Error)?.message ?? err}`, err: String((err as Error)?.stack ?? err) })}\n`);
  process.exit(1);
});
