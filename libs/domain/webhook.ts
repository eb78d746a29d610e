/**
 * Signed webhooks (docs/rules.md "Signed webhooks"): the event types a subscriber may ask for, the CloudEvents body
 * every delivery carries, which subscriber URLs are accepted, and the delivery schedule. Pure: no clock, no I/O.
 */

/**
 * Every event type, in one place: a new one is added here (and in docs/rules.md), then appended with
 * `appendOutboxEvent` inside the transaction that writes its change. The CloudEvents `type` is the name itself.
 */
export const WEBHOOK_EVENT_TYPES = [
  'tranche.approval.submitted',
  'tranche.approval.decided',
  'tranche.gate.retired',
  'tranche.deal.descoped',
  'tranche.deal.killed',
  'tranche.deal.closed',
  'tranche.rep.departed',
  'tranche.period.closed',
  'tranche.statement.approved',
  'tranche.payroll.batch_created',
  'tranche.dispute.opened',
  'tranche.dispute.overdue',
  'tranche.dispute.resolved',
  'tranche.alert.raised',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const isWebhookEventType = (value: string): value is WebhookEventType => (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);

/** The CloudEvents `source` of every Tranche event (a URI-reference, as the specification asks). */
export const CLOUDEVENT_SOURCE = '/tranche';

export const WEBHOOK_URL_MAX_LENGTH = 2048;

/** A CloudEvents 1.0 event in structured JSON mode: the body of every delivery. */
export interface CloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: WebhookEventType;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  data: Record<string, unknown>;
}

/** What the outbox holds of an event: enough to build its CloudEvent again, byte for byte, on every attempt and replay. */
export interface OutboxEvent {
  eventId: string;
  type: WebhookEventType;
  subject: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

export function cloudEvent(event: OutboxEvent): CloudEvent {
  return {
    specversion: '1.0',
    id: event.eventId,
    source: CLOUDEVENT_SOURCE,
    type: event.type,
    subject: event.subject,
    time: event.occurredAt,
    datacontenttype: 'application/json',
    data: event.data,
  };
}

/**
 * Why a subscriber URL is refused, or undefined when it is accepted: http or https only, no user name or password in
 * it (the secret signs; a URL is logged and shown), no fragment, at most 2048 characters.
 */
export function subscriberUrlRefusal(raw: string): string | undefined {
  if (raw.length > WEBHOOK_URL_MAX_LENGTH) return `must be at most ${WEBHOOK_URL_MAX_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute http or https URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `must be http or https, not ${url.protocol.replace(/:$/, '')}`;
  if (url.username || url.password) return 'must not carry credentials (user:password@); the signature authenticates the delivery';
  if (!url.hostname) return 'must name a host';
  if (url.hash) return 'must not carry a fragment';
  return undefined;
}

/**
 * The delivery schedule of one event to one subscriber: attempts back off exponentially from 5 seconds, doubling, to
 * at most one hour apart, for three days from the first attempt; then the event is marked FAILED and the subscriber's
 * next event is delivered.
 */
export const WEBHOOK_RETRY = {
  initialIntervalSeconds: 5,
  backoffCoefficient: 2,
  maximumIntervalSeconds: 3600,
  giveUpAfterSeconds: 3 * 24 * 3600,
  /** One attempt: the subscriber has this long to answer. */
  attemptTimeoutSeconds: 10,
} as const;

/** The wait before attempt `attempt` (2, 3, ...) under WEBHOOK_RETRY. */
export function retryDelaySeconds(attempt: number): number {
  const n = Math.max(0, attempt - 2);
  return Math.min(WEBHOOK_RETRY.maximumIntervalSeconds, WEBHOOK_RETRY.initialIntervalSeconds * WEBHOOK_RETRY.backoffCoefficient ** n);
}
