import { CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { createSecretKey, KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Actor } from '../../../libs/contracts';
import { refuse, ProblemError } from './problem';

export const ROLES = ['comp_admin', 'deal_desk', 'hr', 'finance', 'manager', 'rep'] as const;
export type Role = (typeof ROLES)[number];

const PUBLIC_KEY = 'tranche:public';
const ROLES_KEY = 'tranche:roles';

/** No token needed (health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** Any of these roles may call the route; without it, any authenticated user may. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export interface AuthedRequest extends Request {
  actor?: Actor;
}

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<AuthedRequest>().actor!;
});

/** Verifies an HS256 bearer token; `alg: none`, other algorithms, expired or tampered tokens are 401. */
export function verifyToken(header: string | undefined, secret: KeyObject): Actor {
  if (!header || !header.startsWith('Bearer ')) throw new ProblemError(401, 'UNAUTHENTICATED', 'a Bearer token is required');
  let claims: jwt.JwtPayload;
  try {
    const decoded = jwt.verify(header.slice(7).trim(), secret, { algorithms: ['HS256'] });
    if (typeof decoded === 'string') throw new Error('claims must be a JSON object');
    claims = decoded;
  } catch (err) {
    throw new ProblemError(401, 'UNAUTHENTICATED', `the token is not valid: ${(err as Error).message}`);
  }
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [];
  if (typeof claims.sub !== 'string' || claims.sub.length === 0) throw new ProblemError(401, 'UNAUTHENTICATED', 'the token has no subject');
  return { id: claims.sub, roles: roles.filter((r) => (ROLES as readonly string[]).includes(r)) };
}

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

export const hasRole = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));
