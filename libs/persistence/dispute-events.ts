import { EntityManager } from 'typeorm';
import type { DisputeRecord } from '../contracts/disputes';
import type { WebhookEventType } from '../domain';
import { appendOutboxEvent } from './outbox';

export type DisputeEventType = 'dispute.opened' | 'dispute.overdue' | 'dispute.resolved';

const WEBHOOK_TYPE: Record<DisputeEventType, WebhookEventType> = {
  'dispute.opened': 'tranche.dispute.opened',
  'dispute.overdue': 'tranche.dispute.overdue',
  'dispute.resolved': 'tranche.dispute.resolved',
};

/**
 * The one place a dispute's events leave the disputes projection: called inside the transaction that opens a dispute,
 * marks it overdue or resolves it (only when that transaction changed the row), it appends the webhook event to the
 * outbox, so an event is delivered if and only if the change committed. The rep's message and the resolver's note stay
 * in Tranche: the event names the dispute, its statement and its state, and a subscriber reads the rest with GET.
 */
export async function appendDisputeEvent(tx: EntityManager, type: DisputeEventType, dispute: DisputeRecord): Promise<void> {
  await appendOutboxEvent(tx, {
    type: WEBHOOK_TYPE[type],
    key: dispute.id,
    subject: `dispute/${dispute.id}`,
    data: {
      disputeId: dispute.id,
      repId: dispute.repId,
      period: dispute.period,
      ...(dispute.lineId ? { lineId: dispute.lineId } : {}),
      ...(dispute.dealId ? { dealId: dispute.dealId } : {}),
      reason: dispute.reason,
      status: dispute.status,
      overdue: dispute.overdue,
      dueAt: dispute.dueAt,
      ...(dispute.adjustmentId ? { adjustmentId: dispute.adjustmentId } : {}),
    },
  });
}
