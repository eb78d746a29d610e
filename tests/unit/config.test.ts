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
});
