import { b64url, expectProblem, forgeToken, hmacSignature, mintToken } from '../support/api';
import { Harness, startHarness, TEST_JWT_SECRET } from '../support/harness';
import { rowCounts } from '../support/security-book';

/**
 * Issue 6, the security suite (moved from security.test.ts): forged, expired, unsigned, mis-signed and malformed
 * bearer tokens are 401 problem+json and write nothing, against the real API, worker, Temporal dev server and
 * PostgreSQL. Tokens come from tests/support/api.ts: the minter for well-formed ones, forgeToken for the rest.
 */
describe('security (issue 6): bearer tokens', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(__filename);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  const b64 = b64url;
  const hmac = hmacSignature;
  const forge = (header: object, payload: unknown, secret = TEST_JWT_SECRET, alg: 'sha256' | 'sha384' | 'sha512' = 'sha256') => forgeToken(header, payload, secret, alg);
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: 'tok-admin', roles: ['comp_admin'], iat: now, exp: now + 3600 };
  const HS256 = { alg: 'HS256', typ: 'JWT' };
  const good = forge(HS256, claims);
  const [goodHeader, , goodSignature] = good.split('.');

  const BAD: Array<[string, string]> = [
    ['tampered payload (roles widened, old signature)', `Bearer ${goodHeader}.${b64({ ...claims, roles: ['comp_admin', 'finance', 'hr', 'deal_desk'] })}.${goodSignature}`],
    ['tampered payload (another subject, old signature)', `Bearer ${goodHeader}.${b64({ ...claims, sub: 'someone-else' })}.${goodSignature}`],
    ['tampered signature (one character changed)', `Bearer ${good.slice(0, -2)}${good.at(-2) === 'A' ? 'B' : 'A'}${good.slice(-1)}`],
    ['signature stripped', `Bearer ${goodHeader}.${b64(claims)}.`],
    ['expired (exp in the past)', `Bearer ${forge(HS256, { ...claims, iat: now - 7200, exp: now - 3600 })}`],
    ['expired by the minter', `Bearer ${mintToken(TEST_JWT_SECRET, 'tok-admin', ['comp_admin'], { expiresInSeconds: -60 })}`],
    ['not yet valid (nbf in the future)', `Bearer ${forge(HS256, { ...claims, nbf: now + 3600 })}`],
    ['alg none, empty signature', `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`],
    ['alg none, no signature part', `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}`],
    ['alg None (case variant)', `Bearer ${b64({ alg: 'None' })}.${b64(claims)}.`],
    ['alg none with the HS256 signature kept', `Bearer ${b64({ alg: 'none' })}.${b64(claims)}.${hmac('sha256', TEST_JWT_SECRET, `${b64({ alg: 'none' })}.${b64(claims)}`)}`],
    ['signed with a wrong secret', `Bearer ${forge(HS256, claims, 'not-the-secret')}`],
    ['signed with a wrong secret by the minter', `Bearer ${mintToken('another-secret', 'tok-admin', ['comp_admin'])}`],
    ['HS512 with the right secret', `Bearer ${forge({ alg: 'HS512', typ: 'JWT' }, claims, TEST_JWT_SECRET, 'sha512')}`],
    ['HS384 with the right secret', `Bearer ${forge({ alg: 'HS384', typ: 'JWT' }, claims, TEST_JWT_SECRET, 'sha384')}`],
    ['header says HS256, signed HS512', `Bearer ${forge(HS256, claims, TEST_JWT_SECRET, 'sha512')}`],
    ['RS256 header with an HMAC signature (key confusion)', `Bearer ${forge({ alg: 'RS256', typ: 'JWT' }, claims)}`],
    ['missing sub', `Bearer ${forge(HS256, { roles: ['comp_admin'], iat: now, exp: now + 3600 })}`],
    ['empty sub', `Bearer ${forge(HS256, { ...claims, sub: '' })}`],
    ['numeric sub', `Bearer ${forge(HS256, { ...claims, sub: 42 })}`],
    ['payload is not JSON', `Bearer ${forge(HS256, 'not json at all')}`],
    ['payload is a JSON array', `Bearer ${forge(HS256, [claims])}`],
    ['garbage string', 'Bearer garbage'],
    ['three dots of nothing', 'Bearer ..'],
    ['random base64 segments', `Bearer ${b64('x')}.${b64('y')}.${b64('z')}`],
    ['Bearer with nothing', 'Bearer'],
    ['Bearer and spaces', 'Bearer    '],
    ['token without the Bearer scheme', good],
    ['Basic credentials', `Basic ${Buffer.from('admin:admin').toString('base64')}`],
    ['two tokens', `Bearer ${good} ${good}`],
  ];

  it('accepts the well-formed control token (so the refusals below are about the token)', async () => {
    expect((await h.http('GET', '/plans', { headers: { authorization: `Bearer ${good}` } })).status).toBe(200);
  });

  it.each(BAD)('%s → 401 problem+json UNAUTHENTICATED, nothing written', async (_label, authorization) => {
    const before = await rowCounts(h);
    const read = await h.http('GET', '/plans', { headers: { authorization } });
    expectProblem(read, 401, 'UNAUTHENTICATED');
    const write = await h.http('POST', '/plans', { headers: { authorization }, body: { id: 'TOKEN-PLAN', effectiveFrom: '2027-04-01' } });
    expectProblem(write, 401, 'UNAUTHENTICATED');
    expect(await rowCounts(h)).toEqual(before);
  });

  it('a valid token whose roles are unknown or not a list has no role (403), not an error', async () => {
    const unknown = forge(HS256, { ...claims, roles: ['superuser', 'COMP_ADMIN', 'admin'] });
    expectProblem(await h.http('POST', '/plans', { headers: { authorization: `Bearer ${unknown}` }, body: { id: 'TOKEN-PLAN', effectiveFrom: '2027-04-01' } }), 403, 'FORBIDDEN');
    const scalar = forge(HS256, { ...claims, roles: 'comp_admin' });
    expectProblem(await h.http('POST', '/plans', { headers: { authorization: `Bearer ${scalar}` }, body: { id: 'TOKEN-PLAN', effectiveFrom: '2027-04-01' } }), 403, 'FORBIDDEN');
    expect(await h.dataSource.query(`SELECT id FROM plans WHERE id = 'TOKEN-PLAN'`)).toEqual([]);
  });
});
