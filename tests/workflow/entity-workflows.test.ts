import { TestWorkflowEnvironment } from '@temporalio/testing';
import { WithStartWorkflowOperation, WorkflowUpdateFailedError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import {
  closeRepPeriodUpdate,
  createDealUpdate,
  createRepUpdate,
  dealSnapshotQuery,
  dealWorkflowId,
  departureUpdate,
  repStateQuery,
  repWorkflowId,
  RepWorkflowInput,
  slipUpdate,
  submitArtifactUpdate,
  TASK_QUEUE,
} from '../../libs/contracts';
import { newDeal, REFERENCE_PLAN_PARAMS } from '../../libs/domain';
import { CompRepository } from '../../libs/persistence/comp.repository';
import { dealWorkflow, repWorkflow } from '../../workflows';
import { saveReplayFixture } from '../support/fixtures';
import { startTimeSkippingWorld, TimeSkippingWorld } from '../support/time-skipping';

const actor = { id: 'admin', roles: ['comp_admin'] };

/** The code a refused update answered with (the workflow's refusal vocabulary), or the error itself. */
async function refusalOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) return (err.cause as { type?: string })?.type;
    throw err;
  }
  return undefined;
}

/**
 * The deal and rep workflows create their own projection with the start (update-with-start), and the ledger write,
 * under its period lock, is the one owner of "period closed".
 */
describe('entity workflows (time skipping)', () => {
  let env: TestWorkflowEnvironment;
  let db: DataSource;
  let world: TimeSkippingWorld;
  // One worker for the file (a Worker runs once); each test drives its workflows through the client.
  beforeAll(async () => {
    world = await startTimeSkippingWorld('workflow-entity', async (database, environment) => {
      [db, env] = [database, environment];
      await db.query(`INSERT INTO plans (id, effective_from, params, status, created_by) VALUES ('p', '2027-01-01', $1, 'PUBLISHED', 't')`, [
        JSON.stringify(REFERENCE_PLAN_PARAMS),
      ]);
    });
  }, 120_000);

  afterAll(async () => world?.stop(), 60_000);

  const profile = (id: string, hireDate: string) => ({ id, name: `Rep ${id}`, role: 'AE', hireDate, quarterlyDraw: '30000.00', planId: 'p' });
  const repInput = (id: string, hireDate: string, requestHash: string): RepWorkflowInput => ({
    profile: profile(id, hireDate),
    plan: REFERENCE_PLAN_PARAMS,
    balance: '0.00',
    performanceReview: false,
    nextPeriod: `${hireDate.slice(0, 4)}-Q${Math.floor((Number(hireDate.slice(5, 7)) - 1) / 3) + 1}`,
    status: 'ACTIVE',
    requestHash,
  });
  const createRep = (input: RepWorkflowInput, requestHash = input.requestHash!) =>
    env.client.workflow.executeUpdateWithStart(createRepUpdate, {
      args: [{ actor, requestHash }],
      startWorkflowOperation: new WithStartWorkflowOperation(repWorkflow, {
        workflowId: repWorkflowId(input.profile.id),
        taskQueue: TASK_QUEUE,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      }),
    });
  const dealFor = (id: string, repId: string) =>
    newDeal(
      { id, sponsor: 'Sponsor', program: 'P-1', tcv: '1000000.00', dealType: 'NEW_BUSINESS', sourcedBy: repId, owner: repId, sourcedAt: '2027-01-10', splits: [{ repId, role: 'AE', share: '1' }] },
      'p',
      REFERENCE_PLAN_PARAMS,
    );
  const createDeal = (deal: ReturnType<typeof dealFor>, requestHash: string, startedWith = requestHash, historyLimit?: number) =>
    env.client.workflow.executeUpdateWithStart(createDealUpdate, {
      args: [{ actor, requestHash }],
      startWorkflowOperation: new WithStartWorkflowOperation(dealWorkflow, {
        workflowId: dealWorkflowId(deal.id),
        taskQueue: TASK_QUEUE,
        args: [{ deal, createdBy: actor, requestHash: startedWith, historyLimit }],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      }),
    });

  it('creates a rep with its start: the workflow writes the reps row, a repeat answers the same, another body is a CONFLICT', async () => {
    const input = repInput('wf-rep-1', '2027-01-01', 'hash-1');
    const state = await createRep(input);
    expect(state).toMatchObject({ profile: input.profile, status: 'ACTIVE', requestHash: 'hash-1' });
    expect(await db.query(`SELECT id, hire_date::text AS hire_date, quarterly_draw, plan_id, status, request_hash FROM reps WHERE id = 'wf-rep-1'`)).toEqual([
      { id: 'wf-rep-1', hire_date: '2027-01-01', quarterly_draw: '30000.00', plan_id: 'p', status: 'ACTIVE', request_hash: 'hash-1' },
    ]);
    expect(await createRep(input)).toMatchObject({ profile: input.profile });
    expect(await refusalOf(createRep({ ...input, requestHash: 'hash-2' }, 'hash-2'))).toBe('CONFLICT');
  }, 60_000);

  it('creates a deal with its start: one run, the projection holds the request hash and the whole deal', async () => {
    const deal = dealFor('WF-D1', 'wf-rep-1');
    const snapshot = await createDeal(deal, 'deal-hash');
    expect(snapshot).toEqual({ version: 1, deal });
    expect(await createDeal(deal, 'deal-hash')).toEqual({ version: 1, deal });
    expect(await refusalOf(createDeal(deal, 'other-hash', 'other-hash'))).toBe('CONFLICT');
    const [row] = await db.query(`SELECT version, request_hash, state FROM deals WHERE id = 'WF-D1'`);
    expect(row).toEqual({ version: 1, request_hash: 'deal-hash', state: deal });
  }, 60_000);

  it('refuses a command dated in a closing period at the ledger write, with its code, and leaves no version gap', async () => {
    await new CompRepository(db).beginPeriodClose('2027-Q1', 'tester');
    const handle = env.client.workflow.getHandle(dealWorkflowId('WF-D1'));
    const artifact = (effectiveDate: string) => ({ actor: { id: 'wf-rep-1', roles: ['rep'] }, gate: 'G1', documentType: 'LOI', documentRef: 'loi.pdf', effectiveDate });
    expect(await refusalOf(handle.executeUpdate(submitArtifactUpdate, { args: [artifact('2027-03-01')] }))).toBe('PERIOD_CLOSED');
    await handle.executeUpdate(submitArtifactUpdate, { args: [artifact('2027-04-01')] });
    expect((await handle.query(dealSnapshotQuery)).version).toBe(2);
    expect(await db.query(`SELECT version FROM deals WHERE id = 'WF-D1'`)).toEqual([{ version: 2 }]);

    // The rep's departure is refused by the same owner: its ledger write, under the period lock.
    const rep = env.client.workflow.getHandle(repWorkflowId('wf-rep-1'));
    const departure = (effectiveDate: string) => ({ actor, effectiveDate, goodStanding: true, reassignments: [] });
    expect(await refusalOf(rep.executeUpdate(departureUpdate, { args: [departure('2027-03-31')] }))).toBe('PERIOD_CLOSED');
    expect(await db.query(`SELECT status, departure FROM reps WHERE id = 'wf-rep-1'`)).toEqual([{ status: 'ACTIVE', departure: null }]);
    await saveReplayFixture(env.client, dealWorkflowId('WF-D1'), 'deal-create-with-start');
    await saveReplayFixture(env.client, repWorkflowId('wf-rep-1'), 'rep-create-with-start');
  }, 60_000);

  it('refuses a rep hired into a closed period: the create answers PERIOD_CLOSED, no row is written and the run fails', async () => {
    const input = repInput('wf-rep-late', '2027-02-01', 'hash-late');
    expect(await refusalOf(createRep(input))).toBe('PERIOD_CLOSED');
    expect(await db.query(`SELECT id FROM reps WHERE id = 'wf-rep-late'`)).toEqual([]);
    const { status } = await env.client.workflow.getHandle(repWorkflowId('wf-rep-late')).describe();
    expect(status.name).toBe('FAILED');
    await saveReplayFixture(env.client, repWorkflowId('wf-rep-late'), 'rep-create-refused');
  }, 60_000);

  it('fails the close of a rep whose statement cannot be computed with INVALID_DATA, writes nothing, and the rep stays open', async () => {
    // A balance no money string can hold (an earlier release's figure, say): the statement's computation throws.
    await createRep({ ...repInput('wf-rep-bad', '2027-04-01', 'hash-bad'), balance: '12,000.00' });
    const rep = env.client.workflow.getHandle(repWorkflowId('wf-rep-bad'));
    const failure = await rep.executeUpdate(closeRepPeriodUpdate, { args: [{ actor, period: '2027-Q2' }] }).catch((err) => err);
    expect(failure).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(failure.cause).toMatchObject({ type: 'INVALID_DATA', nonRetryable: true, message: expect.stringMatching(/^the statement cannot be computed: .*12,000\.00/) });
    expect(await db.query(`SELECT period FROM statements WHERE rep_id = 'wf-rep-bad'`)).toEqual([]);
    expect(await rep.query(repStateQuery)).toMatchObject({ status: 'ACTIVE', nextPeriod: '2027-Q2' });
    expect((await rep.describe()).status.name).toBe('RUNNING');
  }, 60_000);

  it('carries the request hash across continue-as-new', async () => {
    const deal = dealFor('WF-D2', 'wf-rep-1');
    await createDeal(deal, 'd2-hash', 'd2-hash', 40);
    const handle = env.client.workflow.getHandle(dealWorkflowId('WF-D2'));
    const firstRun = (await handle.describe()).runId;
    for (let i = 0; i < 12 && (await handle.describe()).runId === firstRun; i++) {
      await handle.executeUpdate(slipUpdate, { args: [{ actor, expectedDate: `2027-0${4 + (i % 5)}-01`, reason: 'site delays' }] });
    }
    expect((await handle.describe()).runId).not.toBe(firstRun);
    expect(await refusalOf(createDeal(deal, 'other', 'other', 40))).toBe('CONFLICT');
    expect((await createDeal(deal, 'd2-hash', 'd2-hash', 40)).version).toBeGreaterThan(1);
  }, 60_000);
});
