import { saveReplayFixture } from '../support/fixtures';
import { Harness, startHarness } from '../support/harness';

/** docs/rules.md "Reference scenario", end to end over HTTP against the real dev server and PostgreSQL. */
describe('reference scenario (plan 2027.1, rep ae-1, deal D-4500)', () => {
  let h: Harness;
  const admin = 'admin-1:comp_admin';
  const rep = 'ae-1:rep';
  const desk = 'desk-1:deal_desk';
  const finance = 'fin-1:finance';

  beforeAll(async () => {
    h = await startHarness(__filename);
  }, 60_000);
  afterAll(async () => h?.stop(), 60_000);

  const ok: Harness['ok'] = (...args) => h.ok(...args);
  const approveNext = async (dealId: string, submission: { approvalId: string }) => {
    const queue = await ok('GET', '/approvals?status=PENDING', desk);
    expect(queue.map((a: any) => a.approvalId)).toContain(submission.approvalId);
    return ok('POST', `/approvals/${submission.approvalId}/approve`, desk, { note: `checked ${dealId}` });
  };
  const close = (period: string) => ok('POST', `/periods/${period}/close`, finance, {});
  const statement = (period: string) => ok('GET', `/reps/ae-1/statements/${period}`, rep);

  it('pays every figure of the scenario to the cent', async () => {
    await ok('POST', '/plans', admin, { id: '2027.1', effectiveFrom: '2027-01-01', params: {} });
    await ok('POST', '/plans/2027.1/publish', admin);
    await ok('POST', '/reps', admin, { id: 'ae-1', name: 'Avery Ellis', role: 'AE', hireDate: '2027-01-01', quarterlyDraw: '35000.00', planId: '2027.1' });
    const created = await ok('POST', '/deals', admin, {
      id: 'D-4500', sponsor: 'Helix Bio', program: 'HX-301 Phase III', tcv: '4500000.00', dealType: 'NEW_BUSINESS',
      sourcedBy: 'ae-1', owner: 'ae-1', sourcedAt: '2027-02-01', splits: [{ repId: 'ae-1', role: 'AE', share: '1.00' }],
    });
    expect(created.planId).toBe('2027.1');

    await close('2027-Q1');
    expect(await statement('2027-Q1')).toMatchObject({ netCommissionPay: '35000.00', unrecoveredDrawBalance: '0.00', totalPayout: '35000.00' });

    const designIn = await ok('POST', '/deals/D-4500/bonus-events', rep, { type: 'PROTOCOL_DESIGN_IN', evidenceRef: 'protocol-v2.pdf', effectiveDate: '2027-05-20' });
    const bonus = await approveNext('D-4500', designIn);
    expect(bonus.bonusPostings).toEqual([{ repId: 'ae-1', amount: '50000.00', paid: '50000.00', capped: '0.00' }]);
    await close('2027-Q2');
    expect(await statement('2027-Q2')).toMatchObject({ netCommissionPay: '35000.00', designWinBonus: '50000.00', unrecoveredDrawBalance: '0.00', totalPayout: '85000.00' });

    const g1 = await approveNext('D-4500', await ok('POST', '/deals/D-4500/artifacts', rep, { gate: 'G1', documentType: 'AWARD_LETTER', documentRef: 'award-2027-08.pdf', effectiveDate: '2027-08-16' }));
    expect(g1.gatePostings).toEqual([expect.objectContaining({ repId: 'ae-1', credit: '900000.00', commission: '36000.00' })]);
    expect(g1.period).toBe('2027-Q3');
    await close('2027-Q3');
    expect(await statement('2027-Q3')).toMatchObject({ commission: '36000.00', netCommissionPay: '36000.00', drawPaid: '0.00', unrecoveredDrawBalance: '0.00' });
    await close('2027-Q4');
    expect(await statement('2027-Q4')).toMatchObject({ netCommissionPay: '35000.00', drawPaid: '35000.00', unrecoveredDrawBalance: '0.00' });

    const g2 = await approveNext('D-4500', await ok('POST', '/deals/D-4500/artifacts', rep, { gate: 'G2', documentType: 'SIGNED_WORK_ORDER', documentRef: 'wo-17.pdf', effectiveDate: '2028-02-14' }));
    expect(g2.gatePostings[0]).toMatchObject({ credit: '1350000.00', commission: '54000.00' });
    await close('2028-Q1');
    expect(await statement('2028-Q1')).toMatchObject({ commission: '54000.00', netCommissionPay: '54000.00', recovery: '0.00', unrecoveredDrawBalance: '0.00' });

    const descoped = await ok('POST', '/deals/D-4500/descope', admin, { newTcv: '3500000.00', reason: 'two arms dropped', effectiveDate: '2028-06-30' });
    expect(descoped.tcv).toBe('3500000.00');
    expect(descoped.creditRetired).toBe('2250000.00');
    await close('2028-Q2');
    expect(await statement('2028-Q2')).toMatchObject({ netCommissionPay: '35000.00', unrecoveredDrawBalance: '35000.00', performanceReview: false });

    const g3 = await approveNext('D-4500', await ok('POST', '/deals/D-4500/artifacts', rep, { gate: 'G3', documentType: 'IRB_APPROVAL_LETTER', documentRef: 'irb-4411.pdf', effectiveDate: '2028-09-05' }));
    expect(g3.gatePostings[0]).toMatchObject({ credit: '875000.00', commission: '35000.00' });
    await close('2028-Q3');
    expect(await statement('2028-Q3')).toMatchObject({ commission: '35000.00', netCommissionPay: '35000.00', unrecoveredDrawBalance: '35000.00' });

    const sites = await approveNext('D-4500', await ok('POST', '/deals/D-4500/bonus-events', rep, { type: 'SITE_ACTIVATION', quantity: 3, evidenceRef: 'sites-activated.csv', effectiveDate: '2028-10-10' }));
    expect(sites.bonusPostings[0]).toMatchObject({ paid: '75000.00', capped: '0.00' });
    const g4 = await approveNext('D-4500', await ok('POST', '/deals/D-4500/artifacts', rep, { gate: 'G4', documentType: 'FIRST_PATIENT_IN_CONFIRMATION', documentRef: 'fpi.pdf', effectiveDate: '2028-12-01' }));
    expect(g4.gatePostings[0]).toMatchObject({ credit: '525000.00', commission: '21000.00' });
    await close('2028-Q4');
    expect(await statement('2028-Q4')).toMatchObject({ commission: '21000.00', netCommissionPay: '35000.00', designWinBonus: '75000.00', unrecoveredDrawBalance: '49000.00' });

    await close('2029-Q1');
    const q1 = await statement('2029-Q1');
    expect(q1).toMatchObject({ netCommissionPay: '35000.00', unrecoveredDrawBalance: '84000.00', performanceReview: true, retentionBonus: '100000.00', totalPayout: '135000.00' });

    const killed = await ok('POST', '/deals/D-4500/kill', admin, { reason: 'sponsor terminated the program', effectiveDate: '2029-04-02' });
    expect(killed.status).toBe('KILLED');
    const deal = await ok('GET', '/deals/D-4500', rep);
    expect(deal.creditRetired).toBe('3650000.00');
    expect(deal.gates.map((g: any) => [g.key, g.status, g.credit ?? null])).toEqual([
      ['G1', 'RETIRED', '900000.00'],
      ['G2', 'RETIRED', '1350000.00'],
      ['G3', 'RETIRED', '875000.00'],
      ['G4', 'RETIRED', '525000.00'],
      ['G5', 'CANCELLED', null],
    ]);

    const all = await ok('GET', '/reps/ae-1/statements', rep);
    expect(all.map((s: any) => [s.period, s.netCommissionPay, s.unrecoveredDrawBalance])).toEqual([
      ['2027-Q1', '35000.00', '0.00'],
      ['2027-Q2', '35000.00', '0.00'],
      ['2027-Q3', '36000.00', '0.00'],
      ['2027-Q4', '35000.00', '0.00'],
      ['2028-Q1', '54000.00', '0.00'],
      ['2028-Q2', '35000.00', '35000.00'],
      ['2028-Q3', '35000.00', '35000.00'],
      ['2028-Q4', '35000.00', '49000.00'],
      ['2029-Q1', '35000.00', '84000.00'],
    ]);
    const profile = await ok('GET', '/reps/ae-1', admin);
    expect(profile).toMatchObject({ unrecoveredDrawBalance: '84000.00', performanceReview: true });
    const attainment2028 = await ok('GET', '/reps/ae-1/attainment?year=2028', rep);
    expect(attainment2028).toEqual({
      year: 2028,
      rampFactor: '0.70',
      quota: { newBusiness: '2800000.00', expansion: '1400000.00' },
      credit: { newBusiness: '2750000.00', expansion: '0.00' },
      attainment: { newBusiness: '0.9821', expansion: '0.0000' },
    });
    await saveReplayFixture(h.client, 'deal:D-4500', 'deal-reference-scenario');
    await saveReplayFixture(h.client, 'rep:ae-1', 'rep-reference-scenario');
    await saveReplayFixture(h.client, 'rep:ae-1', 'rep-close-one-local-activity');
    await saveReplayFixture(h.client, 'period-close:2029-Q1', 'period-close-reference-scenario');
  }, 240_000);
});
