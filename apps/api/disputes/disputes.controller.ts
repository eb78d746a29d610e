import { Controller, Get, HttpCode, Param, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { Actor } from '../../../libs/contracts';
import { AuthedRequest, CurrentActor } from '../auth/actor';
import { id } from '../http/fields';
import { updateIdFor } from '../http/idempotency.interceptor';
import { ApiDocumented } from '../http/openapi';
import { DocumentBody, parseQuery, ValidBody } from '../http/validation';
import { disputeListQuery, openDisputeSchema, resolveDisputeSchema } from './dispute.schemas';
import { DISPUTE_ROLES } from './disputes.policy';
import { disputeListResponse, disputeResponse } from './disputes.responses';
import { DisputesService } from './disputes.service';
import { Command } from '../http/command';

const idempotencyKey = (req: AuthedRequest) => {
  const key = req.headers['idempotency-key'];
  return typeof key === 'string' ? key : undefined;
};

@ApiTags('disputes')
@ApiBearerAuth()
@Controller('disputes')
export class DisputesController {
  constructor(private readonly disputes: DisputesService) {}

  @Command()
  @HttpCode(201)
  @ApiDocumented({
    roles: DISPUTE_ROLES.open,
    response: disputeResponse,
    status: 201,
    errors: [403, 404, 409, 422],
    description:
      'Opens a dispute on a closed period\'s statement (the rep on their own, their manager on their team\'s): its workflow dispute-<id> marks it overdue after the plan\'s disputeSlaDays. 409 PERIOD_NOT_CLOSED; 400 for a lineId not on the statement.',
  })
  @DocumentBody(openDisputeSchema)
  open(@ValidBody(openDisputeSchema) body: z.infer<typeof openDisputeSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.disputes.open(body, actor, updateIdFor(req, 'dispute'));
  }

  @Get()
  @ApiDocumented({ roles: DISPUTE_ROLES.read, response: disputeListResponse, errors: [400], query: disputeListQuery, description: 'Disputes, oldest first: a comp admin sees every one, a manager their team\'s, a rep their own.' })
  list(@Query() raw: unknown, @CurrentActor() actor: Actor) {
    return this.disputes.list(parseQuery(disputeListQuery, raw), actor);
  }

  @Get(':disputeId')
  @ApiDocumented({ roles: DISPUTE_ROLES.read, response: disputeResponse, errors: [400, 404], params: { disputeId: id } })
  get(@Param('disputeId') disputeId: string, @CurrentActor() actor: Actor) {
    return this.disputes.get(id.parse(disputeId), actor);
  }

  @Command(':disputeId/resolve')
  @HttpCode(200)
  @ApiDocumented({
    roles: DISPUTE_ROLES.resolve,
    response: disputeResponse,
    errors: [403, 404, 409, 422],
    params: { disputeId: id },
    description:
      'Resolves an open dispute once (409 DISPUTE_NOT_OPEN after), by a comp admin who is not the disputant (403 SEGREGATION_OF_DUTIES). UPHELD proposes a DISPUTE_RESOLUTION adjustment with its disputeId, which a second person approves; DENIED says why in note.',
  })
  @DocumentBody(resolveDisputeSchema)
  resolve(@Param('disputeId') disputeId: string, @ValidBody(resolveDisputeSchema) body: z.infer<typeof resolveDisputeSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.disputes.resolve(id.parse(disputeId), body, actor, idempotencyKey(req));
  }
}
