import { ActivityFailure, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { WebhookActivities } from '../activities/webhook.activities';
import { replayWebhookDeliverySignal, wakeWebhookDeliverySignal, webhookCursorQuery, WebhookDeliveryInput } from '../libs/contracts';
import { WEBHOOK_RETRY } from '../libs/domain';

const reads = proxyActivities<WebhookActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// docs/rules.md "Signed webhooks": one attempt per activity execution, retried by Temporal with backoff (no attempt
// limit) until three days after the first.
const attempts = proxyActivities<WebhookActivities>({
  startToCloseTimeout: `${WEBHOOK_RETRY.attemptTimeoutSeconds + 5} seconds`,
  scheduleToCloseTimeout: `${WEBHOOK_RETRY.giveUpAfterSeconds} seconds`,
  retry: {
    initialInterval: `${WEBHOOK_RETRY.initialIntervalSeconds} seconds`,
    backoffCoefficient: WEBHOOK_RETRY.backoffCoefficient,
    maximumInterval: `${WEBHOOK_RETRY.maximumIntervalSeconds} seconds`,
  },
});

/** The safety net under the wake signal: a lost signal delays an event by this much at most, never loses it. */
export const WEBHOOK_POLL_INTERVAL = '15 seconds';
const BATCH = 50;
/** Events handled per run before continue-as-new (about 10 history events each). */
const EVENTS_PER_RUN = 300;

/**
 * Delivers one subscription's events strictly in outbox order, one at a time: the next event goes out only once the
 * previous one is delivered or, after three days of attempts, marked FAILED. Woken by a signal after each commit and
 * by a timer; ends when the subscription is disabled.
 */
export async function webhookDeliveryWorkflow(input: WebhookDeliveryInput): Promise<void> {
  let cursor = input.cursor ?? 0;
  let replayFrom = input.replayFrom;
  let woken = false;
  let handled = 0;
  setHandler(wakeWebhookDeliverySignal, () => {
    woken = true;
  });
  setHandler(replayWebhookDeliverySignal, ({ fromPosition }) => {
    replayFrom = fromPosition;
    woken = true;
  });
  setHandler(webhookCursorQuery, () => cursor);

  for (;;) {
    if (replayFrom !== undefined) {
      cursor = replayFrom - 1;
      replayFrom = undefined;
    }
    woken = false;
    const next = await reads.nextWebhookEvents(input.subscriptionId, cursor, BATCH);
    if (next.status !== 'ACTIVE') return;
    for (const position of next.positions) {
      if (replayFrom !== undefined) break;
      try {
        if ((await attempts.deliverWebhookEvent(input.subscriptionId, position)) === 'DISABLED') return;
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        await reads.markWebhookEventFailed(input.subscriptionId, position, err.cause?.message ?? err.message);
      }
      cursor = position;
      handled += 1;
    }
    if (handled >= EVENTS_PER_RUN || workflowInfo().continueAsNewSuggested) {
      await continueAsNew<typeof webhookDeliveryWorkflow>({ subscriptionId: input.subscriptionId, cursor, replayFrom });
    }
    if (next.positions.length === 0) await condition(() => woken || replayFrom !== undefined, WEBHOOK_POLL_INTERVAL);
  }
}
