import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';
import { Actor } from '../../../libs/contracts';

export interface AuthedRequest extends Request {
  actor?: Actor;
  /** The display name of a caller signed in by session cookie (a bearer token carries none). */
  actorName?: string;
}

/** The authenticated caller; the guard has set it on every non-public route. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<AuthedRequest>().actor!;
});
