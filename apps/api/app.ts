import 'reflect-metadata';
import fastifyCookie from '@fastify/cookie';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { pinoHttp } from 'pino-http';
import { ApiDeps, AppModule, ObservabilityOptions } from './app.module';
import { acceptBodies, MAX_JSON_BYTES } from './http/request-body';
import { problemBody } from './http/problem';
import { ProblemFilter } from './http/problem.filter';
import { buildOpenApiDocument } from './http/openapi-document';
import { answerRequestId, pinoHttpOptions, requestId } from './observability/logging';
import { MetricsService } from './observability/metrics.service';
import { API_LOGGER } from './observability/observability.module';
import { requestContext } from './observability/workflow-logging';

/**
 * Fastify's router as Express's was: `/deals/` is `/deals`; ids longer than Fastify's default of 100 characters still
 * reach their route (and its validation) instead of a 404.
 */
const ROUTER = { ignoreTrailingSlash: true, maxParamLength: 1_000 };

/**
 * A Fastify route keeps the error handler there was when it was added, and Nest sets its own only after adding its
 * routes, where it would reach no route and make Fastify warn. createApiApp sets the one handler before any route.
 */
class ProblemFastifyAdapter extends FastifyAdapter {
  override setErrorHandler(): ReturnType<FastifyAdapter['setErrorHandler']> {
    return this.getInstance();
  }
}

/**
 * Builds the Nest application on Fastify: strict JSON parsing, problem+json for every error, OpenAPI at /docs, pino
 * JSON logs (Nest's own lines too) and Prometheus metrics at /metrics.
 */
export async function createApiApp(deps: ApiDeps, observability: ObservabilityOptions = {}): Promise<INestApplication> {
  const adapter = new ProblemFastifyAdapter({ bodyLimit: MAX_JSON_BYTES, routerOptions: ROUTER, genReqId: requestId });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(deps, observability), adapter, { bodyParser: false, bufferLogs: true });
  app.useLogger(app.get(Logger));
  const problems = new ProblemFilter();
  app.useGlobalFilters(problems);
  const http = adapter.getInstance();
  // Every error reaches the filter from here too, those Fastify raises itself (a body that does not parse, 413, 415).
  http.setErrorHandler((err, _req, reply) => problems.answer(err, reply));
  // reply.setCookie and clearCookie for the sign-in; the API reads the Cookie header itself (auth/cookies.ts).
  await app.register(fastifyCookie);
  app.get(MetricsService).timeRequests(http);
  answerRequestId(http);
  // Middleware runs in the onRequest hook init adds: the request log, then nestjs-pino's request context.
  app.use(pinoHttp(pinoHttpOptions(app.get(API_LOGGER))));
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  app.enableShutdownHooks();
  await app.init();
  // After init, so these hooks run after the middleware: a refused body is still logged, and the request's context
  // keeps nestjs-pino's along with its own.
  acceptBodies(http);
  requestContext(http);
  return app;
}

export { problemBody };
