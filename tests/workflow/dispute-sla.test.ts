import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createActivities } from '../../apps/worker/activities';
import { disputeOpenedUpdate, disputeWorkflowId, DisputeWorkflowInput, resolveDisputeUpdate, TASK_QUEUE } from '../../libs/contracts';
import { freshDatabase } from '../support/database';
import { TEST_SERVER_PATH, WORKFLOW_BUNDLE_PATH } from '../support/env';
import { registerSearchAttributes } from '../../libs/platform/search-attributes';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * docs/rules.md "Disputes": a dispute open longer than disputeSlaDays is marked overdue by a durable timer. On the
 * time-skipping server the ten days pass in seconds: not overdue an hour before, overdue an hour after; a dispute
 * resolved in time never is.
 */
describe('disputeWorkflow SLA timer (time skipping)', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;
  // A worker runs once (runUntil): each test has its own.
  const newWorker = () =>
    Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue: TASK_QUEUE,
      workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH },
      activities: createActivities({ dataSource, client: env.client }),
    });

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: TEST_SERVER_PATH } } });
    await registerSearchAttributes(env.connection, env.namespace ?? 'default');
    ({ dataSource } = await freshDatabase('workflow-dispute-sla'));
  }, 120_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await env?.teardown();
  }, 60_000);

  const input = (id: string): DisputeWorkflowInput => ({
    dispute: { id, repId: 'sla-ae', period: '2027-Q1', reason: 'WRONG_AMOUNT', message: 'G1 looks short', openedBy: 'sla-ae', slaDays: 10 },
  });
  const row = async (id: string) => (await dataSource.query(`SELECT status, overdue, overdue_at IS NOT NULL AS marked FROM disputes WHERE id = $1`, [id]))[0];
  const denied = { outcome: 'DENIED' as const, note: 'the split is as signed' };
  const admin = { id: 'sla-admin', roles: ['comp_admin'] };

  it('is not overdue an hour before disputeSlaDays, and is overdue an hour after; resolving it later keeps the mark', async () => {
    await (await newWorker()).runUntil(async () => {
      const handle = await env.client.workflow.start('disputeWorkflow', { workflowId: disputeWorkflowId('dsp-late'), taskQueue: TASK_QUEUE, args: [input('dsp-late')] });
      const opened = await handle.executeUpdate(disputeOpenedUpdate, { args: [{ disputeId: 'dsp-late' }] });
      expect(opened).toMatchObject({ id: 'dsp-late', status: 'OPEN', overdue: false, slaDays: 10 });
      expect(Date.parse(opened.dueAt) - Date.parse(opened.openedAt)).toBe(10 * DAY);

      await env.sleep(10 * DAY - HOUR);
      expect(await row('dsp-late')).toEqual({ status: 'OPEN', overdue: false, marked: false });
      await env.sleep(2 * HOUR);
      expect(await row('dsp-late')).toEqual({ status: 'OPEN', overdue: true, marked: true });

      const resolved = await handle.executeUpdate(resolveDisputeUpdate, { args: [{ resolution: denied, actor: admin }] });
      expect(resolved).toMatchObject({ status: 'DENIED', overdue: true, resolvedBy: 'sla-admin', note: denied.note });
      expect(await handle.result()).toMatchObject({ status: 'DENIED', overdue: true });
    });
  }, 120_000);

  it('resolved before its SLA, a dispute is never marked overdue', async () => {
    await (await newWorker()).runUntil(async () => {
      const handle = await env.client.workflow.start('disputeWorkflow', { workflowId: disputeWorkflowId('dsp-kept'), taskQueue: TASK_QUEUE, args: [input('dsp-kept')] });
      await handle.executeUpdate(disputeOpenedUpdate, { args: [{ disputeId: 'dsp-kept' }] });
      await env.sleep(3 * DAY);
      // the disputant may not resolve their own dispute, nor may it be resolved twice
      const own = await handle.executeUpdate(resolveDisputeUpdate, { args: [{ resolution: denied, actor: { id: 'sla-ae', roles: ['comp_admin'] } }] }).catch((err) => err);
      expect(own.cause).toMatchObject({ type: 'SEGREGATION_OF_DUTIES' });
      await handle.executeUpdate(resolveDisputeUpdate, { args: [{ resolution: denied, actor: admin }] });
      expect(await handle.result()).toMatchObject({ status: 'DENIED', overdue: false });
      await env.sleep(20 * DAY);
      expect(await row('dsp-kept')).toEqual({ status: 'DENIED', overdue: false, marked: false });
    });
  }, 120_000);
});
