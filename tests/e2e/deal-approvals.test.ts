import { expectProblem } from '../support/api';
import { DEAL_BOOK_ACTORS, dealKit, seedBook } from '../support/deal-book';
import { Harness, startHarness } from '../support/harness';

/**
 * Issue 3, the deal lifecycle of docs/rules.md "Deals and gates" end to end over HTTP against the real dev server and
 * PostgreSQL (moved from deal-lifecycle.test.ts). Approvals: segregation of duties, gates retiring in order, and
 * idempotent commands (a repeated approval posts once). The book is tests/support/deal-book.ts' seedBook.
 */
describe('deal lifecycle (issue 3): approvals', () => {
  let h: Harness;
  const { admin, desk } = DEAL_BOOK_ACTORS;
  const { ok, createDeal, artifact, submit, approve, approved, retire, count, tableCounts, ledger, approvalRow } = dealKit(() => h);

  beforeAll(async () => {
    h = await startHarness(__filename);
    await seedBook(h, ['sod-src', 'sod-own', 'sod-split', 'ord-ae', 'ls-a', 'idem-ae', 'idem-sl']);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('segregation of duties: the submitter, sourcedBy, owner and split recipients may not decide; deal_desk is required', async () => {
    await createDeal('LC-SOD', {
      sourcedBy: 'sod-src',
      owner: 'sod-own',
      splits: [
        { repId: 'sod-own', role: 'AE', share: '0.70' },
        { repId: 'sod-split', role: 'SCIENTIFIC_LIAISON', share: '0.30' },
      ],
    });
    // v2 "Access scope": a manager submits only on their team's deals, so the submitter on the desk is a comp admin.
    const approvalId = await submit('LC-SOD', 'sod-mgr:comp_admin,deal_desk', 'G1', 'AWARD_LETTER', '2027-05-01');
    const before = await tableCounts();

    const refusals: Array<[string, string, RegExp]> = [
      ['sod-mgr:comp_admin,deal_desk', 'SEGREGATION_OF_DUTIES', /submitted/],
      ['sod-src:rep,deal_desk', 'SEGREGATION_OF_DUTIES', /sourced/],
      ['sod-own:rep,deal_desk', 'SEGREGATION_OF_DUTIES', /owns/],
      ['sod-split:rep,deal_desk', 'SEGREGATION_OF_DUTIES', /credit-split recipient/],
    ];
    for (const [as, code, detail] of refusals) {
      const res = await approve(approvalId, as, { note: 'looks fine to me' });
      expectProblem(res, 403, code);
      expect(res.body.detail).toMatch(detail);
      expectProblem(await h.http('POST', `/approvals/${approvalId}/reject`, { as, body: { reason: 'no' } }), 403, code);
    }
    for (const as of ['desk-2:rep', 'desk-3:manager,comp_admin,finance']) {
      expectProblem(await approve(approvalId, as), 403, 'FORBIDDEN');
      expectProblem(await h.http('POST', `/approvals/${approvalId}/reject`, { as, body: { reason: 'no' } }), 403, 'FORBIDDEN');
    }
    expect(await tableCounts()).toEqual(before);
    expect(await approvalRow(approvalId)).toEqual({ status: 'PENDING', decided_by: null, decision_reason: null });
    expect(await ledger('LC-SOD')).toEqual([]);
    expect((await ok('GET', '/deals/LC-SOD', admin)).gates[0]).toMatchObject({ key: 'G1', status: 'PENDING' });

    const res = await approve(approvalId, 'desk-9:deal_desk', { note: 'award letter checked' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ approvalId, dealId: 'LC-SOD', status: 'APPROVED', kind: 'GATE', gate: 'G1', period: '2027-Q2', decidedBy: 'desk-9', dealCredit: '200000.00' });
    expect(res.body.gatePostings).toEqual([
      { repId: 'sod-own', role: 'AE', share: '0.70', credit: '140000.00', commission: '5600.00' },
      { repId: 'sod-split', role: 'SCIENTIFIC_LIAISON', share: '0.30', credit: '60000.00', commission: '2400.00' },
    ]);
    expect(await ledger('LC-SOD')).toEqual([
      ['QUOTA_CREDIT', 'sod-own', 'G1', '140000.00'],
      ['GATE_COMMISSION', 'sod-own', 'G1', '5600.00'],
      ['QUOTA_CREDIT', 'sod-split', 'G1', '60000.00'],
      ['GATE_COMMISSION', 'sod-split', 'G1', '2400.00'],
    ]);
    expect(await approvalRow(approvalId)).toEqual({ status: 'APPROVED', decided_by: 'desk-9', decision_reason: 'award letter checked' });
  });

  it('gates retire in order: out of order 409, a second pending artifact 409, a wrong document 422, a rejected artifact may be resubmitted', async () => {
    await createDeal('LC-ORDER', { owner: 'ord-ae' });
    const rep = 'ord-ae:rep';
    let before = await tableCounts();
    expectProblem(await artifact('LC-ORDER', rep, 'G2', 'SIGNED_WORK_ORDER', '2027-04-01'), 409, 'GATE_OUT_OF_ORDER');
    expectProblem(await artifact('LC-ORDER', rep, 'G1', 'SIGNED_WORK_ORDER', '2027-04-01'), 422, 'ARTIFACT_TYPE_NOT_ALLOWED');
    expectProblem(await artifact('LC-ORDER', rep, 'G9', 'LOI', '2027-04-01'), 422, 'UNKNOWN_GATE');
    expectProblem(await artifact('LC-ORDER', rep, 'G1', 'LOI', '2027-01-15'), 400, 'VALIDATION_FAILED'); // before sourcedAt
    expectProblem(await artifact('LC-ORDER', 'ls-a:rep', 'G1', 'LOI', '2027-04-01'), 404, 'NOT_FOUND'); // not on the deal
    expect(await tableCounts()).toEqual(before);

    const first = await submit('LC-ORDER', rep, 'G1', 'LOI', '2027-04-01');
    expect(first).toBe('LC-ORDER-A1');
    before = await tableCounts();
    expectProblem(await artifact('LC-ORDER', rep, 'G1', 'AWARD_LETTER', '2027-04-02'), 409, 'ARTIFACT_PENDING');
    expectProblem(await artifact('LC-ORDER', rep, 'G2', 'SIGNED_WORK_ORDER', '2027-04-02'), 409, 'GATE_OUT_OF_ORDER');
    expect(await tableCounts()).toEqual(before);

    const rejected = await h.http('POST', `/approvals/${first}/reject`, { as: desk, body: { reason: 'LOI is unsigned' } });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ approvalId: first, status: 'REJECTED', kind: 'GATE', gate: 'G1', decidedBy: 'desk-1', reason: 'LOI is unsigned' });
    expect(await approvalRow(first)).toEqual({ status: 'REJECTED', decided_by: 'desk-1', decision_reason: 'LOI is unsigned' });
    expect((await ok('GET', '/deals/LC-ORDER', rep)).gates[0]).toMatchObject({ key: 'G1', status: 'OPEN' });
    expectProblem(await approve(first), 409, 'APPROVAL_NOT_PENDING');

    const second = await submit('LC-ORDER', rep, 'G1', 'AWARD_LETTER', '2027-04-10');
    expect(second).toBe('LC-ORDER-A2');
    const g1 = await approved(second);
    expect(g1.gatePostings).toEqual([{ repId: 'ord-ae', role: 'AE', share: '1.00', credit: '200000.00', commission: '8000.00' }]);
    expectProblem(await artifact('LC-ORDER', rep, 'G1', 'LOI', '2027-05-01'), 409, 'GATE_ALREADY_RETIRED');
    expectProblem(await artifact('LC-ORDER', rep, 'G3', 'IRB_APPROVAL_LETTER', '2027-05-01'), 409, 'GATE_OUT_OF_ORDER');
    const g2 = await retire('LC-ORDER', rep, 'G2', 'SIGNED_WORK_ORDER', '2027-05-01');
    expect(g2.gatePostings[0]).toMatchObject({ credit: '300000.00', commission: '12000.00' });

    const deal = await ok('GET', '/deals/LC-ORDER', rep);
    expect(deal.gates.map((g: any) => [g.key, g.status, g.retiredAt ?? null, g.credit ?? null])).toEqual([
      ['G1', 'RETIRED', '2027-04-10', '200000.00'],
      ['G2', 'RETIRED', '2027-05-01', '300000.00'],
      ['G3', 'OPEN', null, null],
      ['G4', 'OPEN', null, null],
      ['G5', 'OPEN', null, null],
    ]);
    expect(deal.creditRetired).toBe('500000.00');
    expect(await count('ledger_entries', 'deal_id = $1', ['LC-ORDER'])).toBe(4);
  });

  it('idempotency: a repeated approval with the same key is replayed and posts once; another body is 409; POST /deals is 200/409', async () => {
    const { body: dealBody } = await createDeal('LC-IDEM', {
      owner: 'idem-ae',
      splits: [
        { repId: 'idem-ae', role: 'AE', share: '0.50' },
        { repId: 'idem-sl', role: 'SCIENTIFIC_LIAISON', share: '0.50' },
      ],
    });
    const again = await h.http('POST', '/deals', { as: admin, body: dealBody });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: 'LC-IDEM', planId: 'LC-2027', status: 'ACTIVE', tcv: '1000000.00' });
    const before = await tableCounts();
    expectProblem(await h.http('POST', '/deals', { as: admin, body: { ...dealBody, tcv: '2000000.00' } }), 409, 'CONFLICT');
    expect(await tableCounts()).toEqual(before);

    const submitKey = { 'idempotency-key': 'idem-submit-1' };
    const artifactBody = { gate: 'G1', documentType: 'LOI', documentRef: 'loi.pdf', effectiveDate: '2027-03-01' };
    const s1 = await h.http('POST', '/deals/LC-IDEM/artifacts', { as: 'idem-ae:rep', body: artifactBody, headers: submitKey });
    const s2 = await h.http('POST', '/deals/LC-IDEM/artifacts', { as: 'idem-ae:rep', body: artifactBody, headers: submitKey });
    expect([s1.status, s2.status]).toEqual([202, 202]);
    expect(s2.body).toEqual(s1.body);
    expect(s2.headers.get('idempotent-replayed')).toBe('true');
    expect(await count('approvals', 'deal_id = $1', ['LC-IDEM'])).toBe(1);

    const key = { 'idempotency-key': 'idem-approve-1' };
    const a1 = await approve(s1.body.approvalId, desk, { note: 'ok' }, key);
    const a2 = await approve(s1.body.approvalId, desk, { note: 'ok' }, key);
    expect([a1.status, a2.status]).toEqual([200, 200]);
    expect(a1.headers.get('idempotent-replayed')).toBeNull();
    expect(a2.headers.get('idempotent-replayed')).toBe('true');
    expect(a2.body).toEqual(a1.body);
    expect(a1.body.gatePostings).toEqual([
      { repId: 'idem-ae', role: 'AE', share: '0.50', credit: '100000.00', commission: '4000.00' },
      { repId: 'idem-sl', role: 'SCIENTIFIC_LIAISON', share: '0.50', credit: '100000.00', commission: '4000.00' },
    ]);

    const afterApproval = await tableCounts();
    expectProblem(await approve(s1.body.approvalId, desk, { note: 'changed my mind' }, key), 409, 'CONFLICT');
    expectProblem(await approve(s1.body.approvalId, desk, { note: 'ok' }, { 'idempotency-key': 'idem-approve-2' }), 409, 'APPROVAL_NOT_PENDING');
    expectProblem(await approve(s1.body.approvalId, 'desk-2:deal_desk', { note: 'ok' }), 409, 'APPROVAL_NOT_PENDING');
    expect(await tableCounts()).toEqual(afterApproval);

    const rows = await h.dataSource.query(
      `SELECT kind, rep_id, count(*)::int AS n, sum(amount)::text AS total FROM ledger_entries WHERE deal_id = 'LC-IDEM' GROUP BY kind, rep_id ORDER BY kind, rep_id`,
    );
    expect(rows).toEqual([
      { kind: 'GATE_COMMISSION', rep_id: 'idem-ae', n: 1, total: '4000.00' },
      { kind: 'GATE_COMMISSION', rep_id: 'idem-sl', n: 1, total: '4000.00' },
      { kind: 'QUOTA_CREDIT', rep_id: 'idem-ae', n: 1, total: '100000.00' },
      { kind: 'QUOTA_CREDIT', rep_id: 'idem-sl', n: 1, total: '100000.00' },
    ]);
    expect(await count('gate_retirements', `deal_id = 'LC-IDEM'`)).toBe(1);

    // a replayed create answers with the deal as it is now, not as it was created
    const replayed = await h.http('POST', '/deals', { as: admin, body: dealBody });
    expect(replayed.status).toBe(200);
    expect(replayed.body).toMatchObject({ id: 'LC-IDEM', creditRetired: '200000.00' });
  });
});
