import { saveReplayFixture } from '../support/fixtures';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { DataSource } from 'typeorm';
import { createActivities } from '../../apps/worker/activities';
import { PERIOD_SCHEDULER_WORKFLOW_ID, periodCloseWorkflowId, repWorkflowId, RepWorkflowInput, TASK_QUEUE } from '../../libs/contracts';
import { addDays, dateOfInstant, periodEnd, periodOf, periodStart, resolvePlanParams } from '../../libs/domain';
import { freshDatabase } from '../support/database';
import { TEST_SERVER_PATH, WORKFLOW_BUNDLE_PATH } from '../support/env';
import { registerSearchAttributes } from '../../libs/platform/search-attributes';

/**
 * The automatic period close on the time-skipping server: the scheduler sleeps until quarter end + grace (durable
 * timers the server skips), then closes the quarter through the real activities and PostgreSQL.
 */
describe('periodSchedulerWorkflow (time skipping)', () => {
  let env: TestWorkflowEnvironment;
  let dataSource: DataSource;

  beforeAll(async () => {
    env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: TEST_SERVER_PATH } } });
    // The workflows upsert DealId, Owner... (workflows/search-attributes.ts): the test server refuses unregistered ones.
    await registerSearchAttributes(env.connection, env.namespace ?? 'default');
    ({ dataSource } = await freshDatabase('workflow-period-scheduler'));
  }, 120_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await env?.teardown();
  }, 60_000);

  it('closes the quarter graceDays after it ends and pays the ramp draw', async () => {
    const worker = await Worker.create({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      taskQueue: TASK_QUEUE,
      workflowBundle: { codePath: WORKFLOW_BUNDLE_PATH },
      activities: createActivities({ dataSource, client: env.client }),
    });

    // The test server's clock starts at the real now: hire the rep on the first day of the current quarter.
    const today = dateOfInstant(await env.currentTimeMs());
    const quarter = periodOf(today);
    const hireDate = periodStart(quarter);
    const plan = resolvePlanParams({});
    await dataSource.query(
      `INSERT INTO plans (id, effective_from, params, status, created_by, published_at) VALUES ('sched-plan', $1, $2, 'PUBLISHED', 'test', now())`,
      [hireDate, JSON.stringify(plan)],
    );
    const profile = { id: 'sched-rep', name: 'Sam Scheduler', role: 'AE', hireDate, quarterlyDraw: '30000.00', planId: 'sched-plan' };
    await dataSource.query(
      `INSERT INTO reps (id, name, role, hire_date, quarterly_draw, plan_id, status, request_hash) VALUES ($1, $2, $3, $4, $5, $6, 'ACTIVE', 'test')`,
      [profile.id, profile.name, profile.role, profile.hireDate, profile.quarterlyDraw, profile.planId],
    );

    const result = await worker.runUntil(async () => {
      // As apps/api/modules/reps.service.ts starts it.
      const repInput: RepWorkflowInput = { profile, plan, balance: '0.00', performanceReview: false, nextPeriod: quarter, status: 'ACTIVE' };
      await env.client.workflow.start('repWorkflow', { workflowId: repWorkflowId(profile.id), taskQueue: TASK_QUEUE, args: [repInput] });
      return env.client.workflow.execute('periodSchedulerWorkflow', {
        workflowId: PERIOD_SCHEDULER_WORKFLOW_ID,
        taskQueue: TASK_QUEUE,
        args: [{ graceDays: 10, maxCloses: 1 }],
      });
    });
    expect(result).toBe(1);

    // Time skipped to quarter end + 10 days: the close started at 00:00Z on the 11th day after the quarter, not earlier.
    const due = Date.parse(`${addDays(periodEnd(quarter), 11)}T00:00:00Z`);
    const { startTime } = await env.client.workflow.getHandle(periodCloseWorkflowId(quarter)).describe();
    expect(startTime.getTime()).toBeGreaterThanOrEqual(due);
    expect(startTime.getTime()).toBeLessThan(due + 3_600_000);
    const [period] = await dataSource.query(`SELECT status, closed_by, statement_count FROM periods WHERE period = $1`, [quarter]);
    expect(period).toEqual({ status: 'CLOSED', closed_by: 'system:period-scheduler', statement_count: 1 });
    const [row] = await dataSource.query(`SELECT body FROM statements WHERE rep_id = $1 AND period = $2`, [profile.id, quarter]);
    expect(row.body).toMatchObject({
      repId: profile.id,
      period: quarter,
      commission: '0.00',
      netCommissionPay: '30000.00',
      drawPaid: '30000.00',
      totalPayout: '30000.00',
      unrecoveredDrawBalance: '0.00',
      lines: [{ kind: 'DRAW', amount: '30000.00', note: 'ramp guarantee, non-recoverable' }],
    });
    const [rep] = await dataSource.query(`SELECT last_closed_period, status FROM reps WHERE id = $1`, [profile.id]);
    expect(rep).toEqual({ last_closed_period: quarter, status: 'ACTIVE' });
    await saveReplayFixture(env.client, PERIOD_SCHEDULER_WORKFLOW_ID, 'period-scheduler');
  }, 120_000);
});
