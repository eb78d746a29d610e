import { z } from 'zod';
import { subscriberUrlRefusal, WEBHOOK_EVENT_TYPES, WEBHOOK_URL_MAX_LENGTH } from '../../../libs/domain';
import { id, page, storable, STORABLE_MESSAGE, text } from '../http/fields';

/** A Standard Webhooks secret: `whsec_` and the base64 of 24 to 64 random bytes. */
export const webhookSecret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, 'must be whsec_ followed by the base64 of 24 to 64 bytes')
  .refine((v) => {
    const bytes = Buffer.from(v.slice('whsec_'.length), 'base64').length;
    return bytes >= 24 && bytes <= 64;
  }, 'must be whsec_ followed by the base64 of 24 to 64 bytes');

/** docs/rules.md "Signed webhooks": http(s) only, no credentials in it, bounded. */
export const subscriberUrl = z
  .string()
  .max(WEBHOOK_URL_MAX_LENGTH)
  .refine(storable, STORABLE_MESSAGE)
  .superRefine((v, ctx) => {
    const refusal = subscriberUrlRefusal(v);
    if (refusal) ctx.addIssue({ code: z.ZodIssueCode.custom, message: refusal });
  });

export const createWebhookSchema = z
  .object({
    url: subscriberUrl,
    events: z
      .array(z.enum(WEBHOOK_EVENT_TYPES))
      .min(1)
      .max(WEBHOOK_EVENT_TYPES.length)
      .refine((list) => new Set(list).size === list.length, 'must not repeat an event type'),
    secret: webhookSecret.optional().describe('a Standard Webhooks secret; generated when absent. Answered on create only.'),
    description: text(500).optional(),
  })
  .strict();

export const replayWebhookSchema = z.object({ fromEventId: z.string().regex(/^evt_[0-9a-f]{32}$/, 'must be an event id evt_<32 hex digits>') }).strict();

export const deliveriesQuery = z.object({ ...page }).strict();

export const webhookIdParam = id;
