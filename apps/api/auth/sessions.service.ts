import { Inject, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { createHash, randomBytes } from 'node:crypto';
import { Actor } from '../../../libs/contracts';
import { TrancheConfig } from '../../../libs/platform/config';
import { SessionIdentity, SessionsRepository } from '../../../libs/persistence/sessions.repository';
import { ProblemError } from '../http/problem';
import { CONFIG } from '../tokens';
import { SESSION_COOKIE, sessionCookieOptions } from './cookies';

/** The id a session is stored under: the SHA-256 of the cookie's token, so the table alone opens nothing. */
export const sessionIdOf = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** A session token is 32 random bytes in base64url: 43 characters. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    @Inject(CONFIG) private readonly config: TrancheConfig,
  ) {}

  /** Opens a session for `identity` and sets its cookie on the response; the browser's previous session, if any, is revoked. */
  async open(res: FastifyReply, identity: SessionIdentity, previousToken?: string): Promise<void> {
    if (previousToken && TOKEN_SHAPE.test(previousToken)) await this.sessions.revoke(sessionIdOf(previousToken));
    const token = randomBytes(32).toString('base64url');
    const { expiresAt } = await this.sessions.create(sessionIdOf(token), identity, this.config.signIn.sessionTtlMinutes);
    res.setCookie(SESSION_COOKIE, token, sessionCookieOptions(this.config.signIn, new Date(expiresAt)));
  }

  /** The session's identity, or 401 when the token is unknown, expired or revoked. */
  async resolve(token: string): Promise<{ actor: Actor; name: string }> {
    const identity = TOKEN_SHAPE.test(token) ? await this.sessions.findLive(sessionIdOf(token)) : undefined;
    if (!identity) throw new ProblemError(401, 'UNAUTHENTICATED', 'the session has expired or was ended: sign in again');
    return { actor: { id: identity.sub, roles: identity.roles }, name: identity.name };
  }

  /** Revokes the session (if the token names one) and clears the cookie. */
  async close(res: FastifyReply, token: string | undefined): Promise<void> {
    if (token && TOKEN_SHAPE.test(token)) await this.sessions.revoke(sessionIdOf(token));
    const { expires: _expires, ...options } = sessionCookieOptions(this.config.signIn);
    res.clearCookie(SESSION_COOKIE, options);
  }
}
