import { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Actor } from '../../../libs/contracts';
import { ProblemError } from '../http/problem';
import { ROLES } from './roles';

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
