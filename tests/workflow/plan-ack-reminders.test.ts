import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DataSource } from 'typeorm';
import { planAcknowledgedSignal, planAckReminderWorkflowId, TASK_QUEUE } from '../../libs/contracts';
import { resolvePlanParams } from '../../libs/domain';
import { PlanAcknowledgementsRepository, planDocumentOf } from '../../libs/persistence/plan-acknowledgements.repository';
import { PlansRepository } from '../../libs/persistence/plans.repository';
import { RepsRepository } from '../../libs/persistence/reps.repository';
import { planAckReminderWorkflow } from '../../workflows';
import { saveReplayFixture } from '../support/fixtures';
import { startTimeSkippingWorld, TimeSkippingWorld } from '../support/time-skipping';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * docs/rules.md "Plan document and acknowledgement": an unacknowledged rep is reminded every 7 days by a durable timer
 * (time-skipping server, real activities on a real PostgreSQL), until they acknowledge; none after.
 */
describe('plan acknowledgement reminders (time skipping)', () => {
  let env: TestWorkflowEnvironment;
  let db: DataSource;
  let world: TimeSkippingWorld;
  let acks: PlanAcknowledgementsRepository;

  beforeAll(async () => {
    world = await startTimeSkippingWorld('workflow-plan-ack', async (database, environment) => {
      [db, env] = [database, environment];
      acks = new PlanAcknowledgementsRepository(db);
      await db.query(`INSERT INTO plans (id, effective_from, params, status, created_by) VALUES ('ACK', '2027-01-01', $1, 'PUBLISHED', 't')`, [
        JSON.stringify(resolvePlanParams({ requireAcknowledgement: true })),
      ]);
      for (const id of ['rem-1', 'rem-2', 'rem-3']) {
        await db.query(
          `INSERT INTO reps (id, name, role, hire_date, quarterly_draw, plan_id, status, request_hash) VALUES ($1, $1, 'AE', '2027-01-01', '30000.00', 'ACK', 'ACTIVE', 'h')`,
          [id],
        );
      }
    });
  }, 120_000);

  afterAll(async () => world?.stop(), 60_000);

  const start = (repId: string) =>
    env.client.workflow.start(planAckReminderWorkflow, { workflowId: planAckReminderWorkflowId(repId, 'ACK'), taskQueue: TASK_QUEUE, args: [{ repId, planId: 'ACK' }] });
  const reminders = async (repId: string) => (await acks.reminders(repId)).map((r) => ({ week: r.week, sentAt: Date.parse(r.sentAt) }));
  const acknowledge = async (repId: string) => {
    const document = planDocumentOf((await new RepsRepository(db).find(repId))!, (await new PlansRepository(db).find('ACK'))!)!;
    await acks.acknowledge(repId, 'ACK', document.hash, repId);
  };

  it('reminds every 7 days until the rep acknowledges, and never after', async () => {
    const handle = await start('rem-1');
    await env.sleep(6 * DAY);
    expect(await reminders('rem-1')).toEqual([]);
    await env.sleep(DAY + HOUR);
    expect((await reminders('rem-1')).map((r) => r.week)).toEqual([1]);
    await env.sleep(14 * DAY);
    const sent = await reminders('rem-1');
    expect(sent.map((r) => r.week)).toEqual([1, 2, 3]);
    // 7 days apart (the next timer starts once the reminder is recorded: a few milliseconds later)
    for (const gap of [sent[1].sentAt - sent[0].sentAt, sent[2].sentAt - sent[1].sentAt]) {
      expect(gap).toBeGreaterThanOrEqual(7 * DAY);
      expect(gap).toBeLessThan(7 * DAY + 60_000);
    }

    // Acknowledged without a signal: the next weekly check finds it and the reminders stop.
    await acknowledge('rem-1');
    await env.sleep(21 * DAY);
    expect((await reminders('rem-1')).map((r) => r.week)).toEqual([1, 2, 3]);
    expect(await handle.result()).toEqual({ outcome: 'ACKNOWLEDGED', remindersSent: 3 });
    await saveReplayFixture(env.client, planAckReminderWorkflowId('rem-1', 'ACK'), 'plan-ack-reminder');
  });

  it('the acknowledgement signal ends the reminders at once', async () => {
    const handle = await start('rem-2');
    await env.sleep(7 * DAY + HOUR);
    expect((await reminders('rem-2')).map((r) => r.week)).toEqual([1]);
    await acknowledge('rem-2');
    await handle.signal(planAcknowledgedSignal);
    expect(await handle.result()).toEqual({ outcome: 'ACKNOWLEDGED', remindersSent: 1 });
    expect((await reminders('rem-2')).map((r) => r.week)).toEqual([1]);
  });

  it('a rep who is no longer active is not reminded', async () => {
    const handle = await start('rem-3');
    await env.sleep(7 * DAY + HOUR);
    expect((await reminders('rem-3')).map((r) => r.week)).toEqual([1]);
    await db.query(`UPDATE reps SET status = 'DEPARTED' WHERE id = 'rem-3'`);
    expect(await handle.result()).toEqual({ outcome: 'STOPPED', remindersSent: 1 });
    expect((await reminders('rem-3')).map((r) => r.week)).toEqual([1]);
  });
});
