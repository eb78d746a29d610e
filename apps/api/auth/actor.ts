import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { Actor } from '../../../libs/contracts';

export interface AuthedRequest extends FastifyRequest {
  actor?: Actor;
  /** The display name of a caller signed in by session cookie (a bearer token carries none). */
  actorName?: string;
}

/** The Node request beneath Fastify's, where the request log (pino-http) finds the caller. */
export type RawRequestWithActor = IncomingMessage & { actor?: Actor };

/** Sets the authenticated caller on the request, and on the Node request beneath it for the request log. */
export function setActor(req: AuthedRequest, actor: Actor, name?: string): void {
  req.actor = actor;
  if (name !== undefined) req.actorName = name;
  (req.raw as RawRequestWithActor).actor = actor;
}

/** The authenticated caller; the guard has set it on every non-public route. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<AuthedRequest>().actor!;
});
