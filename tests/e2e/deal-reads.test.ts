import { dealSnapshotQuery, dealWorkflowId } from '../../libs/contracts';
import { dealView } from '../../apps/api/deals/deal-view';
import { dateOfInstant } from '../../libs/domain';
import { expectProblem } from '../support/api';
import { DEAL_BOOK_ACTORS, dealKit, seedBook } from '../support/deal-book';
import { Harness, startHarness } from '../support/harness';

/**
 * Issue 3, the deal lifecycle of docs/rules.md "Deals and gates" end to end over HTTP against the real dev server and
 * PostgreSQL (moved from deal-lifecycle.test.ts). Reads: GET /deals filters and visibility, GET /deals/{id} and
 * the approval queue, GET /deals/{id}/history. The book is tests/support/deal-book.ts' seedBook.
 */
describe('deal lifecycle (issue 3): lists, reads and history', () => {
  let h: Harness;
  const { admin, desk } = DEAL_BOOK_ACTORS;
  // docs/rules.md "Access scope": a manager acts only on their team, and these reps have none; mgr-1 also holds comp_admin here.
  const manager = 'mgr-1:comp_admin,manager';
  const { ok, createDeal, submit, bonus, approved } = dealKit(() => h);

  beforeAll(async () => {
    h = await startHarness(__filename);
    await seedBook(h, ['pin-ae', 'ls-a', 'ls-b', 'hi-ae']);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('GET /deals filters by status, owner and sourcedBy; a rep sees only deals they are on', async () => {
    await createDeal('LC-LIST-1', { sourcedBy: 'ls-a', owner: 'ls-a', splits: [{ repId: 'ls-a', role: 'AE', share: '1.00' }] });
    await createDeal('LC-LIST-2', { sourcedBy: 'ls-a', owner: 'ls-b', splits: [{ repId: 'ls-b', role: 'AE', share: '1.00' }] });
    await createDeal('LC-LIST-3', { sourcedBy: 'ls-b', owner: 'ls-b', splits: [{ repId: 'ls-b', role: 'AE', share: '1.00' }] });
    await ok('POST', '/deals/LC-LIST-3/kill', admin, { reason: 'futility', effectiveDate: '2027-03-01' }, [200]);

    const ids = async (query: string, as = admin) => (await ok('GET', `/deals${query}`, as)).map((d: any) => d.id);
    expect(await ids('?owner=ls-b')).toEqual(['LC-LIST-2', 'LC-LIST-3']);
    expect(await ids('?sourcedBy=ls-a')).toEqual(['LC-LIST-1', 'LC-LIST-2']);
    expect(await ids('?status=ACTIVE&owner=ls-b')).toEqual(['LC-LIST-2']);
    expect(await ids('?status=KILLED&sourcedBy=ls-b')).toEqual(['LC-LIST-3']);
    expect(await ids('?status=CLOSED&owner=ls-a')).toEqual([]);
    expect(await ids('?owner=ls-b&limit=1&offset=1')).toEqual(['LC-LIST-3']);
    const listed = (await ok('GET', '/deals?sourcedBy=ls-b', manager))[0];
    expect(listed).toMatchObject({ id: 'LC-LIST-3', status: 'KILLED', owner: 'ls-b', sourcedBy: 'ls-b', planId: 'LC-2027', tcv: '1000000.00', creditRetired: '0.00' });
    expectProblem(await h.http('GET', '/deals?status=OPEN', { as: admin }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('GET', '/deals?colour=red', { as: admin }), 400, 'VALIDATION_FAILED');

    // ls-a is on LC-LIST-1 (owner) and LC-LIST-2 (sourcedBy); ls-b on LC-LIST-2 and LC-LIST-3
    expect(await ids('', 'ls-a:rep')).toEqual(['LC-LIST-1', 'LC-LIST-2']);
    expect(await ids('', 'ls-b:rep')).toEqual(['LC-LIST-2', 'LC-LIST-3']);
    expect(await ids('?owner=ls-a', 'ls-b:rep')).toEqual([]);
    expect(await ids('?owner=pin-ae', 'ls-b:rep')).toEqual([]);
    expect((await ok('GET', '/deals/LC-LIST-1', 'ls-a:rep')).id).toBe('LC-LIST-1');
    expectProblem(await h.http('GET', '/deals/LC-LIST-1', { as: 'ls-b:rep' }), 404, 'NOT_FOUND');
    expectProblem(await h.http('GET', '/deals/LC-LIST-3', { as: 'ls-a:rep' }), 404, 'NOT_FOUND');
    expectProblem(await h.http('GET', '/deals/LC-NOPE', { as: admin }), 404, 'NOT_FOUND');
    // a rep may not read the history of a deal
    expectProblem(await h.http('GET', '/deals/LC-LIST-1/history', { as: 'ls-a:rep' }), 403, 'FORBIDDEN');
  });

  it('GET /deals/{id} and the approval queue: answers repeated while nothing is committed; every change shows on the next read', async () => {
    await createDeal('LC-VIEW');
    const read = async () => (await ok('GET', '/deals/LC-VIEW', admin)) as any;
    const snapshot = () => h.client.workflow.getHandle(dealWorkflowId('LC-VIEW')).query(dealSnapshotQuery);
    const committedVersion = async () => (await h.dataSource.query(`SELECT version FROM deals WHERE id = 'LC-VIEW'`))[0].version;

    const first = await read();
    expect(await read()).toEqual(first);
    expect((await snapshot()).version).toBe(await committedVersion());
    expect(dealView((await snapshot()).deal, dateOfInstant(Date.now()))).toEqual(first); // gates' expected dates as of today

    for (const expectedDate of ['2027-09-01', '2027-10-15', '2027-09-01']) {
      await ok('POST', '/deals/LC-VIEW/slip', manager, { expectedDate, reason: `customer moved to ${expectedDate}` }, [200]);
      expect((await read()).slip).toEqual({ gate: 'G1', expectedDate, reason: `customer moved to ${expectedDate}` });
    }
    const queue = async (status: string) => ((await ok('GET', `/approvals?status=${status}&dealId=LC-VIEW`, desk)) as any[]).map((a) => a.approvalId);
    expect(await queue('PENDING')).toEqual([]);
    const approvalId = await submit('LC-VIEW', 'pin-ae:rep', 'G1', 'LOI', '2027-03-01');
    expect((await read()).pending.map((p: any) => p.approvalId)).toEqual([approvalId]);
    expect(await queue('PENDING')).toEqual([approvalId]); // the same query as before the change: a fresh answer
    await approved(approvalId);
    expect(await queue('PENDING')).toEqual([]);
    expect(await queue('APPROVED')).toEqual([approvalId]);
    const last = await read();
    expect(last.pending).toEqual([]);
    expect(last.gates[0]).toMatchObject({ key: 'G1', status: 'RETIRED', credit: '200000.00' });
    expect((await snapshot()).version).toBe(await committedVersion());
    expect(dealView((await snapshot()).deal, dateOfInstant(Date.now()))).toEqual(last);
  });

  it('GET /deals/{id}/history: oldest first, who did what and why, every posting; ?format=temporal gives the raw histories', async () => {
    await createDeal('LC-HIST', { owner: 'hi-ae', tcv: '3000000.00' });
    const rep = 'hi-ae:rep';
    const first = await submit('LC-HIST', rep, 'G1', 'LOI', '2027-03-01');
    await ok('POST', `/approvals/${first}/reject`, 'desk-7:deal_desk', { reason: 'LOI not countersigned' }, [200]);
    const second = await submit('LC-HIST', rep, 'G1', 'AWARD_LETTER', '2027-03-15');
    await ok('POST', `/approvals/${second}/approve`, 'desk-8:deal_desk', { note: 'award letter on file' }, [200]);
    await ok('POST', '/deals/LC-HIST/descope', manager, { newTcv: '2000000.00', reason: 'fewer sites', effectiveDate: '2027-05-01' }, [200]);
    const site = await bonus('LC-HIST', rep, { type: 'SITE_ACTIVATION', quantity: 2, effectiveDate: '2027-05-02' });
    await ok('POST', `/approvals/${site}/approve`, 'desk-8:deal_desk', {}, [200]);
    await submit('LC-HIST', rep, 'G2', 'SIGNED_WORK_ORDER', '2027-06-01');
    await ok('POST', '/deals/LC-HIST/kill', admin, { reason: 'safety signal', effectiveDate: '2027-07-01' }, [200]);

    const res = await h.http('GET', '/deals/LC-HIST/history', { as: desk });
    expect(res.status).toBe(200);
    const timeline = res.body as Array<{ at: string; type: string; actor: string | null; summary: string; details: any }>;
    expect(timeline.map((e) => [e.type, e.actor])).toEqual([
      ['DEAL_CREATED', 'admin-1'],
      ['ARTIFACT_SUBMITTED', 'hi-ae'],
      ['REJECTED', 'desk-7'],
      ['ARTIFACT_SUBMITTED', 'hi-ae'],
      ['APPROVED', 'desk-8'],
      ['POSTING', 'desk-8'],
      ['DESCOPED', 'mgr-1'],
      ['BONUS_EVENT_SUBMITTED', 'hi-ae'],
      ['APPROVED', 'desk-8'],
      ['POSTING', 'desk-8'],
      ['ARTIFACT_SUBMITTED', 'hi-ae'],
      ['KILLED', 'admin-1'],
    ]);
    const at = timeline.map((e) => e.at);
    expect([...at].sort()).toEqual(at);
    expect(at.every((t) => !Number.isNaN(Date.parse(t)))).toBe(true);
    const byType = (type: string) => timeline.filter((e) => e.type === type);
    expect(byType('REJECTED')[0].summary).toBe(`${first} rejected: LOI not countersigned`);
    expect(byType('REJECTED')[0].details.request).toMatchObject({ approvalId: first, reason: 'LOI not countersigned' });
    expect(byType('APPROVED')[0].summary).toBe(`${second} approved (G1, credit 600000.00)`);
    expect(byType('POSTING').map((e) => e.summary)).toEqual([
      'hi-ae: credit 600000.00, commission 24000.00 (G1, 2027-Q1)',
      'hi-ae: design-win bonus 50000.00 paid, 0.00 capped (SITE_ACTIVATION, 2027-Q2)',
    ]);
    expect(byType('DESCOPED')[0].summary).toBe('TCV descoped to 2000000.00 (effective 2027-05-01): fewer sites');
    expect(byType('KILLED')[0].summary).toBe('trial killed (effective 2027-07-01): safety signal');
    expect(byType('DEAL_CREATED')[0].details.deal).toMatchObject({ id: 'LC-HIST', tcv: '3000000.00', planId: 'LC-2027' });

    const raw = await h.http('GET', '/deals/LC-HIST/history?format=temporal', { as: admin });
    expect(raw.status).toBe(200);
    expect(raw.body).toHaveLength(1);
    expect(raw.body[0]).toEqual({ runId: expect.any(String), history: { events: expect.any(Array) } });
    const events = raw.body[0].history.events;
    expect(events[0]).toMatchObject({ eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED' });
    // 8 commands and the create: a create is an update sent with the workflow's start (update-with-start), so the
    // create answers only once the first commit has written the projection.
    expect(events.filter((e: any) => e.eventType === 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED')).toHaveLength(9 + 1);

    expectProblem(await h.http('GET', '/deals/LC-HIST/history', { as: 'hi-ae:rep' }), 403, 'FORBIDDEN');
    expectProblem(await h.http('GET', '/deals/LC-NOPE/history', { as: admin }), 404, 'NOT_FOUND');
  });
});
