import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express, { NextFunction, Request, Response } from 'express';
import { refuseDeepJson } from './http/json-body';
import { ApiDeps, AppModule } from './app.module';
import { sendProblem, toProblem } from './http/problem.filter';
import { problemBody } from './http/problem';

/** Builds the Nest application: strict JSON parsing, problem+json for every error, OpenAPI at /docs. */
export async function createApiApp(deps: ApiDeps): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.register(deps), { bodyParser: false, logger: ['error', 'warn'] });
  const http = app.getHttpAdapter().getInstance() as express.Express;
  http.disable('x-powered-by');
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
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Tranche')
      .setDescription('Phase-gated incentive compensation for long-cycle clinical-trial deals. Errors are RFC 9457 problem+json.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  app.enableShutdownHooks();
  return app;
}

export { problemBody };
