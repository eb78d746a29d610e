import { createHash } from 'node:crypto';
import { Hop, TestBrowser } from '../support/browser';
import { Harness, startHarness } from '../support/harness';
import { DEMO_USERS, freePort, OidcProvider, startOidcProvider } from '../support/oidc';
import { authorize, openLoginPage, signIn } from '../support/sign-in';

/**
 * Issue 11 item 4, sign-in: the whole OpenID Connect code flow with PKCE over HTTP, against the real local provider
 * (infra/oidc/provider.mjs, its own login form and demo passwords) and the real API, worker and PostgreSQL: a cookie
 * jar, every redirect followed by hand. The session cookie then stands for the user exactly like a bearer token.
 */
describe('sign-in (issue 11): OpenID Connect code + PKCE, session cookie', () => {
  let h: Harness;
  let idp: OidcProvider;
  let api: string;
  const desk = DEMO_USERS['demo-desk'];
  const rep = DEMO_USERS['ae-1'];

  beforeAll(async () => {
    const port = await freePort();
    api = `http://127.0.0.1:${port}`;
    idp = await startOidcProvider({ redirectUris: [`${api}/auth/callback`] });
    h = await startHarness(__filename, { API_PORT: String(port), ...idp.apiEnv });
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
    await idp?.stop();
  }, 60_000);

  const json = (hop: Hop) => JSON.parse(hop.body);
  const expectProblemHop = (hop: Hop, status: number, code: string) => {
    expect({ status: hop.status, type: hop.headers.get('content-type'), code: json(hop).code }).toEqual({ status, type: expect.stringContaining('application/problem+json'), code });
  };
  const signedIn = async (user = desk, returnTo?: string) => {
    const browser = new TestBrowser();
    const callback = await signIn(browser, api, user.username, user.password, returnTo);
    expect(callback.status).toBe(302);
    return { browser, callback, token: browser.jar.get(api, 'tranche_session')!.value };
  };
  const sessionRow = async (token: string) =>
    (await h.dataSource.query(`SELECT sub, name, roles, created_at, expires_at, revoked_at FROM sessions WHERE id = $1`, [createHash('sha256').update(token).digest('hex')]))[0];

  it('runs the code flow: login → provider → callback → session cookie → returnTo, and /auth/me answers the user', async () => {
    const browser = new TestBrowser();
    const { login, page } = await openLoginPage(browser, api, '/console/approvals?status=PENDING');
    const authorizeUrl = new URL(login.location!);
    expect(login.status).toBe(302);
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${idp.issuer}/auth`);
    expect(Object.fromEntries(authorizeUrl.searchParams)).toMatchObject({
      response_type: 'code', client_id: 'tranche-console', redirect_uri: `${api}/auth/callback`, code_challenge_method: 'S256', scope: 'openid profile roles',
    });
    for (const p of ['state', 'nonce', 'code_challenge']) expect(authorizeUrl.searchParams.get(p)).toMatch(/^[\w-]{43,}$/);
    const pending = browser.jar.get(`${api}/auth/callback`, 'tranche_sign_in')!;
    expect(pending).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/auth/callback' });
    expect(pending.value).not.toContain(authorizeUrl.searchParams.get('state'));
    expect(page.body).toMatch(/<label for="username">Username<\/label>/);
    expect(page.body).toMatch(/<label for="password">Password<\/label>/);

    const callback = await browser.request('GET', await authorize(browser, api, page, desk.username, desk.password));
    expect({ status: callback.status, location: callback.location }).toEqual({ status: 302, location: `${api}/console/approvals?status=PENDING` });
    const session = browser.jar.get(api, 'tranche_session')!;
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', secure: false });
    expect(session.value).toMatch(/^[\w-]{43}$/);
    expect(browser.jar.get(`${api}/auth/callback`, 'tranche_sign_in')).toBeUndefined();

    const me = await browser.request('GET', `${api}/auth/me`);
    expect({ status: me.status, body: json(me) }).toEqual({ status: 200, body: { sub: 'demo-desk', roles: ['deal_desk'], name: desk.name } });
    const row = await sessionRow(session.value);
    expect(row).toMatchObject({ sub: 'demo-desk', name: desk.name, roles: ['deal_desk'], revoked_at: null });
    expect(row.expires_at.getTime() - row.created_at.getTime()).toBe(480 * 60_000);
  });

  it('refuses a wrong password or an unknown user at the provider: no code, no session', async () => {
    for (const [username, password] of [[desk.username, 'not-the-password'], ['nobody', desk.password], [desk.username, '']]) {
      const browser = new TestBrowser();
      const { page } = await openLoginPage(browser, api);
      const refused = await browser.submitForm(page, { username, password });
      expect({ status: refused.status, location: refused.location }).toEqual({ status: 401, location: undefined });
      expect(refused.body).toContain('role="alert"');
      expect(refused.body).toContain('Wrong username or password.');
      expect(browser.jar.get(api, 'tranche_session')).toBeUndefined();
    }
  });

  it('accepts the cookie on every route exactly like a bearer token: same actor, same role policies', async () => {
    const deskSession = await signedIn(desk);
    const repSession = await signedIn(rep);
    const byCookie = await deskSession.browser.request('GET', `${api}/approvals?status=PENDING`);
    const byToken = await h.http('GET', '/approvals?status=PENDING', { as: 'demo-desk:deal_desk' });
    expect({ status: byCookie.status, body: json(byCookie) }).toEqual({ status: 200, body: byToken.body });
    expectProblemHop(await repSession.browser.request('GET', `${api}/approvals?status=PENDING`), 403, 'FORBIDDEN');
    expect((await h.http('GET', '/approvals?status=PENDING', { as: 'ae-1:rep' })).status).toBe(403);
    expectProblemHop(await deskSession.browser.request('GET', `${api}/reps`), 403, 'FORBIDDEN');
    expect(json(await repSession.browser.request('GET', `${api}/auth/me`))).toEqual({ sub: 'ae-1', roles: ['rep'], name: 'Avery Ellis' });
  });

  it('refuses a cookie-authenticated write from another origin (403); its own origin or no Origin reaches the route', async () => {
    const admin = await signedIn(DEMO_USERS['demo-admin']);
    const post = (origin?: string) => admin.browser.request('POST', `${api}/plans`, { json: { id: 'SI-P' }, headers: origin ? { origin } : {} });
    expectProblemHop(await post('https://evil.example'), 403, 'FORBIDDEN');
    expectProblemHop(await post('http://127.0.0.1:1'), 403, 'FORBIDDEN');
    expectProblemHop(await post(api), 400, 'VALIDATION_FAILED');
    expectProblemHop(await post(), 400, 'VALIDATION_FAILED');
    // A bearer token is no ambient credential: no Origin rule for it.
    const byToken = await h.http('POST', '/plans', { as: 'si-admin:comp_admin', body: { id: 'SI-P' }, headers: { origin: 'https://evil.example' } });
    expect(byToken.status).toBe(400);
  });

  it('logout revokes the session in the database and clears the cookie: the old cookie is then 401', async () => {
    const { browser, token } = await signedIn(desk);
    const out = await browser.request('POST', `${api}/auth/logout`);
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(/tranche_session=;.*Expires=Thu, 01 Jan 1970/);
    expect(browser.jar.get(api, 'tranche_session')).toBeUndefined();
    expect((await sessionRow(token)).revoked_at).toBeInstanceOf(Date);
    const replayed = new TestBrowser();
    replayed.jar.set(api, 'tranche_session', token);
    expectProblemHop(await replayed.request('GET', `${api}/auth/me`), 401, 'UNAUTHENTICATED');
    expectProblemHop(await replayed.request('GET', `${api}/approvals?status=PENDING`), 401, 'UNAUTHENTICATED');
    expect((await replayed.request('POST', `${api}/auth/logout`)).status).toBe(204);
  });

  it('switches users in one browser: the provider asks again (prompt=login) and the previous session is revoked', async () => {
    const { browser, token: first } = await signedIn(desk);
    const callback = await signIn(browser, api, rep.username, rep.password);
    expect(callback.status).toBe(302);
    const second = browser.jar.get(api, 'tranche_session')!.value;
    expect(second).not.toBe(first);
    expect((await sessionRow(first)).revoked_at).toBeInstanceOf(Date);
    expect(json(await browser.request('GET', `${api}/auth/me`))).toMatchObject({ sub: 'ae-1', roles: ['rep'] });
  });

  it('an expired session is 401; so are a forged or absent one', async () => {
    const { browser, token } = await signedIn(desk);
    expect((await browser.request('GET', `${api}/auth/me`)).status).toBe(200);
    await h.dataSource.query(`UPDATE sessions SET created_at = created_at - interval '9 hours', expires_at = now() - interval '1 second' WHERE id = $1`, [
      createHash('sha256').update(token).digest('hex'),
    ]);
    expectProblemHop(await browser.request('GET', `${api}/auth/me`), 401, 'UNAUTHENTICATED');
    const forged = new TestBrowser();
    forged.jar.set(api, 'tranche_session', 'A'.repeat(43));
    expectProblemHop(await forged.request('GET', `${api}/auth/me`), 401, 'UNAUTHENTICATED');
    expectProblemHop(await new TestBrowser().request('GET', `${api}/auth/me`), 401, 'UNAUTHENTICATED');
  });

  it('returns only to paths under /console of this origin: another origin or path lands on /console/', async () => {
    for (const returnTo of ['https://evil.example/console/', '//evil.example/console/', '/\\evil.example/console', '/console/../auth/me', '/docs']) {
      const { callback } = await signedIn(desk, returnTo);
      expect({ returnTo, location: callback.location }).toEqual({ returnTo, location: `${api}/console/` });
    }
    expect((await signedIn(desk)).callback.location).toBe(`${api}/console/`);
    expect((await signedIn(desk, '/console/deals/DEMO-101#timeline')).callback.location).toBe(`${api}/console/deals/DEMO-101#timeline`);
  });

  it('checks the state and the PKCE verifier: a tampered state, a missing sign-in cookie or a stolen code is 400', async () => {
    const tamper = async (change: (url: URL, browser: TestBrowser) => void) => {
      const browser = new TestBrowser();
      const { page } = await openLoginPage(browser, api);
      const url = new URL(await authorize(browser, api, page, desk.username, desk.password));
      change(url, browser);
      const res = await browser.request('GET', url.toString());
      expect(browser.jar.get(api, 'tranche_session')).toBeUndefined();
      return res;
    };
    expectProblemHop(await tamper((url) => url.searchParams.set('state', `${url.searchParams.get('state')}x`)), 400, 'SIGN_IN_FAILED');
    expectProblemHop(await tamper((url) => url.searchParams.delete('state')), 400, 'SIGN_IN_FAILED');
    expectProblemHop(await tamper((url, b) => b.jar.set(`${api}/auth/callback`, 'tranche_sign_in', 'v1.forged', '/auth/callback')), 400, 'SIGN_IN_FAILED');
    expectProblemHop(await tamper((url, b) => b.jar.remove(`${api}/auth/callback`, 'tranche_sign_in', '/auth/callback')), 400, 'SIGN_IN_FAILED');
    expectProblemHop(await tamper((url) => url.searchParams.set('code', 'not-a-code')), 400, 'SIGN_IN_FAILED');

    // An attacker with a victim's code and a sign-in of their own (their state, their verifier): PKCE refuses it.
    const victim = new TestBrowser();
    const stolen = new URL(await authorize(victim, api, (await openLoginPage(victim, api)).page, desk.username, desk.password));
    const attacker = new TestBrowser();
    const { login } = await openLoginPage(attacker, api);
    stolen.searchParams.set('state', new URL(login.location!).searchParams.get('state')!);
    const res = await attacker.request('GET', stolen.toString());
    expectProblemHop(res, 400, 'SIGN_IN_FAILED');
    expect(json(res).detail).toMatch(/invalid_grant|PKCE|code_verifier/i);
    expect(attacker.jar.get(api, 'tranche_session')).toBeUndefined();
  });

  it('keeps bearer tokens working for machines, and a token wins over a cookie', async () => {
    const me = await h.http('GET', '/auth/me', { as: 'batch-job:finance' });
    expect({ status: me.status, body: me.body }).toEqual({ status: 200, body: { sub: 'batch-job', roles: ['finance'], name: 'batch-job' } });
    const { token } = await signedIn(desk);
    const both = await h.http('GET', '/auth/me', { as: 'batch-job:finance', headers: { cookie: `tranche_session=${token}` } });
    expect(both.body.sub).toBe('batch-job');
    expect((await h.http('GET', '/auth/me', { headers: { authorization: 'Bearer nope', cookie: `tranche_session=${token}` } })).status).toBe(401);
  });

  it('GET /auth/config offers the login URL and no personas; dev-login is 404 without AUTH_DEV_SECRET', async () => {
    expect((await h.http('GET', '/auth/config')).body).toMatchObject({ loginUrl: '/auth/login', personas: null });
    const res = await new TestBrowser().request('POST', `${api}/auth/dev-login`, { json: { username: 'ae-1' } });
    expectProblemHop(res, 404, 'NOT_FOUND');
    expect(res.headers.getSetCookie()).toEqual([]);
  });
});
