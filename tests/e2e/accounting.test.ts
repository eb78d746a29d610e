import { periodCloseWorkflowId } from '../../libs/contracts';
import { expectProblem } from '../support/api';
import { DEAL_BOOK_ACTORS, dealKit, seedBook } from '../support/deal-book';
import { saveReplayFixture } from '../support/fixtures';
import { Harness, startHarness } from '../support/harness';

/**
 * Issue 14, docs/rules.md "Commission expense (ASC 340-40)" end to end over HTTP (real Temporal, real PostgreSQL): a
 * hand-computed book. Plan LC-2027: commission 0.04, capitalized gates G1, G2 (the default).
 *
 * ACC-LONG: TCV 3000000.00, split acc-ae 0.60 / acc-sl 0.40; revenue over six quarters; descoped to 2400000.00 on
 * 2027-08-01 (recorded in 2027-Q2, so 2027-Q2 still uses 3000000.00: the TCV in force on the period's last day).
 *   G1 2027-02-15: 0.20 × 3000000 × 0.04 = 24000.00 (14400.00 + 9600.00), capitalized in 2027-Q1
 *   G2 2027-05-10: 0.30 × 3000000 × 0.04 = 36000.00 (21600.00 + 14400.00), capitalized in 2027-Q2
 *   G3 2027-09-01: 0.25 × 2400000 × 0.04 = 24000.00, not a capitalized gate: expensed as incurred, not in the asset
 *   period  | A = opening + additions      | revenue    | remaining = TCV − revenue before | amortization = A × revenue / remaining
 *   2027-Q1 | 0 + 24000.00 = 24000.00      | 333333.33  | 3000000.00 − 0         = 3000000.00 | 2666.66664  → 2666.67; closing 21333.33
 *   2027-Q2 | 21333.33 + 36000 = 57333.33  | 500000.00  | 3000000.00 − 333333.33 = 2666666.67 | 10749.99936 → 10750.00; closing 46583.33
 *   2027-Q3 | 46583.33                     | 400000.00  | 2400000.00 − 833333.33 = 1566666.67 | 11893.61614 → 11893.62; closing 34689.71
 *   2027-Q4 | 34689.71                     | 500000.00 − 50000.00 (a correction) = 450000.00 | 2400000.00 − 1233333.33 = 1166666.67 | 13380.31667 → 13380.32; closing 21309.39
 *   2028-Q1 | 21309.39                     | 600000.00  | 2400000.00 − 1683333.33 = 716666.67 | 17840.41945 → 17840.42; closing 3468.97
 *   2028-Q2 | 3468.97                      | 116666.67  | 2400000.00 − 2283333.33 = 116666.67 | remaining ≤ revenue: all 3468.97; closing 0.00
 *
 * ACC-KILL: TCV 1000000.00, acc-kl 1.00; killed 2027-08-15 (revenue for delivered work still recorded after).
 *   2027-Q1 | G1 2027-03-01: 8000.00; A 8000.00 | revenue 100000.00 of 1000000.00 | 800.00; closing 7200.00
 *   2027-Q2 | G2 2027-04-20: 12000.00; A 19200.00 | 150000.00 of 900000.00 | 3200.00; closing 16000.00
 *   2027-Q3 | killed in the period: impairment = A = 16000.00 (revenue 50000.00 does not matter); closing 0.00
 */
describe('commission expense (issue 14): a hand-computed book', () => {
  let h: Harness;
  const { admin, finance } = DEAL_BOOK_ACTORS;
  const { ok, createDeal, retire } = dealKit(() => h);
  const revenue = (dealId: string, period: string, amount: string) => ok('POST', `/deals/${dealId}/revenue`, finance, { period, amount }, [200]);
  const close = (period: string) => ok('POST', `/periods/${period}/close`, finance, undefined, [200]);
  const asset = (period: string, as = finance) => ok('GET', `/accounting/commission-asset?period=${period}`, as, undefined, [200]);
  const journal = (period: string) => ok('GET', `/accounting/journal?period=${period}`, finance, undefined, [200]);
  const row = (dealId: string, opening: string, additions: string, amortization: string, impairment: string, closing: string) => ({ dealId, opening, additions, amortization, impairment, closing });
  const line = (dealId: string, account: string, debit: string, credit: string) => ({ dealId, account, debit, credit, memo: expect.stringContaining(dealId) });
  let q1Report: unknown;
  let q1Journal: unknown;

  beforeAll(async () => {
    h = await startHarness(__filename);
    await seedBook(h, ['acc-ae', 'acc-sl', 'acc-kl']);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('validates accounting.capitalizedGates (known gates, no duplicates) and gives plans without it the default', async () => {
    expectProblem(await h.http('POST', '/plans', { as: admin, body: { id: 'ACC-BAD-1', effectiveFrom: '2029-01-01', params: { accounting: { capitalizedGates: ['G1', 'G1'] } } } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/plans', { as: admin, body: { id: 'ACC-BAD-2', effectiveFrom: '2029-01-01', params: { accounting: { capitalizedGates: ['G7'] } } } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/plans', { as: admin, body: { id: 'ACC-BAD-3', effectiveFrom: '2029-01-01', params: { accounting: { capitalizedGates: 'G1' } } } }), 400, 'VALIDATION_FAILED');
    expect((await ok('GET', '/plans', admin)).map((p: any) => p.id)).not.toContain('ACC-BAD-1');
    expect((await ok('GET', '/plans/LC-2027', admin)).params.accounting).toEqual({ capitalizedGates: ['G1', 'G2'] });
    const custom = await ok('POST', '/plans', admin, { id: 'ACC-G1-ONLY', effectiveFrom: '2029-01-01', params: { accounting: { capitalizedGates: ['G1'] } } }, [201]);
    expect(custom.params.accounting).toEqual({ capitalizedGates: ['G1'] });
  }, 60_000);

  it('2027-Q1: capitalizes G1 commission of both recipients and amortizes with revenue; 409 before the close, 400 on a bad period', async () => {
    await createDeal('ACC-LONG', { owner: 'acc-ae', tcv: '3000000.00', sourcedAt: '2027-01-10', splits: [{ repId: 'acc-ae', role: 'AE', share: '0.60' }, { repId: 'acc-sl', role: 'SCIENTIFIC_LIAISON', share: '0.40' }] });
    await createDeal('ACC-KILL', { owner: 'acc-kl', tcv: '1000000.00', sourcedAt: '2027-01-10' });
    expect((await retire('ACC-LONG', 'acc-ae:rep', 'G1', 'LOI', '2027-02-15')).gatePostings.map((p: any) => p.commission)).toEqual(['14400.00', '9600.00']);
    await retire('ACC-KILL', 'acc-kl:rep', 'G1', 'AWARD_LETTER', '2027-03-01');
    await revenue('ACC-LONG', '2027-Q1', '333333.33');
    await revenue('ACC-KILL', '2027-Q1', '100000.00');

    expectProblem(await h.http('GET', '/accounting/commission-asset?period=2027-Q1', { as: finance }), 409, 'PERIOD_NOT_CLOSED');
    expectProblem(await h.http('GET', '/accounting/journal?period=2027-Q1', { as: finance }), 409, 'PERIOD_NOT_CLOSED');
    for (const bad of ['?period=2027-Q5', '?period=2027Q1', '', '?period=2027-Q1&x=1', '?period=%00']) {
      expectProblem(await h.http('GET', `/accounting/commission-asset${bad}`, { as: finance }), 400, 'VALIDATION_FAILED');
      expectProblem(await h.http('GET', `/accounting/journal${bad}`, { as: finance }), 400, 'VALIDATION_FAILED');
    }
    expectProblem(await h.http('GET', '/accounting/journal?period=2027-Q1', { as: 'acc-ae:rep' }), 403, 'FORBIDDEN');

    await close('2027-Q1');
    q1Report = await asset('2027-Q1');
    expect(q1Report).toEqual({
      period: '2027-Q1',
      deals: [row('ACC-KILL', '0.00', '8000.00', '800.00', '0.00', '7200.00'), row('ACC-LONG', '0.00', '24000.00', '2666.67', '0.00', '21333.33')],
      totals: { opening: '0.00', additions: '32000.00', amortization: '3466.67', impairment: '0.00', closing: '28533.33' },
    });
    expect(await asset('2027-Q1', admin)).toEqual(q1Report);
    q1Journal = await journal('2027-Q1');
    expect(q1Journal).toEqual({
      period: '2027-Q1',
      entries: [
        line('ACC-KILL', 'DEFERRED_COMMISSION', '8000.00', '0.00'),
        line('ACC-KILL', 'COMMISSION_PAYABLE', '0.00', '8000.00'),
        line('ACC-KILL', 'COMMISSION_EXPENSE', '800.00', '0.00'),
        line('ACC-KILL', 'DEFERRED_COMMISSION', '0.00', '800.00'),
        line('ACC-LONG', 'DEFERRED_COMMISSION', '24000.00', '0.00'),
        line('ACC-LONG', 'COMMISSION_PAYABLE', '0.00', '24000.00'),
        line('ACC-LONG', 'COMMISSION_EXPENSE', '2666.67', '0.00'),
        line('ACC-LONG', 'DEFERRED_COMMISSION', '0.00', '2666.67'),
      ],
      totals: { debit: '35466.67', credit: '35466.67' },
    });

    const csv = await h.http('GET', '/accounting/journal?period=2027-Q1', { as: finance, headers: { accept: 'text/csv' } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="commission-journal-2027-Q1.csv"');
    expect(csv.body).toBe(
      [
        'period,account,debit,credit,dealId,memo',
        '2027-Q1,DEFERRED_COMMISSION,8000.00,0.00,ACC-KILL,ACC-KILL 2027-Q1 capitalized commission',
        '2027-Q1,COMMISSION_PAYABLE,0.00,8000.00,ACC-KILL,ACC-KILL 2027-Q1 capitalized commission',
        '2027-Q1,COMMISSION_EXPENSE,800.00,0.00,ACC-KILL,ACC-KILL 2027-Q1 amortization with recognized revenue',
        '2027-Q1,DEFERRED_COMMISSION,0.00,800.00,ACC-KILL,ACC-KILL 2027-Q1 amortization with recognized revenue',
        '2027-Q1,DEFERRED_COMMISSION,24000.00,0.00,ACC-LONG,ACC-LONG 2027-Q1 capitalized commission',
        '2027-Q1,COMMISSION_PAYABLE,0.00,24000.00,ACC-LONG,ACC-LONG 2027-Q1 capitalized commission',
        '2027-Q1,COMMISSION_EXPENSE,2666.67,0.00,ACC-LONG,ACC-LONG 2027-Q1 amortization with recognized revenue',
        '2027-Q1,DEFERRED_COMMISSION,0.00,2666.67,ACC-LONG,ACC-LONG 2027-Q1 amortization with recognized revenue',
        '',
      ].join('\r\n'),
    );
  }, 60_000);

  it('2027-Q2: G2 capitalized; a descope dated in Q3 but recorded now does not change Q2 (TCV in force on the last day)', async () => {
    await retire('ACC-LONG', 'acc-ae:rep', 'G2', 'SIGNED_WORK_ORDER', '2027-05-10');
    await retire('ACC-KILL', 'acc-kl:rep', 'G2', 'SIGNED_WORK_ORDER', '2027-04-20');
    await revenue('ACC-LONG', '2027-Q2', '500000.00');
    await revenue('ACC-KILL', '2027-Q2', '150000.00');
    await ok('POST', '/deals/ACC-LONG/descope', admin, { newTcv: '2400000.00', reason: 'one arm dropped', effectiveDate: '2027-08-01' }, [200]);
    await close('2027-Q2');
    expect(await asset('2027-Q2')).toEqual({
      period: '2027-Q2',
      deals: [row('ACC-KILL', '7200.00', '12000.00', '3200.00', '0.00', '16000.00'), row('ACC-LONG', '21333.33', '36000.00', '10750.00', '0.00', '46583.33')],
      totals: { opening: '28533.33', additions: '48000.00', amortization: '13950.00', impairment: '0.00', closing: '62583.33' },
    });
    expect((await journal('2027-Q2')).totals).toEqual({ debit: '61950.00', credit: '61950.00' });
  }, 60_000);

  it('2027-Q3: the descoped deal expenses faster, an uncapitalized gate adds nothing, the killed deal is impaired', async () => {
    await retire('ACC-LONG', 'acc-ae:rep', 'G3', 'IRB_APPROVAL_LETTER', '2027-09-01');
    await revenue('ACC-LONG', '2027-Q3', '400000.00');
    await ok('POST', '/deals/ACC-KILL/kill', admin, { reason: 'sponsor stopped the trial', effectiveDate: '2027-08-15' }, [200]);
    await revenue('ACC-KILL', '2027-Q3', '50000.00');
    await close('2027-Q3');
    expect(await asset('2027-Q3')).toEqual({
      period: '2027-Q3',
      deals: [row('ACC-KILL', '16000.00', '0.00', '0.00', '16000.00', '0.00'), row('ACC-LONG', '46583.33', '0.00', '11893.62', '0.00', '34689.71')],
      totals: { opening: '62583.33', additions: '0.00', amortization: '11893.62', impairment: '16000.00', closing: '34689.71' },
    });
    expect(await journal('2027-Q3')).toEqual({
      period: '2027-Q3',
      entries: [
        { ...line('ACC-KILL', 'COMMISSION_EXPENSE', '16000.00', '0.00'), memo: 'ACC-KILL 2027-Q3 impairment: deal killed' },
        { ...line('ACC-KILL', 'DEFERRED_COMMISSION', '0.00', '16000.00'), memo: 'ACC-KILL 2027-Q3 impairment: deal killed' },
        line('ACC-LONG', 'COMMISSION_EXPENSE', '11893.62', '0.00'),
        line('ACC-LONG', 'DEFERRED_COMMISSION', '0.00', '11893.62'),
      ],
      totals: { debit: '27893.62', credit: '27893.62' },
    });
    // A close recorded with the commission-asset step, for the replay suite (under REFRESH_FIXTURES=1).
    await saveReplayFixture(h.client, periodCloseWorkflowId('2027-Q3'), 'period-close-commission-asset');
  }, 60_000);

  it('2027-Q4 to 2028-Q3: net revenue after a correction; fully amortized when the revenue reaches the TCV in force', async () => {
    await revenue('ACC-LONG', '2027-Q4', '500000.00');
    await revenue('ACC-LONG', '2027-Q4', '-50000.00');
    await close('2027-Q4');
    expect(await asset('2027-Q4')).toEqual({
      period: '2027-Q4',
      deals: [row('ACC-LONG', '34689.71', '0.00', '13380.32', '0.00', '21309.39')],
      totals: { opening: '34689.71', additions: '0.00', amortization: '13380.32', impairment: '0.00', closing: '21309.39' },
    });
    await revenue('ACC-LONG', '2028-Q1', '600000.00');
    await close('2028-Q1');
    expect((await asset('2028-Q1')).deals).toEqual([row('ACC-LONG', '21309.39', '0.00', '17840.42', '0.00', '3468.97')]);
    await revenue('ACC-LONG', '2028-Q2', '116666.67');
    await close('2028-Q2');
    expect((await asset('2028-Q2')).deals).toEqual([row('ACC-LONG', '3468.97', '0.00', '3468.97', '0.00', '0.00')]);
    expect((await journal('2028-Q2')).totals).toEqual({ debit: '3468.97', credit: '3468.97' });
    await close('2028-Q3');
    expect(await asset('2028-Q3')).toEqual({ period: '2028-Q3', deals: [], totals: { opening: '0.00', additions: '0.00', amortization: '0.00', impairment: '0.00', closing: '0.00' } });
    expect(await journal('2028-Q3')).toEqual({ period: '2028-Q3', entries: [], totals: { debit: '0.00', credit: '0.00' } });
  }, 60_000);

  it('never changes a closed period: later events, a second close and a direct write leave 2027-Q1 as first reported', async () => {
    const again = await close('2027-Q1');
    expect(again.alreadyClosed).toBe(true);
    expect(await asset('2027-Q1')).toEqual(q1Report);
    expect(await journal('2027-Q1')).toEqual(q1Journal);
    const [{ n }] = await h.dataSource.query(`SELECT count(*)::int AS n FROM commission_asset WHERE period = '2027-Q1'`);
    expect(n).toBe(2);
    await expect(h.dataSource.query(`UPDATE commission_asset SET closing = 0 WHERE period = '2027-Q1'`)).rejects.toThrow(/immutable/);
    await expect(h.dataSource.query(`DELETE FROM commission_asset_periods WHERE period = '2027-Q1'`)).rejects.toThrow(/immutable/);
    expectProblem(await h.http('GET', '/accounting/commission-asset?period=2028-Q4', { as: finance }), 409, 'PERIOD_NOT_CLOSED');
  }, 60_000);
});
