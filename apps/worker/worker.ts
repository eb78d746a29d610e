import { Client } from '@temporalio/client';
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { registerSearchAttributes } from '../../libs/platform/search-attributes';
import { Tracing, workerTracingOptions } from '../../libs/platform/tracing';
import { createActivities } from './activities';

export interface TrancheWorkerOptions {
  connection: NativeConnection;
  client: Client;
  dataSource: DataSource;
  namespace: string;
  taskQueue: string;
  /** A pre-built bundle (tests build one per run); otherwise the workflows are bundled once at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** A deal query on a workflow outside this cache replays its history: size it to the open book (WORKER_MAX_CACHED_WORKFLOWS). */
  maxCachedWorkflows?: number;
  /** Rep workflows a period close asks at once (PERIOD_CLOSE_CONCURRENCY); default 16. */
  periodCloseConcurrency?: number;
  /** Where to say what happened to the search attributes (default: stderr only when they could not be registered). */
  logger?: Pick<Logger, 'info' | 'warn'>;
  /** OpenTelemetry tracing (TRACING=otlp): workflow and activity interceptors, the workflow span sink. */
  tracing?: Tracing;
}

export function workflowsPath(): string {
  return require.resolve('../../workflows');
}

/**
 * The workflows upsert DealId, Owner, DealStatus, RepId, RepStatus and Period; on a namespace without them every such
 * workflow task fails. So the worker registers the missing ones as it starts (dev server, self-hosted). Where it may
 * not (Temporal Cloud: register them with tcld or the Cloud UI), it says so and carries on.
 */
async function ensureSearchAttributes(options: TrancheWorkerOptions): Promise<void> {
  try {
    const added = await registerSearchAttributes(options.client.connection, options.namespace);
    if (added.length > 0) options.logger?.info({ namespace: options.namespace, added }, `registered search attributes ${added.join(', ')}`);
  } catch (err) {
    const msg = `could not register the search attributes on namespace ${options.namespace} (${(err as Error).message}); register them as described in infra/README.md, or workflow tasks will fail`;
    if (options.logger) options.logger.warn({ namespace: options.namespace }, msg);
    else process.stderr.write(`[worker] ${msg}\n`);
  }
}

export async function createTrancheWorker(options: TrancheWorkerOptions): Promise<Worker> {
  await ensureSearchAttributes(options);
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: workflowsPath() }),
    activities: createActivities({ dataSource: options.dataSource, client: options.client, periodCloseConcurrency: options.periodCloseConcurrency }),
    maxConcurrentActivityTaskExecutions: 50,
    maxConcurrentWorkflowTaskExecutions: 50,
    ...workerTracingOptions(options.tracing),
    ...(options.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: options.maxCachedWorkflows } : {}),
  });
}
