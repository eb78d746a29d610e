import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import { ApiClient } from './api';

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
  private worker?: ChildProcess;
  private apiProcess?: ChildProcess;

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
    this.api = new ApiClient(this.baseUrl, JWT_SECRET, { timeoutMs: 180_000, expiresInSeconds: 2 * 3600 });
  }

  private get env(): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      DATABASE_URL: this.databaseUrl,
      TEMPORAL_ADDRESS: this.temporalAddress,
      API_PORT: String(this.options.apiPort),
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
    execFileSync('node', [join(ROOT, 'dist/libs/persistence/migrate.js')], { env: this.env, stdio: 'ignore' });
    this.startWorker();
    await this.startApi();
  }

  temporal(command: 'start' | 'stop' | 'restart'): void {
    execFileSync('bash', [join(ROOT, 'infra/temporal-dev.sh'), command], {
      env: { ...process.env, TEMPORAL_PORT: String(this.options.temporalPort), TEMPORAL_DB: join(RUN_DIR, `stack-${this.options.name}.db`) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }

  postgres(command: 'ensure' | 'stop'): void {
    const own = this.options.postgres;
    const env = own ? { ...process.env, TRANCHE_PG_CLUSTER: own.cluster, PGPORT: String(own.port) } : process.env;
    execFileSync('bash', [join(ROOT, 'infra/postgres.sh'), command], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  }

  private spawnLogged(name: string, script: string): ChildProcess {
    mkdirSync(RUN_DIR, { recursive: true });
    const log = createWriteStream(join(RUN_DIR, `stack-${this.options.name}-${name}.log`), { flags: 'a' });
    const child = spawn('node', [join(ROOT, script)], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    return child;
  }

  startWorker(): void {
    this.worker = this.spawnLogged('worker', 'dist/apps/worker/main.js');
  }

  get workerPid(): number | undefined {
    return this.worker?.pid;
  }

  /** SIGKILL: no drain, no goodbye; Temporal must hand the work to the next worker. */
  killWorker(): void {
    this.worker?.kill('SIGKILL');
    this.worker = undefined;
  }

  async startApi(): Promise<void> {
    this.apiProcess = this.spawnLogged('api', 'dist/apps/api/main.js');
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${this.baseUrl}/health`)).ok) return;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`API on ${this.baseUrl} did not become healthy; see .run/stack-${this.options.name}-api.log`);
  }

  async stop(): Promise<void> {
    for (const child of [this.apiProcess, this.worker]) {
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
