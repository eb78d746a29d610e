import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createSecretKey, KeyObject } from 'node:crypto';
import { TrancheConfig } from '../../../libs/platform/config';
import { refuse } from '../http/problem';
import { AuthedRequest, setActor } from './actor';
import { parseCookies, SESSION_COOKIE } from './cookies';
import { PUBLIC_KEY, Role, ROLES_KEY } from './roles';
import { SessionsService } from './sessions.service';
import { originOf, refuseForeignOrigin } from './sign-in.policy';
import { verifyToken } from './token';

/**
 * Who calls: a bearer token (machines; it wins when both are sent) or the console's session cookie, which gives the
 * same Actor and so meets the same policies. A cookie-authenticated write must come from the API's own origin.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  /** A KeyObject made once: given a string, jsonwebtoken first tries it as a public key and catches the failure, on every request (a quarter of the API's CPU under load). */
  private readonly secret: KeyObject;
  private readonly ownOrigin: string;

  constructor(
    private readonly reflector: Reflector,
    config: TrancheConfig,
    private readonly sessions: SessionsService,
  ) {
    this.secret = createSecretKey(Buffer.from(config.jwtSecret, 'utf8'));
    this.ownOrigin = originOf(config.signIn.publicUrl);
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    await this.authenticate(req);
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets);
    if (allowed && !allowed.some((r) => req.actor!.roles.includes(r))) {
      throw refuse('FORBIDDEN', `this needs one of the roles ${allowed.join(', ')}`);
    }
    return true;
  }

  private async authenticate(req: AuthedRequest): Promise<void> {
    const sessionToken = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    if (req.headers.authorization !== undefined || sessionToken === undefined) {
      setActor(req, verifyToken(req.headers.authorization, this.secret));
      return;
    }
    const { actor, name } = await this.sessions.resolve(sessionToken);
    refuseForeignOrigin(req.method, req.headers.origin, this.ownOrigin);
    setActor(req, actor, name);
  }
}
