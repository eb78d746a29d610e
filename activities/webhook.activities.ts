import { ApplicationFailure, Context } from '@temporalio/activity';
import { Webhook } from 'standardwebhooks';
import type { WebhookAttemptOutcome } from '../libs/contracts';
import { cloudEvent, WEBHOOK_RETRY } from '../libs/domain';
import { WebhooksRepository } from '../libs/persistence/webhooks.repository';

export interface WebhookActivityDeps {
  webhooks: WebhooksRepository;
  /** How long a subscriber has to answer one attempt (default WEBHOOK_RETRY.attemptTimeoutSeconds). */
  attemptTimeoutMs?: number;
}

/** The body and the Standard Webhooks headers of one attempt: signed anew each time (the timestamp is the attempt's). */
export function signedDelivery(secret: string, event: Parameters<typeof cloudEvent>[0], at: Date): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(cloudEvent(event));
  const signature = new Webhook(secret).sign(event.eventId, at, body);
  return {
    body,
    headers: {
      'content-type': 'application/cloudevents+json; charset=utf-8',
      'user-agent': 'Tranche-Webhooks/1',
      'webhook-id': event.eventId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signature,
    },
  };
}

export function createWebhookActivities({ webhooks, attemptTimeoutMs = WEBHOOK_RETRY.attemptTimeoutSeconds * 1000 }: WebhookActivityDeps) {
  return {
    /** The subscription's next events after the cursor (sequencing newly committed ones first). */
    async nextWebhookEvents(subscriptionId: string, cursor: number, limit: number) {
      return webhooks.nextPositions(subscriptionId, cursor, limit);
    },

    /**
     * One HTTP POST of one event; every attempt is written to the delivery log. A 2xx answer delivers it; any other
     * answer, a timeout or a network error throws, and Temporal retries with backoff (the workflow's policy). A
     * subscription disabled meanwhile is not called again.
     */
    async deliverWebhookEvent(subscriptionId: string, position: number): Promise<WebhookAttemptOutcome> {
      const target = await webhooks.attemptTarget(subscriptionId, position);
      if (!target || target.status !== 'ACTIVE') return 'DISABLED';
      const attempt = Context.current().info.attempt;
      const { body, headers } = signedDelivery(target.secret, target.event, new Date());
      const started = performance.now();
      let statusCode: number | undefined;
      let error: string | undefined;
      try {
        const response = await fetch(target.url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(attemptTimeoutMs) });
        statusCode = response.status;
        await response.arrayBuffer().catch(() => undefined);
        if (statusCode < 200 || statusCode >= 300) error = `answered ${statusCode}`;
      } catch (err) {
        const e = err as Error & { cause?: { code?: string } };
        error = e.name === 'TimeoutError' ? `no answer within ${attemptTimeoutMs / 1000} s` : `${e.message}${e.cause?.code ? ` (${e.cause.code})` : ''}`;
      }
      const latencyMs = Math.round(performance.now() - started);
      const { eventId } = target.event;
      await webhooks.recordAttempt(subscriptionId, { eventId, position, attempt, status: error ? 'RETRYING' : 'DELIVERED', statusCode, error, latencyMs });
      if (error) throw ApplicationFailure.retryable(`webhook ${eventId} to ${subscriptionId}: ${error}`, 'WEBHOOK_ATTEMPT_FAILED');
      return 'DELIVERED';
    },

    /** Three days of attempts have failed: the log says FAILED and the subscriber's next event goes out. */
    async markWebhookEventFailed(subscriptionId: string, position: number, reason: string): Promise<void> {
      const eventId = (await webhooks.eventIdAt(position)) ?? `position:${position}`;
      await webhooks.recordAttempt(subscriptionId, { eventId, position, attempt: 0, status: 'FAILED', error: reason.slice(0, 500) });
    },
  };
}

export type WebhookActivities = ReturnType<typeof createWebhookActivities>;
