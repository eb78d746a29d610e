import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import { refuseDeepJson } from './http/json-body';
import { ApiDeps, AppModule, ObservabilityOptions } from './app.module';
import { sendProblem, toProblem } from './http/problem.filter';
import { problemBody } from './http/problem';
import { buildOpenApiDocument } from './http/openapi-document';
import { Logger } from 'nestjs-pino';
import { pinoHttp } from 'pino-http';
import { pinoHttpOptions } from './observability/logging';
import { MetricsService } from './observability/metrics.service';
import { API_LOGGER } from './observability/observability.module';
import { requestContext } from './observability/workflow-logging';

/**
 * Builds the Nest application: strict JSON parsing, problem+json for every error, OpenAPI at /docs, pino JSON logs
 * (Nest's own lines too) and Prometheus metrics at /metrics.
 */
export async function createApiApp(deps: ApiDeps, observability: ObservabilityOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.register(deps, observability), { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  const http = app.getHttpAdapter().getInstance() as express.Express;
  http.disable('x-powered-by');
  // First, so every request is timed and logged (refused and unparseable ones too) and runs in its own context.
  http.use(app.get(MetricsService).httpMiddleware());
  http.use(pinoHttp(pinoHttpOptions(app.get(API_LOGGER))));
  http.use(requestContext());
  http.use(express.json({ limit: '256kb', strict: true, type: ['application/json', 'application/*+json'], verify: refuseDeepJson }));
  http.use((req: Request, _res: Response, next: NextFunction) => {
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (req.method === 'POST' && hasBody && !req.is(['application/json', 'application/*+json'])) {
      return next(Object.assign(new Error('send the body as application/json'), { status: 415 }));
    }
    next();
  });
  http.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (!err) return next();
    sendProblem(res, toProblem(err));
  });
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  app.enableShutdownHooks();
  return app;
}

export { problemBody };
