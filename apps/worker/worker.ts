import { Client } from '@temporalio/client';
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { DataSource } from 'typeorm';
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
}

export function workflowsPath(): string {
  return require.resolve('../../workflows');
}

export async function createTrancheWorker(options: TrancheWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: workflowsPath() }),
    activities: createActivities({ dataSource: options.dataSource, client: options.client }),
    maxConcurrentActivityTaskExecutions: 50,
    maxConcurrentWorkflowTaskExecutions: 50,
    ...(options.maxCachedWorkflows !== undefined ? { maxCachedWorkflows: options.maxCachedWorkflows } : {}),
  });
}
