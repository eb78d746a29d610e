import { dealWorkflowId } from '../../libs/contracts';
import { saveReplayFixture } from '../support/fixtures';
import { DEAL_BOOK_ACTORS, dealKit, seedBook } from '../support/deal-book';
import { eventually } from '../support/eventually';
import { Harness, startHarness } from '../support/harness';
import { withoutLineIds } from '../support/statements';

/**
 * Issue 12 finding #2, docs/rules.md "Dated, not sequenced": a gate dated before a departure's effectiveDate credits the
 * departed rep and one dated on or after it the replacement, whichever was recorded first. A departure recorded after
 * a posting it re-attributes reverses it (`<key>:reversal`) and re-posts the same amount to the replacement
 * (`<key>:to:<rep>`), both in the original's period; a retried departure writes nothing twice.
 * Finding #3, "Departure replaces the rep": a split recipient's shares pass to the owner on a deal the departure does
 * not name; a deal the rep owns must be named (422 REASSIGNMENT_REQUIRED). Finding #8 and "After the departure": a
 * departure recorded ahead changes nothing before its date, the rep's evidence dated before it is accepted on the deals
 * they were on at that date, and a departure is withdrawn (200) until DEPARTURE_IN_EFFECT.
 */
describe('departures over business time (issue 12 #2)', () => {
  let h: Harness;
  const { finance, admin } = DEAL_BOOK_ACTORS;
  const hr = 'hr-1:hr';
  const { createDeal, submit, approved, bonus } = dealKit(() => h);
  const rows = (dealId: string) =>
    h.dataSource.query(
      `SELECT idempotency_key AS key, kind, rep_id, period, effective_date::text AS d, amount::text AS amount
       FROM ledger_entries WHERE deal_id = $1 ORDER BY id`,
      [dealId],
    );

  beforeAll(async () => {
    h = await startHarness(__filename);
    await seedBook(h, ['dt-ae', 'dt-heir', 'dt-own', 'dt-msl', 'dt-boss', 'dt-sch', 'dt-wd']);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('re-attributes a gate dated after the departure but approved before it was recorded', async () => {
    await createDeal('DT-1', { owner: 'dt-ae' });
    await createDeal('DT-2', { owner: 'dt-ae' });
    await approved(await submit('DT-1', 'dt-ae:rep', 'G1', 'LOI', '2027-03-10'));
    // Approved before the departure is recorded, dated after its effectiveDate (2027-05-01).
    await approved(await submit('DT-1', 'dt-ae:rep', 'G2', 'SIGNED_WORK_ORDER', '2027-05-20'));
    await approved(await bonus('DT-1', 'dt-ae:rep', { type: 'IRB_APPROVAL', effectiveDate: '2027-05-21' }));
    const departure = { effectiveDate: '2027-05-01', goodStanding: false, reassignments: [{ dealId: 'DT-1', newOwner: 'dt-heir' }, { dealId: 'DT-2', newOwner: 'dt-heir' }] };
    const headers = { 'Idempotency-Key': 'dt-ae-departure' };
    await h.ok('POST', '/reps/dt-ae/departure', hr, departure, [202], headers);

    const g2 = 'deal:DT-1:gate:G2:rep:dt-ae:AE';
    const bonusKey = (await rows('DT-1')).find((r: any) => r.kind === 'DESIGN_WIN_BONUS').key;
    const expected = [
      { key: `deal:DT-1:gate:G1:rep:dt-ae:AE:credit`, kind: 'QUOTA_CREDIT', rep_id: 'dt-ae', period: '2027-Q1', d: '2027-03-10', amount: '200000.00' },
      { key: `deal:DT-1:gate:G1:rep:dt-ae:AE:commission`, kind: 'GATE_COMMISSION', rep_id: 'dt-ae', period: '2027-Q1', d: '2027-03-10', amount: '8000.00' },
      { key: `${g2}:credit`, kind: 'QUOTA_CREDIT', rep_id: 'dt-ae', period: '2027-Q2', d: '2027-05-20', amount: '300000.00' },
      { key: `${g2}:commission`, kind: 'GATE_COMMISSION', rep_id: 'dt-ae', period: '2027-Q2', d: '2027-05-20', amount: '12000.00' },
      { key: bonusKey, kind: 'DESIGN_WIN_BONUS', rep_id: 'dt-ae', period: '2027-Q2', d: '2027-05-21', amount: '40000.00' },
      { key: `${g2}:credit:reversal`, kind: 'QUOTA_CREDIT', rep_id: 'dt-ae', period: '2027-Q2', d: '2027-05-20', amount: '-300000.00' },
      { key: `${g2}:credit:to:dt-heir`, kind: 'QUOTA_CREDIT', rep_id: 'dt-heir', period: '2027-Q2', d: '2027-05-20', amount: '300000.00' },
      { key: `${g2}:commission:reversal`, kind: 'GATE_COMMISSION', rep_id: 'dt-ae', period: '2027-Q2', d: '2027-05-20', amount: '-12000.00' },
      { key: `${g2}:commission:to:dt-heir`, kind: 'GATE_COMMISSION', rep_id: 'dt-heir', period: '2027-Q2', d: '2027-05-20', amount: '12000.00' },
      { key: `${bonusKey}:reversal`, kind: 'DESIGN_WIN_BONUS', rep_id: 'dt-ae', period: '2027-Q2', d: '2027-05-21', amount: '-40000.00' },
      { key: `${bonusKey}:to:dt-heir`, kind: 'DESIGN_WIN_BONUS', rep_id: 'dt-heir', period: '2027-Q2', d: '2027-05-21', amount: '40000.00' },
    ];
    expect(await rows('DT-1')).toEqual(expected);
    // The cap room the reversed bonus used went back to the departed rep and the heir's total took the re-post.
    const totals = await h.dataSource.query(`SELECT rep_id, paid::text AS paid FROM design_win_totals WHERE year = 2027 AND rep_id LIKE 'dt-%' ORDER BY rep_id`);
    expect(totals).toEqual([{ rep_id: 'dt-ae', paid: '0.00' }, { rep_id: 'dt-heir', paid: '40000.00' }]);

    // A retried request (same key) and a replayed fact change nothing.
    await h.ok('POST', '/reps/dt-ae/departure', hr, departure, [202], headers);
    expect(await rows('DT-1')).toEqual(expected);
  }, 90_000);

  it('credits the departed rep for a gate dated before the departure and approved after it was recorded', async () => {
    const res = await approved(await submit('DT-2', admin, 'G1', 'LOI', '2027-04-15'));
    expect(res.gatePostings).toEqual([expect.objectContaining({ repId: 'dt-ae', commission: '8000.00' })]);
    const after = await approved(await submit('DT-2', admin, 'G2', 'SIGNED_WORK_ORDER', '2027-05-01'));
    expect(after.gatePostings).toEqual([expect.objectContaining({ repId: 'dt-heir', commission: '12000.00' })]);
  }, 60_000);

  it('shows the reversal pair on the departed rep\'s statement, netted with D = 0', async () => {
    await h.ok('POST', '/periods/2027-Q1/close', finance, undefined, [200]);
    const q2 = await h.ok('POST', '/periods/2027-Q2/close', finance, undefined, [200]);
    const ae = q2.statements.find((s: any) => s.repId === 'dt-ae');
    const heir = q2.statements.find((s: any) => s.repId === 'dt-heir');
    expect(ae).toMatchObject({ commission: '8000.00', drawPaid: '0.00', designWinBonus: '0.00', totalPayout: '8000.00' });
    expect(withoutLineIds(ae).lines).toEqual(
      expect.arrayContaining([
        { kind: 'GATE_COMMISSION', dealId: 'DT-1', reference: 'G2', amount: '12000.00', effectiveDate: '2027-05-20', late: false },
        { kind: 'GATE_COMMISSION_REVERSAL', dealId: 'DT-1', reference: 'G2', amount: '-12000.00', effectiveDate: '2027-05-20', late: false },
        expect.objectContaining({ kind: 'DESIGN_WIN_BONUS_REVERSAL', dealId: 'DT-1', amount: '-40000.00' }),
        { kind: 'GATE_COMMISSION', dealId: 'DT-2', reference: 'G1', amount: '8000.00', effectiveDate: '2027-04-15', late: false },
      ]),
    );
    expect(heir).toMatchObject({ commission: '24000.00', designWinBonus: '40000.00' });
    await saveReplayFixture(h.client, dealWorkflowId('DT-1'), 'deal-dated-replacement');
  }, 120_000);

  it('passes a departed split recipient\'s shares to the owner on a deal the departure does not name (#3)', async () => {
    const splits = [{ repId: 'dt-own', role: 'AE', share: '0.50' }, { repId: 'dt-msl', role: 'SCIENTIFIC_LIAISON', share: '0.50' }];
    await createDeal('DT-3', { owner: 'dt-own', splits });
    // Approved before the departure is recorded, dated after it: it moves to the owner.
    await approved(await submit('DT-3', 'dt-own:rep', 'G1', 'LOI', '2027-07-20'));
    await h.ok('POST', '/reps/dt-msl/departure', hr, { effectiveDate: '2027-07-15', goodStanding: false, reassignments: [] }, [202]);
    const g1 = 'deal:DT-3:gate:G1:rep:dt-msl:SCIENTIFIC_LIAISON:commission';
    // The departure answers 202: the rep's workflow hands the deals over after it, so the ledger is read until it has.
    await eventually(async () => {
      const moved = (await rows('DT-3')).filter((r: any) => r.key.startsWith(g1)).map((r: any) => [r.key, r.rep_id, r.amount]);
      expect(moved).toEqual([
        [g1, 'dt-msl', '4000.00'],
        [`${g1}:reversal`, 'dt-msl', '-4000.00'],
        [`${g1}:to:dt-own`, 'dt-own', '4000.00'],
      ]);
      const deal = await h.ok('GET', '/deals/DT-3', admin);
      expect(deal.splits).toEqual([
        { repId: 'dt-own', role: 'AE', share: '0.50' },
        { repId: 'dt-own', role: 'SCIENTIFIC_LIAISON', share: '0.50' },
      ]);
    });
    // Recorded after: the owner holds both splits, each posted and rounded on its own.
    const g2 = await approved(await submit('DT-3', 'dt-own:rep', 'G2', 'SIGNED_WORK_ORDER', '2027-07-25'));
    expect(g2.gatePostings.map((p: any) => [p.repId, p.role, p.commission])).toEqual([
      ['dt-own', 'AE', '6000.00'],
      ['dt-own', 'SCIENTIFIC_LIAISON', '6000.00'],
    ]);
    const net = await h.dataSource.query(
      `SELECT rep_id, sum(amount)::text AS total FROM ledger_entries WHERE deal_id = 'DT-3' AND kind = 'GATE_COMMISSION' GROUP BY rep_id ORDER BY rep_id`,
    );
    expect(net).toEqual([{ rep_id: 'dt-msl', total: '0.00' }, { rep_id: 'dt-own', total: '20000.00' }]);
  }, 60_000);

  it('refuses a departure that does not name a deal the rep owns (422 REASSIGNMENT_REQUIRED), recording nothing', async () => {
    await createDeal('DT-4', { owner: 'dt-boss' });
    await createDeal('DT-5', { owner: 'dt-boss' });
    const before = await h.dataSource.query(`SELECT count(*)::int AS n FROM ledger_entries`);
    const res = await h.http('POST', '/reps/dt-boss/departure', { as: hr, body: { effectiveDate: '2027-08-01', goodStanding: true, reassignments: [{ dealId: 'DT-4', newOwner: 'dt-own' }] } });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'REASSIGNMENT_REQUIRED', errors: [{ path: 'reassignments', message: 'deal DT-5 must be named' }] });
    expect(res.body.detail).toContain('DT-5');
    const rep = await h.ok('GET', '/reps/dt-boss', admin);
    expect(rep).toMatchObject({ status: 'ACTIVE', departure: null });
    expect(await h.dataSource.query(`SELECT count(*)::int AS n FROM ledger_entries`)).toEqual(before);
    expect((await h.ok('GET', '/deals/DT-4', admin)).owner).toBe('dt-boss');
  }, 60_000);

  it('a departure recorded ahead changes nothing before its date; REP_DEPARTED on or after it (#8)', async () => {
    await createDeal('DT-7', { owner: 'dt-own', splits: [{ repId: 'dt-own', role: 'AE', share: '0.50' }, { repId: 'dt-sch', role: 'BDR', share: '0.50' }] });
    await h.ok('POST', '/reps/dt-sch/departure', hr, { effectiveDate: '2027-11-01', goodStanding: true, reassignments: [] }, [202]);
    // dt-sch no longer holds a split on DT-7 as it stands, but held one on 2027-10-20: the evidence is theirs, credited to them.
    const g1 = await approved(await submit('DT-7', 'dt-sch:rep', 'G1', 'LOI', '2027-10-20'));
    expect(g1.gatePostings.map((p: any) => [p.repId, p.role, p.commission])).toEqual([
      ['dt-own', 'AE', '4000.00'],
      ['dt-sch', 'BDR', '4000.00'],
    ]);
    const late = await h.http('POST', '/deals/DT-7/artifacts', { as: 'dt-sch:rep', body: { gate: 'G2', documentType: 'SIGNED_WORK_ORDER', documentRef: 'wo.pdf', effectiveDate: '2027-11-01' } });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('REP_DEPARTED');
    const g2 = await approved(await submit('DT-7', 'dt-own:rep', 'G2', 'SIGNED_WORK_ORDER', '2027-11-02'));
    expect(g2.gatePostings.map((p: any) => [p.repId, p.role, p.commission])).toEqual([
      ['dt-own', 'AE', '6000.00'],
      ['dt-own', 'BDR', '6000.00'],
    ]);
  }, 60_000);

  it('withdraws a departure (200) until evidence dated on or after it is recorded on its deals (409 DEPARTURE_IN_EFFECT)', async () => {
    await createDeal('DT-8', { owner: 'dt-wd' });
    const departure = { effectiveDate: '2027-12-01', goodStanding: true, reassignments: [{ dealId: 'DT-8', newOwner: 'dt-heir' }] };
    await h.ok('POST', '/reps/dt-wd/departure', hr, departure, [202]);
    // 202: the deal's own workflow takes the handover moments after the rep's (docs/api.md "Reps and departures").
    await eventually(async () => expect((await h.ok('GET', '/deals/DT-8', admin)).owner).toBe('dt-heir'));
    const withdrawn = await h.ok('POST', '/reps/dt-wd/departure/withdraw', hr, undefined, [200]);
    expect(withdrawn).toMatchObject({ repId: 'dt-wd', status: 'ACTIVE', departure: null });
    expect(await h.ok('GET', '/reps/dt-wd', admin)).toMatchObject({ status: 'ACTIVE', departure: null });
    await eventually(async () =>
      expect(await h.ok('GET', '/deals/DT-8', admin)).toMatchObject({ owner: 'dt-wd', splits: [{ repId: 'dt-wd', role: 'AE', share: '1.00' }] }),
    );
    // Withdrawn, the rep is credited again after the date; nothing to withdraw any more is 409.
    const g1 = await approved(await submit('DT-8', 'dt-wd:rep', 'G1', 'LOI', '2027-12-03'));
    expect(g1.gatePostings).toEqual([expect.objectContaining({ repId: 'dt-wd', commission: '8000.00' })]);
    expect((await h.http('POST', '/reps/dt-wd/departure/withdraw', { as: hr })).status).toBe(409);

    // Recorded again, then evidence dated after it on the deal it names: the departure is in effect.
    await h.ok('POST', '/reps/dt-wd/departure', hr, { ...departure, effectiveDate: '2027-12-10' }, [202]);
    await submit('DT-8', admin, 'G2', 'SIGNED_WORK_ORDER', '2027-12-12');
    const refused = await h.http('POST', '/reps/dt-wd/departure/withdraw', { as: hr });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'DEPARTURE_IN_EFFECT' });
    expect(refused.body.detail).toContain('DT-8');
    expect(await h.ok('GET', '/reps/dt-wd', admin)).toMatchObject({ status: 'DEPARTED' });
    // A departure whose period is closed is in effect too; only hr may withdraw.
    expect((await h.http('POST', '/reps/dt-ae/departure/withdraw', { as: hr })).body.code).toBe('DEPARTURE_IN_EFFECT');
    expect((await h.http('POST', '/reps/dt-wd/departure/withdraw', { as: admin })).status).toBe(403);
  }, 90_000);
});
