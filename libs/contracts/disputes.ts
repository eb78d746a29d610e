import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { DisputeOpening, DisputeResolution, DisputeStatus } from '../domain';
import type { Command } from './messages';

/** Each dispute is its own workflow (docs/rules.md "Disputes"): it holds the SLA timer and takes the resolution. */
export const disputeWorkflowId = (disputeId: string): string => `dispute-${disputeId}`;

export interface DisputeWorkflowInput {
  dispute: DisputeOpening;
}

/** A dispute as its projection holds it (what the API answers). */
export interface DisputeRecord extends Omit<DisputeOpening, 'slaDays'> {
  slaDays: number;
  status: DisputeStatus;
  overdue: boolean;
  openedAt: string;
  /** openedAt + slaDays: from then on the SLA timer marks it overdue if it is still open. */
  dueAt: string;
  overdueAt?: string;
  resolvedBy?: string;
  resolvedAt?: string;
  note?: string;
  /** UPHELD: the DISPUTE_RESOLUTION adjustment proposal it made, which needs its own second approval. */
  adjustmentId?: string;
}

export interface ResolveDisputeCommand extends Command {
  resolution: DisputeResolution;
}

/** What the workflow hands the projection when it resolves a dispute. */
export interface DisputeResolutionRecord {
  disputeId: string;
  outcome: DisputeResolution['outcome'];
  note?: string;
  resolvedBy: string;
  adjustmentId?: string;
}

/** Sent with the start (update-with-start): answers once the dispute's row is written. */
export const disputeOpenedUpdate = defineUpdate<DisputeRecord, [{ disputeId: string }]>('disputeOpened');
export const resolveDisputeUpdate = defineUpdate<DisputeRecord, [ResolveDisputeCommand]>('resolveDispute');
export const disputeStateQuery = defineQuery<DisputeRecord | null>('disputeState');
