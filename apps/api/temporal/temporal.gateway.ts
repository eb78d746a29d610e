import { Injectable } from '@nestjs/common';
import {
  ApplicationFailure,
  Client,
  QueryNotRegisteredError,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowHandle,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
  WorkflowStartOptions,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { UpdateDefinition, Workflow } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Deal, Refusal } from '../../../libs/domain';
import { dealSnapshotQuery, dealStateQuery, dealWorkflowId, repWorkflowId, TASK_QUEUE } from '../../../libs/contracts';
import { refuse } from '../http/problem';
import { workflowSummary } from '../../../libs/platform/workflow-summary';

/** Projection statuses, read when a workflow turns out to have completed: what that means depends on the entity. */
export interface ProjectionStatus {
  dealStatus(dealId: string): Promise<string | undefined>;
  repStatus(repId: string): Promise<string | undefined>;
}

/** How the API starts a workflow: typed arguments, an explicit id-reuse policy, always on the one task queue. */
interface StartOptions<W extends Workflow> {
  workflowId: string;
  args: Parameters<W>;
  workflowIdReusePolicy: WorkflowIdReusePolicy;
}

function withTaskQueue<W extends Workflow, Extra extends object = object>(options: StartOptions<W>, extra?: Extra): WorkflowStartOptions<W> & Extra {
  // WorkflowStartOptions is a conditional type over the arguments, which TypeScript cannot match a generic `args` to.
  return { ...options, ...extra, taskQueue: TASK_QUEUE, staticSummary: workflowSummary(options.args) } as unknown as WorkflowStartOptions<W> & Extra;
}

/** Marks the request that started a run, so update-with-start can tell a create from a join (the start response is not surfaced). */
const STARTED_BY = 'startedBy';

/** The API's one door into Temporal: typed starts, updates with stable ids, queries, and not-found mapped to a refusal. */
@Injectable()
export class TemporalGateway {
  constructor(
    readonly client: Client,
    private readonly projections?: ProjectionStatus,
  ) {}

  async update<Ret, Args extends [unknown]>(workflowId: string, definition: UpdateDefinition<Ret, Args>, arg: Args[0], updateId?: string): Promise<Ret> {
    try {
      return await this.send(workflowId, definition, arg, updateId);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw refuse('NOT_FOUND', `no workflow ${workflowId}`);
      throw err;
    }
  }

  /** A command to a deal. A CLOSED deal's workflow has completed and cannot answer: `closed` names the refusal. */
  async dealCommand<Ret, Args extends [unknown]>(dealId: string, definition: UpdateDefinition<Ret, Args>, arg: Args[0], updateId?: string, closed?: Refusal): Promise<Ret> {
    try {
      return await this.send(dealWorkflowId(dealId), definition, arg, updateId);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      if ((await this.projections?.dealStatus(dealId)) === 'CLOSED') throw refuse(closed?.code ?? 'DEAL_CLOSED', closed?.message ?? `deal ${dealId} is closed`);
      throw refuse('NOT_FOUND', `no deal ${dealId}`);
    }
  }

  /** A command to a rep. A rep's workflow completes only once the rep has finished (departed and settled). */
  async repCommand<Ret, Args extends [unknown]>(repId: string, definition: UpdateDefinition<Ret, Args>, arg: Args[0], updateId?: string): Promise<Ret> {
    try {
      return await this.send(repWorkflowId(repId), definition, arg, updateId);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      if (await this.projections?.repStatus(repId)) throw refuse('REP_DEPARTED', `${repId} has already departed`);
      throw refuse('NOT_FOUND', `no rep ${repId}`);
    }
  }

  private async send<Ret, Args extends [unknown]>(workflowId: string, definition: UpdateDefinition<Ret, Args>, arg: Args[0], updateId: string = randomUUID()): Promise<Ret> {
    const handle = this.client.workflow.getHandle(workflowId);
    for (let attempt = 1; ; attempt++) {
      try {
        return await handle.executeUpdate(definition, { args: [arg] as unknown as Args, updateId });
      } catch (err) {
        // An update that raced a continue-as-new is retried with the same id on the new run.
        if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError && attempt < 5) continue;
        // The run is draining before continue-as-new and refused the command: the next run takes it.
        if (isContinuingAsNew(err) && attempt < 60) {
          await sleep(Math.min(25 * attempt, 500));
          continue;
        }
        throw err;
      }
    }
  }

  /**
   * Starts the workflow with the update (conflict policy USE_EXISTING: a concurrent create joins the running workflow
   * instead of starting another); `started` says whether this call started it.
   */
  async executeUpdateWithStart<W extends Workflow, Ret, Arg>(
    workflow: W,
    options: StartOptions<W>,
    definition: UpdateDefinition<Ret, [Arg]>,
    arg: Arg,
  ): Promise<{ result: Ret; started: boolean }> {
    const token = randomUUID();
    const startWorkflowOperation = new WithStartWorkflowOperation<W>(
      workflow,
      withTaskQueue(options, { workflowIdConflictPolicy: 'USE_EXISTING' as const, memo: { [STARTED_BY]: token } }),
    );
    const result = await this.client.workflow.executeUpdateWithStart(definition, { args: [arg], startWorkflowOperation });
    const { memo } = await (await startWorkflowOperation.workflowHandle()).describe();
    return { result, started: memo?.[STARTED_BY] === token };
  }

  /** Starts the workflow once: a repeat finds the run the first start made (`started: false`) and its handle. */
  async startOnce<W extends Workflow>(workflow: W, options: StartOptions<W>): Promise<{ handle: WorkflowHandle<W>; started: boolean }> {
    try {
      return { handle: await this.client.workflow.start(workflow, withTaskQueue(options)), started: true };
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      return { handle: this.client.workflow.getHandle<W>(options.workflowId), started: false };
    }
  }

  async dealState(dealId: string): Promise<Deal> {
    return (await this.dealSnapshot(dealId)).deal;
  }

  /** The deal's live state and the version of its last commit; `version` is undefined from a worker older than dealSnapshot. */
  async dealSnapshot(dealId: string): Promise<{ version?: number; deal: Deal }> {
    const handle = this.client.workflow.getHandle(dealWorkflowId(dealId));
    try {
      return await handle.query(dealSnapshotQuery);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw refuse('NOT_FOUND', `no deal ${dealId}`);
      if (err instanceof QueryNotRegisteredError) return { deal: await handle.query(dealStateQuery) };
      throw err;
    }
  }
}

function isContinuingAsNew(err: unknown): boolean {
  return err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === 'CONTINUING_AS_NEW';
}
