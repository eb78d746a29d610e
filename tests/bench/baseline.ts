import { Client } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { Pool } from 'pg';
import { BaselineActivities, baselineWorkflow, stepsQuery, stepUpdate } from './baseline.workflow';
import { bundleOf } from './replay';
import { pool, sleep } from './stats';

export const BASELINE_TASK_QUEUE = 'bench-baseline';

/**
 * An in-process worker on its own task queue of the same dev server, with a bundle of one trivial workflow and a
 * no-op activity, and the same task-slot limits as the Tranche worker (apps/worker/worker.ts): no HTTP. Its one
 * PostgreSQL activity, `commitRow` (the approve's floor), writes through a pool of the worker's size (20,
 * apps/worker/main.ts) to the stack's database, in a bench-only table.
 */
let runtimeInstalled = false;

export async function startBaselineWorker(address: string, databaseUrl: string): Promise<{ stop: () => Promise<void> }> {
  if (!runtimeInstalled) Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
  const db = new Pool({ connectionString: databaseUrl, max: 20 });
  await db.query('CREATE TABLE IF NOT EXISTS bench_floor_commits (id text PRIMARY KEY, at timestamptz NOT NULL)');
  const activities: BaselineActivities = {
    async noop() {},
    async commitRow(id) {
      const c = await db.connect();
      try {
        await c.query('BEGIN');
        // A retry after a commit whose answer was lost finds its row there.
        await c.query('INSERT INTO bench_floor_commits (id, at) VALUES ($1, now()) ON CONFLICT (id) DO NOTHING', [id]);
        await c.query('COMMIT');
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        c.release();
      }
    },
  };
  const code = await bundleOf(require.resolve('./baseline.workflow'));
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace: 'default',
    taskQueue: BASELINE_TASK_QUEUE,
    workflowBundle: { code },
    activities,
    maxConcurrentActivityTaskExecutions: 50,
    maxConcurrentWorkflowTaskExecutions: 50,
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
      await db.end();
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

/**
 * The approve's floor: `count` fresh baseline workflows whose Update runs one local activity doing one database
 * transaction (`commitRow`), each started and its first task done before the clock starts, like the deals whose
 * approvals are timed. `update(n)` sends the one Update of workflow n through the Temporal client; `finish()` waits
 * for them all to complete.
 */
export async function floorWorkflows(client: Client, label: string, count: number) {
  const ids = Array.from({ length: count }, (_, i) => `bench-baseline:floor:${label}:${i}`);
  const handles = await pool(ids, 20, (workflowId) =>
    client.workflow.start(baselineWorkflow, { workflowId, taskQueue: BASELINE_TASK_QUEUE, args: [{ updates: 1, local: true, commit: true }] }),
  );
  await pool(handles, 20, async (h) => {
    while ((await h.describe()).historyLength < 4) await sleep(20);
  });
  return {
    update: (n: number) => handles[n].executeUpdate(stepUpdate, { args: [handles[n].workflowId] }),
    finish: () => pool(handles, 20, (h) => h.result()),
  };
}
