import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig } from '../../libs/platform/config';
import { tracingClientInterceptors, workerTracingOptions } from '../../libs/platform/tracing';

const ROOT = join(__dirname, '../..');

/** The @opentelemetry modules a fresh Node process has loaded after startTracing with this environment. */
function otelModulesLoaded(env: Record<string, string>): number {
  const script = `require('./libs/platform/tracing').startTracing('api', ${JSON.stringify(env)});
    process.stdout.write(String(Object.keys(require.cache).filter((k) => k.includes('@opentelemetry')).length));
    process.exit(0);`;
  return Number(execFileSync(process.execPath, ['-r', './tests/support/swc-register.js', '-e', script], { cwd: ROOT, encoding: 'utf8' }));
}

describe('tracing configuration (TRACING, OTEL_*)', () => {
  it('is off by default; TRACING=otlp turns it on, named tranche-api or tranche-worker unless OTEL_SERVICE_NAME says', () => {
    expect(loadConfig({}).tracing).toBeUndefined();
    expect(loadConfig({ TRACING: 'off', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracing).toBeUndefined();
    expect(loadConfig({ TRACING: 'otlp' }).tracing).toEqual({ serviceName: 'tranche-api' });
    expect(loadConfig({ TRACING: 'otlp' }, 'worker').tracing).toEqual({ serviceName: 'tranche-worker' });
    expect(loadConfig({ TRACING: 'otlp', OTEL_SERVICE_NAME: 'tranche-eu' }).tracing).toEqual({ serviceName: 'tranche-eu' });
  });

  it('names every bad tracing variable at once', () => {
    expect(() =>
      loadConfig({ TRACING: 'jaeger', OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_SERVICE_NAME: '' }),
    ).toThrow(
      /TRACING must be off or otlp, got jaeger\n- OTEL_SERVICE_NAME must not be empty\n- OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL, got collector:4318\n- OTEL_EXPORTER_OTLP_PROTOCOL must be http\/json \(the exporter installed\), got grpc/,
    );
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf' })).toThrow(/OTEL_EXPORTER_OTLP_TRACES_PROTOCOL must be http\/json/);
  });

  it('off, adds no interceptor, no sink, no workflow module', () => {
    expect(tracingClientInterceptors(undefined)).toEqual([]);
    expect(workerTracingOptions(undefined)).toEqual({});
  });

  it('off, loads none of OpenTelemetry in the process; on, starts it', () => {
    expect(otelModulesLoaded({})).toBe(0);
    expect(otelModulesLoaded({ TRACING: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' })).toBeGreaterThan(0);
  }, 30_000);
});
