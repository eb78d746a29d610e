import { Client } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { baselineWorkflow, stepsQuery, stepUpdate } from './baseline.workflow';
import { pool, sleep } from './stats';

export const BASELINE_TASK_QUEUE = 'bench-baseline';

const quiet = { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} } as any;

/**
 * An in-process worker on its own task queue of the same dev server, with a bundle of one trivial workflow and a
 * no-op activity, and the same task-slot limits as the Tranche worker (apps/worker/worker.ts): no HTTP, no Postgres.
 */
let runtimeInstalled = false;

export async function startBaselineWorker(address: string): Promise<{ stop: () => Promise<void> }> {
  if (!runtimeInstalled) Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('./baseline.workflow'), logger: quiet });
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: BASELINE_TASK_QUEUE,
    workflowBundle: { code },
    activities: { async noop() {} },
    maxConcurrentActivityTaskExecutions: 50,
    maxConcurrentWorkflowTaskExecutions: 50,
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

/**
 * One baseline round: `workflows` fresh workflows (started, and their first task done, before the clock starts), then
 * `updatesPerWorkflow` sequential Updates on each, all workflows in parallel; each Update runs a no-op local or regular
 * activity. Returns the seconds the Updates took.
 */
export async function baselineRound(client: Client, round: string, workflows: number, updatesPerWorkflow: number, local: boolean): Promise<number> {
  const ids = Array.from({ length: workflows }, (_, i) => `bench-baseline:${local ? 'local' : 'remote'}:${round}:${i}`);
  const handles = await pool(ids, 20, (workflowId) =>
    client.workflow.start(baselineWorkflow, { workflowId, taskQueue: BASELINE_TASK_QUEUE, args: [{ updates: updatesPerWorkflow, local }] }),
  );
  // Like a deal whose initial commit is done: the first workflow task has run before the clock starts.
  await pool(handles, 20, async (h) => {
    for (;;) {
      const d = await h.describe();
      if (d.historyLength >= 4) return;
      await sleep(20);
    }
  });
  const t0 = performance.now();
  await Promise.all(
    handles.map(async (h) => {
      for (let u = 0; u < updatesPerWorkflow; u++) await h.executeUpdate(stepUpdate, { args: [`u${u}`] });
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  await Promise.all(handles.map((h) => h.result()));
  return seconds;
}

/**
 * `count` open baseline workflows whose first task is done, for the query floor: `query(n)` asks one of them for its
 * step count straight through the Temporal client (no HTTP, no PostgreSQL); `terminate()` ends them all.
 */
export async function idleBaselineWorkflows(client: Client, label: string, count: number) {
  const ids = Array.from({ length: count }, (_, i) => `bench-baseline:query:${label}:${i}`);
  const handles = await pool(ids, 20, (workflowId) =>
    client.workflow.start(baselineWorkflow, { workflowId, taskQueue: BASELINE_TASK_QUEUE, args: [{ updates: Number.MAX_SAFE_INTEGER, local: true }] }),
  );
  await pool(handles, 20, async (h) => {
    while ((await h.describe()).historyLength < 4) await sleep(20);
  });
  return {
    query: (n: number) => handles[n % handles.length].query(stepsQuery),
    terminate: () => pool(handles, 20, (h) => h.terminate('bench done').catch(() => undefined)),
  };
}
