import { ApplicationFailure } from '@temporalio/activity';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Actor, AdjustmentRecord, DisputeRecord, DisputeResolutionRecord } from '../libs/contracts';
import { proposeAdjustmentUpdate, repWorkflowId } from '../libs/contracts';
import { DisputeOpening, MoneyString, Period } from '../libs/domain';
import { DisputesRepository } from '../libs/persistence/disputes.repository';
import { refusalsAreFinal } from './failures';

export interface DisputeActivityDeps {
  disputes: DisputesRepository;
  client: Client;
}

/** An UPHELD dispute's adjustment, proposed by the resolver through the rep's workflow like any other adjustment. */
export interface DisputeAdjustmentRequest {
  adjustmentId: string;
  disputeId: string;
  repId: string;
  period: Period;
  amount: MoneyString;
  dealId?: string;
  reason: string;
  actor: Actor;
  /** Stable across this activity's retries, new for each resolution attempt. */
  updateId: string;
}

export function createDisputeActivities({ disputes, client }: DisputeActivityDeps) {
  return {
    async openDispute(dispute: DisputeOpening, openedAtMs: number): Promise<DisputeRecord> {
      return refusalsAreFinal(() => disputes.open(dispute, openedAtMs));
    },
    async markDisputeOverdue(disputeId: string): Promise<DisputeRecord> {
      return refusalsAreFinal(() => disputes.markOverdue(disputeId));
    },
    async recordDisputeResolution(resolution: DisputeResolutionRecord): Promise<DisputeRecord> {
      return refusalsAreFinal(() => disputes.resolve(resolution));
    },
    /**
     * The existing adjustments path (docs/rules.md "Corrections"): the rep's workflow checks and records the proposal, a
     * second person approves it. Its refusal (PERIOD_CLOSED, REP_DEPARTED...) fails the resolution with the same code.
     */
    async proposeDisputeAdjustment(r: DisputeAdjustmentRequest): Promise<AdjustmentRecord> {
      const adjustment = { id: r.adjustmentId, repId: r.repId, period: r.period, amount: r.amount, kind: 'DISPUTE_RESOLUTION' as const, reason: r.reason, disputeId: r.disputeId, ...(r.dealId ? { dealId: r.dealId } : {}) };
      try {
        return await client.workflow.getHandle(repWorkflowId(r.repId)).executeUpdate(proposeAdjustmentUpdate, { args: [{ adjustment, actor: r.actor }], updateId: r.updateId });
      } catch (err) {
        // CONTINUING_AS_NEW and transport errors are retried by Temporal; a refusal is final.
        if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type !== 'CONTINUING_AS_NEW') {
          throw ApplicationFailure.nonRetryable(err.cause.message, err.cause.type ?? 'INVALID_DATA');
        }
        if (err instanceof WorkflowNotFoundError) throw ApplicationFailure.nonRetryable(`${r.repId} has no running workflow: a finished rep takes no adjustment`, 'REP_DEPARTED');
        throw err;
      }
    },
  };
}

export type DisputeActivities = ReturnType<typeof createDisputeActivities>;
