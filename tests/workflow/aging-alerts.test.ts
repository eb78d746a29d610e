import { TestWorkflowEnvironment } from '@temporalio/testing';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { AGING_SWEEP_WORKFLOW_ID, agingWatchId, approveUpdate, createDealUpdate, dealWorkflowId, submitArtifactUpdate, TASK_QUEUE } from '../../libs/contracts';
import { dateOfInstant, gateAgingDate, newDeal, resolvePlanParams } from '../../libs/domain';
import { agingSweepWorkflow, dealWorkflow } from '../../workflows';
import { eventually } from '../support/eventually';
import { saveReplayFixture } from '../support/fixtures';
import { startTimeSkippingWorld, TimeSkippingWorld } from '../support/time-skipping';

const admin = { id: 'admin', roles: ['comp_admin'] };
const rep = { id: 'age-ae', roles: ['rep'] };
const desk = { id: 'desk', roles: ['deal_desk'] };
const DAY_MS = 86_400_000;

/**
 * docs/rules.md "Aging alerts" on the time-skipping server: the deal's commit writes one watch per submitted approval
 * and per awaited gate (a row of aging_watches, in its transaction); the one sweeper sleeps on a durable timer (which
 * the server skips) until the earliest watch is due, and settles it through the real activity and PostgreSQL, raising
 * the alert only if the item still waits. Here the sweeper looks at the table at least daily (an hour in production),
 * so nine months skip in a few hundred rounds.
 */
describe('aging alerts (time skipping)', () => {
  let env: TestWorkflowEnvironment;
  let db: DataSource;
  let world: TimeSkippingWorld;
  const plan = resolvePlanParams({ alerts: { approvalAgingDays: 3 } });
  let today: string;

  beforeAll(async () => {
    world = await startTimeSkippingWorld('workflow-aging-alerts', async (database, environment) => {
      [db, env] = [database, environment];
      today = dateOfInstant(await env.currentTimeMs());
      await db.query(`INSERT INTO plans (id, effective_from, params, status, created_by) VALUES ('age-plan', '2020-01-01', $1, 'PUBLISHED', 't')`, [JSON.stringify(plan)]);
    });
    await env.client.workflow.start(agingSweepWorkflow, { workflowId: AGING_SWEEP_WORKFLOW_ID, taskQueue: TASK_QUEUE, args: [{ maxIdleMs: DAY_MS }] });
  }, 120_000);

  afterAll(async () => world?.stop(), 60_000);

  /** The server's date now: each skip moves it, so a test dates its deals from the clock it finds. */
  const serverToday = async () => dateOfInstant(await env.currentTimeMs());

  async function createDeal(id: string, sourcedAt = today) {
    const deal = newDeal(
      { id, sponsor: 'Sponsor', program: `${id} program`, tcv: '1000000.00', dealType: 'NEW_BUSINESS', sourcedBy: rep.id, owner: rep.id, sourcedAt, splits: [{ repId: rep.id, role: 'AE', share: '1' }] },
      'age-plan',
      plan,
    );
    await env.client.workflow.executeUpdateWithStart(createDealUpdate, {
      args: [{ actor: admin, requestHash: `hash-${id}` }],
      startWorkflowOperation: new WithStartWorkflowOperation(dealWorkflow, {
        workflowId: dealWorkflowId(id),
        taskQueue: TASK_QUEUE,
        args: [{ deal, createdBy: admin, requestHash: `hash-${id}` }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      }),
    });
    return env.client.workflow.getHandle(dealWorkflowId(id));
  }
  const submitG1 = async (dealId: string, effectiveDate = today) =>
    (await env.client.workflow.getHandle(dealWorkflowId(dealId)).executeUpdate(submitArtifactUpdate, {
      args: [{ actor: rep, gate: 'G1', documentType: 'LOI', documentRef: `${dealId}-loi.pdf`, effectiveDate }],
    })).approvalId;
  const alertRows = (id: string) => db.query(`SELECT kind, deal_id, approval_id, gate, detail FROM alerts WHERE id = $1`, [id]);
  /** The watch's row: when it is due, and when the sweep settled it (by the workflow's clock) with what outcome. */
  const watchRow = async (id: string): Promise<{ dueAt: number; settledAt: number | null; outcome: string | null; watch: any }> => {
    const [row] = await db.query(`SELECT due_at, settled_at, outcome, watch FROM aging_watches WHERE id = $1`, [id]);
    expect(row).toBeDefined();
    return { dueAt: row.due_at.getTime(), settledAt: row.settled_at?.getTime() ?? null, outcome: row.outcome, watch: row.watch };
  };
  /** Skipping time hands each sweep to the worker; its writes land a moment later in real time. */
  const settled = (id: string, outcome: 'RAISED' | 'SETTLED') =>
    eventually(async () => {
      const row = await watchRow(id);
      expect(row.outcome).toBe(outcome);
      return row;
    }, 20_000, 100);

  it('an approval still pending after alerts.approvalAgingDays raises one alert, not a day earlier', async () => {
    await createDeal('AGE-1');
    const approvalId = await submitG1('AGE-1');
    const id = agingWatchId({ kind: 'APPROVAL_AGING', dealId: 'AGE-1', approvalId });
    const { watch, dueAt } = await watchRow(id);
    expect(dueAt).toBe(Date.parse(watch.submittedAt) + 3 * DAY_MS);

    await env.sleep(2 * DAY_MS);
    expect(await watchRow(id)).toMatchObject({ settledAt: null, outcome: null });
    expect(await alertRows(id)).toEqual([]);

    await env.sleep(2 * DAY_MS);
    const row = await settled(id, 'RAISED');
    // The sweeper slept until this watch was due: settled at its due time, by the workflow's clock.
    expect(row.settledAt! - dueAt).toBeGreaterThanOrEqual(0);
    expect(row.settledAt! - dueAt).toBeLessThan(60_000);
    const [alert] = await alertRows(id);
    expect(alert).toMatchObject({ kind: 'APPROVAL_AGING', deal_id: 'AGE-1', approval_id: approvalId, gate: null, detail: { agingDays: 3 } });
    expect(await db.query(`SELECT count(*)::int AS n FROM alerts`)).toEqual([{ n: 1 }]);
    await saveReplayFixture(env.client, AGING_SWEEP_WORKFLOW_ID, 'aging-sweep');
  }, 120_000);

  it('an approval decided in time raises nothing when its watch falls due', async () => {
    const handle = await createDeal('AGE-2', await serverToday());
    const approvalId = await submitG1('AGE-2', await serverToday());
    await handle.executeUpdate(approveUpdate, { args: [{ approvalId, actor: desk }] });
    const id = agingWatchId({ kind: 'APPROVAL_AGING', dealId: 'AGE-2', approvalId });
    await env.sleep(4 * DAY_MS);
    const row = await settled(id, 'SETTLED');
    expect(row.settledAt!).toBeGreaterThanOrEqual(row.dueAt);
    expect(await alertRows(id)).toEqual([]);
  }, 120_000);

  it('a gate still open 1.5 × monthsFromPrevious after sourcedAt alerts; once its gate retires the deal watches the next one', async () => {
    // Both deals are created before any more time is skipped: AGE-4 retires G1 at once.
    const sourcedAt = await serverToday();
    await createDeal('AGE-3', sourcedAt);
    const handle = await createDeal('AGE-4', sourcedAt);
    const approvalId = await submitG1('AGE-4', sourcedAt);
    await handle.executeUpdate(approveUpdate, { args: [{ approvalId, actor: desk }] });
    const alertOn = gateAgingDate(sourcedAt, plan.forecast.monthsFromPrevious.G1);
    const due = Date.parse(`${alertOn}T00:00:00Z`);
    const g1 = agingWatchId({ kind: 'GATE_AGING', dealId: 'AGE-3', gate: 'G1' });
    expect((await watchRow(g1)).dueAt).toBe(due);

    // A day before it is due, nothing yet.
    await env.sleep(due - DAY_MS - (await env.currentTimeMs()));
    expect(await watchRow(g1)).toMatchObject({ settledAt: null, outcome: null });
    await env.sleep(2 * DAY_MS);
    expect((await settled(g1, 'RAISED')).settledAt!).toBeGreaterThanOrEqual(due);
    const [row] = await alertRows(g1);
    expect(row).toMatchObject({ kind: 'GATE_AGING', deal_id: 'AGE-3', gate: 'G1', approval_id: null, detail: { since: sourcedAt, monthsFromPrevious: 6, alertOn } });

    // AGE-4 retired G1 in time: its G1 watch settles without an alert, and its G2 watch counts from G1's effectiveDate.
    const age4g1 = agingWatchId({ kind: 'GATE_AGING', dealId: 'AGE-4', gate: 'G1' });
    await settled(age4g1, 'SETTLED');
    expect(await alertRows(age4g1)).toEqual([]);
    // G2, still open 9 months after G1's effectiveDate (the same day here), alerts in its turn.
    const g2 = agingWatchId({ kind: 'GATE_AGING', dealId: 'AGE-4', gate: 'G2' });
    expect((await watchRow(g2)).dueAt).toBe(Date.parse(`${gateAgingDate(sourcedAt, 6)}T00:00:00Z`));
    await settled(g2, 'RAISED');
    expect(await alertRows(g2)).toMatchObject([{ gate: 'G2', detail: { since: sourcedAt, monthsFromPrevious: 6, alertOn: gateAgingDate(sourcedAt, 6) } }]);
    // Nothing else waits but the gates the alerted deals still hold open: the sweeper keeps running.
    expect((await env.client.workflow.getHandle(AGING_SWEEP_WORKFLOW_ID).describe()).status.name).toBe('RUNNING');
  }, 180_000);
});
