import { DEAL_BOOK_ACTORS, dealKit, seedBook } from '../support/deal-book';
import { Harness, startHarness } from '../support/harness';

/**
 * docs/rules.md "After the departure": a departed rep gets a statement for any later period holding a posting for them,
 * netted with D = 0, even once their statements were final (their tenure workflow has finished). Here a rep leaves not
 * in good standing (no trailing: the departure quarter's statement is their last), and a gate they proved before
 * leaving is approved after that quarter closed: it posts late, and the next close gives them a statement with it.
 */
describe('statements after the final one (issue 12)', () => {
  let h: Harness;
  const { desk, finance } = DEAL_BOOK_ACTORS;
  const hr = 'hr-1:hr';
  const { createDeal, submit, approved } = dealKit(() => h);
  const close = (period: string) => h.ok('POST', `/periods/${period}/close`, finance, undefined, [200]);

  beforeAll(async () => {
    h = await startHarness(__filename);
    await seedBook(h, ['sa-ae', 'sa-heir']);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('a late posting for a rep whose statements are final shows on a statement of the period it posts in', async () => {
    await createDeal('SA-1', { owner: 'sa-ae' });
    const g1 = await submit('SA-1', 'sa-ae:rep', 'G1', 'AWARD_LETTER', '2027-04-20');
    await h.ok('POST', '/reps/sa-ae/departure', hr, { effectiveDate: '2027-05-01', goodStanding: false, reassignments: [{ dealId: 'SA-1', newOwner: 'sa-heir' }] }, [202]);
    await close('2027-Q1');
    const q2 = await close('2027-Q2');
    expect(q2.statements.find((s: any) => s.repId === 'sa-ae')).toMatchObject({ period: '2027-Q2', commission: '0.00', drawPaid: '0.00' });
    expect(await h.ok('GET', '/reps/sa-ae', DEAL_BOOK_ACTORS.admin)).toMatchObject({ status: 'FINISHED' });

    // G1 is dated before the departure: it credits sa-ae, and posts late, in 2027-Q3
    const late = await approved(g1);
    expect(late).toMatchObject({ period: '2027-Q3', late: true, gatePostings: [{ repId: 'sa-ae', credit: '200000.00', commission: '8000.00' }] });

    const q3 = await close('2027-Q3');
    const statement = q3.statements.find((s: any) => s.repId === 'sa-ae');
    expect(statement).toMatchObject({ period: '2027-Q3', commission: '8000.00', drawPaid: '0.00', totalPayout: '8000.00', unrecoveredDrawBalance: '0.00', performanceReview: false });
    expect(statement.lines).toEqual([expect.objectContaining({ kind: 'GATE_COMMISSION', dealId: 'SA-1', reference: 'G1', amount: '8000.00', effectiveDate: '2027-04-20', late: true })]);
    expect(await h.ok('GET', '/reps/sa-ae/statements/2027-Q3', 'sa-ae:rep')).toEqual(statement);
    expect(await h.ok('GET', '/reps/sa-ae', DEAL_BOOK_ACTORS.admin)).toMatchObject({ status: 'FINISHED' });
    // the heir, not sa-ae, holds SA-1 from the departure on; a later quarter with nothing for sa-ae gives them no statement
    expect(q3.statements.find((s: any) => s.repId === 'sa-heir')).toMatchObject({ commission: '0.00' });
    const q4 = await close('2027-Q4');
    expect(q4.statements.map((s: any) => s.repId)).not.toContain('sa-ae');
    expect((await h.http('GET', '/reps/sa-ae/statements/2027-Q4', { as: desk })).status).toBe(403);
    expect((await h.http('GET', '/reps/sa-ae/statements/2027-Q4', { as: finance })).status).toBe(404);
  }, 180_000);
});
