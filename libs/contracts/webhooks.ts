import { defineQuery, defineSignal } from '@temporalio/workflow';

/** One delivery workflow per subscription: it delivers that subscriber's events one at a time, in outbox order. */
export const webhookDeliveryWorkflowId = (subscriptionId: string): string => `webhook-delivery-${subscriptionId}`;

export interface WebhookDeliveryInput {
  subscriptionId: string;
  /** The outbox position of the last event handled (delivered or failed); 0 before the first. */
  cursor?: number;
  /** A replay asked for and not yet begun: deliver again from this outbox position. */
  replayFrom?: number;
}

/** Sent after a commit appended events (and on create): look at the outbox now rather than at the next poll. */
export const wakeWebhookDeliverySignal = defineSignal('wakeWebhookDelivery');
/** `POST /webhooks/{id}/replay`: once the event in hand is done, deliver again from this position, in order. */
export const replayWebhookDeliverySignal = defineSignal<[{ fromPosition: number }]>('replayWebhookDelivery');
export const webhookCursorQuery = defineQuery<number>('webhookCursor');

export type WebhookAttemptOutcome = 'DELIVERED' | 'DISABLED';
