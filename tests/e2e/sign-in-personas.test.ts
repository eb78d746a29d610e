import { INestApplication } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { createApiApp } from '../../apps/api/app';
import { loadConfig } from '../../libs/platform/config';
import { Hop, TestBrowser } from '../support/browser';
import { Harness, startHarness, TEST_JWT_SECRET } from '../support/harness';
import { DEMO_USERS, freePort } from '../support/oidc';

/**
 * Issue 11 item 4: the persona picker (POST /auth/dev-login) exists only when AUTH_DEV_SECRET is set outside
 * production; a server without OIDC_ISSUER answers the sign-in with 503 SIGN_IN_NOT_CONFIGURED; sessions last
 * SESSION_TTL_MINUTES. Against the real API and PostgreSQL (and a production-mode API beside it on the same data).
 */
describe('sign-in (issue 11): persona picker, unconfigured sign-in, session lifetime', () => {
  let h: Harness;
  let api: string;
  const json = (hop: Hop) => JSON.parse(hop.body);
  const expectProblemHop = (hop: Hop, status: number, code: string) => expect({ status: hop.status, code: json(hop).code }).toEqual({ status, code });

  beforeAll(async () => {
    // The API's own origin (PUBLIC_URL, derived from API_PORT) is where cookie-authenticated writes must come from.
    const port = await freePort();
    h = await startHarness(__filename, { API_PORT: String(port), AUTH_DEV_SECRET: 'personas-on', SESSION_TTL_MINUTES: '5' });
    api = h.baseUrl;
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('GET /auth/config lists the demo personas, never their passwords', async () => {
    const config = (await h.http('GET', '/auth/config')).body;
    expect(config.loginUrl).toBe('/auth/login');
    expect(config.personas).toEqual(Object.values(DEMO_USERS).map(({ username, name, roles }) => ({ username, name, roles })));
    expect(config.personas.map((p: { roles: string[] }) => p.roles[0]).sort()).toEqual(['comp_admin', 'deal_desk', 'finance', 'hr', 'manager', 'rep']);
    expect(JSON.stringify(config)).not.toContain('pass');
  });

  it('dev-login opens a session for the persona, which lasts SESSION_TTL_MINUTES and ends at logout', async () => {
    const browser = new TestBrowser();
    const signedIn = await browser.request('POST', `${api}/auth/dev-login`, { json: { username: 'ae-1' }, headers: { origin: api } });
    expect(signedIn.status).toBe(204);
    const cookie = browser.jar.get(api, 'tranche_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(cookie.expiresAt! - Date.now()).toBeGreaterThan(4 * 60_000);
    expect(cookie.expiresAt! - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    expect(json(await browser.request('GET', `${api}/auth/me`))).toEqual({ sub: 'ae-1', roles: ['rep'], name: 'Avery Ellis' });
    expectProblemHop(await browser.request('GET', `${api}/approvals?status=PENDING`), 403, 'FORBIDDEN');
    const [row] = await h.dataSource.query(`SELECT expires_at - created_at AS ttl FROM sessions WHERE sub = 'ae-1'`);
    expect(row.ttl).toMatchObject({ minutes: 5 });
    expect((await browser.request('POST', `${api}/auth/logout`, { headers: { origin: api } })).status).toBe(204);
    expectProblemHop(await browser.request('GET', `${api}/auth/me`), 401, 'UNAUTHENTICATED');
  });

  it('refuses an unknown persona, a bad body and a foreign Origin, opening no session', async () => {
    const browser = new TestBrowser();
    const unknown = await browser.request('POST', `${api}/auth/dev-login`, { json: { username: 'root' } });
    expectProblemHop(unknown, 400, 'VALIDATION_FAILED');
    expect(json(unknown).errors).toEqual([{ path: 'username', message: expect.stringContaining('demo-desk') }]);
    expectProblemHop(await browser.request('POST', `${api}/auth/dev-login`, { json: { username: 'ae-1', roles: ['comp_admin'] } }), 400, 'VALIDATION_FAILED');
    expectProblemHop(await browser.request('POST', `${api}/auth/dev-login`, { json: {} }), 400, 'VALIDATION_FAILED');
    expectProblemHop(await browser.request('POST', `${api}/auth/dev-login`, { json: { username: 'ae-1' }, headers: { origin: 'https://evil.example' } }), 403, 'FORBIDDEN');
    expect(browser.jar.get(api, 'tranche_session')).toBeUndefined();
  });

  it('answers the sign-in with 503 SIGN_IN_NOT_CONFIGURED when no OpenID provider is configured', async () => {
    for (const path of ['/auth/login', '/auth/login?returnTo=/console/', '/auth/callback?code=x&state=y']) {
      const res = await new TestBrowser().request('GET', `${api}${path}`);
      expectProblemHop(res, 503, 'SIGN_IN_NOT_CONFIGURED');
      expect(json(res).detail).toContain('OIDC_ISSUER');
    }
  });

  /** Another API on the same data and Temporal client, with its own configuration, for the length of `use`. */
  const withApi = async (env: Record<string, string>, use: (base: string) => Promise<void>) => {
    const config = loadConfig({ AUTH_JWT_SECRET: TEST_JWT_SECRET, DATABASE_URL: 'unused', LOG_LEVEL: 'silent', ...env });
    const app: INestApplication = await createApiApp({ config, dataSource: h.dataSource, client: h.client });
    try {
      await app.listen(0, '127.0.0.1');
      await use(`http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`);
    } finally {
      await app.close();
    }
  };

  it('has no persona picker in production, even with AUTH_DEV_SECRET set', async () => {
    await withApi({ NODE_ENV: 'production', AUTH_DEV_SECRET: 'personas-on' }, async (prod) => {
      const browser = new TestBrowser();
      expect(json(await browser.request('GET', `${prod}/auth/config`))).toMatchObject({ loginUrl: '/auth/login', personas: null });
      expectProblemHop(await browser.request('POST', `${prod}/auth/dev-login`, { json: { username: 'demo-admin' } }), 404, 'NOT_FOUND');
      expect(browser.jar.get(prod, 'tranche_session')).toBeUndefined();
    });
  });

  it('answers 503 SERVICE_UNAVAILABLE while the configured provider cannot be reached', async () => {
    const closed = await freePort();
    await withApi({ OIDC_ISSUER: `http://127.0.0.1:${closed}`, OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's' }, async (base) => {
      const res = await new TestBrowser().request('GET', `${base}/auth/login`);
      expectProblemHop(res, 503, 'SERVICE_UNAVAILABLE');
      expect(json(res).detail).toContain(`http://127.0.0.1:${closed}`);
    });
  });
});
