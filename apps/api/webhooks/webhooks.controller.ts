import { Controller, Get, HttpCode, Param, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor } from '../../../libs/contracts';
import { AuthedRequest, CurrentActor } from '../auth/actor';
import { emptySchema } from '../http/fields';
import { updateIdFor } from '../http/idempotency.interceptor';
import { ApiDocumented } from '../http/openapi';
import { DocumentBody, parseQuery, ValidBody } from '../http/validation';
import { WEBHOOK_ROLES } from './webhooks.policy';
import { webhookCreatedResponse, webhookDeliveryListResponse, webhookListResponse, webhookReplayResponse, webhookResponse } from './webhooks.responses';
import { createWebhookSchema, deliveriesQuery, replayWebhookSchema, webhookIdParam } from './webhooks.schemas';
import { WebhooksService } from './webhooks.service';
import { Command } from '../http/command';

@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Command()
  @HttpCode(201)
  @ApiDocumented({
    roles: WEBHOOK_ROLES.manage,
    response: webhookCreatedResponse,
    status: 201,
    errors: [409],
    description: 'Subscribes a URL to event types. Deliveries are signed (Standard Webhooks) CloudEvents, in order, retried for three days. The secret is answered here only.',
  })
  @DocumentBody(createWebhookSchema)
  create(@ValidBody(createWebhookSchema) body: z.infer<typeof createWebhookSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.webhooks.create(body, actor, updateIdFor(req, 'webhook'));
  }

  @Get()
  @ApiDocumented({ roles: WEBHOOK_ROLES.read, response: webhookListResponse, description: 'Every subscription, oldest first, without secrets.' })
  list() {
    return this.webhooks.list();
  }

  @Get(':webhookId')
  @ApiDocumented({ roles: WEBHOOK_ROLES.read, response: webhookResponse, errors: [400, 404], params: { webhookId: webhookIdParam } })
  get(@Param('webhookId') webhookId: string) {
    return this.webhooks.get(webhookIdParam.parse(webhookId));
  }

  @Command(':webhookId/disable')
  @HttpCode(200)
  @ApiDocumented({ roles: WEBHOOK_ROLES.manage, response: webhookResponse, errors: [404], params: { webhookId: webhookIdParam }, description: 'Stops deliveries to the subscription; idempotent.' })
  @DocumentBody(emptySchema)
  disable(@Param('webhookId') webhookId: string, @ValidBody(emptySchema) _body: unknown, @CurrentActor() actor: Actor) {
    return this.webhooks.disable(webhookIdParam.parse(webhookId), actor);
  }

  @Get(':webhookId/deliveries')
  @ApiDocumented({
    roles: WEBHOOK_ROLES.read,
    response: webhookDeliveryListResponse,
    errors: [400, 404],
    params: { webhookId: webhookIdParam },
    query: deliveriesQuery,
    description: 'The delivery log, newest attempt first: one line per attempt (status code, error, latency), and a FAILED line for an event given up after three days.',
  })
  deliveries(@Param('webhookId') webhookId: string, @Query() raw: unknown) {
    return this.webhooks.deliveries(webhookIdParam.parse(webhookId), parseQuery(deliveriesQuery, raw));
  }

  @Command(':webhookId/replay')
  @HttpCode(202)
  @ApiDocumented({
    roles: WEBHOOK_ROLES.manage,
    response: webhookReplayResponse,
    status: 202,
    errors: [404, 409],
    params: { webhookId: webhookIdParam },
    description: 'Delivers again, in order and with the same event ids, every event of the subscription from fromEventId on. 404 for an event the subscription never had; 409 CONFLICT when disabled.',
  })
  @DocumentBody(replayWebhookSchema)
  replay(@Param('webhookId') webhookId: string, @ValidBody(replayWebhookSchema) body: z.infer<typeof replayWebhookSchema>) {
    return this.webhooks.replay(webhookIdParam.parse(webhookId), body);
  }
}
