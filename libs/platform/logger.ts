import type { Logger as TemporalLogger, LogLevel as TemporalLogLevel, LogMetadata } from '@temporalio/common';
import pino, { DestinationStream, Logger } from 'pino';
import type { LogLevel } from './config';

/**
 * One JSON log format for every process: pino's (`level` as a number, `time` in epoch ms, `msg`), with `service`
 * naming the process, so the API's request logs, the worker's logs and the Temporal SDK's own lines can be read
 * together (`jq`, Loki, CloudWatch...).
 */
export function createLogger(service: 'api' | 'worker', level: LogLevel, destination?: DestinationStream): Logger {
  return pino({ level, base: { service }, formatters: { level: (label) => ({ level: label }) } }, destination);
}

const PINO_LEVEL: Record<TemporalLogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/**
 * The Temporal runtime's logger (`Runtime.install({ logger })`) writing to pino: SDK lines, workflow `log` and activity
 * `log` calls, and Core's forwarded lines, with their metadata (workflowId, runId, activityType, taskQueue...) as fields.
 */
export class PinoTemporalLogger implements TemporalLogger {
  constructor(private readonly logger: Logger) {}

  log(level: TemporalLogLevel, message: string, meta: LogMetadata = {}): void {
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(meta)) {
      // Core's forwarded lines carry a bigint nanosecond timestamp; pino has its own `time`.
      fields[key] = typeof value === 'bigint' ? value.toString() : value;
    }
    this.logger[PINO_LEVEL[level] ?? 'info'](fields, message);
  }

  trace(message: string, meta?: LogMetadata): void {
    this.log('TRACE', message, meta);
  }
  debug(message: string, meta?: LogMetadata): void {
    this.log('DEBUG', message, meta);
  }
  info(message: string, meta?: LogMetadata): void {
    this.log('INFO', message, meta);
  }
  warn(message: string, meta?: LogMetadata): void {
    this.log('WARN', message, meta);
  }
  error(message: string, meta?: LogMetadata): void {
    this.log('ERROR', message, meta);
  }
}
