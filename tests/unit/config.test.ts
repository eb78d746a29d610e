import { loadConfig } from '../../libs/platform/config';

describe('loadConfig', () => {
  it('leaves the worker cache to the SDK unless WORKER_MAX_CACHED_WORKFLOWS is set', () => {
    expect(loadConfig({}).workerMaxCachedWorkflows).toBeUndefined();
    expect(loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '12000' }).workerMaxCachedWorkflows).toBe(12000);
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
});
