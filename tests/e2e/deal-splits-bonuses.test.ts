import { expectProblem } from '../support/api';
import { DEAL_BOOK_ACTORS, dealKit, seedBook } from '../support/deal-book';
import { Harness, startHarness } from '../support/harness';

/**
 * Issue 3, the deal lifecycle of docs/rules.md "Deals and gates" end to end over HTTP against the real dev server and
 * PostgreSQL (moved from deal-lifecycle.test.ts). Credit splits (per-gate eligibility, rounding once) and design-
 * win bonuses (units, recipients, the annual cap). The book is tests/support/deal-book.ts' seedBook.
 */
describe('deal lifecycle (issue 3): splits and design-win bonuses', () => {
  let h: Harness;
  const { admin, desk } = DEAL_BOOK_ACTORS;
  const { ok, createDeal, bonus, approved, retire, count, tableCounts } = dealKit(() => h);

  beforeAll(async () => {
    h = await startHarness(__filename);
    await seedBook(h, ['sp-ae', 'sp-sl', 'sp-bdr', 'sp-am', 'bn-ae', 'bn-sl', 'ds-ae']);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('splits: per-gate eligibility, each recipient credited weight × tcv × share and paid × rate, each rounded once (half-even)', async () => {
    const splits = [
      { repId: 'sp-ae', role: 'AE', share: '0.50' },
      { repId: 'sp-sl', role: 'SCIENTIFIC_LIAISON', share: '0.30' },
      { repId: 'sp-bdr', role: 'BDR', share: '0.20', gates: ['G1'] },
      { repId: 'sp-am', role: 'ACCOUNT_MANAGER', share: '0.20', gates: ['G2', 'G3', 'G4', 'G5'] },
    ];
    const { deal } = await createDeal('LC-SPLIT', { tcv: '1000001.25', sourcedBy: 'sp-bdr', owner: 'sp-ae', splits });
    expect(deal.splits).toEqual(splits);

    // G1: 0.20 × 1000001.25 = 200000.25; AE 100000.125 → .12 and 4000.005 → 4000.00 (half-even, rounded once)
    const g1 = await retire('LC-SPLIT', 'sp-ae:rep', 'G1', 'AWARD_LETTER', '2027-04-01');
    expect(g1.dealCredit).toBe('200000.25');
    expect(g1.gatePostings).toEqual([
      { repId: 'sp-ae', role: 'AE', share: '0.50', credit: '100000.12', commission: '4000.00' },
      { repId: 'sp-sl', role: 'SCIENTIFIC_LIAISON', share: '0.30', credit: '60000.08', commission: '2400.00' },
      { repId: 'sp-bdr', role: 'BDR', share: '0.20', credit: '40000.05', commission: '1600.00' },
    ]);
    // G2: 0.30 × 1000001.25 = 300000.375 → .38; the BDR is not eligible, the account manager is
    const g2 = await retire('LC-SPLIT', 'sp-sl:rep', 'G2', 'SIGNED_WORK_ORDER', '2027-07-01');
    expect(g2.dealCredit).toBe('300000.38');
    expect(g2.gatePostings).toEqual([
      { repId: 'sp-ae', role: 'AE', share: '0.50', credit: '150000.19', commission: '6000.01' },
      { repId: 'sp-sl', role: 'SCIENTIFIC_LIAISON', share: '0.30', credit: '90000.11', commission: '3600.00' },
      { repId: 'sp-am', role: 'ACCOUNT_MANAGER', share: '0.20', credit: '60000.08', commission: '2400.00' },
    ]);
    const totals = await h.dataSource.query(
      `SELECT rep_id, kind, sum(amount)::text AS total FROM ledger_entries WHERE deal_id = 'LC-SPLIT' GROUP BY rep_id, kind ORDER BY rep_id, kind`,
    );
    expect(totals).toEqual([
      { rep_id: 'sp-ae', kind: 'GATE_COMMISSION', total: '10000.01' },
      { rep_id: 'sp-ae', kind: 'QUOTA_CREDIT', total: '250000.31' },
      { rep_id: 'sp-am', kind: 'GATE_COMMISSION', total: '2400.00' },
      { rep_id: 'sp-am', kind: 'QUOTA_CREDIT', total: '60000.08' },
      { rep_id: 'sp-bdr', kind: 'GATE_COMMISSION', total: '1600.00' },
      { rep_id: 'sp-bdr', kind: 'QUOTA_CREDIT', total: '40000.05' },
      { rep_id: 'sp-sl', kind: 'GATE_COMMISSION', total: '6000.00' },
      { rep_id: 'sp-sl', kind: 'QUOTA_CREDIT', total: '150000.19' },
    ]);
    expect((await ok('GET', '/deals/LC-SPLIT', admin)).creditRetired).toBe('500000.63');
    // the period of each posting is that of the artifact's effectiveDate
    expect(await h.dataSource.query(`SELECT DISTINCT reference, period FROM ledger_entries WHERE deal_id = 'LC-SPLIT' ORDER BY reference`)).toEqual([
      { reference: 'G1', period: '2027-Q2' },
      { reference: 'G2', period: '2027-Q3' },
    ]);
  });

  it('design-win bonuses: unit × quantity, shares to named recipients, the annual cap records the excess as capped, a new year resets', async () => {
    await createDeal('LC-BONUS', {
      owner: 'bn-ae',
      splits: [
        { repId: 'bn-ae', role: 'AE', share: '0.60' },
        { repId: 'bn-sl', role: 'SCIENTIFIC_LIAISON', share: '0.40' },
      ],
    });
    const rep = 'bn-ae:rep';

    const sites = await bonus('LC-BONUS', rep, { type: 'SITE_ACTIVATION', quantity: 3, effectiveDate: '2027-03-10' });
    const queue = await ok('GET', '/approvals?status=PENDING&dealId=LC-BONUS', desk);
    expect(queue).toEqual([
      expect.objectContaining({ approvalId: sites, dealId: 'LC-BONUS', kind: 'BONUS', type: 'SITE_ACTIVATION', quantity: 3, documentType: 'SITE_ACTIVATION', submittedBy: 'bn-ae', amountIfApproved: '75000.00' }),
    ]);
    const s = await approved(sites);
    expect(s).toMatchObject({ status: 'APPROVED', kind: 'BONUS', type: 'SITE_ACTIVATION', period: '2027-Q1' });
    expect(s.bonusPostings).toEqual([{ repId: 'bn-ae', amount: '75000.00', paid: '75000.00', capped: '0.00' }]);

    const irb = await approved(await bonus('LC-BONUS', rep, { type: 'IRB_APPROVAL', recipients: [{ repId: 'bn-ae', share: '0.25' }, { repId: 'bn-sl', share: '0.75' }], effectiveDate: '2027-04-01' }));
    expect(irb.bonusPostings).toEqual([
      { repId: 'bn-ae', amount: '10000.00', paid: '10000.00', capped: '0.00' },
      { repId: 'bn-sl', amount: '30000.00', paid: '30000.00', capped: '0.00' },
    ]);

    // refused recipients / quantities: 400, nothing written
    const before = await tableCounts();
    const shares = await h.http('POST', '/deals/LC-BONUS/bonus-events', { as: rep, body: { type: 'IRB_APPROVAL', recipients: [{ repId: 'bn-ae', share: '0.50' }, { repId: 'bn-sl', share: '0.40' }], evidenceRef: 'x', effectiveDate: '2027-04-02' } });
    expectProblem(shares, 400, 'VALIDATION_FAILED');
    expect(shares.body.errors).toEqual([{ path: 'recipients', message: 'recipients: shares sum to 0.9, not 1' }]);
    const stranger = await h.http('POST', '/deals/LC-BONUS/bonus-events', { as: rep, body: { type: 'IRB_APPROVAL', recipients: [{ repId: 'ds-ae', share: '1.00' }], evidenceRef: 'x', effectiveDate: '2027-04-02' } });
    expectProblem(stranger, 400, 'VALIDATION_FAILED');
    expect(stranger.body.errors).toEqual([{ path: 'recipients', message: 'recipients[0].repId: ds-ae is not a split recipient of the deal' }]);
    expectProblem(await h.http('POST', '/deals/LC-BONUS/bonus-events', { as: rep, body: { type: 'SITE_ACTIVATION', evidenceRef: 'x', effectiveDate: '2027-04-02' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/deals/LC-BONUS/bonus-events', { as: rep, body: { type: 'IRB_APPROVAL', quantity: 2, evidenceRef: 'x', effectiveDate: '2027-04-02' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/deals/LC-BONUS/bonus-events', { as: rep, body: { type: 'SITE_ACTIVATION', quantity: 1.5, evidenceRef: 'x', effectiveDate: '2027-04-02' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/deals/LC-BONUS/bonus-events', { as: rep, body: { type: 'FIRST_DINNER', evidenceRef: 'x', effectiveDate: '2027-04-02' } }), 400, 'VALIDATION_FAILED');
    expect(await tableCounts()).toEqual(before);

    // bn-ae has 85000.00 in 2027: 8 sites (200000.00) → 285000.00; the design-in (50000.00) crosses the cap
    const more = await approved(await bonus('LC-BONUS', rep, { type: 'SITE_ACTIVATION', quantity: 8, effectiveDate: '2027-06-01' }));
    expect(more.bonusPostings).toEqual([{ repId: 'bn-ae', amount: '200000.00', paid: '200000.00', capped: '0.00' }]);
    const crossing = await approved(await bonus('LC-BONUS', rep, { type: 'PROTOCOL_DESIGN_IN', effectiveDate: '2027-09-01' }));
    expect(crossing.bonusPostings).toEqual([{ repId: 'bn-ae', amount: '50000.00', paid: '15000.00', capped: '35000.00' }]);
    // shared: bn-ae is over the cap (nothing paid), bn-sl is not
    const shared = await approved(await bonus('LC-BONUS', rep, { type: 'ACCOUNT_EXPANSION', recipients: [{ repId: 'bn-sl', share: '0.40' }, { repId: 'bn-ae', share: '0.60' }], effectiveDate: '2027-12-31' }));
    expect(shared.bonusPostings).toEqual([
      { repId: 'bn-ae', amount: '60000.00', paid: '0.00', capped: '60000.00' },
      { repId: 'bn-sl', amount: '40000.00', paid: '40000.00', capped: '0.00' },
    ]);
    // a new calendar year starts a new cap
    const nextYear = await approved(await bonus('LC-BONUS', rep, { type: 'PATIENT_ENROLLMENT', quantity: 25, effectiveDate: '2028-01-02' }));
    expect(nextYear).toMatchObject({ period: '2028-Q1' });
    expect(nextYear.bonusPostings).toEqual([{ repId: 'bn-ae', amount: '50000.00', paid: '50000.00', capped: '0.00' }]);

    const rows = await h.dataSource.query(
      `SELECT kind, rep_id, extract(year FROM effective_date)::int AS year, count(*)::int AS n, sum(amount)::text AS total
       FROM ledger_entries WHERE deal_id = 'LC-BONUS' GROUP BY kind, rep_id, year ORDER BY year, rep_id, kind`,
    );
    expect(rows).toEqual([
      { kind: 'DESIGN_WIN_BONUS', rep_id: 'bn-ae', year: 2027, n: 5, total: '300000.00' },
      { kind: 'DESIGN_WIN_CAPPED', rep_id: 'bn-ae', year: 2027, n: 2, total: '95000.00' },
      { kind: 'DESIGN_WIN_BONUS', rep_id: 'bn-sl', year: 2027, n: 2, total: '70000.00' },
      { kind: 'DESIGN_WIN_BONUS', rep_id: 'bn-ae', year: 2028, n: 1, total: '50000.00' },
    ]);
    expect(await h.dataSource.query(`SELECT rep_id, year, paid::text, capped::text FROM design_win_totals WHERE rep_id LIKE 'bn-%' ORDER BY rep_id, year`)).toEqual([
      { rep_id: 'bn-ae', year: 2027, paid: '300000.00', capped: '95000.00' },
      { rep_id: 'bn-ae', year: 2028, paid: '50000.00', capped: '0.00' },
      { rep_id: 'bn-sl', year: 2027, paid: '70000.00', capped: '0.00' },
    ]);
    // bonuses are not quota credit
    expect(await count('ledger_entries', `deal_id = 'LC-BONUS' AND kind IN ('QUOTA_CREDIT', 'GATE_COMMISSION')`)).toBe(0);
  });
});
