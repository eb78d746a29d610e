import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { SIGN_IN_TTL_SECONDS } from './cookies';

/** What the API remembers between /auth/login and /auth/callback, in the browser, sealed. */
export interface SignInState {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

const VERSION = 'v1';

/** A 256-bit AES key of its own, derived from the API's secret (AUTH_JWT_SECRET), so replicas share it. */
export function signInStateKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), Buffer.alloc(0), 'tranche sign-in state cookie', 32));
}

/** AES-256-GCM: the browser can neither read the PKCE verifier nor change anything without the open failing. */
export function sealSignInState(key: Buffer, state: SignInState, nowMs = Date.now()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(VERSION));
  const plain = Buffer.from(JSON.stringify({ ...state, exp: Math.floor(nowMs / 1000) + SIGN_IN_TTL_SECONDS }), 'utf8');
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url')}`;
}

/** The state sealed by `sealSignInState`, or undefined when it was tampered with, made with another key, or is expired. */
export function openSignInState(key: Buffer, value: string | undefined, nowMs = Date.now()): SignInState | undefined {
  if (!value || !value.startsWith(`${VERSION}.`)) return undefined;
  try {
    const raw = Buffer.from(value.slice(VERSION.length + 1), 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(VERSION));
    decipher.setAuthTag(raw.subarray(12, 28));
    const parsed = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8'));
    if (typeof parsed.exp !== 'number' || parsed.exp * 1000 <= nowMs) return undefined;
    const { state, nonce, codeVerifier, returnTo } = parsed;
    if (![state, nonce, codeVerifier, returnTo].every((v) => typeof v === 'string')) return undefined;
    return { state, nonce, codeVerifier, returnTo };
  } catch {
    return undefined;
  }
}
