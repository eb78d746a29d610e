import type { CookieSerializeOptions as CookieOptions } from '@fastify/cookie';
import { SignInConfig } from '../../../libs/platform/auth-config';

/** The session cookie: a random 256-bit token; the database keeps only its SHA-256. */
export const SESSION_COOKIE = 'tranche_session';
/** The sign-in in progress (state, nonce, PKCE verifier, returnTo), sealed; it lives 10 minutes. */
export const SIGN_IN_COOKIE = 'tranche_sign_in';
export const SIGN_IN_TTL_SECONDS = 600;

/** The cookies of a `Cookie` header by name (the first of a repeated name wins, as browsers send the most specific first). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const raw of (header ?? '').split(';')) {
    const part = raw.trim();
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    if (name in cookies) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      cookies[name] = decodeURIComponent(value);
    } catch {
      cookies[name] = value;
    }
  }
  return cookies;
}

/** HttpOnly, SameSite=Strict, Path=/, Secure unless the API is plain http on loopback; no Max-Age past the session's end. */
export function sessionCookieOptions(config: SignInConfig, expiresAt?: Date): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/', secure: config.secureCookies, ...(expiresAt ? { expires: expiresAt } : {}) };
}

/**
 * SameSite=Lax, not Strict: the provider sends the browser back to /auth/callback by a cross-site redirect, and a
 * Strict cookie would not come with it. Only /auth/callback reads it.
 */
export function signInCookieOptions(config: SignInConfig): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/auth/callback', secure: config.secureCookies, maxAge: SIGN_IN_TTL_SECONDS };
}
