import { Injectable } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Actor, replayWebhookDeliverySignal, TASK_QUEUE, wakeWebhookDeliverySignal, webhookDeliveryWorkflowId } from '../../../libs/contracts';
import { WebhookDelivery, WebhooksRepository, WebhookSubscription } from '../../../libs/persistence/webhooks.repository';
import { webhookDeliveryWorkflow } from '../../../workflows';
import { refuse } from '../http/problem';
import { TemporalGateway } from '../temporal/temporal.gateway';
import { createWebhookSchema, deliveriesQuery, replayWebhookSchema } from './webhooks.schemas';

/** A fresh Standard Webhooks secret: 32 random bytes. */
export const generateWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

/**
 * Subscriptions are rows; their deliveries are one workflow each (`webhook-delivery-<id>`), started on create and
 * signalled on replay and disable. The secret is answered on create only.
 */
@Injectable()
export class WebhooksService {
  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly temporal: TemporalGateway,
  ) {}

  async create(body: z.infer<typeof createWebhookSchema>, actor: Actor, updateId?: string): Promise<WebhookSubscription & { secret: string }> {
    // With an Idempotency-Key the id follows from it, so a request replayed by another API process names the same subscription.
    const id = updateId ? `whk_${createHash('sha256').update(updateId).digest('hex').slice(0, 24)}` : `whk_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
    const secret = body.secret ?? generateWebhookSecret();
    const { subscription } = await this.webhooks.create({ id, url: body.url, events: body.events, secret, description: body.description, createdBy: actor.id });
    await this.signal(id, { replay: undefined });
    return { ...subscription, secret };
  }

  list(): Promise<WebhookSubscription[]> {
    return this.webhooks.list();
  }

  async get(id: string): Promise<WebhookSubscription> {
    const found = await this.webhooks.find(id);
    if (!found) throw refuse('NOT_FOUND', `no webhook subscription ${id}`);
    return found;
  }

  /** Idempotent; the delivery workflow ends at its next look and no attempt starts after this answer. */
  async disable(id: string, actor: Actor): Promise<WebhookSubscription> {
    await this.get(id);
    const disabled = (await this.webhooks.disable(id, actor.id))!;
    try {
      await this.temporal.client.workflow.getHandle(webhookDeliveryWorkflowId(id)).signal(wakeWebhookDeliverySignal);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
    return disabled;
  }

  async deliveries(id: string, query: z.infer<typeof deliveriesQuery>): Promise<WebhookDelivery[]> {
    await this.get(id);
    return this.webhooks.deliveries(id, query.limit, query.offset);
  }

  /** Delivers again, in order, every event of the subscription from `fromEventId` on, with the same event ids. */
  async replay(id: string, body: z.infer<typeof replayWebhookSchema>) {
    const subscription = await this.get(id);
    if (subscription.status !== 'ACTIVE') throw refuse('CONFLICT', `webhook subscription ${id} is disabled`);
    const position = await this.webhooks.positionFor(id, body.fromEventId);
    if (position === undefined) throw refuse('NOT_FOUND', `no event ${body.fromEventId} for webhook subscription ${id}`);
    await this.signal(id, { replay: position });
    return { subscriptionId: id, fromEventId: body.fromEventId, status: 'REPLAYING' as const };
  }

  private async signal(id: string, { replay }: { replay?: number }): Promise<void> {
    const common = { workflowId: webhookDeliveryWorkflowId(id), taskQueue: TASK_QUEUE, args: [{ subscriptionId: id }] as [{ subscriptionId: string }] };
    if (replay === undefined) {
      await this.temporal.client.workflow.signalWithStart(webhookDeliveryWorkflow, { ...common, signal: wakeWebhookDeliverySignal, signalArgs: [] });
    } else {
      await this.temporal.client.workflow.signalWithStart(webhookDeliveryWorkflow, { ...common, signal: replayWebhookDeliverySignal, signalArgs: [{ fromPosition: replay }] });
    }
  }
}
