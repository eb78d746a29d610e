import { expectProblem } from '../support/api';
import { DEAL_BOOK_ACTORS, dealKit, seedBook } from '../support/deal-book';
import { Harness, startHarness } from '../support/harness';

/**
 * Issue 3, the deal lifecycle of docs/rules.md "Deals and gates" end to end over HTTP against the real dev server and
 * PostgreSQL (moved from deal-lifecycle.test.ts). Descope (only a reduction; retired credit unchanged) and
 * kill/close (pending items rejected, revenue until close). The book is tests/support/deal-book.ts' seedBook.
 */
describe('deal lifecycle (issue 3): descope, kill and close', () => {
  let h: Harness;
  const { admin, desk, finance } = DEAL_BOOK_ACTORS;
  // docs/rules.md "Access scope": a manager acts only on their team, and these reps have none; mgr-1 also holds comp_admin here.
  const manager = 'mgr-1:comp_admin,manager';
  const { ok, createDeal, artifact, submit, bonus, approve, approved, retire, tableCounts, ledger } = dealKit(() => h);

  beforeAll(async () => {
    h = await startHarness(__filename);
    await seedBook(h, ['ds-ae', 'kl-ae']);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('descope: only a reduction is accepted; retired credit is unchanged and the next gate uses the new TCV', async () => {
    await createDeal('LC-DESCOPE', { owner: 'ds-ae', tcv: '2000000.00' });
    const g1 = await retire('LC-DESCOPE', 'ds-ae:rep', 'G1', 'LOI', '2027-04-01');
    expect(g1.gatePostings[0]).toMatchObject({ credit: '400000.00', commission: '16000.00' });
    const g2 = await submit('LC-DESCOPE', 'ds-ae:rep', 'G2', 'SIGNED_WORK_ORDER', '2027-08-01');
    expect((await ok('GET', '/approvals?dealId=LC-DESCOPE', desk))[0]).toMatchObject({ approvalId: g2, amountIfApproved: '600000.00' });

    const before = await tableCounts();
    const same = await h.http('POST', '/deals/LC-DESCOPE/descope', { as: admin, body: { newTcv: '2000000.00', reason: 'no change', effectiveDate: '2027-07-01' } });
    expectProblem(same, 422, 'DESCOPE_NOT_A_REDUCTION');
    expectProblem(await h.http('POST', '/deals/LC-DESCOPE/descope', { as: admin, body: { newTcv: '2500000.00', reason: 'more arms', effectiveDate: '2027-07-01' } }), 422, 'DESCOPE_NOT_A_REDUCTION');
    expectProblem(await h.http('POST', '/deals/LC-DESCOPE/descope', { as: admin, body: { newTcv: '0.00', reason: 'gone', effectiveDate: '2027-07-01' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/deals/LC-DESCOPE/descope', { as: admin, body: { newTcv: 1500000, reason: 'number', effectiveDate: '2027-07-01' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/deals/LC-DESCOPE/descope', { as: 'ds-ae:rep', body: { newTcv: '1500000.00', reason: 'rep', effectiveDate: '2027-07-01' } }), 403, 'FORBIDDEN');
    expect(await tableCounts()).toEqual(before);

    const descoped = await ok('POST', '/deals/LC-DESCOPE/descope', manager, { newTcv: '1500000.00', reason: 'one arm dropped', effectiveDate: '2027-07-01' }, [200]);
    expect(descoped).toMatchObject({ tcv: '1500000.00', originalTcv: '2000000.00', creditRetired: '400000.00' });
    expect(descoped.gates[0]).toMatchObject({ key: 'G1', status: 'RETIRED', credit: '400000.00' });
    // the pending G2 is now worth 0.30 × 1500000
    expect((await ok('GET', '/approvals?dealId=LC-DESCOPE', desk))[0]).toMatchObject({ approvalId: g2, amountIfApproved: '450000.00' });
    expect(descoped.pending[0]).toMatchObject({ approvalId: g2, amountIfApproved: '450000.00' });

    const r2 = await approved(g2);
    expect(r2).toMatchObject({ dealCredit: '450000.00' });
    expect(r2.gatePostings).toEqual([{ repId: 'ds-ae', role: 'AE', share: '1.00', credit: '450000.00', commission: '18000.00' }]);
    // a second descope below the first
    await ok('POST', '/deals/LC-DESCOPE/descope', admin, { newTcv: '1000000.00', reason: 'second arm dropped', effectiveDate: '2027-09-01' }, [200]);
    const g3 = await retire('LC-DESCOPE', 'ds-ae:rep', 'G3', 'SYSTEM_GO_LIVE_RECORD', '2027-10-01');
    expect(g3.gatePostings[0]).toMatchObject({ credit: '250000.00', commission: '10000.00' });

    const deal = await ok('GET', '/deals/LC-DESCOPE', 'ds-ae:rep');
    expect(deal).toMatchObject({ tcv: '1000000.00', originalTcv: '2000000.00', creditRetired: '1100000.00' });
    expect(deal.gates.map((g: any) => g.credit ?? null)).toEqual(['400000.00', '450000.00', '250000.00', null, null]);
    expect(await ledger('LC-DESCOPE')).toEqual([
      ['QUOTA_CREDIT', 'ds-ae', 'G1', '400000.00'],
      ['GATE_COMMISSION', 'ds-ae', 'G1', '16000.00'],
      ['QUOTA_CREDIT', 'ds-ae', 'G2', '450000.00'],
      ['GATE_COMMISSION', 'ds-ae', 'G2', '18000.00'],
      ['QUOTA_CREDIT', 'ds-ae', 'G3', '250000.00'],
      ['GATE_COMMISSION', 'ds-ae', 'G3', '10000.00'],
    ]);
  });

  it('kill: pending items are rejected DEAL_KILLED, nothing more retires, revenue is recorded until close, retired credit never changes', async () => {
    await createDeal('LC-KILL', { owner: 'kl-ae' });
    const rep = 'kl-ae:rep';
    await retire('LC-KILL', rep, 'G1', 'AWARD_LETTER', '2027-04-01');
    const g2 = await submit('LC-KILL', rep, 'G2', 'SIGNED_WORK_ORDER', '2027-06-01');
    const irb = await bonus('LC-KILL', rep, { type: 'IRB_APPROVAL', effectiveDate: '2027-06-02' });
    const retiredLedger = await ledger('LC-KILL');
    expect(retiredLedger).toEqual([
      ['QUOTA_CREDIT', 'kl-ae', 'G1', '200000.00'],
      ['GATE_COMMISSION', 'kl-ae', 'G1', '8000.00'],
    ]);

    expectProblem(await h.http('POST', '/deals/LC-KILL/kill', { as: 'kl-ae:rep', body: { reason: 'x', effectiveDate: '2027-07-01' } }), 403, 'FORBIDDEN');
    // docs/rules.md "Kill by date" (v2): only the items dated on or after the kill are rejected (those dated before it
    // stay pending: tests/e2e/kill-dated.test.ts), so this kill is dated before both pending items.
    const killed = await ok('POST', '/deals/LC-KILL/kill', admin, { reason: 'sponsor terminated the program', effectiveDate: '2027-05-15' }, [200]);
    expect(killed).toMatchObject({ status: 'KILLED', creditRetired: '200000.00', pending: [], killed: { effectiveDate: '2027-05-15', reason: 'sponsor terminated the program' } });
    expect(killed.gates.map((g: any) => [g.key, g.status])).toEqual([
      ['G1', 'RETIRED'],
      ['G2', 'CANCELLED'],
      ['G3', 'CANCELLED'],
      ['G4', 'CANCELLED'],
      ['G5', 'CANCELLED'],
    ]);

    const rejected = await ok('GET', '/approvals?status=REJECTED&dealId=LC-KILL', desk);
    expect(rejected.map((a: any) => [a.approvalId, a.kind, a.status, a.reason, a.decidedBy])).toEqual([
      [g2, 'GATE', 'REJECTED', 'DEAL_KILLED', 'admin-1'],
      [irb, 'BONUS', 'REJECTED', 'DEAL_KILLED', 'admin-1'],
    ]);
    expect(await ok('GET', '/approvals?status=PENDING&dealId=LC-KILL', desk)).toEqual([]);

    const before = await tableCounts();
    // the kill rejected them: they are no longer pending (docs/DECISIONS.md); anything new is DEAL_KILLED
    expectProblem(await approve(g2), 409, 'APPROVAL_NOT_PENDING');
    expectProblem(await approve(irb), 409, 'APPROVAL_NOT_PENDING');
    expectProblem(await h.http('POST', `/approvals/${g2}/reject`, { as: desk, body: { reason: 'late' } }), 409, 'APPROVAL_NOT_PENDING');
    expectProblem(await artifact('LC-KILL', rep, 'G2', 'SIGNED_WORK_ORDER', '2027-08-01'), 409, 'DEAL_KILLED');
    expectProblem(await h.http('POST', '/deals/LC-KILL/bonus-events', { as: rep, body: { type: 'IRB_APPROVAL', evidenceRef: 'x', effectiveDate: '2027-08-01' } }), 409, 'DEAL_KILLED');
    expectProblem(await h.http('POST', '/deals/LC-KILL/descope', { as: admin, body: { newTcv: '10.00', reason: 'x', effectiveDate: '2027-08-01' } }), 409, 'DEAL_KILLED');
    expectProblem(await h.http('POST', '/deals/LC-KILL/kill', { as: admin, body: { reason: 'again', effectiveDate: '2027-08-01' } }), 409, 'DEAL_KILLED');
    expectProblem(await h.http('POST', '/deals/LC-KILL/slip', { as: admin, body: { expectedDate: '2028-01-01', reason: 'x' } }), 409, 'DEAL_KILLED');
    expect(await tableCounts()).toEqual(before);

    // finance still records revenue for delivered work
    expectProblem(await h.http('POST', '/deals/LC-KILL/revenue', { as: admin, body: { period: '2027-Q3', amount: '125000.50' } }), 403, 'FORBIDDEN');
    const revenue = await ok('POST', '/deals/LC-KILL/revenue', finance, { period: '2027-Q3', amount: '125000.50' }, [200]);
    expect(revenue).toMatchObject({ status: 'KILLED', revenueRecognized: '125000.50', creditRetired: '200000.00' });
    await ok('POST', '/deals/LC-KILL/revenue', finance, { period: '2027-Q4', amount: '0.50' }, [200]);
    expect(await h.dataSource.query(`SELECT period, amount::text, recorded_by FROM revenue_entries WHERE deal_id = 'LC-KILL' ORDER BY period`)).toEqual([
      { period: '2027-Q3', amount: '125000.50', recorded_by: 'fin-1' },
      { period: '2027-Q4', amount: '0.50', recorded_by: 'fin-1' },
    ]);

    expectProblem(await h.http('POST', '/deals/LC-KILL/close', { as: admin, body: {} }), 403, 'FORBIDDEN');
    const closed = await ok('POST', '/deals/LC-KILL/close', finance, {}, [200]);
    expect(closed).toMatchObject({ status: 'CLOSED', creditRetired: '200000.00', revenueRecognized: '125001.00' });
    const afterClose = await tableCounts();
    expectProblem(await h.http('POST', '/deals/LC-KILL/revenue', { as: finance, body: { period: '2027-Q4', amount: '1.00' } }), 409, 'DEAL_CLOSED');
    expectProblem(await h.http('POST', '/deals/LC-KILL/close', { as: finance, body: {} }), 409, 'DEAL_CLOSED');
    expectProblem(await artifact('LC-KILL', rep, 'G2', 'SIGNED_WORK_ORDER', '2027-08-01'), 409, 'DEAL_CLOSED');
    expectProblem(await h.http('POST', '/deals/LC-KILL/bonus-events', { as: rep, body: { type: 'IRB_APPROVAL', evidenceRef: 'x', effectiveDate: '2027-08-01' } }), 409, 'DEAL_CLOSED');
    expectProblem(await h.http('POST', '/deals/LC-KILL/kill', { as: admin, body: { reason: 'again', effectiveDate: '2027-08-01' } }), 409, 'DEAL_CLOSED');
    expectProblem(await approve(g2), 409, 'APPROVAL_NOT_PENDING');
    expect(await tableCounts()).toEqual(afterClose);

    const deal = await ok('GET', '/deals/LC-KILL', rep);
    expect(deal).toMatchObject({ status: 'CLOSED', creditRetired: '200000.00', revenueRecognized: '125001.00' });
    expect(deal.gates[0]).toMatchObject({ key: 'G1', status: 'RETIRED', credit: '200000.00' });
    expect(await ledger('LC-KILL')).toEqual(retiredLedger);
    expect((await ok('GET', '/deals?status=CLOSED', admin)).map((d: any) => d.id)).toContain('LC-KILL');
  });
});
