import { DEFAULT_DATABASE_URL } from '../persistence/data-source';

export interface TemporalConfig {
  address: string;
  namespace: string;
  apiKey?: string;
  tls?: { certPath?: string; keyPath?: string; caPath?: string; serverName?: string };
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
  production: boolean;
}

export const DEV_JWT_SECRET = 'tranche-dev-secret-change-me';

/** Reads the environment once, validates it, and fails fast with every problem named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): TrancheConfig {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';
  const apiPort = Number(env.API_PORT ?? 3000);
  if (!Number.isInteger(apiPort) || apiPort < 1 || apiPort > 65535) problems.push(`API_PORT must be a port number, got ${env.API_PORT}`);
  const jwtSecret = env.AUTH_JWT_SECRET ?? (production ? '' : DEV_JWT_SECRET);
  if (!jwtSecret) problems.push('AUTH_JWT_SECRET is required in production');
  const businessClock = (env.BUSINESS_CLOCK ?? 'wall') as 'wall' | 'manual';
  if (businessClock !== 'wall' && businessClock !== 'manual') problems.push(`BUSINESS_CLOCK must be wall or manual, got ${env.BUSINESS_CLOCK}`);
  const grace = Number(env.PERIOD_CLOSE_GRACE_DAYS ?? 10);
  if (!Number.isInteger(grace) || grace < 0) problems.push(`PERIOD_CLOSE_GRACE_DAYS must be a whole number of days, got ${env.PERIOD_CLOSE_GRACE_DAYS}`);
  const cached = env.WORKER_MAX_CACHED_WORKFLOWS === undefined ? undefined : Number(env.WORKER_MAX_CACHED_WORKFLOWS);
  if (cached !== undefined && (!Number.isInteger(cached) || cached < 0)) problems.push(`WORKER_MAX_CACHED_WORKFLOWS must be a whole number, got ${env.WORKER_MAX_CACHED_WORKFLOWS}`);
  if (problems.length > 0) throw new Error(`invalid configuration:\n- ${problems.join('\n- ')}`);
  const tlsWanted = env.TEMPORAL_TLS_CERT_PATH || env.TEMPORAL_TLS_CA_PATH || env.TEMPORAL_TLS === 'true';
  return {
    apiPort,
    jwtSecret,
    businessClock,
    databaseUrl: env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    periodCloseGraceDays: grace,
    workerMaxCachedWorkflows: cached,
    production,
    temporal: {
      address: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
      namespace: env.TEMPORAL_NAMESPACE ?? 'default',
      apiKey: env.TEMPORAL_API_KEY,
      tls: tlsWanted || env.TEMPORAL_API_KEY
        ? {
            certPath: env.TEMPORAL_TLS_CERT_PATH,
            keyPath: env.TEMPORAL_TLS_KEY_PATH,
            caPath: env.TEMPORAL_TLS_CA_PATH,
            serverName: env.TEMPORAL_TLS_SERVER_NAME,
          }
        : undefined,
    },
  };
}
