import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createSecretKey, KeyObject } from 'node:crypto';
import { refuse } from '../http/problem';
import { AuthedRequest } from './actor';
import { PUBLIC_KEY, Role, ROLES_KEY } from './roles';
import { verifyToken } from './token';

@Injectable()
export class AuthGuard implements CanActivate {
  /** A KeyObject made once: given a string, jsonwebtoken first tries it as a public key and catches the failure, on every request (a quarter of the API's CPU under load). */
  private readonly secret: KeyObject;

  constructor(
    private readonly reflector: Reflector,
    secret: string,
  ) {
    this.secret = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  canActivate(ctx: ExecutionContext): boolean {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    req.actor = verifyToken(req.headers.authorization, this.secret);
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets);
    if (allowed && !allowed.some((r) => req.actor!.roles.includes(r))) {
      throw refuse('FORBIDDEN', `this needs one of the roles ${allowed.join(', ')}`);
    }
    return true;
  }
}
