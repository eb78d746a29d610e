import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { z } from 'zod';
import { Actor } from '../../../libs/contracts';
import { AuthedRequest, CurrentActor } from '../auth/actor';
import { emptySchema, id } from '../http/fields';
import { updateIdFor } from '../http/idempotency.interceptor';
import { ApiDocumented } from '../http/openapi';
import { DocumentBody, parseQuery, ValidBody } from '../http/validation';
import { artifactSchema, bonusEventSchema, createDealSchema, dealListQuery, descopeSchema, killSchema, revenueSchema, slipSchema } from './deal.schemas';
import { DealCommandsService } from './deal-commands.service';
import { DealCreationService } from './deal-creation.service';
import { DealReadsService } from './deal-reads.service';
import { DEAL_ROLES } from './deals.policy';
import { dealListResponse, dealViewResponse, historyResponse, submissionResponse } from './deals.responses';

@ApiTags('deals')
@ApiBearerAuth()
@Controller('deals')
export class DealsController {
  constructor(
    private readonly creation: DealCreationService,
    private readonly reads: DealReadsService,
    private readonly commands: DealCommandsService,
  ) {}

  @Post()
  @ApiDocumented({ roles: DEAL_ROLES.create, response: { 201: dealViewResponse, 200: dealViewResponse }, errors: [403, 409, 422], description: 'Creates a deal (201); the same id and body again answers the deal as it is now (200).' })
  @DocumentBody(createDealSchema)
  async create(@ValidBody(createDealSchema) body: z.infer<typeof createDealSchema>, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    const { created, deal } = await this.creation.create(body, actor);
    res.status(created ? 201 : 200);
    return deal;
  }

  @Get()
  @ApiDocumented({ roles: 'authenticated', response: dealListResponse, errors: [400], query: dealListQuery, description: 'The deals the caller may see.' })
  list(@Query() query: unknown, @CurrentActor() actor: Actor) {
    return this.reads.list(parseQuery(dealListQuery, query), actor);
  }

  @Get(':id')
  @ApiDocumented({ roles: 'authenticated', response: dealViewResponse, errors: [400, 404], params: { id } })
  @ApiQuery({ name: 'source', required: false, enum: ['workflow'], description: 'ask the deal workflow instead of the read model (diagnostics)' })
  get(@Param('id') dealId: string, @Query('source') source: string | undefined, @CurrentActor() actor: Actor) {
    return this.reads.get(id.parse(dealId), actor, source === 'workflow');
  }

  @Get(':id/history')
  @ApiDocumented({ roles: DEAL_ROLES.history, response: historyResponse, errors: [400, 404], params: { id } })
  @ApiQuery({ name: 'format', required: false, enum: ['business', 'temporal'] })
  history(@Param('id') dealId: string, @Query('format') format: string | undefined, @CurrentActor() actor: Actor) {
    return this.reads.history(id.parse(dealId), format, actor);
  }

  @Post(':id/artifacts')
  @HttpCode(202)
  @ApiDocumented({ roles: DEAL_ROLES.submitEvidence, response: submissionResponse, status: 202, errors: [404, 409, 422], description: 'Submits a gate artifact: a pending approval for the deal desk.', params: { id } })
  @DocumentBody(artifactSchema)
  artifact(@Param('id') dealId: string, @ValidBody(artifactSchema) body: z.infer<typeof artifactSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.commands.submitArtifact(id.parse(dealId), body, actor, updateIdFor(req, `artifact:${dealId}`));
  }

  @Post(':id/bonus-events')
  @HttpCode(202)
  @ApiDocumented({ roles: DEAL_ROLES.submitEvidence, response: submissionResponse, status: 202, errors: [404, 409, 422], description: 'Submits a design-win bonus event: a pending approval for the deal desk.', params: { id } })
  @DocumentBody(bonusEventSchema)
  bonusEvent(@Param('id') dealId: string, @ValidBody(bonusEventSchema) body: z.infer<typeof bonusEventSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.commands.submitBonusEvent(id.parse(dealId), body, actor, updateIdFor(req, `bonus:${dealId}`));
  }

  @Post(':id/descope')
  @HttpCode(200)
  @ApiDocumented({ roles: DEAL_ROLES.change, response: dealViewResponse, errors: [404, 409, 422], params: { id } })
  @DocumentBody(descopeSchema)
  descope(@Param('id') dealId: string, @ValidBody(descopeSchema) body: z.infer<typeof descopeSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.commands.descope(id.parse(dealId), body, actor, updateIdFor(req, `descope:${dealId}`));
  }

  @Post(':id/kill')
  @HttpCode(200)
  @ApiDocumented({ roles: DEAL_ROLES.change, response: dealViewResponse, errors: [404, 409, 422], params: { id } })
  @DocumentBody(killSchema)
  kill(@Param('id') dealId: string, @ValidBody(killSchema) body: z.infer<typeof killSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.commands.kill(id.parse(dealId), body, actor, updateIdFor(req, `kill:${dealId}`));
  }

  @Post(':id/slip')
  @HttpCode(200)
  @ApiDocumented({ roles: DEAL_ROLES.change, response: dealViewResponse, errors: [404, 409, 422], params: { id } })
  @DocumentBody(slipSchema)
  slip(@Param('id') dealId: string, @ValidBody(slipSchema) body: z.infer<typeof slipSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.commands.slip(id.parse(dealId), body, actor, updateIdFor(req, `slip:${dealId}`));
  }

  @Post(':id/revenue')
  @HttpCode(200)
  @ApiDocumented({ roles: DEAL_ROLES.finance, response: dealViewResponse, errors: [404, 409, 422], params: { id } })
  @DocumentBody(revenueSchema)
  revenue(@Param('id') dealId: string, @ValidBody(revenueSchema) body: z.infer<typeof revenueSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.commands.recordRevenue(id.parse(dealId), body, actor, updateIdFor(req, `revenue:${dealId}`));
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiDocumented({ roles: DEAL_ROLES.finance, response: dealViewResponse, errors: [404, 409, 422], params: { id } })
  @DocumentBody(emptySchema)
  close(@Param('id') dealId: string, @ValidBody(emptySchema) _body: unknown, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.commands.close(id.parse(dealId), actor, updateIdFor(req, `close:${dealId}`));
  }
}
