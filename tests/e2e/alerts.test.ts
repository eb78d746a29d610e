import { WorkflowIdReusePolicy } from '@temporalio/client';
import { AgingWatch, agingWatchId, TASK_QUEUE } from '../../libs/contracts';
import { dateOfInstant } from '../../libs/domain';
import { backfillAgingWatches } from '../../activities/alert.activities';
import { AlertsRepository } from '../../libs/persistence/alerts.repository';
import { agingAlertWorkflow } from '../../workflows';
import { expectProblem } from '../support/api';
import { dealKit } from '../support/deal-book';
import { eventually } from '../support/eventually';
import { Harness, startHarness } from '../support/harness';

/**
 * docs/rules.md "Aging alerts" through the real API, worker, Temporal and PostgreSQL: deals sourced long ago alert on
 * their first gate as soon as they are created (the watcher's deadline has passed), and GET /alerts shows each person
 * the alerts of their scope. The waiting itself is proven on the time-skipping server (tests/workflow/aging-alerts.test.ts).
 */
describe('aging alerts: GET /alerts and its scope', () => {
  let h: Harness;
  const admin = 'al-admin:comp_admin';
  const desk = 'al-desk:deal_desk';
  const { createDeal, submit, approve } = dealKit(() => h);
  const today = dateOfInstant(Date.now());
  let approvalId: string;

  const ids = async (as: string, query = '') => {
    const res = await h.http('GET', `/alerts${query}`, { as });
    expect(res.status).toBe(200);
    return (res.body as Array<{ id: string }>).map((a) => a.id).sort();
  };
  const gateAlert = (dealId: string) => agingWatchId({ kind: 'GATE_AGING', dealId, gate: 'G1' });

  beforeAll(async () => {
    h = await startHarness(__filename);
    await h.ok('POST', '/plans', admin, { id: 'AL-2025', effectiveFrom: '2025-01-01', params: {} }, [201]);
    await h.ok('POST', '/plans/AL-2025/publish', admin, undefined, [200]);
    for (const [id, managerId] of [['al-ae', 'al-mgr'], ['al-other', 'al-mgr2']]) {
      await h.ok('POST', '/reps', admin, { id, name: id, role: 'AE', hireDate: '2025-01-01', quarterlyDraw: '10000.00', planId: 'AL-2025', managerId }, [201]);
    }
    // G1 (monthsFromPrevious 6) alerts 9 months after sourcedAt: long past for these two, months ahead for AL-NEW.
    await createDeal('AL-OLD', { owner: 'al-ae', sourcedAt: '2025-02-01' });
    await createDeal('AL-OTHER', { owner: 'al-other', sourcedAt: '2025-02-01' });
    await createDeal('AL-NEW', { owner: 'al-ae', sourcedAt: today });
    approvalId = await submit('AL-NEW', 'al-ae:rep', 'G1', 'AWARD_LETTER', today);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('a gate open 1.5 × monthsFromPrevious after sourcedAt alerts as soon as its deal is created; a recent one does not', async () => {
    await eventually(async () => expect(await ids(admin)).toEqual([gateAlert('AL-OLD'), gateAlert('AL-OTHER')]), 30_000, 200);
    const [alert] = (await h.http('GET', '/alerts?kind=GATE_AGING', { as: 'al-ae:rep' })).body;
    expect(alert).toMatchObject({
      id: gateAlert('AL-OLD'),
      kind: 'GATE_AGING',
      status: 'OPEN',
      dealId: 'AL-OLD',
      ownerId: 'al-ae',
      gate: 'G1',
      dueAt: '2025-11-01T00:00:00.000Z',
      detail: { since: '2025-02-01', monthsFromPrevious: 6, alertOn: '2025-11-01' },
    });
    expect(alert.message).toContain('gate G1 of deal AL-OLD is still open on 2025-11-01');
    // Each alert is a webhook event too, appended in the transaction that wrote it (docs/rules.md "Signed webhooks").
    const events = await h.dataSource.query(`SELECT subject, data FROM webhook_outbox WHERE type = 'tranche.alert.raised' ORDER BY subject`);
    expect(events.map((e: { subject: string; data: { alertId: string } }) => [e.subject, e.data.alertId])).toEqual([
      ['deal/AL-OLD', gateAlert('AL-OLD')],
      ['deal/AL-OTHER', gateAlert('AL-OTHER')],
    ]);
    // The approval submitted today is watched, not yet due.
    const watcher = await h.client.workflow.getHandle(agingWatchId({ kind: 'APPROVAL_AGING', dealId: 'AL-NEW', approvalId })).describe();
    expect(watcher.status.name).toBe('RUNNING');
  });

  it('an approval past its aging deadline alerts the deal desk; deciding it resolves the alert', async () => {
    // The watcher as the commit started it, but with its deadline passed (the wait is the time-skipping test's).
    const id = agingWatchId({ kind: 'APPROVAL_AGING', dealId: 'AL-NEW', approvalId });
    await h.client.workflow.getHandle(id).terminate('e2e: restarted with its deadline passed');
    const submittedAt = new Date(Date.now() - 6 * 86_400_000).toISOString();
    const watch: AgingWatch = { kind: 'APPROVAL_AGING', dealId: 'AL-NEW', approvalId, submittedAt, agingDays: 5, dueAt: new Date(Date.now() - 86_400_000).toISOString() };
    const outcome = await h.client.workflow.execute(agingAlertWorkflow, { workflowId: id, taskQueue: TASK_QUEUE, args: [watch], workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE });
    expect(outcome).toBe('RAISED');
    expect(await ids(desk)).toEqual([id]);
    expect((await h.http('GET', '/alerts', { as: desk })).body[0]).toMatchObject({ kind: 'APPROVAL_AGING', status: 'OPEN', approvalId, dealId: 'AL-NEW', detail: { submittedAt, agingDays: 5 } });

    expect((await approve(approvalId)).status).toBe(200);
    expect(await ids(desk, '?status=OPEN')).toEqual([]);
    expect(await ids(desk, '?status=RESOLVED')).toEqual([id]);
  });

  it('scope: comp admins see all, the desk approval alerts, a manager their team\'s gates, a rep their own; HR and finance may not ask', async () => {
    const approval = agingWatchId({ kind: 'APPROVAL_AGING', dealId: 'AL-NEW', approvalId });
    expect(await ids(admin)).toEqual([approval, gateAlert('AL-OLD'), gateAlert('AL-OTHER')].sort());
    expect(await ids(admin, '?kind=GATE_AGING')).toEqual([gateAlert('AL-OLD'), gateAlert('AL-OTHER')]);
    expect(await ids(desk)).toEqual([approval]);
    expect(await ids('al-mgr:manager')).toEqual([gateAlert('AL-OLD')]);
    expect(await ids('al-mgr2:manager')).toEqual([gateAlert('AL-OTHER')]);
    expect(await ids('al-ae:rep')).toEqual([gateAlert('AL-OLD')]);
    expect(await ids('al-other:rep')).toEqual([gateAlert('AL-OTHER')]);
    expect(await ids('al-nobody:rep')).toEqual([]);
    expect(await ids('al-mgr:manager,deal_desk')).toEqual([approval, gateAlert('AL-OLD')].sort());
    expectProblem(await h.http('GET', '/alerts', { as: 'al-hr:hr' }), 403, 'FORBIDDEN');
    expectProblem(await h.http('GET', '/alerts', { as: 'al-fin:finance' }), 403, 'FORBIDDEN');
    expectProblem(await h.http('GET', '/alerts?status=LATE', { as: admin }), 400, 'VALIDATION_FAILED');
  });

  it('a killed deal\'s gate alert is RESOLVED', async () => {
    await h.ok('POST', '/deals/AL-OTHER/kill', admin, { reason: 'sponsor stopped the program', effectiveDate: '2025-03-01' }, [200]);
    expect(await ids(admin, '?kind=GATE_AGING&status=OPEN')).toEqual([gateAlert('AL-OLD')]);
    expect(await ids('al-other:rep', '?status=RESOLVED')).toEqual([gateAlert('AL-OTHER')]);
  });

  it('the backfill starts the watchers a book made before aging alerts lacks, and nothing twice', async () => {
    const gate = agingWatchId({ kind: 'GATE_AGING', dealId: 'AL-NEW', gate: 'G2' });
    const before = await h.client.workflow.getHandle(gate).describe();
    expect(before.status.name).toBe('RUNNING');
    // As if the deal predated aging alerts: its G2 watcher never existed.
    await h.client.workflowService.deleteWorkflowExecution({ namespace: h.namespace, workflowExecution: { workflowId: gate, runId: before.runId } });
    await eventually(async () => expect(await h.client.workflow.getHandle(gate).describe().then(() => 'found', () => 'gone')).toBe('gone'), 10_000, 100);

    const alerts = new AlertsRepository(h.dataSource);
    expect(await backfillAgingWatches(h.client, alerts)).toBe(2); // AL-OLD's G1 and AL-NEW's G2 (AL-OTHER is killed, nothing is pending)
    const after = await h.client.workflow.getHandle(gate).describe();
    expect(after.status.name).toBe('RUNNING');
    expect(after.runId).not.toBe(before.runId);
    await backfillAgingWatches(h.client, alerts);
    expect((await h.client.workflow.getHandle(gate).describe()).runId).toBe(after.runId);
  });
});
