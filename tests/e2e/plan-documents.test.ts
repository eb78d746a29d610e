import { createHash } from 'node:crypto';
import { planAckReminderWorkflowId } from '../../libs/contracts';
import { PlanAcknowledgementsRepository } from '../../libs/persistence/plan-acknowledgements.repository';
import { expectProblem } from '../support/api';
import { eventually } from '../support/eventually';
import { download } from '../support/evidence-files';
import { Harness, startHarness } from '../support/harness';

/**
 * docs/rules.md "Plan document and acknowledgement" and docs/api.md "Reps and departures": the terms of a rep's plan
 * version with their own draw (Markdown and PDF, one hash), acknowledged by the rep alone and exactly by that hash;
 * plans with requireAcknowledgement hold the unacknowledged rep out of payroll (holds()) and remind them weekly.
 */
describe('plan documents and acknowledgements (docs/rules.md "Plan document and acknowledgement")', () => {
  let h: Harness;
  let holds: PlanAcknowledgementsRepository;
  const admin = 'pd-admin:comp_admin';
  const hr = 'pd-hr:hr';
  const finance = 'pd-fin:finance';
  const ana = 'pd-ana:rep';
  const ben = 'pd-ben:rep';
  const manager = 'pd-mgr:manager';
  const otherManager = 'pd-mgr2:manager';
  const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
  const doc = (repId: string, as: string, query = '') => h.http('GET', `/reps/${repId}/plan-document${query}`, { as });
  const acknowledge = (repId: string, as: string, body: unknown) => h.http('POST', `/reps/${repId}/plan-acknowledgements`, { as, body });
  const ackRows = () => h.dataSource.query(`SELECT rep_id, plan_id, hash FROM plan_acknowledgements ORDER BY rep_id, plan_id`);

  beforeAll(async () => {
    h = await startHarness(__filename);
    holds = new PlanAcknowledgementsRepository(h.dataSource);
    const plan = (id: string, effectiveFrom: string, params: Record<string, unknown>) => h.ok('POST', '/plans', admin, { id, effectiveFrom, params }, [201]);
    await plan('PD-2027', '2027-01-01', { requireAcknowledgement: true, draw: { rampQuarters: 2, capQuarters: 3, exitTreatment: 'FORGIVE' } });
    await plan('PD-2028', '2028-01-01', { requireAcknowledgement: true });
    await plan('PD-FREE', '2027-01-01', {});
    for (const id of ['PD-2027', 'PD-2028', 'PD-FREE']) await h.ok('POST', `/plans/${id}/publish`, admin, undefined, [200]);
    const rep = (id: string, planId: string, managerId: string, quarterlyDraw: string) =>
      h.ok('POST', '/reps', admin, { id, name: `Rep ${id}`, role: 'AE', hireDate: '2027-01-01', quarterlyDraw, planId, managerId }, [201]);
    await rep('pd-ana', 'PD-2027', 'pd-mgr', '12345.67');
    await rep('pd-ben', 'PD-2027', 'pd-mgr2', '30000.00');
    await rep('pd-free', 'PD-FREE', 'pd-mgr', '30000.00');
    await h.ok('POST', '/reps/pd-ben/plan', admin, { planId: 'PD-2028', effectiveFrom: '2028-01-01' }, [200]);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('the rep, their manager, comp_admin and hr read the same document with the rep\'s own draw; its hash is the sha256 of the Markdown', async () => {
    const mine = await h.ok('GET', '/reps/pd-ana/plan-document', ana);
    expect(mine).toMatchObject({ repId: 'pd-ana', planId: 'PD-2027' });
    expect(mine.hash).toBe(sha256(mine.markdown));
    expect(mine.markdown).toContain('- Quarterly draw: $12,345.67.');
    expect(mine.markdown).toContain('exceeds 3 quarterly draws ($37,037.01)');
    expect(mine.markdown).toContain('an unrecovered balance is written off (forgiven).');
    for (const as of [manager, admin, hr]) expect(await h.ok('GET', '/reps/pd-ana/plan-document', as)).toEqual(mine);
    // another rep's draw gives another document
    expect((await h.ok('GET', '/reps/pd-ben/plan-document', ben)).hash).not.toBe(mine.hash);
  });

  it('another rep and another team\'s manager do not see it (404); finance may not read it (403)', async () => {
    expectProblem(await doc('pd-ana', ben), 404, 'NOT_FOUND');
    expectProblem(await doc('pd-ana', otherManager), 404, 'NOT_FOUND');
    expectProblem(await doc('pd-ana', finance), 403, 'FORBIDDEN');
    expectProblem(await doc('pd-ana', ana, '?planId=PD-FREE'), 404, 'NOT_FOUND');
  });

  it('?planId= reads a version the rep will be on: a move gives its own document', async () => {
    const next = await h.ok('GET', '/reps/pd-ben/plan-document?planId=PD-2028', ben);
    expect(next).toMatchObject({ repId: 'pd-ben', planId: 'PD-2028' });
    expect(next.markdown).toContain('on this version from 2028-01-01');
    expect((await h.ok('GET', '/reps/pd-ben/plan-document', ben)).planId).toBe('PD-2027');
  });

  it('Accept: application/pdf answers the same terms as a PDF carrying the hash in its text and info', async () => {
    const { hash } = await h.ok('GET', '/reps/pd-ana/plan-document', ana);
    const pdf = await download(h, '/reps/pd-ana/plan-document', ana, { accept: 'application/pdf' });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toMatch(/^application\/pdf/);
    const text = pdf.bytes.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toContain(`(sha256:${hash})`);
    expect(text).toContain(Buffer.from(`Document hash (sha256): ${hash}`).toString('hex'));
    expect(text).toContain(Buffer.from('Compensation plan PD-2027').toString('hex'));
    expect((await download(h, '/reps/pd-ana/plan-document', manager, { accept: 'application/pdf' })).bytes.equals(pdf.bytes)).toBe(true);
    expect((await download(h, '/reps/pd-ana/plan-document', ben, { accept: 'application/pdf' })).status).toBe(404);
  });

  it('before any acknowledgement: holds() names each rep whose version in force on the period\'s first day requires it', async () => {
    expect(await holds.holds('2027-Q1', ['pd-ana', 'pd-ben', 'pd-free', 'nobody'])).toEqual(
      new Map([
        ['pd-ana', 'plan PD-2027 not acknowledged'],
        ['pd-ben', 'plan PD-2027 not acknowledged'],
      ]),
    );
    expect(await holds.holds('2028-Q1', ['pd-ben'])).toEqual(new Map([['pd-ben', 'plan PD-2028 not acknowledged']]));
    expect(await holds.holds('2027-Q1', [])).toEqual(new Map());
  });

  it('only the rep acknowledges (comp_admin and another rep 403), exactly the current hash (else 409 PLAN_DOCUMENT_CHANGED); a repeat answers the first record', async () => {
    const { hash } = await h.ok('GET', '/reps/pd-ana/plan-document', ana);
    expectProblem(await acknowledge('pd-ana', admin, { planId: 'PD-2027', hash }), 403, 'FORBIDDEN');
    expectProblem(await acknowledge('pd-ana', ben, { planId: 'PD-2027', hash }), 403, 'FORBIDDEN');
    expectProblem(await acknowledge('pd-ana', manager, { planId: 'PD-2027', hash }), 403, 'FORBIDDEN');
    expectProblem(await acknowledge('pd-ana', ana, { planId: 'PD-2027', hash: sha256('another text') }), 409, 'PLAN_DOCUMENT_CHANGED');
    expectProblem(await acknowledge('pd-ana', ana, { planId: 'PD-2027', hash: 'not-a-hash' }), 400, 'VALIDATION_FAILED');
    expectProblem(await acknowledge('pd-ana', ana, { planId: 'PD-FREE', hash }), 404, 'NOT_FOUND');
    expect(await ackRows()).toEqual([]);

    const first = await acknowledge('pd-ana', ana, { planId: 'PD-2027', hash });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ repId: 'pd-ana', planId: 'PD-2027', hash, acknowledgedAt: expect.any(String) });
    const again = await acknowledge('pd-ana', ana, { planId: 'PD-2027', hash });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await ackRows()).toEqual([{ rep_id: 'pd-ana', plan_id: 'PD-2027', hash }]);

    for (const as of [ana, manager, admin, hr]) {
      const listed = await h.ok('GET', '/reps/pd-ana/plan-acknowledgements', as);
      expect(listed).toMatchObject({ repId: 'pd-ana', current: { planId: 'PD-2027', hash, requireAcknowledgement: true, acknowledged: true, acknowledgedAt: first.body.acknowledgedAt } });
      expect(listed.acknowledgements).toEqual([first.body]);
      expect(listed.remindersSent).toBe(0);
    }
    expectProblem(await h.http('GET', '/reps/pd-ana/plan-acknowledgements', { as: otherManager }), 404, 'NOT_FOUND');
  });

  it('after acknowledging: holds() no longer names the rep; the other rep and the next version stay held', async () => {
    expect(await holds.holds('2027-Q1', ['pd-ana', 'pd-ben', 'pd-free'])).toEqual(new Map([['pd-ben', 'plan PD-2027 not acknowledged']]));
    // pd-ben acknowledges the 2027 version: 2027 is released, 2028 (their next version) is still held
    const { hash } = await h.ok('GET', '/reps/pd-ben/plan-document', ben);
    await h.ok('POST', '/reps/pd-ben/plan-acknowledgements', ben, { planId: 'PD-2027', hash }, [201]);
    expect(await holds.holds('2027-Q4', ['pd-ana', 'pd-ben'])).toEqual(new Map());
    expect(await holds.holds('2028-Q1', ['pd-ana', 'pd-ben'])).toEqual(new Map([['pd-ben', 'plan PD-2028 not acknowledged']]));
  });

  it('a reminder workflow runs per rep and version of a plan requiring acknowledgement, and ends when the rep acknowledges', async () => {
    const status = async (repId: string, planId: string) => (await h.client.workflow.getHandle(planAckReminderWorkflowId(repId, planId)).describe()).status.name;
    expect(await status('pd-ben', 'PD-2028')).toBe('RUNNING');
    await expect(h.client.workflow.getHandle(planAckReminderWorkflowId('pd-free', 'PD-FREE')).describe()).rejects.toThrow();
    await eventually(async () => expect(await status('pd-ana', 'PD-2027')).toBe('COMPLETED'));
    expect(await h.client.workflow.getHandle(planAckReminderWorkflowId('pd-ana', 'PD-2027')).result()).toEqual({ outcome: 'ACKNOWLEDGED', remindersSent: 0 });
  });
});
