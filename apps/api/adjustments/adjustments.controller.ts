import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor } from '../../../libs/contracts';
import { ADJUSTMENT_STATUSES } from '../../../libs/domain';
import { AuthedRequest, CurrentActor } from '../auth/actor';
import { Roles } from '../auth/roles';
import { id } from '../http/fields';
import { updateIdFor } from '../http/idempotency.interceptor';
import { DocumentBody, parseQuery, ValidBody } from '../http/validation';
import { adjustmentListQuery, decideAdjustmentSchema, proposeAdjustmentSchema } from './adjustment.schemas';
import { ADJUSTMENT_ROLES } from './adjustments.policy';
import { AdjustmentsService } from './adjustments.service';

const idempotencyKey = (req: AuthedRequest) => {
  const key = req.headers['idempotency-key'];
  return typeof key === 'string' ? key : undefined;
};

@ApiTags('adjustments')
@ApiBearerAuth()
@Controller('adjustments')
export class AdjustmentsController {
  constructor(private readonly adjustments: AdjustmentsService) {}

  @Post()
  @HttpCode(201)
  @Roles(...ADJUSTMENT_ROLES.propose)
  @DocumentBody(proposeAdjustmentSchema)
  propose(@ValidBody(proposeAdjustmentSchema) body: z.infer<typeof proposeAdjustmentSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.adjustments.propose(body, actor, updateIdFor(req, 'adjustment'));
  }

  @Get()
  @Roles(...ADJUSTMENT_ROLES.read)
  @ApiQuery({ name: 'status', required: false, enum: ADJUSTMENT_STATUSES })
  @ApiQuery({ name: 'period', required: false })
  @ApiQuery({ name: 'repId', required: false })
  list(@Query() raw: unknown, @CurrentActor() actor: Actor) {
    return this.adjustments.list(parseQuery(adjustmentListQuery, raw), actor);
  }

  @Get(':adjustmentId')
  @Roles(...ADJUSTMENT_ROLES.read)
  get(@Param('adjustmentId') adjustmentId: string, @CurrentActor() actor: Actor) {
    return this.adjustments.get(id.parse(adjustmentId), actor);
  }

  @Post(':adjustmentId/approve')
  @HttpCode(200)
  @Roles(...ADJUSTMENT_ROLES.decide)
  @DocumentBody(decideAdjustmentSchema)
  approve(@Param('adjustmentId') adjustmentId: string, @ValidBody(decideAdjustmentSchema) body: z.infer<typeof decideAdjustmentSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.adjustments.approve(id.parse(adjustmentId), body, actor, idempotencyKey(req));
  }

  @Post(':adjustmentId/reject')
  @HttpCode(200)
  @Roles(...ADJUSTMENT_ROLES.decide)
  @DocumentBody(decideAdjustmentSchema)
  reject(@Param('adjustmentId') adjustmentId: string, @ValidBody(decideAdjustmentSchema) body: z.infer<typeof decideAdjustmentSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.adjustments.reject(id.parse(adjustmentId), body, actor, idempotencyKey(req));
  }
}
