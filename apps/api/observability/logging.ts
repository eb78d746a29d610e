import { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Request } from 'express';
import type { Logger } from 'pino';
import type { Options } from 'pino-http';
import { AuthedRequest } from '../auth/actor';
import { workflowFields } from './workflow-logging';

/** A caller's X-Request-Id is kept when it is a plain token; otherwise (or without one) the API makes a UUID. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** Probes and scrapes every few seconds would drown the request log. */
const QUIET = /^\/(health(\/|$|\?)|metrics($|\?))/;
/** The sign-in callback's query carries the authorization code and state: kept out of the log. */
const loggedUrl = (url: string) => (url.startsWith('/auth/callback?') ? '/auth/callback?(not logged)' : url);

export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader('X-Request-Id', id);
  return id;
}

/**
 * pino-http for nestjs-pino: one JSON line per request, when it completes, with `reqId` (also the X-Request-Id response
 * header), `actor` (the token's sub, once authenticated), `workflowId` when the request touched a workflow, the
 * method, the URL, the status and `responseTime` (ms); never headers, so no bearer token reaches the log.
 */
export function pinoHttpOptions(logger: Logger): Options<IncomingMessage, ServerResponse> {
  return {
    logger,
    genReqId: requestId,
    quietReqLogger: true,
    customProps: (req) => {
      const actor = (req as AuthedRequest).actor?.id;
      return { ...(actor ? { actor } : {}), ...workflowFields(req as Request) };
    },
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: loggedUrl(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    autoLogging: { ignore: (req) => QUIET.test(req.url ?? '') },
  };
}
