import { Runtime, RuntimeOptions } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { LogLevel, TrancheConfig } from './config';
import { PinoTemporalLogger } from './logger';

/**
 * The worker's Temporal runtime, installed once before any connection: the SDK's logger (and Core's own lines,
 * forwarded at WARN and above, or at LOG_LEVEL when it is debug or trace) written as pino JSON, and the SDK's
 * Prometheus metrics (task latencies, slots, polls, sticky cache...) on WORKER_METRICS_PORT when it is set.
 */
export function runtimeOptions(config: Partial<Pick<TrancheConfig, 'workerMetrics' | 'logLevel'>>, logger: Logger): RuntimeOptions {
  return {
    logger: new PinoTemporalLogger(logger),
    telemetryOptions: {
      logging: { filter: { core: coreLevel(config.logLevel), other: 'ERROR' }, forward: {} },
      ...(config.workerMetrics ? { metrics: { prometheus: { bindAddress: `${config.workerMetrics.host}:${config.workerMetrics.port}`, countersTotalSuffix: true, useSecondsForDurations: true } } } : {}),
    },
  };
}

/** Core at DEBUG writes a line per poll and activation: only when asked for; otherwise its warnings and errors. */
function coreLevel(level: LogLevel | undefined): 'TRACE' | 'DEBUG' | 'WARN' {
  return level === 'trace' ? 'TRACE' : level === 'debug' ? 'DEBUG' : 'WARN';
}

/** The API installs it too, without `workerMetrics`: its Temporal client runs on a native connection as well. */
export function installWorkerRuntime(config: Partial<Pick<TrancheConfig, 'workerMetrics' | 'logLevel'>>, logger: Logger): Runtime {
  return Runtime.install(runtimeOptions(config, logger));
}
