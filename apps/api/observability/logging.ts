import type { FastifyInstance } from 'fastify';
import { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Options } from 'pino-http';
import { RawRequestWithActor } from '../auth/actor';
import { workflowFields } from './workflow-logging';

/** A caller's X-Request-Id is kept when it is a plain token; otherwise (or without one) the API makes a UUID. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Probes and scrapes every few seconds would drown the request log. */
const QUIET = /^\/(health(\/|$|\?)|metrics($|\?))/;
/** The sign-in callback's query carries the authorization code and state: kept out of the log. */
const loggedUrl = (url: string) => (url.startsWith('/auth/callback?') ? '/auth/callback?(not logged)' : url);

export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** Fastify names each request by `requestId` (its `genReqId`); this answers the id as the X-Request-Id header. */
export function answerRequestId(http: FastifyInstance): void {
  http.addHook('onRequest', (req, reply, done) => {
    reply.header('X-Request-Id', req.id);
    done();
  });
}

/**
 * pino-http for nestjs-pino: one JSON line per request, when it completes, with `reqId` (also the X-Request-Id response
 * header), `actor` (the token's sub, once authenticated), `workflowId` when the request touched a workflow, the
 * method, the URL, the status and `responseTime` (ms); never headers, so no bearer token reaches the log.
 */
export function pinoHttpOptions(logger: Logger): Options<IncomingMessage, ServerResponse> {
  return {
    logger,
    // Fastify's middleware layer hands pino-http the Node request with Fastify's id (`requestId`) already on it.
    genReqId: requestId,
    quietReqLogger: true,
    customProps: (req) => {
      const actor = (req as RawRequestWithActor).actor?.id;
      return { ...(actor ? { actor } : {}), ...workflowFields(req) };
    },
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: loggedUrl(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    autoLogging: { ignore: (req) => QUIET.test(req.url ?? '') },
  };
}
