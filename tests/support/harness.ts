import { INestApplication } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/app';
import { createTrancheWorker } from '../../apps/worker/worker';
import { loadConfig } from '../../libs/platform/config';
import { clientOn } from '../../libs/platform/temporal-connection';
import { TASK_QUEUE } from '../../libs/contracts';
import { requestAgingSweep } from '../../activities/alert.activities';
import { ApiClient, HttpResult } from './api';
import { freshDatabase } from './database';
import { namespaceFor, TEST_TEMPORAL_ADDRESS, WORKFLOW_BUNDLE_PATH } from './env';

export const TEST_JWT_SECRET = 'tranche-test-secret';

export type { HttpResult } from './api';

export interface Harness {
  baseUrl: string;
  client: Client;
  dataSource: DataSource;
  namespace: string;
  /** The one test HTTP client (tests/support/api.ts) on this harness' API and secret. */
  api: ApiClient;
  token(sub: string, ...roles: string[]): string;
  http<T = any>(method: string, path: string, options?: { as?: string; body?: unknown; raw?: string; headers?: Record<string, string> }): Promise<HttpResult<T>>;
  /** The body of a call that must succeed (one of `expected`); anything else fails the test with the problem. */
  ok<T = any>(method: string, path: string, as: string, body?: unknown, expected?: number[], headers?: Record<string, string>): Promise<T>;
  restartWorker(): Promise<void>;
  /** Drains and stops the in-process worker (a test that runs its own worker process); restartWorker starts it again. */
  stopWorker(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole engine for one test file, against the real dev server and real PostgreSQL: its own database and
 * namespace, a worker on the pre-built bundle, and the Nest API on a free loopback port.
 */
export async function startHarness(testFile: string, env: Record<string, string> = {}): Promise<Harness> {
  const namespace = namespaceFor(testFile);
  const { url, dataSource } = await freshDatabase(namespace);
  const config = loadConfig({ BUSINESS_CLOCK: 'manual', AUTH_JWT_SECRET: TEST_JWT_SECRET, DATABASE_URL: url, TEMPORAL_ADDRESS: TEST_TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE: namespace, ...env });
  // One native connection for the worker and the client, as apps/worker/main.ts has it (and as the API's client is).
  const nativeConnection = await NativeConnection.connect({ address: TEST_TEMPORAL_ADDRESS });
  const client = clientOn(nativeConnection, config.temporal);
  await emptyNamespace(client, namespace);
  const startWorker = async () => {
    const worker = await createTrancheWorker({
      connection: nativeConnection,
      client,
      dataSource,
      namespace,
      taskQueue: TASK_QUEUE,
      workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH },
    });
    const running = worker.run();
    return { worker, running };
  };
  let current: { worker: Worker; running: Promise<void> } | undefined = await startWorker();
  const app: INestApplication = await createApiApp({ config, dataSource, client });
  // As apps/api/main.ts does: the aging sweeper runs under either business clock.
  await requestAgingSweep(client);
  // The API shares this process's event loop with the tests' client. When a busy loop comes back late, the server's
  // 5 s keep-alive timer and the client's choice of an idle socket race, and a request goes out on a socket the server
  // is closing (ECONNRESET). Here the server never closes idle sockets; the client closes them after its own 4 s.
  app.getHttpServer().keepAliveTimeout = 0;
  // A free port unless the file names one (sign-in registers the API's callback URL with the provider before it starts).
  await app.listen(env.API_PORT ? Number(env.API_PORT) : 0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  const api = new ApiClient(baseUrl, TEST_JWT_SECRET);

  const harness: Harness = {
    baseUrl,
    client,
    dataSource,
    namespace,
    api,
    token: (sub, ...roles) => api.token(sub, ...roles),
    http: (method, path, options = {}) => api.request(method, path, options.as, { body: options.body, raw: options.raw, headers: options.headers }),
    ok: (method, path, as, body, expected, headers) => api.ok(method, path, as, body, expected, headers),
    async restartWorker() {
      await harness.stopWorker();
      current = await startWorker();
    },
    async stopWorker() {
      if (!current) return;
      current.worker.shutdown();
      await current.running;
      current = undefined;
    },
    async stop() {
      await app.close();
      await harness.stopWorker();
      await nativeConnection.close();
      await dataSource.destroy();
    },
  };
  return harness;
}

/**
 * Deletes every workflow execution a previous run of the same file left in its namespace (on a long-lived dev server;
 * `npm test` starts a fresh one): the database is fresh, so its workflows must be too, or a create meets the run of
 * an earlier test run (perhaps of older workflow code).
 */
export async function emptyNamespace(client: Client, namespace: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const left: Array<{ workflowId: string; runId: string }> = [];
    for await (const wf of client.workflow.list()) left.push({ workflowId: wf.workflowId, runId: wf.runId });
    if (!left.length) return;
    if (Date.now() > deadline) throw new Error(`namespace ${namespace}: ${left.length} workflow executions of an earlier run could not be deleted`);
    for (const execution of left) {
      await client.workflowService.deleteWorkflowExecution({ namespace, workflowExecution: execution }).catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
