import { Controller, Get, HttpCode, Param, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor } from '../../../libs/contracts';
import { AuthedRequest, CurrentActor } from '../auth/actor';
import { ApiDocumented } from '../http/openapi';
import { DocumentBody, parseQuery, ValidBody } from '../http/validation';
import { approveSchema, queueQuery, rejectSchema } from './approval.schemas';
import { APPROVAL_ROLES } from './approvals.policy';
import { decisionResponse, queueResponse } from './approvals.responses';
import { ApprovalsService } from './approvals.service';
import { Command } from '../http/command';

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
  @ApiDocumented({ roles: APPROVAL_ROLES.decide, response: queueResponse, errors: [400], query: queueQuery, description: 'The deal desk queue: approvals with the given status, oldest first, each with its deal\'s context and, for the caller, whether they may decide it (`decidable`, `blockedBy`).' })
  queue(@Query() raw: unknown, @CurrentActor() actor: Actor) {
    return this.approvals.queue(parseQuery(queueQuery, raw), actor);
  }

  @Command(':approvalId/approve')
  @HttpCode(200)
  @ApiDocumented({ roles: APPROVAL_ROLES.decide, response: decisionResponse, errors: [403, 404, 409, 422], description: 'Approves a pending approval: the gate retires (or the bonus pays) and its postings are made.' })
  @DocumentBody(approveSchema)
  approve(@Param('approvalId') approvalId: string, @ValidBody(approveSchema) body: z.infer<typeof approveSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.approvals.approve(approvalId, body, actor, idempotencyKey(req));
  }

  @Command(':approvalId/reject')
  @HttpCode(200)
  @ApiDocumented({ roles: APPROVAL_ROLES.decide, response: decisionResponse, errors: [403, 404, 409, 422] })
  @DocumentBody(rejectSchema)
  reject(@Param('approvalId') approvalId: string, @ValidBody(rejectSchema) body: z.infer<typeof rejectSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.approvals.reject(approvalId, body, actor, idempotencyKey(req));
  }
}
