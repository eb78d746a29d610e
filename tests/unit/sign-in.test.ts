import { parseCookies, sessionCookieOptions, signInCookieOptions } from '../../apps/api/auth/cookies';
import { DEFAULT_RETURN_TO, safeReturnTo } from '../../apps/api/auth/return-to';
import { rolesFromClaims } from '../../apps/api/auth/roles-claim';
import { sessionIdOf } from '../../apps/api/auth/sessions.service';
import { openSignInState, sealSignInState, SignInState, signInStateKey } from '../../apps/api/auth/sign-in-state';
import { originOf, refuseForeignOrigin } from '../../apps/api/auth/sign-in.policy';
import { ProblemError } from '../../apps/api/http/problem';
import { isPlainHttpLoopback, loadSignInConfig } from '../../libs/platform/auth-config';
import { loadConfig } from '../../libs/platform/config';

/** Issue 11 item 4, the pure pieces of sign-in; the flow itself runs against the real provider in tests/e2e/sign-in.test.ts. */
describe('sign-in: returnTo', () => {
  it.each([
    ['/console', '/console'],
    ['/console/', '/console/'],
    ['/console/deals/DEMO-101?tab=timeline#g2', '/console/deals/DEMO-101?tab=timeline#g2'],
    ['/console/a/../b', '/console/b'],
  ])('keeps %s under /console', (value, expected) => expect(safeReturnTo(value)).toBe(expected));

  it.each([
    undefined,
    '',
    ['/console/'],
    'https://evil.example/console/',
    '//evil.example/console/',
    '///evil.example/console/',
    '/\\evil.example/console/',
    '/console\\..\\auth',
    '/console/../auth/me',
    '/console%2F..%2F..%2Fauth',
    '/consoles',
    '/docs',
    'console/',
    'javascript:alert(1)',
    '/console/\nSet-Cookie: x=1',
    `/console/${'a'.repeat(3000)}`,
  ])('sends %j to the console home instead', (value) => expect(safeReturnTo(value)).toBe(DEFAULT_RETURN_TO));
});

describe('sign-in: the sealed state cookie', () => {
  const key = signInStateKey('secret-a');
  const state: SignInState = { state: 's1', nonce: 'n1', codeVerifier: 'v'.repeat(43), returnTo: '/console/' };

  it('opens what it sealed, hides the verifier, and expires after 10 minutes', () => {
    const sealed = sealSignInState(key, state, 1_000_000);
    expect(sealed).not.toContain('v'.repeat(10));
    expect(Buffer.from(sealed.slice(3), 'base64url').toString('latin1')).not.toContain(state.codeVerifier);
    expect(openSignInState(key, sealed, 1_000_000 + 599_000)).toEqual(state);
    expect(openSignInState(key, sealed, 1_000_000 + 600_000)).toBeUndefined();
  });

  it('refuses a tampered value, another key, or garbage', () => {
    const sealed = sealSignInState(key, state);
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    for (let i = 0; i < raw.length; i += 7) {
      const flipped = Buffer.from(raw);
      flipped[i] ^= 1;
      expect(openSignInState(key, `v1.${flipped.toString('base64url')}`)).toBeUndefined();
    }
    expect(openSignInState(signInStateKey('secret-b'), sealed)).toBeUndefined();
    for (const junk of [undefined, '', 'v1.', 'v2.' + sealed.slice(3), 'v1.AAAA', sealed.slice(0, -2)]) expect(openSignInState(key, junk)).toBeUndefined();
  });
});

describe('sign-in: roles from the ID token', () => {
  it('reads the configured claim, drops unknown roles and duplicates', () => {
    expect(rolesFromClaims({ roles: ['rep', 'admin', 'rep', 7, 'manager'] }, 'roles')).toEqual(['rep', 'manager']);
    expect(rolesFromClaims({ groups: 'finance  hr root' }, 'groups')).toEqual(['finance', 'hr']);
    expect(rolesFromClaims({ realm_access: { roles: ['deal_desk'] } }, 'realm_access.roles')).toEqual(['deal_desk']);
  });

  it('answers no roles when the claim is missing or not a list', () => {
    for (const claims of [{}, { roles: null }, { roles: { rep: true } }, { roles: 5 }, { realm_access: ['rep'] }]) {
      expect(rolesFromClaims(claims, 'roles')).toEqual([]);
      expect(rolesFromClaims(claims, 'realm_access.roles')).toEqual([]);
    }
  });
});

describe('sign-in: cookies and origins', () => {
  it('parses a Cookie header: first of a name wins, quotes and escapes undone, junk skipped', () => {
    expect(parseCookies('a=1; tranche_session=abc; a=2; junk; =x; q="v%20w"')).toEqual({ a: '1', tranche_session: 'abc', q: 'v w' });
    expect(parseCookies(undefined)).toEqual({});
    expect(parseCookies('bad=%E0%A4%A')).toEqual({ bad: '%E0%A4%A' });
  });

  it('makes the session cookie HttpOnly, Strict, Path=/, and Secure unless plain http on loopback', () => {
    const local = loadConfig({}).signIn;
    const public_ = loadConfig({ PUBLIC_URL: 'https://comp.example.com' }).signIn;
    expect(sessionCookieOptions(local)).toEqual({ httpOnly: true, sameSite: 'strict', path: '/', secure: false });
    expect(sessionCookieOptions(public_)).toMatchObject({ secure: true });
    expect(signInCookieOptions(public_)).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/auth/callback', secure: true });
    expect(['http://127.0.0.1:3000', 'http://localhost', 'http://[::1]:80'].map(isPlainHttpLoopback)).toEqual([true, true, true]);
    expect(['https://127.0.0.1', 'http://10.0.0.1', 'http://comp.example.com'].map(isPlainHttpLoopback)).toEqual([false, false, false]);
  });

  it('refuses a cookie-authenticated write from a foreign Origin, lets reads and Origin-less requests through', () => {
    const own = originOf('http://127.0.0.1:3000/');
    const refused = (method: string, origin?: string) => {
      try {
        refuseForeignOrigin(method, origin, own);
        return undefined;
      } catch (err) {
        return (err as ProblemError).status;
      }
    };
    expect(['POST', 'PUT', 'PATCH', 'DELETE', 'post'].map((m) => refused(m, 'https://evil.example'))).toEqual([403, 403, 403, 403, 403]);
    expect(refused('POST', 'null')).toBe(403);
    expect(refused('POST', 'http://127.0.0.1:3001')).toBe(403);
    expect(refused('POST', 'http://127.0.0.1:3000')).toBeUndefined();
    expect(refused('POST', undefined)).toBeUndefined();
    expect(refused('GET', 'https://evil.example')).toBeUndefined();
  });

  it('stores sessions under the SHA-256 of the token', () => {
    expect(sessionIdOf('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('sign-in: configuration', () => {
  it('is off by default; OIDC_ISSUER needs a client; the redirect URI follows PUBLIC_URL', () => {
    expect(loadConfig({}).signIn).toEqual({ publicUrl: 'http://127.0.0.1:3000', oidc: undefined, sessionTtlMinutes: 480, secureCookies: false, devLogin: false });
    expect(() => loadConfig({ OIDC_ISSUER: 'https://idp.example' })).toThrow(/OIDC_CLIENT_ID is required when OIDC_ISSUER is set\n- OIDC_CLIENT_SECRET is required/);
    const oidc = loadConfig({ API_PORT: '4000', OIDC_ISSUER: 'https://idp.example', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's' }).signIn.oidc;
    expect(oidc).toEqual({ issuer: 'https://idp.example', clientId: 'c', clientSecret: 's', redirectUri: 'http://127.0.0.1:4000/auth/callback', rolesClaim: 'roles', scope: 'openid profile roles', prompt: 'login' });
    const env = { PUBLIC_URL: 'https://comp.example.com/', OIDC_ISSUER: 'https://idp.example', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', OIDC_SCOPE: 'profile groups', OIDC_PROMPT: '' };
    expect(loadConfig(env).signIn.oidc).toMatchObject({ redirectUri: 'https://comp.example.com/auth/callback', scope: 'openid profile groups', prompt: undefined });
  });

  it('bounds the session at 12 hours and names bad values', () => {
    expect(loadConfig({ SESSION_TTL_MINUTES: '720' }).signIn.sessionTtlMinutes).toBe(720);
    for (const bad of ['0', '721', '1.5', 'soon']) expect(() => loadConfig({ SESSION_TTL_MINUTES: bad })).toThrow(/SESSION_TTL_MINUTES must be a whole number from 1 to 720/);
    expect(() => loadConfig({ PUBLIC_URL: 'comp.example.com', OIDC_ISSUER: 'ftp://idp' })).toThrow(/PUBLIC_URL must be an http\(s\) URL.*\n- OIDC_ISSUER must be an http\(s\) URL/);
  });

  it('enables the persona picker only with AUTH_DEV_SECRET outside production', () => {
    expect(loadConfig({ AUTH_DEV_SECRET: 'x' }).signIn.devLogin).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', AUTH_DEV_SECRET: 'x' }).signIn.devLogin).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: 's', AUTH_DEV_SECRET: 'x' }).signIn.devLogin).toBe(false);
    expect(loadSignInConfig({}, 3000, false).config?.devLogin).toBe(false);
  });

  it('wants the https public URL in production when sign-in is configured', () => {
    const prod = { NODE_ENV: 'production', AUTH_JWT_SECRET: 's', OIDC_ISSUER: 'https://idp.example', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's' };
    expect(() => loadConfig(prod)).toThrow(/PUBLIC_URL must be the https URL/);
    expect(loadConfig({ ...prod, PUBLIC_URL: 'https://comp.example.com' }).signIn.secureCookies).toBe(true);
  });
});
