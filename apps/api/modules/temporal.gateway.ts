import { Inject, Injectable } from '@nestjs/common';
import { ApplicationFailure, Client, QueryNotRegisteredError, WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { UpdateDefinition } from '@temporalio/common';
import { Deal } from '../../../libs/domain';
import { dealSnapshotQuery, dealStateQuery, dealWorkflowId } from '../../../libs/contracts';
import { refuse } from '../http/problem';
import { TEMPORAL_CLIENT } from '../tokens';

/** The API's one door into Temporal: updates with stable ids, queries, and not-found mapped to 404. */
@Injectable()
export class TemporalGateway {
  constructor(@Inject(TEMPORAL_CLIENT) readonly client: Client) {}

  async update<Ret, Args extends [unknown]>(
    workflowId: string,
    definition: UpdateDefinition<Ret, Args>,
    arg: Args[0],
    updateId: string = randomUUID(),
  ): Promise<Ret> {
    const handle = this.client.workflow.getHandle(workflowId);
    for (let attempt = 1; ; attempt++) {
      try {
        return await handle.executeUpdate(definition, { args: [arg] as unknown as Args, updateId });
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) throw refuse('NOT_FOUND', `no workflow ${workflowId}`);
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
