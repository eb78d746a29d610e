import { eventually } from '../support/eventually';
import { Harness, startHarness } from '../support/harness';

/**
 * docs/rules.md "After the departure", under the wall clock: a departure may be recorded ahead of its date (it used to be
 * 422 FUTURE_DATE). Until its date nothing changes: the rep's evidence dated today is accepted and credited to them.
 * It is withdrawn while nothing dated on or after it was recorded on its deals.
 */
describe('scheduled departures under the wall clock (issue 12 #8)', () => {
  let h: Harness;
  const admin = 'admin-1:comp_admin';
  const hr = 'hr-1:hr';
  const desk = 'desk-1:deal_desk';
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    h = await startHarness(__filename, { BUSINESS_CLOCK: 'wall' });
    await h.ok('POST', '/plans', admin, { id: 'WS-2020', effectiveFrom: '2020-01-01', params: {} }, [201]);
    await h.ok('POST', '/plans/WS-2020/publish', admin, undefined, [200]);
    for (const id of ['ws-ae', 'ws-heir']) {
      await h.ok('POST', '/reps', admin, { id, name: id, role: 'AE', hireDate: day(-60), quarterlyDraw: '0.00', planId: 'WS-2020' }, [201]);
    }
    const splits = [{ repId: 'ws-ae', role: 'AE', share: '1.00' }];
    await h.ok('POST', '/deals', admin, { id: 'WS-1', sponsor: 'S', program: 'P', tcv: '1000000.00', dealType: 'NEW_BUSINESS', sourcedBy: 'ws-ae', owner: 'ws-ae', sourcedAt: day(-30), splits }, [201]);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('records a departure dated ahead, which changes nothing before its date, and withdraws it', async () => {
    const ahead = day(20);
    const departed = await h.ok('POST', '/reps/ws-ae/departure', hr, { effectiveDate: ahead, goodStanding: true, reassignments: [{ dealId: 'WS-1', newOwner: 'ws-heir' }] }, [202]);
    expect(departed).toMatchObject({ repId: 'ws-ae', departure: { effectiveDate: ahead } });
    const submitted = await h.ok('POST', '/deals/WS-1/artifacts', 'ws-ae:rep', { gate: 'G1', documentType: 'LOI', documentRef: 'loi.pdf', effectiveDate: day(0) }, [202]);
    const approved = await h.ok('POST', `/approvals/${submitted.approvalId}/approve`, desk, {}, [200]);
    expect(approved.gatePostings).toEqual([expect.objectContaining({ repId: 'ws-ae', commission: '8000.00' })]);
    const withdrawn = await h.ok('POST', '/reps/ws-ae/departure/withdraw', hr, undefined, [200]);
    expect(withdrawn).toMatchObject({ repId: 'ws-ae', status: 'ACTIVE', departure: null });
    // The deal's own workflow drops the replacement moments after the rep's answer.
    await eventually(async () => expect(await h.ok('GET', '/deals/WS-1', admin)).toMatchObject({ owner: 'ws-ae' }));
  }, 60_000);
});
