import { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Actor } from '../../../libs/contracts';
import { ProblemError } from '../http/problem';
import { ROLES } from './roles';

/** docs/rules.md "Access scope": a token lives at most 12 hours. */
export const MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;
/** How far ahead of this server's clock an issuer's `iat` may be. */
const CLOCK_SKEW_SECONDS = 60;

/**
 * Verifies an HS256 bearer token; `alg: none`, other algorithms, expired or tampered tokens are 401, and so is one
 * without `exp`, or whose `exp` is more than 12 hours after its `iat` (after now, without `iat`), or issued in the future.
 */
export function verifyToken(header: string | undefined, secret: KeyObject, nowSeconds = Math.floor(Date.now() / 1000)): Actor {
  if (!header || !header.startsWith('Bearer ')) throw new ProblemError(401, 'UNAUTHENTICATED', 'a Bearer token is required');
  let claims: jwt.JwtPayload;
  try {
    const decoded = jwt.verify(header.slice(7).trim(), secret, { algorithms: ['HS256'] });
    if (typeof decoded === 'string') throw new Error('claims must be a JSON object');
    claims = decoded;
  } catch (err) {
    throw new ProblemError(401, 'UNAUTHENTICATED', `the token is not valid: ${(err as Error).message}`);
  }
  refuseUnboundedLifetime(claims, nowSeconds);
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [];
  if (typeof claims.sub !== 'string' || claims.sub.length === 0) throw new ProblemError(401, 'UNAUTHENTICATED', 'the token has no subject');
  return { id: claims.sub, roles: roles.filter((r) => (ROLES as readonly string[]).includes(r)) };
}

function refuseUnboundedLifetime(claims: jwt.JwtPayload, now: number): void {
  const { exp, iat } = claims;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw new ProblemError(401, 'UNAUTHENTICATED', 'the token has no expiry (exp): tokens must expire within 12 hours');
  if (iat !== undefined && (typeof iat !== 'number' || !Number.isFinite(iat))) throw new ProblemError(401, 'UNAUTHENTICATED', 'the token has an invalid iat');
  if (iat !== undefined && iat > now + CLOCK_SKEW_SECONDS) throw new ProblemError(401, 'UNAUTHENTICATED', 'the token was issued in the future (iat)');
  if (exp - (iat ?? now) > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new ProblemError(401, 'UNAUTHENTICATED', `the token lives too long: exp must be at most 12 hours after ${iat === undefined ? 'now' : 'iat'}`);
  }
}
