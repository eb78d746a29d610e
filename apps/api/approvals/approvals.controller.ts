import { Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor } from '../../../libs/contracts';
import { AuthedRequest, CurrentActor } from '../auth/actor';
import { Roles } from '../auth/roles';
import { DocumentBody, parseQuery, ValidBody } from '../http/validation';
import { approveSchema, queueQuery, rejectSchema } from './approval.schemas';
import { APPROVAL_ROLES } from './approvals.policy';
import { ApprovalsService } from './approvals.service';

const idempotencyKey = (req: AuthedRequest) => {
  const key = req.headers['idempotency-key'];
  return typeof key === 'string' ? key : undefined;
};

@ApiTags('approvals')
@ApiBearerAuth()
@Controller('approvals')
export class ApprovalsController {
  constructor(private readonly approvals: ApprovalsService) {}

  @Get()
  @Roles(...APPROVAL_ROLES.decide)
  @ApiQuery({ name: 'status', required: false, enum: ['PENDING', 'APPROVED', 'REJECTED'] })
  queue(@Query() raw: unknown, @CurrentActor() actor: Actor) {
    return this.approvals.queue(parseQuery(queueQuery, raw), actor);
  }

  @Post(':approvalId/approve')
  @HttpCode(200)
  @Roles(...APPROVAL_ROLES.decide)
  @DocumentBody(approveSchema)
  approve(@Param('approvalId') approvalId: string, @ValidBody(approveSchema) body: z.infer<typeof approveSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.approvals.approve(approvalId, body, actor, idempotencyKey(req));
  }

  @Post(':approvalId/reject')
  @HttpCode(200)
  @Roles(...APPROVAL_ROLES.decide)
  @DocumentBody(rejectSchema)
  reject(@Param('approvalId') approvalId: string, @ValidBody(rejectSchema) body: z.infer<typeof rejectSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.approvals.reject(approvalId, body, actor, idempotencyKey(req));
  }
}
