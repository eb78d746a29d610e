import { Runtime, RuntimeOptions } from '@temporalio/worker';
import type { Logger } from 'pino';
import type { TrancheConfig } from './config';
import { PinoTemporalLogger } from './logger';

/**
 * The worker's Temporal runtime, installed once before any connection: the SDK's logger (and Core's own lines,
 * forwarded at WARN and above) written as pino JSON, and the SDK's Prometheus metrics (task latencies, slots, polls,
 * sticky cache...) on WORKER_METRICS_PORT when it is set.
 */
export function runtimeOptions(config: Pick<TrancheConfig, 'workerMetrics'>, logger: Logger): RuntimeOptions {
  return {
    logger: new PinoTemporalLogger(logger),
    telemetryOptions: {
      logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} },
      ...(config.workerMetrics ? { metrics: { prometheus: { bindAddress: `${config.workerMetrics.host}:${config.workerMetrics.port}`, countersTotalSuffix: true, useSecondsForDurations: true } } } : {}),
    },
  };
}

export function installWorkerRuntime(config: Pick<TrancheConfig, 'workerMetrics'>, logger: Logger): Runtime {
  return Runtime.install(runtimeOptions(config, logger));
}
