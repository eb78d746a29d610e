import { INestApplication } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import jwt from 'jsonwebtoken';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { createApiApp } from '../../apps/api/app';
import { createTrancheWorker } from '../../apps/worker/worker';
import { loadConfig } from '../../libs/platform/config';
import { TASK_QUEUE } from '../../libs/contracts';
import { freshDatabase } from './database';
import { namespaceFor, TEST_TEMPORAL_ADDRESS, WORKFLOW_BUNDLE_PATH } from './env';

export const TEST_JWT_SECRET = 'tranche-test-secret';

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface Harness {
  baseUrl: string;
  client: Client;
  dataSource: DataSource;
  namespace: string;
  token(sub: string, ...roles: string[]): string;
  http<T = any>(method: string, path: string, options?: { as?: string; body?: unknown; raw?: string; headers?: Record<string, string> }): Promise<HttpResult<T>>;
  /** The body of a call that must succeed (one of `expected`); anything else fails the test with the problem. */
  ok<T = any>(method: string, path: string, as: string, body?: unknown, expected?: number[], headers?: Record<string, string>): Promise<T>;
  restartWorker(): Promise<void>;
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
  const connection = await Connection.connect({ address: TEST_TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace });
  const nativeConnection = await NativeConnection.connect({ address: TEST_TEMPORAL_ADDRESS });
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
  let current: { worker: Worker; running: Promise<void> } = await startWorker();
  const app: INestApplication = await createApiApp({ config, dataSource, client });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  const token = (sub: string, ...roles: string[]) => jwt.sign({ sub, roles }, TEST_JWT_SECRET, { algorithm: 'HS256', expiresIn: '1h' });
  const tokens = new Map<string, string>();

  const harness: Harness = {
    baseUrl,
    client,
    dataSource,
    namespace,
    token,
    async http(method, path, options = {}) {
      const headers: Record<string, string> = { ...(options.headers ?? {}) };
      if (options.as) {
        const [sub, rolesText = ''] = options.as.split(':');
        const key = options.as;
        if (!tokens.has(key)) tokens.set(key, token(sub, ...rolesText.split(',').filter(Boolean)));
        headers.authorization = `Bearer ${tokens.get(key)}`;
      }
      let body: string | undefined = options.raw;
      if (options.body !== undefined) body = JSON.stringify(options.body);
      if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
      const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON: keep the text */
      }
      return { status: res.status, body: parsed as any, headers: res.headers };
    },
    async ok(method, path, as, body, expected = [200, 201, 202], headers) {
      const res = await harness.http(method, path, { as, body, headers });
      if (!expected.includes(res.status)) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async restartWorker() {
      current.worker.shutdown();
      await current.running;
      current = await startWorker();
    },
    async stop() {
      await app.close();
      current.worker.shutdown();
      await current.running;
      await nativeConnection.close();
      await connection.close();
      await dataSource.destroy();
    },
  };
  return harness;
}
