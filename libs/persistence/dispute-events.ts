import { EntityManager } from 'typeorm';
import type { DisputeRecord } from '../contracts/disputes';

export type DisputeEventType = 'dispute.opened' | 'dispute.overdue' | 'dispute.resolved';

/**
 * The one place a dispute's events leave the disputes projection: called inside the transaction that opens a dispute,
 * marks it overdue or resolves it, exactly once per event (only when that transaction changed the row). It records
 * nothing yet; a webhook outbox appends its row here, in the same transaction, so an event is delivered if and only
 * if the change committed.
 */
export async function appendDisputeEvent(_tx: EntityManager, _type: DisputeEventType, _dispute: DisputeRecord): Promise<void> {
  // Intentionally empty until the webhook outbox exists (docs/DECISIONS.md "Disputes and why this line").
}
