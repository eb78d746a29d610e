import { AGING_SWEEP_WORKFLOW_ID, agingWatchId, sweepAgingNowSignal } from '../../libs/contracts';
import { dateOfInstant } from '../../libs/domain';
import { backfillAgingWatches } from '../../activities/alert.activities';
import { AlertsRepository } from '../../libs/persistence/alerts.repository';
import { expectProblem } from '../support/api';
import { dealKit } from '../support/deal-book';
import { eventually } from '../support/eventually';
import { Harness, startHarness } from '../support/harness';

/**
 * docs/rules.md "Aging alerts" through the real API, worker, Temporal and PostgreSQL: deals sourced long ago alert on
 * their first gate as soon as they are created (the watch is committed already due, and the commit asks the sweeper
 * for a round), and GET /alerts shows each person the alerts of their scope. The waiting itself is proven on the
 * time-skipping server (tests/workflow/aging-alerts.test.ts).
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
  const watchRows = async (dealId: string) =>
    (await h.dataSource.query(`SELECT id, kind, due_at, settled_at, outcome FROM aging_watches WHERE deal_id = $1 ORDER BY id`, [dealId])).map(
      (r: { id: string; kind: string; due_at: Date; settled_at: Date | null; outcome: string | null }) => ({ id: r.id, kind: r.kind, dueAt: r.due_at.toISOString(), settled: r.settled_at !== null, outcome: r.outcome }),
    );

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
    // The overdue gate's watch is settled with its alert; the approval submitted today and AL-NEW's G1 are watched, not yet due.
    // (The sweep records the outcomes once the page's alerts are written.)
    await eventually(async () => expect(await watchRows('AL-OLD')).toEqual([{ id: gateAlert('AL-OLD'), kind: 'GATE_AGING', dueAt: '2025-11-01T00:00:00.000Z', settled: true, outcome: 'RAISED' }]), 10_000, 100);
    const approvalWatch = agingWatchId({ kind: 'APPROVAL_AGING', dealId: 'AL-NEW', approvalId });
    const [{ submitted_at: submittedAt }] = await h.dataSource.query(`SELECT submitted_at FROM approvals WHERE approval_id = $1`, [approvalId]);
    expect(await watchRows('AL-NEW')).toEqual([
      { id: approvalWatch, kind: 'APPROVAL_AGING', dueAt: new Date(new Date(submittedAt).getTime() + 5 * 86_400_000).toISOString(), settled: false, outcome: null },
      { id: gateAlert('AL-NEW'), kind: 'GATE_AGING', dueAt: expect.any(String), settled: false, outcome: null },
    ]);
    // No watcher workflows: one sweeper holds every deadline.
    expect((await h.client.workflow.getHandle(AGING_SWEEP_WORKFLOW_ID).describe()).status.name).toBe('RUNNING');
    await expect(h.client.workflow.getHandle(approvalWatch).describe()).rejects.toThrow();
  });

  it('an approval past its aging deadline alerts the deal desk; deciding it resolves the alert', async () => {
    // The watch as the commit wrote it, but submitted six days ago, so its deadline has passed (the wait is the
    // time-skipping test's); then the sweeper is asked for a round.
    const id = agingWatchId({ kind: 'APPROVAL_AGING', dealId: 'AL-NEW', approvalId });
    const submittedAt = new Date(Date.now() - 6 * 86_400_000).toISOString();
    const dueAt = new Date(Date.parse(submittedAt) + 5 * 86_400_000).toISOString();
    await h.dataSource.query(
      `UPDATE aging_watches SET due_at = $2::timestamptz, watch = watch || jsonb_build_object('submittedAt', $3::text, 'dueAt', $4::text) WHERE id = $1 AND settled_at IS NULL`,
      [id, dueAt, submittedAt, dueAt],
    );
    await h.client.workflow.getHandle(AGING_SWEEP_WORKFLOW_ID).signal(sweepAgingNowSignal);
    await eventually(async () => expect(await ids(desk)).toEqual([id]), 30_000, 200);
    await eventually(async () => expect((await watchRows('AL-NEW')).find((w: { id: string }) => w.id === id)).toMatchObject({ settled: true, outcome: 'RAISED', dueAt }), 10_000, 100);
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

  it('the backfill writes the watches a book made before aging alerts lacks, and nothing twice', async () => {
    const gate = agingWatchId({ kind: 'GATE_AGING', dealId: 'AL-NEW', gate: 'G2' });
    const watched = async () => (await h.dataSource.query(`SELECT id, created_at, due_at FROM aging_watches WHERE id = $1`, [gate])) as Array<{ id: string; created_at: Date; due_at: Date }>;
    expect(await watched()).toHaveLength(1);
    // As if the deal predated aging alerts: its G2 watch was never written.
    await h.dataSource.query(`DELETE FROM aging_watches WHERE id = $1`, [gate]);

    const alerts = new AlertsRepository(h.dataSource);
    // AL-OLD's G1 (already there, settled) and AL-NEW's G2 (AL-OTHER is killed, nothing is pending): one new row.
    expect(await backfillAgingWatches(h.client, alerts)).toEqual({ watches: 2, inserted: 1 });
    const [row] = await watched();
    expect(row.due_at.toISOString()).toBe(`${(await h.dataSource.query(`SELECT watch->>'alertOn' AS d FROM aging_watches WHERE id = $1`, [gate]))[0].d}T00:00:00.000Z`);
    expect(await backfillAgingWatches(h.client, alerts)).toEqual({ watches: 2, inserted: 0 });
    expect(await watched()).toEqual([row]);
    expect(await h.dataSource.query(`SELECT count(*)::int AS n FROM aging_watches`)).toEqual([{ n: 5 }]);
  });
});
