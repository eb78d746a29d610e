import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../../../libs/domain';
import { named } from '../http/openapi';
import { idOut, instantOut } from '../http/response-fields';

const subscriptionFields = {
  id: idOut,
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  description: z.string().optional(),
  status: z.enum(['ACTIVE', 'DISABLED']),
  createdBy: idOut,
  createdAt: instantOut,
  disabledBy: idOut.optional(),
  disabledAt: instantOut.optional(),
};

/** A subscription as read: never its secret. */
export const webhookResponse = named('WebhookSubscription', z.object(subscriptionFields).strict());
export const webhookListResponse = z.array(webhookResponse);

/** The answer to a create: the only time the secret is shown. */
export const webhookCreatedResponse = named(
  'WebhookSubscriptionCreated',
  z.object({ ...subscriptionFields, secret: z.string().regex(/^whsec_/).describe('the signing secret: shown once, keep it') }).strict(),
);

export const webhookDeliveryResponse = named(
  'WebhookDelivery',
  z
    .object({
      eventId: z.string(),
      position: z.number().int().describe('the event\'s place in the outbox order'),
      attempt: z.number().int().describe('1 for the first attempt; 0 on the FAILED line written after three days'),
      status: z.enum(['DELIVERED', 'RETRYING', 'FAILED']),
      statusCode: z.number().int().optional(),
      error: z.string().optional(),
      latencyMs: z.number().int().optional(),
      attemptedAt: instantOut,
    })
    .strict(),
);
export const webhookDeliveryListResponse = z.array(webhookDeliveryResponse);

export const webhookReplayResponse = named(
  'WebhookReplay',
  z.object({ subscriptionId: idOut, fromEventId: z.string(), status: z.literal('REPLAYING') }).strict(),
);
