import { expectProblem } from '../support/api';
import { DEAL_BOOK_ACTORS, dealKit, seedBook } from '../support/deal-book';
import { Harness, startHarness } from '../support/harness';

/**
 * Issue 3, the deal lifecycle of docs/rules.md "Deals and gates" end to end over HTTP against the real dev server and
 * PostgreSQL (moved from deal-lifecycle.test.ts). Plans: reference defaults, re-create and publish rules, and a
 * deal pinned to the plan in force on its sourcedAt. The book is tests/support/deal-book.ts' seedBook.
 */
describe('deal lifecycle (issue 3): plans', () => {
  let h: Harness;
  const { admin } = DEAL_BOOK_ACTORS;
  const { ok, createDeal, retire, tableCounts, ledger } = dealKit(() => h);

  beforeAll(async () => {
    h = await startHarness(__filename);
    await seedBook(h, ['pin-ae']);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('plans: params {} take the reference defaults (201); same id and body again is 200; a change after publish is 409 PLAN_PUBLISHED', async () => {
    const created = await h.http('POST', '/plans', { as: admin, body: { id: 'LC-DEFAULTS', effectiveFrom: '2035-01-01', params: {} } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'LC-DEFAULTS', effectiveFrom: '2035-01-01', status: 'DRAFT', publishedAt: null });
    const p = created.body.params;
    expect(p.gates.map((g: any) => [g.key, g.name, g.weight, g.artifactTypes])).toEqual([
      ['G1', 'VERBAL_AWARD', '0.20', ['AWARD_LETTER', 'LOI']],
      ['G2', 'EXECUTED_CONTRACT', '0.30', ['SIGNED_WORK_ORDER']],
      ['G3', 'STUDY_STARTUP', '0.25', ['IRB_APPROVAL_LETTER', 'SYSTEM_GO_LIVE_RECORD']],
      ['G4', 'FIRST_PATIENT_IN', '0.15', ['FIRST_PATIENT_IN_CONFIRMATION']],
      ['G5', 'MID_EXECUTION', '0.10', ['ENROLLMENT_REPORT', 'DATABASE_LOCK_RECORD']],
    ]);
    expect(p).toMatchObject({
      commissionRate: '0.04',
      bonuses: { PROTOCOL_DESIGN_IN: '50000.00', IRB_APPROVAL: '40000.00', SITE_ACTIVATION: '25000.00', PATIENT_ENROLLMENT: '2000.00', ACCOUNT_EXPANSION: '100000.00' },
      designWinAnnualCap: '300000.00',
      draw: { rampQuarters: 4, capQuarters: 2, exitTreatment: 'RECOVER_FROM_TRAILING' },
      retention: { years: [{ year: 2, amount: '100000.00' }, { year: 3, amount: '150000.00' }], gatesTarget: 2 },
      trailing: { rate: '0.02', shares: ['1.00', '0.75', '0.50', '0.25'] },
      quota: { newBusiness: '4000000.00', expansion: '2000000.00' },
      forecast: { gateProbability: { G1: '0.35', G2: '0.85', G3: '0.90', G4: '0.90', G5: '0.95' }, monthsFromPrevious: { G1: 6, G2: 6, G3: 7, G4: 3, G5: 10 } },
    });

    const again = await h.http('POST', '/plans', { as: admin, body: { id: 'LC-DEFAULTS', effectiveFrom: '2035-01-01', params: {} } });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(created.body);

    // a draft with another body is a plain conflict
    expectProblem(await h.http('POST', '/plans', { as: admin, body: { id: 'LC-DEFAULTS', effectiveFrom: '2035-01-01', params: { commissionRate: '0.05' } } }), 409, 'CONFLICT');

    const published = await h.http('POST', '/plans/LC-DEFAULTS/publish', { as: admin });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ id: 'LC-DEFAULTS', status: 'PUBLISHED', publishedAt: expect.any(String) });
    expect((await h.http('POST', '/plans', { as: admin, body: { id: 'LC-DEFAULTS', effectiveFrom: '2035-01-01', params: {} } })).status).toBe(200);

    const before = await tableCounts();
    expectProblem(await h.http('POST', '/plans', { as: admin, body: { id: 'LC-DEFAULTS', effectiveFrom: '2035-01-01', params: { commissionRate: '0.05' } } }), 409, 'PLAN_PUBLISHED');
    expectProblem(await h.http('POST', '/plans', { as: admin, body: { id: 'LC-DEFAULTS', effectiveFrom: '2036-01-01', params: {} } }), 409, 'PLAN_PUBLISHED');
    expect(await tableCounts()).toEqual(before);
    const stored = await ok('GET', '/plans/LC-DEFAULTS', admin);
    expect(stored.params.commissionRate).toBe('0.04');
    expect(stored.effectiveFrom).toBe('2035-01-01');
    // publishing again changes nothing
    expect(await ok('POST', '/plans/LC-DEFAULTS/publish', admin, undefined, [200])).toEqual(stored);
  });

  it('plans: a deal is pinned to the plan in force on sourcedAt and keeps its rate whatever is published later', async () => {
    const a = await createDeal('LC-PIN-A', { owner: 'pin-ae', sourcedAt: '2027-06-01', tcv: '1000000.00' });
    const b = await createDeal('LC-PIN-B', { owner: 'pin-ae', sourcedAt: '2028-02-01', tcv: '1000000.00' });
    expect(a.deal.planId).toBe('LC-2027');
    expect(b.deal.planId).toBe('LC-2028');
    expect((await ok('GET', '/deals/LC-PIN-A', admin)).planId).toBe('LC-2027');

    // G1 of the 2027 deal is approved in 2028, when LC-2028 is in force: still LC-2027's 0.04
    const g1a = await retire('LC-PIN-A', 'pin-ae:rep', 'G1', 'LOI', '2028-03-01');
    expect(g1a).toMatchObject({ status: 'APPROVED', gate: 'G1', period: '2028-Q1', dealCredit: '200000.00' });
    expect(g1a.gatePostings).toEqual([{ repId: 'pin-ae', role: 'AE', share: '1.00', credit: '200000.00', commission: '8000.00' }]);
    const g1b = await retire('LC-PIN-B', 'pin-ae:rep', 'G1', 'AWARD_LETTER', '2028-03-01');
    expect(g1b.gatePostings).toEqual([{ repId: 'pin-ae', role: 'AE', share: '1.00', credit: '200000.00', commission: '10000.00' }]);

    expect(await ledger('LC-PIN-A')).toEqual([
      ['QUOTA_CREDIT', 'pin-ae', 'G1', '200000.00'],
      ['GATE_COMMISSION', 'pin-ae', 'G1', '8000.00'],
    ]);
    expect(await ledger('LC-PIN-B')).toEqual([
      ['QUOTA_CREDIT', 'pin-ae', 'G1', '200000.00'],
      ['GATE_COMMISSION', 'pin-ae', 'G1', '10000.00'],
    ]);
    const list = await ok('GET', '/deals?owner=pin-ae', admin);
    expect(list.map((d: any) => [d.id, d.planId])).toEqual([
      ['LC-PIN-A', 'LC-2027'],
      ['LC-PIN-B', 'LC-2028'],
    ]);
  });
});
