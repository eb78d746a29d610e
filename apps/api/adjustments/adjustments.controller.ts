import { Controller, Get, HttpCode, Param, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor } from '../../../libs/contracts';
import { AuthedRequest, CurrentActor } from '../auth/actor';
import { id } from '../http/fields';
import { ApiDocumented } from '../http/openapi';
import { updateIdFor } from '../http/idempotency.interceptor';
import { DocumentBody, parseQuery, ValidBody } from '../http/validation';
import { adjustmentListQuery, decideAdjustmentSchema, proposeAdjustmentSchema } from './adjustment.schemas';
import { ADJUSTMENT_ROLES } from './adjustments.policy';
import { adjustmentListResponse, adjustmentResponse } from './adjustments.responses';
import { AdjustmentsService } from './adjustments.service';
import { Command } from '../http/command';

const idempotencyKey = (req: AuthedRequest) => {
  const key = req.headers['idempotency-key'];
  return typeof key === 'string' ? key : undefined;
};

@ApiTags('adjustments')
@ApiBearerAuth()
@Controller('adjustments')
export class AdjustmentsController {
  constructor(private readonly adjustments: AdjustmentsService) {}

  @Command()
  @HttpCode(201)
  @ApiDocumented({
    roles: ADJUSTMENT_ROLES.propose,
    response: adjustmentResponse,
    status: 201,
    errors: [409, 422],
    description: 'Proposes an adjustment (PENDING) for a second person (comp_admin or finance, neither the proposer nor the rep) to approve.',
  })
  @DocumentBody(proposeAdjustmentSchema)
  propose(@ValidBody(proposeAdjustmentSchema) body: z.infer<typeof proposeAdjustmentSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.adjustments.propose(body, actor, updateIdFor(req, 'adjustment'));
  }

  @Get()
  @ApiDocumented({ roles: ADJUSTMENT_ROLES.read, response: adjustmentListResponse, errors: [400], query: adjustmentListQuery, description: 'Adjustments, oldest proposal first: a manager sees their team\'s, a rep their own.' })
  list(@Query() raw: unknown, @CurrentActor() actor: Actor) {
    return this.adjustments.list(parseQuery(adjustmentListQuery, raw), actor);
  }

  @Get(':adjustmentId')
  @ApiDocumented({ roles: ADJUSTMENT_ROLES.read, response: adjustmentResponse, errors: [400, 404], params: { adjustmentId: id } })
  get(@Param('adjustmentId') adjustmentId: string, @CurrentActor() actor: Actor) {
    return this.adjustments.get(id.parse(adjustmentId), actor);
  }

  @Command(':adjustmentId/approve')
  @HttpCode(200)
  @ApiDocumented({
    roles: ADJUSTMENT_ROLES.decide,
    response: adjustmentResponse,
    errors: [403, 404, 409],
    params: { adjustmentId: id },
    description: 'Approves a pending adjustment: it is posted to the rep in its period (ledger key adjustment:<id>). 409 ADJUSTMENT_NOT_PENDING once decided or expired.',
  })
  @DocumentBody(decideAdjustmentSchema)
  approve(@Param('adjustmentId') adjustmentId: string, @ValidBody(decideAdjustmentSchema) body: z.infer<typeof decideAdjustmentSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.adjustments.approve(id.parse(adjustmentId), body, actor, idempotencyKey(req));
  }

  @Command(':adjustmentId/reject')
  @HttpCode(200)
  @ApiDocumented({ roles: ADJUSTMENT_ROLES.decide, response: adjustmentResponse, errors: [403, 404, 409], params: { adjustmentId: id } })
  @DocumentBody(decideAdjustmentSchema)
  reject(@Param('adjustmentId') adjustmentId: string, @ValidBody(decideAdjustmentSchema) body: z.infer<typeof decideAdjustmentSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.adjustments.reject(id.parse(adjustmentId), body, actor, idempotencyKey(req));
  }
}
