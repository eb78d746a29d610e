import { expectProblem } from '../support/api';
import { DEAL_BOOK_ACTORS, dealKit, seedBook } from '../support/deal-book';
import { Harness, startHarness } from '../support/harness';

/**
 * docs/rules.md "Who is credited" (v2), descope by business date, end to end over HTTP against the real dev server and
 * PostgreSQL: a descope applies to gates whose artifact is dated on or after its effectiveDate, credit uses the TCV in
 * force on the artifact's date, the "current TCV" a descope must reduce is the one in force on its date, and a descope
 * dated on or before a retired gate, or on a killed deal, is refused.
 */
describe('descope by business date (issue 12)', () => {
  let h: Harness;
  const { admin, desk } = DEAL_BOOK_ACTORS;
  const rep = 'dd-ae:rep';
  const { ok, createDeal, submit, approved, retire, tableCounts, ledger } = dealKit(() => h);
  const descope = (dealId: string, newTcv: string, effectiveDate: string) =>
    h.http('POST', `/deals/${dealId}/descope`, { as: admin, body: { newTcv, reason: 'scope change', effectiveDate } });

  beforeAll(async () => {
    h = await startHarness(__filename);
    await seedBook(h, ['dd-ae']);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('an artifact dated before the descope is credited at the TCV then in force, one dated on or after it at the new TCV', async () => {
    await createDeal('DD-1', { owner: 'dd-ae', tcv: '1000000.00' });
    await retire('DD-1', rep, 'G1', 'AWARD_LETTER', '2027-04-01');
    const g2 = await submit('DD-1', rep, 'G2', 'SIGNED_WORK_ORDER', '2027-06-01');

    const descoped = await descope('DD-1', '800000.00', '2027-07-01');
    expect(descoped.status).toBe(200);
    expect(descoped.body).toMatchObject({ tcv: '800000.00', originalTcv: '1000000.00', creditRetired: '200000.00' });
    // G2 is dated before the descope: still worth 0.30 × 1000000
    expect(descoped.body.pending[0]).toMatchObject({ approvalId: g2, amountIfApproved: '300000.00' });
    expect((await ok('GET', '/approvals?dealId=DD-1', desk))[0]).toMatchObject({ approvalId: g2, amountIfApproved: '300000.00' });
    expect(await approved(g2)).toMatchObject({ dealCredit: '300000.00', gatePostings: [{ repId: 'dd-ae', credit: '300000.00', commission: '12000.00' }] });
    // G3 dated on the descope's date: 0.25 × 800000
    expect(await retire('DD-1', rep, 'G3', 'IRB_APPROVAL_LETTER', '2027-07-01')).toMatchObject({ dealCredit: '200000.00' });

    expect(await ok('GET', '/deals/DD-1', rep)).toMatchObject({ tcv: '800000.00', creditRetired: '700000.00' });
    expect(await ledger('DD-1')).toEqual([
      ['QUOTA_CREDIT', 'dd-ae', 'G1', '200000.00'],
      ['GATE_COMMISSION', 'dd-ae', 'G1', '8000.00'],
      ['QUOTA_CREDIT', 'dd-ae', 'G2', '300000.00'],
      ['GATE_COMMISSION', 'dd-ae', 'G2', '12000.00'],
      ['QUOTA_CREDIT', 'dd-ae', 'G3', '200000.00'],
      ['GATE_COMMISSION', 'dd-ae', 'G3', '8000.00'],
    ]);
  });

  it('the TCV a descope reduces is the one in force on its date; DESCOPE_BEFORE_RETIRED_GATE and DEAL_KILLED write nothing', async () => {
    await createDeal('DD-2', { owner: 'dd-ae', tcv: '1000000.00' });
    await retire('DD-2', rep, 'G1', 'AWARD_LETTER', '2027-04-01');

    let before = await tableCounts();
    expectProblem(await descope('DD-2', '900000.00', '2027-04-01'), 409, 'DESCOPE_BEFORE_RETIRED_GATE');
    expectProblem(await descope('DD-2', '900000.00', '2027-03-01'), 409, 'DESCOPE_BEFORE_RETIRED_GATE');
    expect(await tableCounts()).toEqual(before);

    expect((await descope('DD-2', '600000.00', '2027-09-01')).status).toBe(200);
    // dated before the first descope: measured against the TCV in force then (1000000), and applies until 2027-09-01
    const earlier = await descope('DD-2', '700000.00', '2027-06-01');
    expect(earlier.status).toBe(200);
    expect(earlier.body).toMatchObject({ tcv: '600000.00', originalTcv: '1000000.00' });
    before = await tableCounts();
    expectProblem(await descope('DD-2', '600000.00', '2027-10-01'), 422, 'DESCOPE_NOT_A_REDUCTION');
    expectProblem(await descope('DD-2', '700000.00', '2027-07-01'), 422, 'DESCOPE_NOT_A_REDUCTION');
    expect(await tableCounts()).toEqual(before);

    // each gate at the TCV in force on its artifact's date
    expect(await retire('DD-2', rep, 'G2', 'SIGNED_WORK_ORDER', '2027-06-15')).toMatchObject({ dealCredit: '210000.00' });
    expect(await retire('DD-2', rep, 'G3', 'IRB_APPROVAL_LETTER', '2027-09-01')).toMatchObject({ dealCredit: '150000.00' });
    expectProblem(await descope('DD-2', '500000.00', '2027-08-31'), 409, 'DESCOPE_BEFORE_RETIRED_GATE');

    await ok('POST', '/deals/DD-2/kill', admin, { reason: 'futility', effectiveDate: '2027-10-01' }, [200]);
    before = await tableCounts();
    expectProblem(await descope('DD-2', '500000.00', '2027-09-15'), 409, 'DEAL_KILLED');
    expect(await tableCounts()).toEqual(before);
    expect(await ok('GET', '/deals/DD-2', admin)).toMatchObject({ status: 'KILLED', tcv: '600000.00', creditRetired: '560000.00' });
  });
});
