import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createActivities } from '../../apps/worker/activities';
import { TASK_QUEUE } from '../../libs/contracts';
import { registerSearchAttributes } from '../../libs/platform/search-attributes';
import { freshDatabase } from './database';
import { TEST_SERVER_PATH, WORKFLOW_BUNDLE_PATH } from './env';

export interface TimeSkippingWorld {
  env: TestWorkflowEnvironment;
  db: DataSource;
  /** Shuts the worker down, then the database and the server. */
  stop(): Promise<void>;
}

/**
 * What the durable-timer tests in tests/workflow share: the time-skipping test server (with the search attributes the
 * workflows upsert), a fresh database named `name`, and, once `seed` has written what the workflows read, a worker
 * running the real activities (every one, unless `activities` names others).
 */
export async function startTimeSkippingWorld(
  name: string,
  seed: (db: DataSource, env: TestWorkflowEnvironment) => Promise<void> = async () => undefined,
  activities?: (db: DataSource, env: TestWorkflowEnvironment) => object,
): Promise<TimeSkippingWorld> {
  const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: TEST_SERVER_PATH } } });
  const namespace = env.namespace ?? 'default';
  await registerSearchAttributes(env.connection, namespace);
  const { dataSource: db } = await freshDatabase(name);
  await seed(db, env);
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace,
    taskQueue: TASK_QUEUE,
    workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH },
    activities: activities ? activities(db, env) : createActivities({ dataSource: db, client: env.client }),
  });
  const running = worker.run();
  return {
    env,
    db,
    async stop() {
      worker.shutdown();
      await running;
      await db.destroy();
      await env.teardown();
    },
  };
}
