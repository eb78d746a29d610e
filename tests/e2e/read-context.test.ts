import { expectProblem } from '../support/api';
import { DEAL_BOOK_ACTORS, dealKit, seedBook } from '../support/deal-book';
import { Harness, startHarness } from '../support/harness';

/**
 * Issue 11 item 2, what the console's screens read, on the real stack: queue items with their deal's context and,
 * for the caller, whether they may decide (the approve path's own rule); history entries in business time (effective
 * date and period beside when they were recorded); each gate not yet retired with its expected date as the forecast
 * schedules it. Deals are sourced in 2029 so that "today" (the wall date the forecast runs from) stays before them.
 */
describe('read context for the console (issue 11 item 2)', () => {
  let h: Harness;
  const { admin, desk, finance } = DEAL_BOOK_ACTORS;
  const { ok, createDeal, submit, approve, approved } = dealKit(() => h);
  const queueFor = (as: string, query = 'status=PENDING&dealId=RC-1') => ok('GET', `/approvals?${query}`, as);

  beforeAll(async () => {
    h = await startHarness(__filename);
    await seedBook(h, []);
    await h.ok('POST', '/reps', admin, { id: 'rc-ae', name: 'Avery Chen', role: 'AE', hireDate: '2027-01-01', quarterlyDraw: '10000.00', planId: 'LC-2027', managerId: 'rc-mgr' }, [201]);
    await h.ok('POST', '/reps', admin, { id: 'rc-sl', name: 'Sam Lee', role: 'AE', hireDate: '2027-01-01', quarterlyDraw: '10000.00', planId: 'LC-2027', managerId: 'rc-mgr' }, [201]);
    await createDeal('RC-1', {
      sponsor: 'Helix Bio',
      program: 'HLX-201 Phase II',
      owner: 'rc-ae',
      sourcedAt: '2029-03-01',
      splits: [{ repId: 'rc-ae', role: 'AE', share: '0.80' }, { repId: 'rc-sl', role: 'SCIENTIFIC_LIAISON', share: '0.20' }],
    });
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('each gate not yet retired carries its expected date, chained from sourcing or the last retirement as the forecast does', async () => {
    const expected = async () => (await ok('GET', '/deals/RC-1', admin)).gates.map((g: any) => [g.key, g.status, g.expectedDate ?? null]);
    // LC-2028's monthsFromPrevious: G1 6, G2 6, G3 7, G4 3, G5 10, from sourcedAt 2029-03-01.
    expect(await expected()).toEqual([
      ['G1', 'OPEN', '2029-09-01'],
      ['G2', 'OPEN', '2030-03-01'],
      ['G3', 'OPEN', '2030-10-01'],
      ['G4', 'OPEN', '2031-01-01'],
      ['G5', 'OPEN', '2031-11-01'],
    ]);
    await approved(await submit('RC-1', 'rc-ae:rep', 'G1', 'LOI', '2029-06-10'));
    await h.ok('POST', '/deals/RC-1/slip', admin, { expectedDate: '2030-02-01', reason: 'sponsor budget review' }, [200]);
    // G1 retired (no expected date); the slip moves G2, and the rest follow from it.
    expect(await expected()).toEqual([
      ['G1', 'RETIRED', null],
      ['G2', 'OPEN', '2030-02-01'],
      ['G3', 'OPEN', '2030-09-01'],
      ['G4', 'OPEN', '2030-12-01'],
      ['G5', 'OPEN', '2031-10-01'],
    ]);
    // The forecast puts the same gates in the same quarters.
    const forecast = await ok('GET', '/forecast?from=2030-Q1&to=2031-Q4&owner=rc-ae', admin);
    const withCredit = forecast.periods.filter((p: any) => p.bestCase.credit !== '0.00').map((p: any) => p.period);
    expect(withCredit).toEqual(['2030-Q1', '2030-Q3', '2030-Q4', '2031-Q4']);
  });

  it('queue items carry the deal context, and for the caller whether they may decide: the approve rule answers, the same as approving would', async () => {
    const g2 = await submit('RC-1', 'rc-ae:rep', 'G2', 'SIGNED_WORK_ORDER', '2029-11-20');
    const bonusRes = await h.http('POST', '/deals/RC-1/bonus-events', { as: 'rc-admin:comp_admin,deal_desk', body: { type: 'IRB_APPROVAL', evidenceRef: 'DMS-77', effectiveDate: '2029-12-02' } });
    expect(bonusRes.status).toBe(202);
    const bonus = bonusRes.body.approvalId;

    const items = await queueFor(desk);
    expect(items).toEqual([
      expect.objectContaining({
        approvalId: g2,
        dealId: 'RC-1',
        sponsor: 'Helix Bio',
        program: 'HLX-201 Phase II',
        kind: 'GATE',
        gate: 'G2',
        gateName: 'EXECUTED_CONTRACT',
        effectiveDate: '2029-11-20',
        period: '2029-Q4',
        submittedBy: 'rc-ae',
        submitterName: 'Avery Chen',
        decidable: true,
        blockedBy: null,
      }),
      expect.objectContaining({ approvalId: bonus, kind: 'BONUS', type: 'IRB_APPROVAL', period: '2029-Q4', submittedBy: 'rc-admin', submitterName: 'rc-admin', decidable: true, blockedBy: null }),
    ]);
    expect(items[1]).not.toHaveProperty('gateName');

    // A split recipient who also works the desk: blocked on the deal's items, with the reason approving would give.
    const splitDesk = 'rc-sl:rep,deal_desk';
    const blocked = await queueFor(splitDesk);
    expect(blocked.map((i: any) => [i.approvalId, i.decidable, i.blockedBy?.code])).toEqual([
      [g2, false, 'SEGREGATION_OF_DUTIES'],
      [bonus, false, 'SEGREGATION_OF_DUTIES'],
    ]);
    const refusal = await approve(g2, splitDesk);
    expectProblem(refusal, 403, 'SEGREGATION_OF_DUTIES');
    expect(blocked[0].blockedBy.reason).toBe(refusal.body.detail);
    // The submitter on the desk: blocked on what they submitted only.
    const submitter = await queueFor('rc-admin:comp_admin,deal_desk');
    expect(submitter.map((i: any) => [i.approvalId, i.decidable, i.blockedBy?.code ?? null])).toEqual([
      [g2, true, null],
      [bonus, false, 'SEGREGATION_OF_DUTIES'],
    ]);
    expect(submitter[1].blockedBy.reason).toMatch(/rc-admin submitted/);
    expectProblem(await approve(bonus, 'rc-admin:comp_admin,deal_desk'), 403, 'SEGREGATION_OF_DUTIES');

    // Decided items: nothing left to decide. The desk's kept page moves with the change (the read model's revision).
    await approved(g2);
    expect((await queueFor(desk)).map((i: any) => i.approvalId)).toEqual([bonus]);
    const decided = (await queueFor(desk, 'status=APPROVED&dealId=RC-1')).find((i: any) => i.approvalId === g2);
    expect(decided).toMatchObject({ status: 'APPROVED', decidedBy: 'desk-1', decidable: false, blockedBy: { code: 'APPROVAL_NOT_PENDING' } });
    expectProblem(await h.http('GET', '/approvals', { as: finance }), 403, 'FORBIDDEN');
  });

  it('history entries carry the business effectiveDate and its period beside recordedAt, where the event has them', async () => {
    await h.ok('POST', '/deals/RC-1/descope', admin, { newTcv: '900000.00', reason: 'fewer sites', effectiveDate: '2029-12-15' }, [200]);
    await h.ok('POST', '/deals/RC-1/revenue', finance, { period: '2029-Q4', amount: '125000.00' }, [200]);
    // (Refused approvals are not in the timeline: their validator refused them before they entered the history.)
    const history = await ok('GET', '/deals/RC-1/history', admin);
    for (const e of history) expect(e.recordedAt).toBe(e.at);
    const dated = history.map((e: any) => [e.type, e.effectiveDate ?? null, e.period ?? null]);
    expect(dated).toEqual([
      ['DEAL_CREATED', '2029-03-01', '2029-Q1'],
      ['ARTIFACT_SUBMITTED', '2029-06-10', '2029-Q2'],
      ['APPROVED', '2029-06-10', '2029-Q2'],
      ['POSTING', '2029-06-10', '2029-Q2'],
      ['POSTING', '2029-06-10', '2029-Q2'],
      ['SLIPPED', null, null],
      ['ARTIFACT_SUBMITTED', '2029-11-20', '2029-Q4'],
      ['BONUS_EVENT_SUBMITTED', '2029-12-02', '2029-Q4'],
      ['APPROVED', '2029-11-20', '2029-Q4'],
      ['POSTING', '2029-11-20', '2029-Q4'],
      ['POSTING', '2029-11-20', '2029-Q4'],
      ['DESCOPED', '2029-12-15', '2029-Q4'],
      ['REVENUE_RECORDED', null, '2029-Q4'],
    ]);
  });
});
