import { TestWorkflowEnvironment } from '@temporalio/testing';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { agingWatchId, approveUpdate, createDealUpdate, dealWorkflowId, submitArtifactUpdate, TASK_QUEUE } from '../../libs/contracts';
import { dateOfInstant, gateAgingDate, newDeal, resolvePlanParams } from '../../libs/domain';
import { dealWorkflow } from '../../workflows';
import { saveReplayFixture } from '../support/fixtures';
import { startTimeSkippingWorld, TimeSkippingWorld } from '../support/time-skipping';

const admin = { id: 'admin', roles: ['comp_admin'] };
const rep = { id: 'age-ae', roles: ['rep'] };
const desk = { id: 'desk', roles: ['deal_desk'] };
const DAY_MS = 86_400_000;

/**
 * docs/rules.md "Aging alerts" on the time-skipping server: the deal's commit starts one watcher per submitted approval
 * and per awaited gate; each sleeps on a durable timer (which the server skips) and raises its alert through the real
 * activity and PostgreSQL only if the item still waits when it is due.
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
  }, 120_000);

  afterAll(async () => world?.stop(), 60_000);

  /** The server's date now: each wait on a result skips time, so a test dates its deals from the clock it finds. */
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
  const watcher = (id: string) => env.client.workflow.getHandle(id);

  it('an approval still pending after alerts.approvalAgingDays raises one alert, not a day earlier', async () => {
    await createDeal('AGE-1');
    const approvalId = await submitG1('AGE-1');
    const id = agingWatchId({ kind: 'APPROVAL_AGING', dealId: 'AGE-1', approvalId });
    const started = (await watcher(id).describe()).startTime.getTime();

    await env.sleep(2 * DAY_MS);
    expect((await watcher(id).describe()).status.name).toBe('RUNNING');
    expect(await alertRows(id)).toEqual([]);

    expect(await watcher(id).result()).toBe('RAISED');
    const { closeTime } = await watcher(id).describe();
    expect(closeTime!.getTime() - started).toBeGreaterThanOrEqual(3 * DAY_MS - 60_000);
    expect(closeTime!.getTime() - started).toBeLessThan(4 * DAY_MS);
    const [row] = await alertRows(id);
    expect(row).toMatchObject({ kind: 'APPROVAL_AGING', deal_id: 'AGE-1', approval_id: approvalId, gate: null, detail: { agingDays: 3 } });
    await saveReplayFixture(env.client, id, 'approval-aging');
  }, 120_000);

  it('an approval decided in time raises nothing when its watcher wakes', async () => {
    const handle = await createDeal('AGE-2', await serverToday());
    const approvalId = await submitG1('AGE-2', await serverToday());
    await handle.executeUpdate(approveUpdate, { args: [{ approvalId, actor: desk }] });
    const id = agingWatchId({ kind: 'APPROVAL_AGING', dealId: 'AGE-2', approvalId });
    expect(await watcher(id).result()).toBe('SETTLED');
    expect(await alertRows(id)).toEqual([]);
  }, 120_000);

  it('a gate still open 1.5 × monthsFromPrevious after sourcedAt alerts; once its gate retires the deal watches the next one', async () => {
    // Both deals are created before any more time is skipped: AGE-4 retires G1 at once.
    const sourcedAt = await serverToday();
    await createDeal('AGE-3', sourcedAt);
    const handle = await createDeal('AGE-4', sourcedAt);
    const approvalId = await submitG1('AGE-4', sourcedAt);
    await handle.executeUpdate(approveUpdate, { args: [{ approvalId, actor: desk }] });
    const g1 = agingWatchId({ kind: 'GATE_AGING', dealId: 'AGE-3', gate: 'G1' });
    expect(await watcher(g1).result()).toBe('RAISED');
    const alertOn = gateAgingDate(sourcedAt, plan.forecast.monthsFromPrevious.G1);
    expect((await watcher(g1).describe()).closeTime!.getTime()).toBeGreaterThanOrEqual(Date.parse(`${alertOn}T00:00:00Z`));
    const [row] = await alertRows(g1);
    expect(row).toMatchObject({ kind: 'GATE_AGING', deal_id: 'AGE-3', gate: 'G1', approval_id: null, detail: { since: sourcedAt, monthsFromPrevious: 6, alertOn } });

    // AGE-4 retired G1 in time: its G1 watcher settles, and a G2 watcher counts from G1's effectiveDate.
    expect(await watcher(agingWatchId({ kind: 'GATE_AGING', dealId: 'AGE-4', gate: 'G1' })).result()).toBe('SETTLED');
    expect(await alertRows(agingWatchId({ kind: 'GATE_AGING', dealId: 'AGE-4', gate: 'G1' }))).toEqual([]);
    // G2, still open 9 months after G1's effectiveDate (the same day here), alerts in its turn.
    const g2 = agingWatchId({ kind: 'GATE_AGING', dealId: 'AGE-4', gate: 'G2' });
    expect(await watcher(g2).result()).toBe('RAISED');
    expect(await alertRows(g2)).toMatchObject([{ gate: 'G2', detail: { since: sourcedAt, monthsFromPrevious: 6, alertOn: gateAgingDate(sourcedAt, 6) } }]);
  }, 120_000);
});
