import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream, Logger } from 'pino';
import { createLogger } from '../../../libs/platform/logger';
import { LogLevel, TrancheConfig } from '../../../libs/platform/config';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/** The app's pino logger: its request log middleware (app.ts) writes through it. */
export const API_LOGGER = Symbol('API_LOGGER');

export interface ObservabilityOptions {
  /** Where the JSON log lines go (default stdout); tests pass a stream to read them. */
  logDestination?: DestinationStream;
}

/** The API built inside a jest process logs nothing unless LOG_LEVEL asks for it: the lines would drown the test output. */
function levelFor(config: TrancheConfig, options: ObservabilityOptions): LogLevel {
  if (!options.logDestination && process.env.JEST_WORKER_ID !== undefined && process.env.LOG_LEVEL === undefined) return 'silent';
  return config.logLevel;
}

/**
 * pino JSON logs and Prometheus metrics (prom-client) at GET /metrics. The request log is a pino-http middleware of
 * this app's own (app.ts); nestjs-pino keeps one process-wide pino-http instance, so it is used with `useExisting`:
 * it routes Nest's own lines to pino and binds each request's logger for `PinoLogger` inside the request.
 */
@Module({})
export class ObservabilityModule {
  static register(config: TrancheConfig, options: ObservabilityOptions = {}): DynamicModule {
    const logger: Logger = createLogger('api', levelFor(config, options), options.logDestination);
    return {
      module: ObservabilityModule,
      // Global: every command route's DomainMetricsInterceptor (http/command.ts) needs MetricsService in its module.
      global: true,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true })],
      controllers: [MetricsController],
      providers: [MetricsService, { provide: API_LOGGER, useValue: logger }],
      exports: [MetricsService, API_LOGGER],
    };
  }
}
