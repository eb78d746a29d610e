import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expectProblem, forgeToken, HttpResult } from '../support/api';
import { DEAL_BOOK_ACTORS, dealKit, seedBook } from '../support/deal-book';
import { Harness, startHarness, TEST_JWT_SECRET } from '../support/harness';

/**
 * Issue 12, probe findings #7 (token lifetime), #9 (paging parameters), #1 (amounts bounded at input) and #10
 * (concurrent requests with one Idempotency-Key), against the real API, worker, Temporal dev server and PostgreSQL.
 */
describe('probe (issue 12): tokens, paging, amounts and idempotency', () => {
  let h: Harness;
  const { admin, desk, finance } = DEAL_BOOK_ACTORS;
  const { ok, createDeal, tableCounts, count } = dealKit(() => h);

  beforeAll(async () => {
    h = await startHarness(__filename);
    await seedBook(h, ['pi-ae', 'pi-ae2']);
    await createDeal('PI-1', { owner: 'pi-ae' });
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  describe('#7: a token must carry exp, at most 12 hours after iat (after now without iat)', () => {
    const HS256 = { alg: 'HS256', typ: 'JWT' };
    const now = () => Math.floor(Date.now() / 1000);
    const bearer = (claims: object) => ({ authorization: `Bearer ${forgeToken(HS256, { sub: 'tok-admin', roles: ['comp_admin'], ...claims }, TEST_JWT_SECRET)}` });
    const get = (claims: object) => h.http('GET', '/plans', { headers: bearer(claims) });

    it.each([
      ['no exp and no iat', () => ({})],
      ['no exp, with iat', () => ({ iat: now() })],
      ['exp in year 9999', () => ({ iat: now(), exp: 253402300799 })],
      ['exp in year 9999 without iat', () => ({ exp: 253402300799 })],
      ['exp 12 hours and 1 second after iat', () => ({ iat: now(), exp: now() + 12 * 3600 + 1 })],
      ['exp 13 hours from now without iat', () => ({ exp: now() + 13 * 3600 })],
      ['iat a year ahead, exp an hour after it', () => ({ iat: now() + 365 * 86400, exp: now() + 365 * 86400 + 3600 })],
      ['exp a string', () => ({ iat: now(), exp: String(now() + 3600) })],
      ['iat a string', () => ({ iat: 'yesterday', exp: now() + 3600 })],
    ])('%s → 401 UNAUTHENTICATED, nothing written', async (_label, claims) => {
      const before = await tableCounts();
      expectProblem(await get(claims()), 401, 'UNAUTHENTICATED');
      const write = await h.http('POST', '/plans', { headers: bearer(claims()), body: { id: 'TOK-PLAN', effectiveFrom: '2036-01-01', params: {} } });
      expectProblem(write, 401, 'UNAUTHENTICATED');
      expect(await tableCounts()).toEqual(before);
    });

    it.each([
      ['exp exactly 12 hours after iat', () => ({ iat: now(), exp: now() + 12 * 3600 })],
      ['exp an hour from now without iat', () => ({ exp: now() + 3600 })],
      ['iat a few seconds ahead (clock skew)', () => ({ iat: now() + 5, exp: now() + 3600 })],
    ])('%s → accepted', async (_label, claims) => {
      expect((await get(claims())).status).toBe(200);
    });

    it('infra/token.js mints a token the API accepts, with exp at most 12 hours after iat', async () => {
      const token = execFileSync(process.execPath, [join(__dirname, '..', '..', 'infra', 'token.js'), 'cli-admin', 'comp_admin,manager', TEST_JWT_SECRET], { encoding: 'utf8' });
      const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
      expect(claims.exp - claims.iat).toBeLessThanOrEqual(12 * 3600);
      expect((await h.http('GET', '/plans', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    });
  });

  describe('#9: paging parameters are bounded integers (400, never 500)', () => {
    it.each([
      ['/deals?offset=99999999999999999999', admin],
      ['/approvals?offset=99999999999999999999', desk],
      ['/deals?offset=1000001', admin],
      ['/approvals?offset=1000001', desk],
      ['/deals?offset=-1', admin],
      ['/deals?offset=1.5', admin],
      ['/deals?offset=1e300', admin],
      ['/deals?offset=abc', admin],
      ['/deals?limit=0', admin],
      ['/deals?limit=1001', admin],
      ['/approvals?limit=99999999999999999999', desk],
      ['/deals?limit=2.5', admin],
      ['/deals?offset=1&offset=2', admin],
    ])('GET %s → 400 VALIDATION_FAILED', async (path, as) => {
      expectProblem(await h.http('GET', path, { as }), 400, 'VALIDATION_FAILED');
    });

    it('the largest offset and limit are accepted (an empty page)', async () => {
      expect(await ok('GET', '/deals?offset=1000000&limit=1000', admin, undefined, [200])).toEqual([]);
      expect(await ok('GET', '/approvals?offset=1000000&limit=1000', desk, undefined, [200])).toEqual([]);
    });
  });

  describe('#1: money a person enters has at most 12 integer digits (400, nothing written)', () => {
    const rep = (id: string, quarterlyDraw: string) => ({ id, name: id, role: 'AE', hireDate: '2027-01-01', quarterlyDraw, planId: 'LC-2027' });
    const deal = (id: string, tcv: string) => ({
      id, sponsor: 'S', program: 'P', tcv, dealType: 'NEW_BUSINESS', sourcedBy: 'pi-ae', owner: 'pi-ae', sourcedAt: '2027-02-01', splits: [{ repId: 'pi-ae', role: 'AE', share: '1.00' }],
    });
    const expectRefused = async (res: HttpResult, path: string) => {
      expectProblem(res, 400, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([expect.objectContaining({ path, message: expect.stringContaining('12 integer digits') })]);
    };

    it('a rep with quarterlyDraw 9999999999999999.99 (the probe) is refused, and nothing is written', async () => {
      const before = await tableCounts();
      await expectRefused(await h.http('POST', '/reps', { as: admin, body: rep('pi-huge', '9999999999999999.99') }), 'quarterlyDraw');
      await expectRefused(await h.http('POST', '/reps', { as: 'pi-hr:hr', body: rep('pi-huge', '1000000000000.00') }), 'quarterlyDraw');
      expect(await tableCounts()).toEqual(before);
      expectProblem(await h.http('GET', '/reps/pi-huge', { as: admin }), 404, 'NOT_FOUND');
    });

    it('tcv, newTcv, revenue and plan money over 12 integer digits are refused; nothing is written', async () => {
      const before = await tableCounts();
      await expectRefused(await h.http('POST', '/deals', { as: admin, body: deal('PI-HUGE', '1000000000000.00') }), 'tcv');
      await expectRefused(await h.http('POST', '/deals/PI-1/descope', { as: admin, body: { newTcv: '9999999999999.99', reason: 'probe', effectiveDate: '2027-03-01' } }), 'newTcv');
      await expectRefused(await h.http('POST', '/deals/PI-1/revenue', { as: finance, body: { period: '2027-Q2', amount: '9999999999999999.99' } }), 'amount');
      await expectRefused(
        await h.http('POST', '/plans', { as: admin, body: { id: 'PI-PLAN', effectiveFrom: '2036-01-01', params: { designWinAnnualCap: '1000000000000.00' } } }),
        'params.designWinAnnualCap',
      );
      await expectRefused(
        await h.http('POST', '/plans', { as: admin, body: { id: 'PI-PLAN', effectiveFrom: '2036-01-01', params: { quota: { newBusiness: '99999999999999.00', expansion: '1.00' } } } }),
        'params.quota.newBusiness',
      );
      expect(await tableCounts()).toEqual(before);
    });

    it('12 integer digits are accepted', async () => {
      expect(await ok('POST', '/reps', admin, rep('pi-big', '999999999999.99'), [201])).toMatchObject({ quarterlyDraw: '999999999999.99' });
      expect(await ok('POST', '/deals', admin, deal('PI-BIG', '999999999999.99'), [201])).toMatchObject({ tcv: '999999999999.99' });
    });
  });

  describe('#10: concurrent requests with one Idempotency-Key are serialized', () => {
    const artifact = (documentRef: string) => ({ gate: 'G1', documentType: 'AWARD_LETTER', documentRef, effectiveDate: '2027-03-01' });
    const post = (path: string, as: string, key: string, body: unknown) => h.http('POST', path, { as, body, headers: { 'idempotency-key': key } });
    const inFlight = () => count('http_idempotency', 'status_code = 0');

    it('10 simultaneous identical submissions: one approval, ten equal answers', async () => {
      await createDeal('PI-SAME', { owner: 'pi-ae' });
      const answers = await Promise.all(Array.from({ length: 10 }, () => post('/deals/PI-SAME/artifacts', 'pi-ae:rep', 'same-key', artifact('award.pdf'))));
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(202));
      for (const a of answers) expect(a.body).toEqual(answers[0].body);
      expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(9);
      expect(await count('approvals', 'deal_id = $1', ['PI-SAME'])).toBe(1);
      expect(await inFlight()).toBe(0);
    });

    it('10 simultaneous different bodies with one key: one runs, nine get 409 CONFLICT, one approval', async () => {
      await createDeal('PI-DIFF', { owner: 'pi-ae' });
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => post('/deals/PI-DIFF/artifacts', 'pi-ae:rep', 'diff-key', artifact(`award-${i}.pdf`))));
      expect(answers.map((a) => a.status).sort()).toEqual([202, ...Array(9).fill(409)]);
      for (const refused of answers.filter((a) => a.status === 409)) expectProblem(refused, 409, 'CONFLICT');
      const winner = answers.find((a) => a.status === 202)!;
      const rows = await h.dataSource.query(`SELECT approval_id, document_ref FROM approvals WHERE deal_id = 'PI-DIFF'`);
      expect(rows).toEqual([{ approval_id: winner.body.approvalId, document_ref: expect.stringMatching(/^award-\d\.pdf$/) }]);
      // the replay of the winner's body is the winner's answer
      const ref = rows[0].document_ref;
      const replay = await post('/deals/PI-DIFF/artifacts', 'pi-ae:rep', 'diff-key', artifact(ref));
      expect({ status: replay.status, body: replay.body, replayed: replay.headers.get('idempotent-replayed') }).toEqual({ status: 202, body: winner.body, replayed: 'true' });
      expect(await inFlight()).toBe(0);
    });

    it('10 simultaneous identical creates of a plan (no workflow to deduplicate them): one plan, ten equal 201s', async () => {
      const answers = await Promise.all(Array.from({ length: 10 }, () => post('/plans', admin, 'plan-key', { id: 'PI-CONC', effectiveFrom: '2036-01-01', params: {} })));
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
      for (const a of answers) expect(a.body).toEqual(answers[0].body);
      expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(9);
      expect(await count('plans', 'id = $1', ['PI-CONC'])).toBe(1);
    });

    it('a refused request releases its key: the same key then runs a valid request', async () => {
      await createDeal('PI-REL', { owner: 'pi-ae' });
      const before = await tableCounts();
      expectProblem(await post('/deals/PI-REL/artifacts', 'pi-ae:rep', 'rel-key', { ...artifact('x.pdf'), gate: 'G9' }), 422, 'UNKNOWN_GATE');
      expectProblem(await post('/deals/PI-REL/artifacts', 'pi-ae:rep', 'rel-key', { ...artifact('x.pdf'), effectiveDate: 'soon' }), 400, 'VALIDATION_FAILED');
      expect(await tableCounts()).toEqual(before);
      expect((await post('/deals/PI-REL/artifacts', 'pi-ae:rep', 'rel-key', artifact('x.pdf'))).status).toBe(202);
      expect(await count('approvals', 'deal_id = $1', ['PI-REL'])).toBe(1);
      expect(await inFlight()).toBe(0);
    });
  });
});
