import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { z } from 'zod';
import { Actor, dealWorkflowId } from '../../../libs/contracts';
import { AuthedRequest, CurrentActor, Roles } from '../http/auth';
import { updateIdFor } from '../http/idempotency.interceptor';
import { DocumentBody, parseQuery, ValidBody } from '../http/validation';
import {
  artifactSchema,
  bonusEventSchema,
  createDealSchema,
  dealListQuery,
  descopeSchema,
  emptySchema,
  id,
  killSchema,
  revenueSchema,
  slipSchema,
} from '../schemas';
import { DealsService } from './deals.service';
import { dealTimeline, fetchRunChain, rawHistories } from './history';
import { TemporalGateway } from './temporal.gateway';

@ApiTags('deals')
@ApiBearerAuth()
@Controller('deals')
export class DealsController {
  constructor(
    private readonly deals: DealsService,
    private readonly temporal: TemporalGateway,
  ) {}

  @Post()
  @Roles('comp_admin', 'manager')
  @DocumentBody(createDealSchema)
  async create(@ValidBody(createDealSchema) body: z.infer<typeof createDealSchema>, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    const { created, deal } = await this.deals.create(body, actor);
    res.status(created ? 201 : 200);
    return deal;
  }

  @Get()
  @ApiQuery({ name: 'status', required: false, enum: ['ACTIVE', 'KILLED', 'CLOSED'] })
  @ApiQuery({ name: 'owner', required: false })
  @ApiQuery({ name: 'sourcedBy', required: false })
  list(@Query() query: unknown, @CurrentActor() actor: Actor) {
    return this.deals.list(parseQuery(dealListQuery, query), actor);
  }

  @Get(':id')
  get(@Param('id') dealId: string, @CurrentActor() actor: Actor) {
    return this.deals.get(id.parse(dealId), actor);
  }

  @Get(':id/history')
  @Roles('manager', 'comp_admin', 'deal_desk', 'finance')
  @ApiQuery({ name: 'format', required: false, enum: ['business', 'temporal'] })
  async history(@Param('id') dealId: string, @Query('format') format: string | undefined, @CurrentActor() actor: Actor) {
    await this.deals.refuseUnlessVisible(id.parse(dealId), actor);
    const chain = await fetchRunChain(this.temporal.client, dealWorkflowId(dealId));
    return format === 'temporal' ? rawHistories(chain) : dealTimeline(chain);
  }

  @Post(':id/artifacts')
  @HttpCode(202)
  @Roles('rep', 'manager', 'comp_admin')
  @DocumentBody(artifactSchema)
  artifact(@Param('id') dealId: string, @ValidBody(artifactSchema) body: z.infer<typeof artifactSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.deals.submitArtifact(id.parse(dealId), body, actor, updateIdFor(req, `artifact:${dealId}`));
  }

  @Post(':id/bonus-events')
  @HttpCode(202)
  @Roles('rep', 'manager', 'comp_admin')
  @DocumentBody(bonusEventSchema)
  bonusEvent(@Param('id') dealId: string, @ValidBody(bonusEventSchema) body: z.infer<typeof bonusEventSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.deals.submitBonusEvent(id.parse(dealId), body, actor, updateIdFor(req, `bonus:${dealId}`));
  }

  @Post(':id/descope')
  @HttpCode(200)
  @Roles('comp_admin', 'manager')
  @DocumentBody(descopeSchema)
  descope(@Param('id') dealId: string, @ValidBody(descopeSchema) body: z.infer<typeof descopeSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.deals.descope(id.parse(dealId), body, actor, updateIdFor(req, `descope:${dealId}`));
  }

  @Post(':id/kill')
  @HttpCode(200)
  @Roles('comp_admin', 'manager')
  @DocumentBody(killSchema)
  kill(@Param('id') dealId: string, @ValidBody(killSchema) body: z.infer<typeof killSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.deals.kill(id.parse(dealId), body, actor, updateIdFor(req, `kill:${dealId}`));
  }

  @Post(':id/slip')
  @HttpCode(200)
  @Roles('comp_admin', 'manager')
  @DocumentBody(slipSchema)
  slip(@Param('id') dealId: string, @ValidBody(slipSchema) body: z.infer<typeof slipSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.deals.slip(id.parse(dealId), body, actor, updateIdFor(req, `slip:${dealId}`));
  }

  @Post(':id/revenue')
  @HttpCode(200)
  @Roles('finance')
  @DocumentBody(revenueSchema)
  revenue(@Param('id') dealId: string, @ValidBody(revenueSchema) body: z.infer<typeof revenueSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.deals.recordRevenue(id.parse(dealId), body, actor, updateIdFor(req, `revenue:${dealId}`));
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('finance')
  close(@Param('id') dealId: string, @ValidBody(emptySchema) _body: unknown, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.deals.close(id.parse(dealId), actor, updateIdFor(req, `close:${dealId}`));
  }
}
