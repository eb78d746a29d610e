import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { SEARCH_ATTRIBUTES_SPEC } from '../../libs/platform/search-attributes';
import { ApiClient } from './api';

/** The bench times requests and the fault suite kills APIs: their responses are not held to the OpenAPI document (the e2e suites do that). */
const CLIENT_DEFAULTS = { timeoutMs: 180_000, expiresInSeconds: 2 * 3600, contract: false };

/**
 * The engine as real processes (compiled worker and API from dist/, a Temporal dev server of its own, a database of
 * its own), for the fault suite and the benchmark: what they measure or break is what `npm run up` runs.
 */
export const ROOT = findRoot(__dirname);
function findRoot(dir: string): string {
  // Works from tests/support (ts-jest) and from dist/tests/support (compiled scripts) alike.
  return existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'infra')) ? dir : findRoot(join(dir, '..'));
}
export const RUN_DIR = join(ROOT, '.run');
export const JWT_SECRET = 'tranche-stack-secret';

export interface StackOptions {
  name: string;
  temporalPort: number;
  apiPort: number;
  /** A PostgreSQL cluster of the stack's own (the fault suite stops it); default the shared dev cluster. */
  postgres?: { cluster: string; port: number };
  env?: Record<string, string>;
}

export class Stack {
  readonly databaseUrl: string;
  readonly temporalAddress: string;
  readonly baseUrl: string;
  /**
   * The one test HTTP client (tests/support/api.ts) on this stack's API: its tokens are signed with the stack's secret
   * and valid for two hours, and a call may take up to 3 minutes.
   */
  readonly api: ApiClient;
  /** Worker and API replicas by index: replica 0 is started by `start()`, further ones by `startWorker(i)` / `startApi(i)`. */
  private readonly workers = new Map<number, ChildProcess>();
  private readonly apiProcesses = new Map<number, ChildProcess>();

  private readonly adminUrl: string;

  constructor(readonly options: StackOptions) {
    this.adminUrl = options.postgres
      ? `postgres://tranche:tranche@127.0.0.1:${options.postgres.port}/tranche_test`
      : (process.env.TEST_DATABASE_URL ?? 'postgres://tranche:tranche@127.0.0.1:55432/tranche_test');
    const url = new URL(this.adminUrl);
    url.pathname = `/tranche_${options.name}`;
    this.databaseUrl = url.toString();
    this.temporalAddress = `127.0.0.1:${options.temporalPort}`;
    this.baseUrl = `http://127.0.0.1:${options.apiPort}`;
    this.api = new ApiClient(this.baseUrl, JWT_SECRET, CLIENT_DEFAULTS);
  }

  /** The base URL of API replica `i`: replica i listens on apiPort + i. */
  apiUrl(i = 0): string {
    return `http://127.0.0.1:${this.options.apiPort + i}`;
  }

  /** A client of API replica `i`, with the same secret and defaults as `api`. */
  apiClient(i = 0): ApiClient {
    return i === 0 ? this.api : new ApiClient(this.apiUrl(i), JWT_SECRET, CLIENT_DEFAULTS);
  }

  private env(apiReplica = 0): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      DATABASE_URL: this.databaseUrl,
      TEMPORAL_ADDRESS: this.temporalAddress,
      API_PORT: String(this.options.apiPort + apiReplica),
      AUTH_JWT_SECRET: JWT_SECRET,
      BUSINESS_CLOCK: 'manual',
      ...this.options.env,
    };
  }

  /** Fresh database and a fresh Temporal dev server (its own SQLite file), then worker and API. */
  async start(): Promise<void> {
    this.postgres('ensure');
    const admin = new PgClient({ connectionString: this.adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS tranche_${this.options.name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE tranche_${this.options.name}`);
    await admin.end();
    this.temporal('stop');
    execFileSync('rm', ['-f', join(RUN_DIR, `stack-${this.options.name}.db`)]);
    this.temporal('start');
    execFileSync('node', [join(ROOT, 'dist/libs/persistence/migrate.js')], { env: this.env(), stdio: 'ignore' });
    this.startWorker();
    await this.startApi();
  }

  temporal(command: 'start' | 'stop' | 'restart'): void {
    execFileSync('bash', [join(ROOT, 'infra/temporal-dev.sh'), command], {
      env: {
        ...process.env,
        TEMPORAL_PORT: String(this.options.temporalPort),
        TEMPORAL_DB: join(RUN_DIR, `stack-${this.options.name}.db`),
        // What the workflows upsert: registered by the server as it starts (the worker would add them too).
        TEMPORAL_SEARCH_ATTRIBUTES: SEARCH_ATTRIBUTES_SPEC,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }

  postgres(command: 'ensure' | 'stop'): void {
    const own = this.options.postgres;
    const env = own ? { ...process.env, TRANCHE_PG_CLUSTER: own.cluster, PGPORT: String(own.port) } : process.env;
    execFileSync('bash', [join(ROOT, 'infra/postgres.sh'), command], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  }

  private spawnLogged(name: string, script: string, apiReplica = 0): ChildProcess {
    mkdirSync(RUN_DIR, { recursive: true });
    const log = createWriteStream(join(RUN_DIR, `stack-${this.options.name}-${name}.log`), { flags: 'a' });
    const child = spawn('node', [join(ROOT, script)], { env: this.env(apiReplica), stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    return child;
  }

  startWorker(i = 0): void {
    this.workers.set(i, this.spawnLogged(i === 0 ? 'worker' : `worker-${i}`, 'dist/apps/worker/main.js'));
  }

  workerPidOf(i: number): number | undefined {
    return this.workers.get(i)?.pid;
  }

  get workerPid(): number | undefined {
    return this.workerPidOf(0);
  }

  /** SIGKILL: no drain, no goodbye; Temporal must hand the work to the next worker. */
  killWorker(i = 0): void {
    this.workers.get(i)?.kill('SIGKILL');
    this.workers.delete(i);
  }

  async startApi(i = 0): Promise<void> {
    this.apiProcesses.set(i, this.spawnLogged(i === 0 ? 'api' : `api-${i}`, 'dist/apps/api/main.js', i));
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${this.apiUrl(i)}/health`)).ok) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`API on ${this.apiUrl(i)} did not become healthy; see .run/stack-${this.options.name}-api${i ? `-${i}` : ''}.log`);
  }

  apiPidOf(i: number): number | undefined {
    return this.apiProcesses.get(i)?.pid;
  }

  /** SIGKILL an API replica: requests in flight on it are cut; a client retries them elsewhere with the same key. */
  killApi(i: number): void {
    this.apiProcesses.get(i)?.kill('SIGKILL');
    this.apiProcesses.delete(i);
  }

  async stop(): Promise<void> {
    for (const child of [...this.apiProcesses.values(), ...this.workers.values()]) {
      if (!child || child.exitCode !== null) continue;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    this.temporal('stop');
  }

  /** A direct read of the stack's database, for checks that must not go through the API under test. */
  async query(sql: string, params: unknown[] = []): Promise<any[]> {
    const client = new PgClient({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
  }
}
