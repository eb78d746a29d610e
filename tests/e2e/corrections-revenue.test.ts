import { expectProblem } from '../support/api';
import { DEAL_BOOK_ACTORS, dealKit, seedBook } from '../support/deal-book';
import { Harness, startHarness } from '../support/harness';

/**
 * Issue 12 finding #5, docs/rules.md "Corrections" (revenue): a negative amount corrects recorded revenue (finance,
 * open period), never below zero in total (422 REVENUE_BELOW_ZERO); trailing is paid on net revenue with a negative
 * carry across the departed rep's trailing periods.
 */
describe('revenue corrections (issue 12 #5)', () => {
  let h: Harness;
  const { finance, admin } = DEAL_BOOK_ACTORS;
  const hr = 'hr-1:hr';
  const { createDeal, tableCounts } = dealKit(() => h);
  const revenue = (dealId: string, period: string, amount: unknown) => h.http('POST', `/deals/${dealId}/revenue`, { as: finance, body: { period, amount } });

  beforeAll(async () => {
    h = await startHarness(__filename);
    await seedBook(h, ['cr-ae', 'cr-owner', 'tr-gone', 'tr-owner']);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('reverses a doubled entry with a negative correction', async () => {
    await createDeal('CR-1', { owner: 'cr-ae' });
    expect((await revenue('CR-1', '2027-Q1', '1000.00')).status).toBe(200);
    expect((await revenue('CR-1', '2027-Q1', '1000.00')).status).toBe(200); // doubled by mistake
    const corrected = await revenue('CR-1', '2027-Q1', '-1000.00');
    expect(corrected.status).toBe(200);
    expect(corrected.body.revenueRecognized).toBe('1000.00');
    const rows = await h.dataSource.query(`SELECT amount::text AS amount FROM revenue_entries WHERE deal_id = 'CR-1' ORDER BY id`);
    expect(rows.map((r: any) => r.amount)).toEqual(['1000.00', '1000.00', '-1000.00']);
  });

  it('refuses a correction that takes the total below zero (422), and zero or malformed amounts (400); nothing is written', async () => {
    const before = await tableCounts();
    expectProblem(await revenue('CR-1', '2027-Q1', '-1000.01'), 422, 'REVENUE_BELOW_ZERO');
    expectProblem(await revenue('CR-1', '2027-Q1', '0.00'), 400, 'VALIDATION_FAILED');
    expectProblem(await revenue('CR-1', '2027-Q1', '-0.00'), 400, 'VALIDATION_FAILED');
    expectProblem(await revenue('CR-1', '2027-Q1', -5), 400, 'VALIDATION_FAILED');
    expectProblem(await revenue('CR-1', '2027-Q1', '--5.00'), 400, 'VALIDATION_FAILED');
    expect(await tableCounts()).toEqual(before);
    expect((await h.ok('GET', '/deals/CR-1', admin)).revenueRecognized).toBe('1000.00');
  });

  it('pays trailing on net revenue: a negative trailing period pays nothing and is carried to the next one', async () => {
    // tr-gone sources the deal; tr-owner owns it (nothing to reassign). Departure 2027-02-15: 2027-Q1 is the
    // departure period, 2027-Q2 is k = 1 (share 1.00), 2027-Q3 is k = 2 (share 0.75).
    await createDeal('TR-1', { owner: 'tr-owner', sourcedBy: 'tr-gone', splits: [{ repId: 'tr-owner', role: 'AE', share: '1.00' }] });
    await h.ok('POST', '/reps/tr-gone/departure', hr, { effectiveDate: '2027-02-15', goodStanding: true, reassignments: [] }, [200, 202]);
    expect((await revenue('TR-1', '2027-Q1', '200000.00')).status).toBe(200); // before the window: no trailing
    await h.ok('POST', '/periods/2027-Q1/close', finance, undefined, [200]);
    expect((await revenue('TR-1', '2027-Q2', '-30000.00')).status).toBe(200);
    const q2 = (await h.ok('POST', '/periods/2027-Q2/close', finance, undefined, [200])).statements.find((s: any) => s.repId === 'tr-gone');
    expect(q2).toMatchObject({ trailingCommission: '0.00', totalPayout: '0.00' });
    expect(q2.lines).toContainEqual(expect.objectContaining({ kind: 'TRAILING_COMMISSION', dealId: 'TR-1', amount: '0.00', note: expect.stringContaining('-30000.00 carried') }));
    expect((await revenue('TR-1', '2027-Q3', '50000.00')).status).toBe(200);
    const q3 = (await h.ok('POST', '/periods/2027-Q3/close', finance, undefined, [200])).statements.find((s: any) => s.repId === 'tr-gone');
    // 0.02 × (50000 − 30000) × 0.75
    expect(q3).toMatchObject({ trailingCommission: '300.00', totalPayout: '300.00' });
    // a correction into a closed period is refused like any event dated there
    expectProblem(await revenue('TR-1', '2027-Q2', '-10.00'), 409, 'PERIOD_CLOSED');
  }, 90_000);
});
