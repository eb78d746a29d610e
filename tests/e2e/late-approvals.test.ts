import { dealWorkflowId } from '../../libs/contracts';
import { expectProblem } from '../support/api';
import { saveReplayFixture } from '../support/fixtures';
import { DEAL_BOOK_ACTORS, dealKit, seedBook } from '../support/deal-book';
import { Harness, startHarness } from '../support/harness';
import { withoutLineIds } from '../support/statements';

/**
 * Issue 12 finding #4, docs/rules.md "Late approvals": an artifact or bonus event pending when its period closes stays
 * decidable; approved, it posts in the first open period, and its statement line keeps the effectiveDate with
 * `late: true`. The close answers the approvals still pending and dated in it.
 */
describe('late approvals (issue 12 #4)', () => {
  let h: Harness;
  const { finance, desk } = DEAL_BOOK_ACTORS;
  const { createDeal, submit, bonus, approve, artifact } = dealKit(() => h);

  beforeAll(async () => {
    h = await startHarness(__filename);
    await seedBook(h, ['la-ae']);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  let g1: string;
  let designIn: string;
  let rejectMe: string;

  it('closing a period answers the approvals still pending and dated in it', async () => {
    await createDeal('LA-1', { owner: 'la-ae' });
    await createDeal('LA-2', { owner: 'la-ae' });
    g1 = await submit('LA-1', 'la-ae:rep', 'G1', 'LOI', '2027-03-15');
    designIn = await bonus('LA-1', 'la-ae:rep', { type: 'PROTOCOL_DESIGN_IN', effectiveDate: '2027-02-10' });
    rejectMe = await submit('LA-2', 'la-ae:rep', 'G1', 'LOI', '2027-03-20');
    const closed = await h.ok('POST', '/periods/2027-Q1/close', finance, undefined, [200]);
    expect(closed.status).toBe('CLOSED');
    expect(closed.pendingApprovals.map((p: any) => [p.approvalId, p.dealId, p.kind, p.effectiveDate])).toEqual([
      [designIn, 'LA-1', 'BONUS', '2027-02-10'],
      [g1, 'LA-1', 'GATE', '2027-03-15'],
      [rejectMe, 'LA-2', 'GATE', '2027-03-20'],
    ]);
  }, 60_000);

  it('approves a gate and a bonus pending in the closed period into the first open period', async () => {
    const gate = await approve(g1);
    expect(gate.status).toBe(200);
    expect(gate.body).toMatchObject({ status: 'APPROVED', period: '2027-Q2', effectiveDate: '2027-03-15', late: true });
    const b = await approve(designIn);
    expect(b.status).toBe(200);
    expect(b.body).toMatchObject({ status: 'APPROVED', period: '2027-Q2', late: true, bonusPostings: [{ repId: 'la-ae', paid: '50000.00' }] });
    const rows = await h.dataSource.query(`SELECT kind, period, effective_date::text AS d FROM ledger_entries WHERE deal_id = 'LA-1' ORDER BY id`);
    expect(rows).toEqual([
      { kind: 'QUOTA_CREDIT', period: '2027-Q2', d: '2027-03-15' },
      { kind: 'GATE_COMMISSION', period: '2027-Q2', d: '2027-03-15' },
      { kind: 'DESIGN_WIN_BONUS', period: '2027-Q2', d: '2027-02-10' },
    ]);
  }, 60_000);

  it('still lets a pending item of the closed period be rejected', async () => {
    const res = await h.http('POST', `/approvals/${rejectMe}/reject`, { as: desk, body: { reason: 'wrong letter' } });
    expect(res.status).toBe(200);
  });

  it('refuses anything new dated in the closed period (PERIOD_CLOSED)', async () => {
    expectProblem(await artifact('LA-1', 'la-ae:rep', 'G2', 'SIGNED_WORK_ORDER', '2027-03-30'), 409, 'PERIOD_CLOSED');
    expectProblem(await h.http('POST', '/deals/LA-1/bonus-events', { as: 'la-ae:rep', body: { type: 'IRB_APPROVAL', effectiveDate: '2027-03-01', evidenceRef: 'x.pdf' } }), 409, 'PERIOD_CLOSED');
  });

  it('shows the late postings on the statement of the period they posted in, with their effectiveDate and late: true', async () => {
    const closed = await h.ok('POST', '/periods/2027-Q2/close', finance, undefined, [200]);
    const s = closed.statements.find((x: any) => x.repId === 'la-ae');
    expect(s).toMatchObject({ period: '2027-Q2', commission: '8000.00', designWinBonus: '50000.00' });
    expect(withoutLineIds(s).lines).toEqual(
      expect.arrayContaining([
        { kind: 'GATE_COMMISSION', dealId: 'LA-1', reference: 'G1', amount: '8000.00', effectiveDate: '2027-03-15', late: true },
        expect.objectContaining({ kind: 'DESIGN_WIN_BONUS', dealId: 'LA-1', amount: '50000.00', effectiveDate: '2027-02-10', late: true }),
      ]),
    );
    expect(s.lines.filter((l: any) => l.kind === 'DRAW').every((l: any) => l.late === false)).toBe(true);
    const q1 = await h.ok('GET', '/reps/la-ae/statements/2027-Q1', finance);
    expect(q1.commission).toBe('0.00');
    await saveReplayFixture(h.client, dealWorkflowId('LA-1'), 'deal-late-approval');
  }, 60_000);
});
