import { expectProblem, forgeToken, mintToken } from '../support/api';
import { DEAL_BOOK_ACTORS, dealKit, seedBook } from '../support/deal-book';
import { Harness, startHarness, TEST_JWT_SECRET } from '../support/harness';

/**
 * Issue 3, the deal lifecycle of docs/rules.md "Deals and gates" end to end over HTTP against the real dev server and
 * PostgreSQL (moved from deal-lifecycle.test.ts). Bad input (invalid plan params, split sets that do not sum to 1,
 * malformed bodies and tokens) is refused with problem+json, and nothing is written. The book is
 * tests/support/deal-book.ts' seedBook.
 */
describe('deal lifecycle (issue 3): bad input', () => {
  let h: Harness;
  const { admin, manager, desk, finance } = DEAL_BOOK_ACTORS;
  const { ok, createDeal, tableCounts } = dealKit(() => h);

  beforeAll(async () => {
    h = await startHarness(__filename);
    await seedBook(h, ['sp-ae', 'sp-sl', 'sp-bdr', 'bad-ae']);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('plans: invalid params are 400 VALIDATION_FAILED with errors, and nothing is written', async () => {
    const before = await tableCounts();
    const weights = await h.http('POST', '/plans', {
      as: admin,
      body: {
        id: 'LC-BAD-1',
        effectiveFrom: '2035-01-01',
        params: {
          gates: [
            { key: 'G1', name: 'VERBAL_AWARD', weight: '0.50', artifactTypes: ['AWARD_LETTER'] },
            { key: 'G2', name: 'EXECUTED_CONTRACT', weight: '0.40', artifactTypes: ['SIGNED_WORK_ORDER'] },
          ],
          forecast: { gateProbability: { G1: '0.35', G2: '0.85' }, monthsFromPrevious: { G1: 6, G2: 6 } },
        },
      },
    });
    expectProblem(weights, 400, 'VALIDATION_FAILED');
    expect(weights.body.errors).toEqual([{ path: 'params.gates', message: 'gates: weights must sum to exactly 1 (they sum to 0.9)' }]);

    const number = await h.http('POST', '/plans', { as: admin, body: { id: 'LC-BAD-2', effectiveFrom: '2035-01-01', params: { commissionRate: 0.04 } } });
    expectProblem(number, 400, 'VALIDATION_FAILED');
    expect(number.body.errors).toEqual([expect.objectContaining({ path: 'params.commissionRate' })]);

    const moneyNumber = await h.http('POST', '/plans', { as: admin, body: { id: 'LC-BAD-3', effectiveFrom: '2035-01-01', params: { designWinAnnualCap: 300000 } } });
    expectProblem(moneyNumber, 400, 'VALIDATION_FAILED');
    expect(moneyNumber.body.errors).toEqual([expect.objectContaining({ path: 'params.designWinAnnualCap' })]);

    const unknown = await h.http('POST', '/plans', { as: admin, body: { id: 'LC-BAD-4', effectiveFrom: '2035-01-01', params: { commissionRate: '0.04', clawback: true } } });
    expectProblem(unknown, 400, 'VALIDATION_FAILED');
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'params', message: expect.stringContaining('clawback') })]);

    const forbidden = await h.http('POST', '/plans', { as: manager, body: { id: 'LC-BAD-5', effectiveFrom: '2035-01-01', params: {} } });
    expectProblem(forbidden, 403, 'FORBIDDEN');

    expect(await tableCounts()).toEqual(before);
    for (const id of ['LC-BAD-1', 'LC-BAD-2', 'LC-BAD-3', 'LC-BAD-4', 'LC-BAD-5']) expectProblem(await h.http('GET', `/plans/${id}`, { as: admin }), 404, 'NOT_FOUND');
  });

  it('splits: a split set whose eligible shares do not sum to 1 for some gate is 400 VALIDATION_FAILED naming the gate; nothing is written', async () => {
    const before = await tableCounts();
    const res = await h.http('POST', '/deals', {
      as: admin,
      body: {
        id: 'LC-SPLIT-BAD', sponsor: 'Helix Bio', program: 'bad', tcv: '1000000.00', dealType: 'NEW_BUSINESS', sourcedBy: 'sp-ae', owner: 'sp-ae', sourcedAt: '2027-02-01',
        splits: [
          { repId: 'sp-ae', role: 'AE', share: '0.60' },
          { repId: 'sp-sl', role: 'SCIENTIFIC_LIAISON', share: '0.40' },
          { repId: 'sp-bdr', role: 'BDR', share: '0.50', gates: ['G1'] },
        ],
      },
    });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ path: 'splits', message: 'splits: shares eligible for G1 sum to 1.5, not 1' }]);

    const dup = await h.http('POST', '/deals', {
      as: admin,
      body: {
        id: 'LC-SPLIT-BAD', sponsor: 'Helix Bio', program: 'bad', tcv: '1000000.00', dealType: 'NEW_BUSINESS', sourcedBy: 'sp-ae', owner: 'sp-ae', sourcedAt: '2027-02-01',
        splits: [
          { repId: 'sp-ae', role: 'AE', share: '0.60' },
          { repId: 'sp-sl', role: 'SCIENTIFIC_LIAISON', share: '0.30', gates: ['G2', 'G7'] },
        ],
      },
    });
    expectProblem(dup, 400, 'VALIDATION_FAILED');
    expect(dup.body.errors.map((e: any) => e.message)).toEqual([
      'splits[1].gates: unknown gate G7',
      'splits: shares eligible for G1 sum to 0.6, not 1',
      'splits: shares eligible for G2 sum to 0.9, not 1',
      'splits: shares eligible for G3 sum to 0.6, not 1',
      'splits: shares eligible for G4 sum to 0.6, not 1',
      'splits: shares eligible for G5 sum to 0.6, not 1',
    ]);
    const unknownRep = await h.http('POST', '/deals', {
      as: admin,
      body: {
        id: 'LC-SPLIT-BAD', sponsor: 'Helix Bio', program: 'bad', tcv: '1000000.00', dealType: 'NEW_BUSINESS', sourcedBy: 'sp-ae', owner: 'sp-ae', sourcedAt: '2027-02-01',
        splits: [{ repId: 'nobody', role: 'AE', share: '1.00' }],
      },
    });
    expectProblem(unknownRep, 422, 'UNKNOWN_REP');
    expect(await tableCounts()).toEqual(before);
    expectProblem(await h.http('GET', '/deals/LC-SPLIT-BAD', { as: admin }), 404, 'NOT_FOUND');
  });

  it('bad input is refused with problem+json and nothing is written', async () => {
    await createDeal('LC-BAD', { owner: 'bad-ae' });
    const before = await tableCounts();
    const valid = {
      id: 'LC-BAD-NEW', sponsor: 'Helix Bio', program: 'p', tcv: '1000000.00', dealType: 'NEW_BUSINESS', sourcedBy: 'bad-ae', owner: 'bad-ae',
      sourcedAt: '2027-02-01', splits: [{ repId: 'bad-ae', role: 'AE', share: '1.00' }],
    };

    const noToken = await h.http('POST', '/deals', { body: valid });
    expectProblem(noToken, 401, 'UNAUTHENTICATED');
    const otherSecret = mintToken('not-the-secret', 'admin-1', ['comp_admin']);
    expectProblem(await h.http('POST', '/deals', { body: valid, headers: { authorization: `Bearer ${otherSecret}` } }), 401, 'UNAUTHENTICATED');
    expectProblem(await h.http('POST', '/deals', { body: valid, headers: { authorization: 'Bearer not.a.jwt' } }), 401, 'UNAUTHENTICATED');
    const none = forgeToken({ alg: 'none', typ: 'JWT' }, { sub: 'admin-1', roles: ['comp_admin'], iat: Math.floor(Date.now() / 1000) }, '', 'none');
    expectProblem(await h.http('POST', '/deals', { body: valid, headers: { authorization: `Bearer ${none}` } }), 401, 'UNAUTHENTICATED');
    const expired = mintToken(TEST_JWT_SECRET, 'admin-1', ['comp_admin'], { expiresInSeconds: -60 });
    expectProblem(await h.http('POST', '/deals', { body: valid, headers: { authorization: `Bearer ${expired}` } }), 401, 'UNAUTHENTICATED');
    expectProblem(await h.http('GET', '/deals/LC-BAD', {}), 401, 'UNAUTHENTICATED');

    expectProblem(await h.http('POST', '/deals', { as: admin, raw: '{"id": "LC-BAD-NEW", "tcv": ' }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/deals/LC-BAD/artifacts', { as: 'bad-ae:rep', raw: '{gate: G1}' }), 400, 'VALIDATION_FAILED');

    const number = await h.http('POST', '/deals', { as: admin, body: { ...valid, tcv: 1000000 } });
    expectProblem(number, 400, 'VALIDATION_FAILED');
    expect(number.body.errors).toEqual([expect.objectContaining({ path: 'tcv' })]);
    const share = await h.http('POST', '/deals', { as: admin, body: { ...valid, splits: [{ repId: 'bad-ae', role: 'AE', share: 1 }] } });
    expectProblem(share, 400, 'VALIDATION_FAILED');
    expect(share.body.errors).toEqual([expect.objectContaining({ path: 'splits.0.share' })]);
    const threeDecimals = await h.http('POST', '/deals', { as: admin, body: { ...valid, tcv: '1000000.005' } });
    expectProblem(threeDecimals, 400, 'VALIDATION_FAILED');
    const unknown = await h.http('POST', '/deals', { as: admin, body: { ...valid, discount: '0.10' } });
    expectProblem(unknown, 400, 'VALIDATION_FAILED');
    expect(unknown.body.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('discount') })]);
    expectProblem(await h.http('POST', '/deals', { as: admin, body: { ...valid, sourcedAt: '2027-02-30' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/deals', { as: admin, body: { ...valid, dealType: 'RENEWAL' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/deals/LC-BAD/artifacts', { as: 'bad-ae:rep', body: { gate: 'G1', documentType: 'LOI', documentRef: 'x', effectiveDate: '2027-03-01', amount: 5 } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/deals/LC-BAD/revenue', { as: finance, body: { period: '2027-Q3', amount: 100 } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/deals/LC-BAD/revenue', { as: finance, body: { period: '2027-Q5', amount: '100.00' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/approvals/LC-BAD-A1/approve', { as: desk, body: { note: 42 } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/approvals/LC-BAD-A99/approve', { as: desk, body: {} }), 404, 'NOT_FOUND');
    expectProblem(await h.http('POST', '/deals', { as: manager, raw: 'id=LC-BAD-NEW', headers: { 'content-type': 'text/plain' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');

    expectProblem(await h.http('GET', '/no-such-route', { as: admin }), 404, 'NOT_FOUND');
    expectProblem(await h.http('POST', '/deals/LC-BAD/teleport', { as: admin, body: {} }), 404, 'NOT_FOUND');
    expectProblem(await h.http('POST', '/deals/LC-NOPE/artifacts', { as: admin, body: { gate: 'G1', documentType: 'LOI', documentRef: 'x', effectiveDate: '2027-03-01' } }), 404, 'NOT_FOUND');
    expectProblem(await h.http('POST', '/deals/LC-BAD/kill', { as: 'bad-ae:rep', body: { reason: 'x', effectiveDate: '2027-03-01' } }), 403, 'FORBIDDEN');

    expect(await tableCounts()).toEqual(before);
    expect((await ok('GET', '/deals/LC-BAD', admin)).pending).toEqual([]);
  });
});
