import { loadClientConnectConfig } from '@temporalio/envconfig';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { z } from 'zod';
import { DEFAULT_DATABASE_URL } from '../persistence/data-source';
import { loadSignInConfig, SignInConfig } from './auth-config';
import { TracingConfig, tracingConfig, tracingEnvironment } from './tracing-config';
import { ArtifactConfig, artifactConfig } from './artifact-config';

export const DEV_JWT_SECRET = 'tranche-dev-secret-change-me';

/** How to reach Temporal: the SDK's own environment configuration (`@temporalio/envconfig`), resolved once. */
export interface TemporalConfig {
  address: string;
  namespace: string;
  connection: NativeConnectionOptions;
}

export interface TrancheConfig {
  apiPort: number;
  jwtSecret: string;
  businessClock: 'wall' | 'manual';
  databaseUrl: string;
  temporal: TemporalConfig;
  /** Days after quarter end before a period closes by itself (wall clock only). */
  periodCloseGraceDays: number;
  /** Workflows the worker keeps in memory; undefined leaves the SDK default (about 600 per GiB of V8 heap). */
  workerMaxCachedWorkflows?: number;
  /** Rep workflows a period close asks at once (each a Temporal Update; departed reps only, the rest close in the ledger); PERIOD_CLOSE_CONCURRENCY, default 16. */
  periodCloseConcurrency: number;
  /** pino level of the API's and the worker's JSON logs (LOG_LEVEL, default info). */
  logLevel: LogLevel;
  /** Where the worker serves the Temporal SDK's Prometheus metrics (WORKER_METRICS_PORT); undefined: not served. */
  workerMetrics?: { host: string; port: number };
  /** OpenTelemetry traces exported over OTLP/HTTP (TRACING=otlp); undefined: off, nothing started. */
  tracing?: TracingConfig;
  production: boolean;
  /** OpenID Connect sign-in and the session cookie (libs/platform/auth-config.ts). */
  signIn: SignInConfig;
  /** Evidence uploads: size limit and where the bytes are kept (artifact-config.ts). */
  artifacts: ArtifactConfig;
}

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const wholeNumber = (name: string) =>
  z
    .string()
    .refine((v) => /^\d+$/.test(v.trim()), (v) => ({ message: `${name} must be a whole number, got ${v}` }))
    .transform(Number);

const port = (name: string) =>
  z
    .string()
    .refine((v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535, (v) => ({ message: `${name} must be a port number, got ${v}` }))
    .transform(Number);

const environment = z.object({
  NODE_ENV: z.string().optional(),
  API_PORT: port('API_PORT').default('3000'),
  AUTH_JWT_SECRET: z.string().min(1, 'AUTH_JWT_SECRET must not be empty').optional(),
  BUSINESS_CLOCK: z
    .string()
    .default('wall')
    .refine((v): v is 'wall' | 'manual' => v === 'wall' || v === 'manual', (v) => ({ message: `BUSINESS_CLOCK must be wall or manual, got ${v}` })),
  DATABASE_URL: z.string().default(DEFAULT_DATABASE_URL),
  PERIOD_CLOSE_GRACE_DAYS: wholeNumber('PERIOD_CLOSE_GRACE_DAYS').default('10'),
  WORKER_MAX_CACHED_WORKFLOWS: wholeNumber('WORKER_MAX_CACHED_WORKFLOWS').optional(),
  PERIOD_CLOSE_CONCURRENCY: wholeNumber('PERIOD_CLOSE_CONCURRENCY')
    .default('16')
    .refine((n) => n >= 1, { message: 'PERIOD_CLOSE_CONCURRENCY must be at least 1' }),
  LOG_LEVEL: z
    .string()
    .default('info')
    .refine((v): v is LogLevel => (LOG_LEVELS as readonly string[]).includes(v), (v) => ({ message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${v}` })),
  WORKER_METRICS_PORT: port('WORKER_METRICS_PORT').optional(),
  WORKER_METRICS_HOST: z.string().min(1, 'WORKER_METRICS_HOST must not be empty').default('127.0.0.1'),
}).merge(tracingEnvironment);

/**
 * Our older Temporal TLS variable names, kept as aliases of the SDK's own (TEMPORAL_TLS_CLIENT_CERT_PATH...), which
 * `@temporalio/envconfig` reads together with TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TEMPORAL_API_KEY, TEMPORAL_TLS,
 * TEMPORAL_PROFILE and the TOML file named by TEMPORAL_CONFIG_FILE.
 */
const LEGACY_TEMPORAL_ALIASES: Record<string, string> = {
  TEMPORAL_TLS_CERT_PATH: 'TEMPORAL_TLS_CLIENT_CERT_PATH',
  TEMPORAL_TLS_KEY_PATH: 'TEMPORAL_TLS_CLIENT_KEY_PATH',
  TEMPORAL_TLS_CA_PATH: 'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
};

function temporalConfig(env: NodeJS.ProcessEnv): TemporalConfig {
  const vars: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (k.startsWith('TEMPORAL_') && v !== undefined) vars[k] = v;
  for (const [legacy, current] of Object.entries(LEGACY_TEMPORAL_ALIASES)) {
    if (vars[legacy] !== undefined && vars[current] === undefined) vars[current] = vars[legacy];
  }
  if ((vars.TEMPORAL_TLS_CLIENT_CERT_PATH || vars.TEMPORAL_TLS_SERVER_CA_CERT_PATH) && vars.TEMPORAL_TLS === undefined) vars.TEMPORAL_TLS = 'true';
  vars.TEMPORAL_ADDRESS ??= '127.0.0.1:7233';
  const { connectionOptions, namespace } = loadClientConnectConfig({ overrideEnvVars: vars, disableFile: vars.TEMPORAL_CONFIG_FILE === undefined });
  return { address: connectionOptions.address ?? vars.TEMPORAL_ADDRESS, namespace: namespace ?? 'default', connection: connectionOptions };
}

/** Reads the environment once, validates it with zod, and fails fast naming every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, service: 'api' | 'worker' = 'api'): TrancheConfig {
  const parsed = environment.safeParse(env);
  const production = env.NODE_ENV === 'production';
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
  const artifacts = artifactConfig(env);
  problems.push(...artifacts.problems);
  if (production && !env.AUTH_JWT_SECRET) problems.push('AUTH_JWT_SECRET is required in production');
  let temporal: TemporalConfig | undefined;
  try {
    temporal = temporalConfig(env);
  } catch (err) {
    problems.push(`Temporal connection settings: ${(err as Error).message}`);
  }
  const signIn = loadSignInConfig(env, parsed.success ? parsed.data.API_PORT : 3000, production);
  problems.push(...signIn.problems);
  if (!parsed.success || problems.length > 0 || !temporal || !signIn.config) throw new Error(`invalid configuration:\n- ${problems.join('\n- ')}`);
  const e = parsed.data;
  return {
    apiPort: e.API_PORT,
    jwtSecret: e.AUTH_JWT_SECRET ?? DEV_JWT_SECRET,
    businessClock: e.BUSINESS_CLOCK as 'wall' | 'manual',
    databaseUrl: e.DATABASE_URL,
    periodCloseGraceDays: e.PERIOD_CLOSE_GRACE_DAYS,
    workerMaxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS,
    periodCloseConcurrency: e.PERIOD_CLOSE_CONCURRENCY,
    logLevel: e.LOG_LEVEL as LogLevel,
    workerMetrics: e.WORKER_METRICS_PORT === undefined ? undefined : { host: e.WORKER_METRICS_HOST, port: e.WORKER_METRICS_PORT },
    tracing: tracingConfig(service, env),
    production,
    temporal,
    signIn: signIn.config,
    artifacts: artifacts.config,
  };
}
