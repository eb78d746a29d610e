import { expectProblem } from '../support/api';
import { Harness, startHarness } from '../support/harness';

/**
 * A hand-computed book (as of 2027-09-01), priced through GET /forecast:
 *
 * F-1 plan P1 (p .35/.85/.90/.90/.95, months 6/6/7/3/10, rate .04), TCV 1,000,000, sourced 2027-02-01, no gate retired.
 *     G1 planned 2027-08-01 is before the as-of date, so it is expected 2027-09-01 and the chain continues from there:
 *     G1 2027-09-01 70,000 (best 200,000) · G2 2028-03-01 89,250 · G3 2028-10-01 66,937.50 · G4 2029-01-01 36,146.25 · G5 2029-11-01 22,892.625
 * F-2 plan P1, TCV 2,000,000, sourced 2027-03-01, G1 retired 2027-05-10, G2 artifact pending (effective 2027-06-20).
 *     docs/rules.md "Forecast" (v2): the pending G2 is expected on its artifact's date (2027-Q2 open), not moved to the
 *     as-of date, and counts there in all three figures (worst and best 600,000); the later gates chain from it:
 *     G2 2027-06-20 510,000 · G3 2028-01-20 382,500 · G4 2028-04-20 206,550 · G5 2029-02-20 130,815
 * F-3 plan P2 (p .50/.80/.90/.90/1.00, rate .05), TCV 500,000, sourced 2027-06-15, G1 slipped to 2027-12-20.
 *     G1 2027-12-20 50,000 · G2 2028-06-20 60,000 · G3 2029-01-20 45,000 · G4 2029-04-20 24,300 · G5 2030-02-20 16,200
 * F-4 plan P1, TCV 3,000,000, killed: excluded.
 */
describe('forecast of a hand-computed book', () => {
  let h: Harness;
  const admin = 'admin-f:comp_admin,manager';
  const desk = 'desk-f:deal_desk';

  beforeAll(async () => {
    h = await startHarness(__filename);
    const ok: Harness['ok'] = (...args) => h.ok(...args);
    await ok('POST', '/plans', admin, { id: 'P1', effectiveFrom: '2027-01-01', params: {} });
    await ok('POST', '/plans/P1/publish', admin);
    await ok('POST', '/plans', admin, {
      id: 'P2',
      effectiveFrom: '2027-06-01',
      params: {
        commissionRate: '0.05',
        forecast: {
          gateProbability: { G1: '0.50', G2: '0.80', G3: '0.90', G4: '0.90', G5: '1.00' },
          monthsFromPrevious: { G1: 6, G2: 6, G3: 7, G4: 3, G5: 10 },
        },
      },
    });
    await ok('POST', '/plans/P2/publish', admin);
    await ok('POST', '/reps', admin, { id: 'ae-f1', name: 'Fran', role: 'AE', hireDate: '2027-01-01', quarterlyDraw: '40000.00', planId: 'P1', managerId: 'mgr-f' });
    await ok('POST', '/reps', admin, { id: 'ae-f2', name: 'Gil', role: 'AE', hireDate: '2027-01-01', quarterlyDraw: '40000.00', planId: 'P1', managerId: 'mgr-f' });
    const deal = (id: string, owner: string, tcv: string, sourcedAt: string) =>
      ok('POST', '/deals', admin, { id, sponsor: 'S', program: id, tcv, dealType: 'NEW_BUSINESS', sourcedBy: owner, owner, sourcedAt, splits: [{ repId: owner, role: 'AE', share: '1' }] });
    await deal('F-1', 'ae-f1', '1000000.00', '2027-02-01');
    await deal('F-2', 'ae-f1', '2000000.00', '2027-03-01');
    await deal('F-3', 'ae-f2', '500000.00', '2027-06-15');
    await deal('F-4', 'ae-f2', '3000000.00', '2027-02-01');
    const g1 = await ok('POST', '/deals/F-2/artifacts', 'ae-f1:rep', { gate: 'G1', documentType: 'AWARD_LETTER', documentRef: 'a', effectiveDate: '2027-05-10' });
    await ok('POST', `/approvals/${g1.approvalId}/approve`, desk, {});
    await ok('POST', '/deals/F-2/artifacts', 'ae-f1:rep', { gate: 'G2', documentType: 'SIGNED_WORK_ORDER', documentRef: 'b', effectiveDate: '2027-06-20' });
    await ok('POST', '/deals/F-3/slip', admin, { expectedDate: '2027-12-20', reason: 'sponsor budget' });
    await ok('POST', '/deals/F-4/kill', admin, { reason: 'futility', effectiveDate: '2027-07-01' });
  }, 60_000);
  afterAll(async () => h?.stop(), 60_000);

  const row = (period: string, worst: [string, string], forecast: [string, string], best: [string, string]) => ({
    period,
    worstCase: { credit: worst[0], commission: worst[1] },
    forecast: { credit: forecast[0], commission: forecast[1] },
    bestCase: { credit: best[0], commission: best[1] },
  });
  const zero: [string, string] = ['0.00', '0.00'];

  it('prices every period exactly, pinned deals at their own plan', async () => {
    const res = await h.http('GET', '/forecast?from=2027-Q2&to=2030-Q1&asOf=2027-09-01', { as: admin });
    expect(res.status).toBe(200);
    expect(res.body.periods).toEqual([
      row('2027-Q2', ['600000.00', '24000.00'], ['510000.00', '20400.00'], ['600000.00', '24000.00']),
      row('2027-Q3', zero, ['70000.00', '2800.00'], ['200000.00', '8000.00']),
      row('2027-Q4', zero, ['50000.00', '2500.00'], ['100000.00', '5000.00']),
      row('2028-Q1', zero, ['471750.00', '18870.00'], ['800000.00', '32000.00']),
      row('2028-Q2', zero, ['266550.00', '11262.00'], ['450000.00', '19500.00']),
      row('2028-Q3', zero, zero, zero),
      row('2028-Q4', zero, ['66937.50', '2677.50'], ['250000.00', '10000.00']),
      row('2029-Q1', zero, ['211961.25', '8928.45'], ['475000.00', '20250.00']),
      row('2029-Q2', zero, ['24300.00', '1215.00'], ['75000.00', '3750.00']),
      row('2029-Q3', zero, zero, zero),
      row('2029-Q4', zero, ['22892.62', '915.70'], ['100000.00', '4000.00']),
      row('2030-Q1', zero, ['16200.00', '810.00'], ['50000.00', '2500.00']),
    ]);
  });

  it('filters by owner', async () => {
    const res = await h.http('GET', '/forecast?from=2027-Q4&to=2027-Q4&owner=ae-f2&asOf=2027-09-01', { as: admin });
    expect(res.body.periods).toEqual([row('2027-Q4', zero, ['50000.00', '2500.00'], ['100000.00', '5000.00'])]);
  });

  it('answers from a fresh computation as soon as the book changes', async () => {
    const q4 = () => h.ok('GET', '/forecast?from=2027-Q4&to=2028-Q1&owner=ae-f2&asOf=2027-09-01', admin);
    expect((await q4()).periods.map((p: any) => p.forecast.credit)).toEqual(['50000.00', '0.00']);
    await h.ok('POST', '/deals/F-3/slip', admin, { expectedDate: '2028-01-05', reason: 'site contracts late' });
    expect((await q4()).periods.map((p: any) => p.forecast.credit)).toEqual(['0.00', '50000.00']);
    await h.ok('POST', '/deals/F-3/slip', admin, { expectedDate: '2027-12-20', reason: 'back on plan' });
    expect((await q4()).periods.map((p: any) => p.forecast.credit)).toEqual(['50000.00', '0.00']);
  });

  it('refuses bad ranges and roles', async () => {
    expectProblem(await h.http('GET', '/forecast?from=2028-Q1&to=2027-Q1', { as: admin }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('GET', '/forecast?from=2028-Q5', { as: admin }), 400);
    expectProblem(await h.http('GET', '/forecast', { as: 'ae-f1:rep' }), 403, 'FORBIDDEN');
  });

  it('lists a rep portfolio by phase with the next gate date', async () => {
    const res = await h.http('GET', '/reps/ae-f1/portfolio?asOf=2027-09-01', { as: 'ae-f1:rep' });
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(res.body.deals.map((d: any) => [d.dealId, d]));
    expect(byId['F-1']).toMatchObject({ phase: 'SOURCED', creditRetired: '0.00', creditRemaining: '1000000.00', nextGate: 'G1', nextGateExpectedDate: '2027-09-01' });
    expect(byId['F-2']).toMatchObject({ phase: 'VERBAL_AWARD', creditRetired: '400000.00', creditRemaining: '1600000.00', repCreditRetired: '400000.00', nextGate: 'G2', nextGateExpectedDate: '2027-06-20', pending: true });
    expect(res.body.phases).toEqual(
      expect.arrayContaining([
        { phase: 'SOURCED', deals: 1, creditRetired: '0.00', creditRemaining: '1000000.00' },
        { phase: 'VERBAL_AWARD', deals: 1, creditRetired: '400000.00', creditRemaining: '1600000.00' },
      ]),
    );
    expect((await h.http('GET', '/reps/ae-f1/portfolio', { as: 'ae-f2:rep' })).status).toBe(404);
  });

  it('rolls the team up for the manager', async () => {
    const res = await h.http('GET', '/managers/mgr-f/team?year=2027&asOf=2027-09-01', { as: 'mgr-f:manager' });
    expect(res.status).toBe(200);
    expect(res.body.reps.map((r: any) => r.repId)).toEqual(['ae-f1', 'ae-f2']);
    expect(res.body.reps[0].attainment).toMatchObject({ rampFactor: '0.40', quota: { newBusiness: '1600000.00', expansion: '800000.00' }, credit: { newBusiness: '400000.00', expansion: '0.00' }, attainment: { newBusiness: '0.2500' } });
    // next four quarters 2027-Q3..2028-Q2 of ae-f1: 70000 + 89250 + 382500 + 206550 (F-2's pending G2 counts in 2027-Q2)
    expect(res.body.reps[0].forecastNext4Quarters).toMatchObject({ from: '2027-Q3', to: '2028-Q2', forecast: '748300.00' });
    expect(res.body.totals.credit.newBusiness).toBe('400000.00');
    expect((await h.http('GET', '/managers/mgr-f/team', { as: 'mgr-other:manager' })).status).toBe(403);
  });

  it('snapshots the forecast at each period close and tracks its accuracy', async () => {
    // Closing 2027-Q1 snapshots 2027-Q2..2028-Q1 as of 2027-04-01: F-2's pending G2 (dated 2027-06-20) is forecast in Q2
    // at 510,000 (best and worst case 600,000), and F-2's G1 retired 400,000 in Q2. Closing Q2 makes that comparison final.
    for (const p of ['2027-Q1', '2027-Q2']) expect((await h.http('POST', `/periods/${p}/close`, { as: 'fin-f:finance', body: {} })).status).toBe(200);
    const [{ n }] = await h.dataSource.query(`SELECT count(*)::int AS n FROM forecast_snapshots WHERE taken_at_period = '2027-Q1'`);
    expect(n).toBe(4 * 3); // four target periods × (ae-f1, ae-f2, whole book)
    const book = await h.http('GET', '/forecast/accuracy', { as: admin });
    expect(book.status).toBe(200);
    expect(book.body).toEqual([
      { owner: '*', snapshotAt: '2027-Q1', period: '2027-Q2', forecastCredit: '510000.00', bestCaseCredit: '600000.00', worstCaseCredit: '600000.00', actualCredit: '400000.00', error: '-110000.00', accuracy: '0.7843' },
    ]);
    const byOwner = await h.http('GET', '/forecast/accuracy?owner=ae-f2', { as: admin });
    expect(byOwner.body).toEqual([
      { owner: 'ae-f2', snapshotAt: '2027-Q1', period: '2027-Q2', forecastCredit: '0.00', bestCaseCredit: '0.00', worstCaseCredit: '0.00', actualCredit: '0.00', error: '0.00', accuracy: null },
    ]);
  }, 60_000);
});
