import { Writable } from 'node:stream';
import { loadConfig } from '../../libs/platform/config';
import { createLogger, PinoTemporalLogger } from '../../libs/platform/logger';
import { SEARCH_ATTRIBUTE_NAMES, SEARCH_ATTRIBUTES_SPEC } from '../../libs/platform/search-attributes';
import { runtimeOptions } from '../../libs/platform/worker-runtime';
import { workflowSummary } from '../../libs/platform/workflow-summary';
import { SEARCH_ATTRIBUTE_KEYS } from '../../workflows/search-attributes';

describe('loadConfig', () => {
  it('leaves the worker cache to the SDK unless WORKER_MAX_CACHED_WORKFLOWS is set', () => {
    expect(loadConfig({}).workerMaxCachedWorkflows).toBeUndefined();
    expect(loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '12000' }).workerMaxCachedWorkflows).toBe(12000);
  });

  it('asks 16 rep workflows at once in a period close unless PERIOD_CLOSE_CONCURRENCY says otherwise (at least 1)', () => {
    expect(loadConfig({}).periodCloseConcurrency).toBe(16);
    expect(loadConfig({ PERIOD_CLOSE_CONCURRENCY: '48' }).periodCloseConcurrency).toBe(48);
    expect(() => loadConfig({ PERIOD_CLOSE_CONCURRENCY: '0' })).toThrow(/PERIOD_CLOSE_CONCURRENCY must be at least 1/);
  });

  it('names every invalid variable at once', () => {
    expect(() => loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '1.5', API_PORT: '70000', BUSINESS_CLOCK: 'sometimes' })).toThrow(
      /API_PORT must be a port number, got 70000\n- BUSINESS_CLOCK must be wall or manual, got sometimes\n- WORKER_MAX_CACHED_WORKFLOWS must be a whole number, got 1.5/,
    );
  });

  it('requires a JWT secret in production and uses the documented dev secret elsewhere', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_JWT_SECRET is required in production/);
    expect(loadConfig({}).jwtSecret).toBe('tranche-dev-secret-change-me');
    expect(loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: 's3cret' }).jwtSecret).toBe('s3cret');
  });

  it('reads the Temporal connection through @temporalio/envconfig, with the local dev server as default', () => {
    const local = loadConfig({});
    expect(local.temporal).toMatchObject({ address: '127.0.0.1:7233', namespace: 'default' });
    expect(local.temporal.connection.tls).toBeFalsy();
    const cloud = loadConfig({ TEMPORAL_ADDRESS: 'ns.acct.tmprl.cloud:7233', TEMPORAL_NAMESPACE: 'ns.acct', TEMPORAL_API_KEY: 'key-1' });
    expect(cloud.temporal).toMatchObject({ address: 'ns.acct.tmprl.cloud:7233', namespace: 'ns.acct' });
    expect(cloud.temporal.connection.apiKey).toBe('key-1');
    expect(cloud.temporal.connection.tls).toBeTruthy();
  });

  it('keeps the older TEMPORAL_TLS_*_PATH names as aliases of the SDK names', () => {
    const tls = loadConfig({ TEMPORAL_TLS_CA_PATH: __filename }).temporal.connection.tls as { serverRootCACertificate?: Buffer };
    expect(Buffer.from(tls.serverRootCACertificate!).toString()).toContain('keeps the older TEMPORAL_TLS');
    expect(() => loadConfig({ TEMPORAL_TLS_CA_PATH: '/nonexistent/ca.pem' })).toThrow(/Temporal connection settings: ENOENT/);
  });

  it('refuses a non-numeric grace period', () => {
    expect(() => loadConfig({ PERIOD_CLOSE_GRACE_DAYS: 'ten' })).toThrow(/PERIOD_CLOSE_GRACE_DAYS must be a whole number, got ten/);
  });

  it('logs at info unless LOG_LEVEL names a pino level', () => {
    expect(loadConfig({}).logLevel).toBe('info');
    expect(loadConfig({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(loadConfig({ LOG_LEVEL: 'silent' }).logLevel).toBe('silent');
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, got verbose/);
  });

  it('serves the Temporal SDK metrics only when WORKER_METRICS_PORT is set, on loopback unless WORKER_METRICS_HOST says otherwise', () => {
    expect(loadConfig({}).workerMetrics).toBeUndefined();
    expect(runtimeOptions(loadConfig({}), createLogger('worker', 'silent')).telemetryOptions?.metrics).toBeUndefined();
    const on = loadConfig({ WORKER_METRICS_PORT: '9464' });
    expect(on.workerMetrics).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(runtimeOptions(on, createLogger('worker', 'silent')).telemetryOptions?.metrics).toMatchObject({ prometheus: { bindAddress: '127.0.0.1:9464' } });
    expect(loadConfig({ WORKER_METRICS_PORT: '9464', WORKER_METRICS_HOST: '0.0.0.0' }).workerMetrics).toEqual({ host: '0.0.0.0', port: 9464 });
    expect(() => loadConfig({ WORKER_METRICS_PORT: '0' })).toThrow(/WORKER_METRICS_PORT must be a port number, got 0/);
  });
});

describe('worker logs and workflow metadata', () => {
  const capture = () => {
    const lines: Array<Record<string, unknown>> = [];
    const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(JSON.parse(String(chunk))), done()) });
    return { lines, stream };
  };

  it('writes the Temporal runtime logger to pino JSON, metadata as fields', () => {
    const { lines, stream } = capture();
    const logger = new PinoTemporalLogger(createLogger('worker', 'debug', stream));
    logger.warn('Activity failed', { workflowId: 'deal:D-1', activityType: 'commitDealChange', attempt: 2 });
    logger.log('DEBUG', 'core line', { timestamp: 123n });
    logger.trace('below the level');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'warn', service: 'worker', msg: 'Activity failed', workflowId: 'deal:D-1', activityType: 'commitDealChange', attempt: 2 }),
      expect.objectContaining({ level: 'debug', msg: 'core line', timestamp: '123' }),
    ]);
  });

  it('registers, and passes to the scripts, exactly the search attributes the workflows upsert', () => {
    expect(SEARCH_ATTRIBUTE_KEYS.map((k) => [k.name, k.type])).toEqual(SEARCH_ATTRIBUTE_NAMES.map((n) => [n, 'KEYWORD']));
    expect(SEARCH_ATTRIBUTES_SPEC).toBe('DealId=Keyword,Owner=Keyword,DealStatus=Keyword,RepId=Keyword,RepStatus=Keyword,Period=Keyword');
  });

  it('summarises a workflow by its start arguments', () => {
    expect(workflowSummary([{ deal: { id: 'D-1', sponsor: 'Helix', program: 'P2', owner: 'ae-1' } }])).toBe('Deal D-1: Helix, P2 (owner ae-1)');
    expect(workflowSummary([{ profile: { id: 'ae-1', name: 'Ada', role: 'AE', hireDate: '2027-01-01' } }])).toBe('Rep ae-1: Ada, AE, hired 2027-01-01');
    expect(workflowSummary([{ period: '2027-Q1', actorId: 'x' }])).toBe('Close of period 2027-Q1');
    expect(workflowSummary([{ graceDays: 10 }])).toBeUndefined();
  });
});
