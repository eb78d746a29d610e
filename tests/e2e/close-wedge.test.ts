import { WithStartWorkflowOperation, WorkflowNotFoundError } from '@temporalio/client';
import { createRepUpdate, periodCloseWorkflowId, repWorkflowId, RepWorkflowInput, TASK_QUEUE } from '../../libs/contracts';
import { periodCloseWorkflow, repWorkflow } from '../../workflows';
import { expectProblem } from '../support/api';
import { saveReplayFixture } from '../support/fixtures';
import { Harness, startHarness } from '../support/harness';

/**
 * Issue 12 finding #1: a rep whose statement cannot be written (a figure the ledger cannot hold) used to make the
 * close retry for ever: the close never answered, the period stayed CLOSING and nothing later could close. Now the
 * rep fails fast, is reported, every other statement is written, and a repeated close resumes once the cause is fixed.
 */
describe('period close that cannot wedge (issue 12 #1, issue 16)', () => {
  let h: Harness;
  const admin = 'admin-1:comp_admin';
  const finance = 'fin-1:finance';

  beforeAll(async () => {
    h = await startHarness(__filename);
    // No ramp: the draw is recoverable from the first quarter, so the unrecovered balance grows by D each quarter.
    await h.ok('POST', '/plans', admin, { id: 'W-2027', effectiveFrom: '2027-01-01', params: { draw: { rampQuarters: 0, capQuarters: 2, exitTreatment: 'FORGIVE' } } }, [201]);
    await h.ok('POST', '/plans/W-2027/publish', admin, undefined, [200]);
    for (const id of ['ok-1', 'ok-2']) {
      await h.ok('POST', '/reps', admin, { id, name: id, role: 'AE', hireDate: '2027-01-01', quarterlyDraw: '10000.00', planId: 'W-2027' }, [201]);
    }
    // A rep as an earlier release let one be created (inputs are bounded now, so not through the API): its draw is
    // the largest money string (16 integer digits), and two quarters of unrecovered draw overflow numeric(18,2).
    const plan = await h.ok('GET', '/plans/W-2027', admin);
    const input: RepWorkflowInput = {
      profile: { id: 'whale', name: 'Legacy Whale', role: 'AE', hireDate: '2027-01-01', quarterlyDraw: '9999999999999999.99', planId: 'W-2027' },
      plan: plan.params,
      balance: '0.00',
      performanceReview: false,
      nextPeriod: '2027-Q1',
      status: 'ACTIVE',
      requestHash: 'legacy',
    };
    await h.client.workflow.executeUpdateWithStart(createRepUpdate, {
      args: [{ actor: { id: 'legacy-import', roles: ['system'] }, requestHash: 'legacy' }],
      startWorkflowOperation: new WithStartWorkflowOperation(repWorkflow, { workflowId: repWorkflowId('whale'), taskQueue: TASK_QUEUE, args: [input], workflowIdConflictPolicy: 'USE_EXISTING' }),
    });
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('closes the first quarter normally (the whale\'s balance is D, which still fits)', async () => {
    const closed = await h.ok('POST', '/periods/2027-Q1/close', finance, undefined, [200]);
    expect(closed.statements.map((s: any) => s.repId)).toEqual(['ok-1', 'ok-2', 'whale']);
    expect(closed.pendingApprovals).toEqual([]);
  }, 60_000);

  it('answers at once with the rep that failed and why, writes every other statement, and keeps the period CLOSING', async () => {
    const started = Date.now();
    const res = await h.http('POST', '/periods/2027-Q2/close', { as: finance });
    expect(Date.now() - started).toBeLessThan(30_000);
    expectProblem(res, 422, 'PERIOD_CLOSE_INCOMPLETE');
    expect(res.body.detail).toMatch(/whale/);
    expect(res.body.errors).toEqual([{ path: 'reps/whale', message: expect.stringMatching(/^INVALID_DATA: .*(overflow|out of range)/i) }]);

    const written = await h.dataSource.query(`SELECT rep_id FROM statements WHERE period = '2027-Q2' ORDER BY rep_id`);
    expect(written).toEqual([{ rep_id: 'ok-1' }, { rep_id: 'ok-2' }]);
    const periods = await h.ok('GET', '/periods', finance);
    expect(periods.find((p: any) => p.period === '2027-Q2')).toMatchObject({
      status: 'CLOSING',
      failures: [{ repId: 'whale', code: 'INVALID_DATA', message: expect.any(String) }],
    });
    // The close workflow itself completed (reporting), it did not fail or keep retrying.
    const described = await h.client.workflow.getHandle(periodCloseWorkflowId('2027-Q2')).describe();
    expect(described.status.name).toBe('COMPLETED');
    await saveReplayFixture(h.client, periodCloseWorkflowId('2027-Q2'), 'period-close-reports-failures');
  }, 60_000);

  it('refuses a later close as out of order without leaving a failed period-close workflow behind (issue 16)', async () => {
    expectProblem(await h.http('POST', '/periods/2027-Q3/close', { as: finance }), 409, 'PERIOD_OUT_OF_ORDER');
    await expect(h.client.workflow.getHandle(periodCloseWorkflowId('2027-Q3')).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
    // The authoritative check is the close's begin step under the period lock: started directly, the workflow
    // answers the refusal and completes.
    const result = await h.client.workflow.execute(periodCloseWorkflow, {
      workflowId: 'direct-close-2027-Q4',
      taskQueue: TASK_QUEUE,
      args: [{ period: '2027-Q4', actorId: 'test' }],
    });
    expect(result).toMatchObject({ status: 'OPEN', refusal: { code: 'PERIOD_OUT_OF_ORDER' } });
    expect((await h.client.workflow.getHandle('direct-close-2027-Q4').describe()).status.name).toBe('COMPLETED');
  }, 60_000);

  it('resumes once the cause is fixed: a repeated close re-attempts the failed rep and finishes the period', async () => {
    // The operator's fix: the column that could not hold the balance is widened.
    await h.dataSource.query(`ALTER TABLE reps ALTER COLUMN unrecovered_balance TYPE numeric(24,2)`);
    const closed = await h.ok('POST', '/periods/2027-Q2/close', admin, undefined, [200]);
    expect(closed).toMatchObject({ period: '2027-Q2', status: 'CLOSED' });
    expect(closed.statements.map((s: any) => s.repId)).toEqual(['ok-1', 'ok-2', 'whale']);
    expect(closed.statements.find((s: any) => s.repId === 'whale')).toMatchObject({ unrecoveredDrawBalance: '19999999999999999.98' });
    // The statements written by the first attempt are the same (written once).
    expect(closed.statements.find((s: any) => s.repId === 'ok-1')).toMatchObject({ drawPaid: '10000.00', unrecoveredDrawBalance: '20000.00' });
    const periods = await h.ok('GET', '/periods', finance);
    expect(periods.find((p: any) => p.period === '2027-Q2')).toMatchObject({ status: 'CLOSED', statementCount: 3 });
    expect(periods.find((p: any) => p.period === '2027-Q2').failures).toBeUndefined();
    // and the next period closes again
    await h.ok('POST', '/periods/2027-Q3/close', finance, undefined, [200]);
  }, 90_000);
});
