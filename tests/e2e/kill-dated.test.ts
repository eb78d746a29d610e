import { expectProblem } from '../support/api';
import { DEAL_BOOK_ACTORS, dealKit, seedBook } from '../support/deal-book';
import { Harness, startHarness } from '../support/harness';

/**
 * docs/rules.md "Kill by date" (v2), end to end over HTTP against the real dev server and PostgreSQL: an artifact or bonus
 * event dated before a kill proves something that happened while the trial was alive, so it may still be submitted and
 * approved after the kill is recorded; one dated on or after it is refused or rejected DEAL_KILLED; a kill dated on or
 * before what already retired is refused; closing the deal stays final.
 */
describe('kill by business date (issue 12)', () => {
  let h: Harness;
  const { admin, desk, finance } = DEAL_BOOK_ACTORS;
  const rep = 'kd-ae:rep';
  const { ok, createDeal, artifact, submit, bonus, approve, approved, retire, tableCounts, ledger } = dealKit(() => h);

  beforeAll(async () => {
    h = await startHarness(__filename);
    await seedBook(h, ['kd-ae']);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('items dated before the kill stay pending and are approved after it; those dated on or after it are rejected DEAL_KILLED', async () => {
    await createDeal('KD-1', { owner: 'kd-ae' });
    await retire('KD-1', rep, 'G1', 'AWARD_LETTER', '2027-04-01');
    const g2 = await submit('KD-1', rep, 'G2', 'SIGNED_WORK_ORDER', '2027-06-01');
    const irbBefore = await bonus('KD-1', rep, { type: 'IRB_APPROVAL', effectiveDate: '2027-06-20' });
    const irbAfter = await bonus('KD-1', rep, { type: 'IRB_APPROVAL', effectiveDate: '2027-07-01' });

    const killed = await ok('POST', '/deals/KD-1/kill', admin, { reason: 'sponsor terminated the program', effectiveDate: '2027-07-01' }, [200]);
    expect(killed).toMatchObject({ status: 'KILLED', creditRetired: '200000.00', killed: { effectiveDate: '2027-07-01' } });
    expect(killed.pending.map((p: any) => p.approvalId)).toEqual([g2, irbBefore]);
    expect(killed.gates.map((g: any) => g.status)).toEqual(['RETIRED', 'PENDING', 'CANCELLED', 'CANCELLED', 'CANCELLED']);
    const rejected = await ok('GET', '/approvals?status=REJECTED&dealId=KD-1', desk);
    expect(rejected.map((a: any) => [a.approvalId, a.reason])).toEqual([[irbAfter, 'DEAL_KILLED']]);
    expect((await ok('GET', '/approvals?status=PENDING&dealId=KD-1', desk)).map((a: any) => a.approvalId)).toEqual([g2, irbBefore]);

    // the rejected one can no longer be decided; nothing dated on or after the kill is accepted
    const before = await tableCounts();
    expectProblem(await approve(irbAfter), 409, 'APPROVAL_NOT_PENDING');
    expectProblem(await artifact('KD-1', rep, 'G3', 'IRB_APPROVAL_LETTER', '2027-07-01'), 409, 'DEAL_KILLED');
    expectProblem(await h.http('POST', '/deals/KD-1/bonus-events', { as: rep, body: { type: 'IRB_APPROVAL', evidenceRef: 'x', effectiveDate: '2027-07-01' } }), 409, 'DEAL_KILLED');
    expectProblem(await h.http('POST', '/deals/KD-1/descope', { as: admin, body: { newTcv: '10.00', reason: 'x', effectiveDate: '2027-06-15' } }), 409, 'DEAL_KILLED');
    expect(await tableCounts()).toEqual(before);

    // docs/rules.md "Forecast" (v2): the gate still pending on the killed deal, dated before the kill, is in the worst case only
    const forecast = await ok('GET', '/forecast?from=2027-Q2&to=2027-Q3&owner=kd-ae&asOf=2027-07-15', admin);
    expect(forecast.periods.map((p: any) => [p.period, p.worstCase.credit, p.worstCase.commission, p.forecast.credit, p.bestCase.credit])).toEqual([
      ['2027-Q2', '300000.00', '12000.00', '0.00', '0.00'],
      ['2027-Q3', '0.00', '0.00', '0.00', '0.00'],
    ]);

    // what was pending and dated before the kill is approved after it, at the figures it had
    expect(await approved(g2)).toMatchObject({ status: 'APPROVED', dealCredit: '300000.00', gatePostings: [{ repId: 'kd-ae', credit: '300000.00', commission: '12000.00' }] });
    const irb = await approved(irbBefore);
    expect(irb.bonusPostings.map((p: any) => [p.repId, p.amount])).toEqual([['kd-ae', '40000.00']]);
    // and a gate proven before the kill may be submitted after it
    const g3 = await retire('KD-1', rep, 'G3', 'IRB_APPROVAL_LETTER', '2027-06-30');
    expect(g3).toMatchObject({ dealCredit: '250000.00' });
    expectProblem(await artifact('KD-1', rep, 'G4', 'FIRST_PATIENT_IN_CONFIRMATION', '2027-07-02'), 409, 'DEAL_KILLED');

    const deal = await ok('GET', '/deals/KD-1', rep);
    expect(deal).toMatchObject({ status: 'KILLED', creditRetired: '750000.00', pending: [] });
    expect(deal.gates.map((g: any) => [g.key, g.status, g.retiredAt ?? null])).toEqual([
      ['G1', 'RETIRED', '2027-04-01'],
      ['G2', 'RETIRED', '2027-06-01'],
      ['G3', 'RETIRED', '2027-06-30'],
      ['G4', 'CANCELLED', null],
      ['G5', 'CANCELLED', null],
    ]);
    expect(await ledger('KD-1')).toEqual([
      ['QUOTA_CREDIT', 'kd-ae', 'G1', '200000.00'],
      ['GATE_COMMISSION', 'kd-ae', 'G1', '8000.00'],
      ['QUOTA_CREDIT', 'kd-ae', 'G2', '300000.00'],
      ['GATE_COMMISSION', 'kd-ae', 'G2', '12000.00'],
      ['DESIGN_WIN_BONUS', 'kd-ae', `IRB_APPROVAL:${irbBefore}`, '40000.00'],
      ['QUOTA_CREDIT', 'kd-ae', 'G3', '250000.00'],
      ['GATE_COMMISSION', 'kd-ae', 'G3', '10000.00'],
    ]);

    // closing stays final: pending items are rejected DEAL_CLOSED and nothing more is recorded, whatever its date
    const pendingAtClose = await submit('KD-1', rep, 'G4', 'FIRST_PATIENT_IN_CONFIRMATION', '2027-06-30');
    await ok('POST', '/deals/KD-1/close', finance, {}, [200]);
    expect((await ok('GET', '/approvals?status=REJECTED&dealId=KD-1', desk)).find((a: any) => a.approvalId === pendingAtClose)).toMatchObject({ reason: 'DEAL_CLOSED' });
    const afterClose = await tableCounts();
    expectProblem(await approve(pendingAtClose), 409, 'APPROVAL_NOT_PENDING');
    expectProblem(await artifact('KD-1', rep, 'G4', 'FIRST_PATIENT_IN_CONFIRMATION', '2027-06-30'), 409, 'DEAL_CLOSED');
    expectProblem(await h.http('POST', '/deals/KD-1/bonus-events', { as: rep, body: { type: 'IRB_APPROVAL', evidenceRef: 'x', effectiveDate: '2027-06-30' } }), 409, 'DEAL_CLOSED');
    expect(await tableCounts()).toEqual(afterClose);
  });

  it('a kill dated on or before a retired gate or an approved bonus event is refused KILL_BEFORE_RETIRED_GATE and writes nothing', async () => {
    await createDeal('KD-2', { owner: 'kd-ae' });
    await retire('KD-2', rep, 'G1', 'AWARD_LETTER', '2027-04-01');
    await approved(await bonus('KD-2', rep, { type: 'IRB_APPROVAL', effectiveDate: '2027-05-10' }));
    // a pending item does not stop a kill dated before it: it is rejected
    const pending = await submit('KD-2', rep, 'G2', 'SIGNED_WORK_ORDER', '2027-05-20');

    const before = await tableCounts();
    for (const effectiveDate of ['2027-03-01', '2027-04-01', '2027-05-01', '2027-05-10']) {
      const res = await h.http('POST', '/deals/KD-2/kill', { as: admin, body: { reason: 'too early', effectiveDate } });
      expectProblem(res, 409, 'KILL_BEFORE_RETIRED_GATE');
    }
    expect(await tableCounts()).toEqual(before);
    expect(await ok('GET', '/deals/KD-2', admin)).toMatchObject({ status: 'ACTIVE' });

    const killed = await ok('POST', '/deals/KD-2/kill', admin, { reason: 'futility', effectiveDate: '2027-05-11' }, [200]);
    expect(killed).toMatchObject({ status: 'KILLED', pending: [] });
    expect((await ok('GET', '/approvals?status=REJECTED&dealId=KD-2', desk)).map((a: any) => [a.approvalId, a.reason])).toEqual([[pending, 'DEAL_KILLED']]);
    expectProblem(await approve(pending), 409, 'APPROVAL_NOT_PENDING');
  });
});
