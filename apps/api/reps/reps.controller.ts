import { Controller, Get, HttpCode, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { z } from 'zod';
import { Actor } from '../../../libs/contracts';
import { AuthedRequest, CurrentActor } from '../auth/actor';
import { id, period } from '../http/fields';
import { updateIdFor } from '../http/idempotency.interceptor';
import { ApiDocumented } from '../http/openapi';
import { DocumentBody, parseQuery, ValidBody } from '../http/validation';
import { createRepSchema, departureSchema, repListQuery, repPlanMoveSchema, yearQuery } from './rep.schemas';
import { RepCommandsService } from './rep-commands.service';
import { RepStatementsService } from './rep-statements.service';
import { REP_ROLES } from './reps.policy';
import { attainmentResponse, departureResponse, departureWithdrawnResponse, repListResponse, repResponse, statementListResponse, statementResponse } from './reps.responses';
import { RepsService } from './reps.service';
import { Command } from '../http/command';

@ApiTags('reps')
@ApiBearerAuth()
@Controller('reps')
export class RepsController {
  constructor(
    private readonly reps: RepsService,
    private readonly commands: RepCommandsService,
    private readonly pay: RepStatementsService,
  ) {}

  @Command()
  @ApiDocumented({ roles: REP_ROLES.create, response: { 201: repResponse, 200: repResponse }, errors: [422], description: 'Hires a rep (201); the same id and body again answers the rep as they are now (200).' })
  @DocumentBody(createRepSchema)
  async create(@ValidBody(createRepSchema) body: z.infer<typeof createRepSchema>, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    const { created, rep } = await this.reps.create(body, actor);
    res.status(created ? 201 : 200);
    return rep;
  }

  @Get()
  @ApiDocumented({ roles: REP_ROLES.list, response: repListResponse, errors: [400], query: repListQuery, description: 'The rep directory: staff see every rep, a manager their team.' })
  list(@Query() query: unknown, @CurrentActor() actor: Actor) {
    return this.reps.list(parseQuery(repListQuery, query), actor);
  }

  @Get(':id')
  @ApiDocumented({ roles: 'authenticated', response: repResponse, errors: [400, 404], params: { id } })
  get(@Param('id') repId: string, @CurrentActor() actor: Actor) {
    return this.reps.get(id.parse(repId), actor);
  }

  @Command(':id/departure')
  @HttpCode(202)
  @ApiDocumented({ roles: REP_ROLES.depart, response: departureResponse, status: 202, errors: [404, 409, 422], params: { id } })
  @DocumentBody(departureSchema)
  depart(@Param('id') repId: string, @ValidBody(departureSchema) body: z.infer<typeof departureSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.commands.depart(id.parse(repId), body, actor, updateIdFor(req, `departure:${repId}`));
  }

  @Command(':id/departure/withdraw')
  @HttpCode(200)
  @ApiDocumented({
    roles: REP_ROLES.withdrawDeparture,
    response: departureWithdrawnResponse,
    errors: [404, 409],
    params: { id },
    description: 'Withdraws a departure while its period is open and nothing dated on or after it was recorded on its deals; else 409 DEPARTURE_IN_EFFECT.',
  })
  withdrawDeparture(@Param('id') repId: string, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.commands.withdrawDeparture(id.parse(repId), actor, updateIdFor(req, `departure-withdraw:${repId}`));
  }

  @Command(':id/plan')
  @HttpCode(200)
  @ApiDocumented({ roles: REP_ROLES.movePlan, response: repResponse, errors: [404, 409, 422], params: { id } })
  @DocumentBody(repPlanMoveSchema)
  movePlan(@Param('id') repId: string, @ValidBody(repPlanMoveSchema) body: z.infer<typeof repPlanMoveSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.commands.movePlan(id.parse(repId), body, actor, updateIdFor(req, `plan:${repId}`));
  }

  @Get(':id/statements')
  @ApiDocumented({ roles: REP_ROLES.readStatements, response: statementListResponse, errors: [400, 404], description: 'The rep’s statements of closed periods, oldest first.', params: { id } })
  statements(@Param('id') repId: string, @CurrentActor() actor: Actor) {
    return this.pay.statements(id.parse(repId), actor);
  }

  @Get(':id/statements/:period')
  @ApiDocumented({ roles: REP_ROLES.readStatements, response: statementResponse, errors: [400, 404], params: { id, period } })
  statement(@Param('id') repId: string, @Param('period') p: string, @CurrentActor() actor: Actor) {
    return this.pay.statement(id.parse(repId), period.parse(p), actor);
  }

  @Get(':id/attainment')
  @ApiDocumented({ roles: 'authenticated', response: attainmentResponse, errors: [400, 404], query: yearQuery, params: { id } })
  attainment(@Param('id') repId: string, @Query() query: unknown, @CurrentActor() actor: Actor) {
    return this.pay.attainment(id.parse(repId), parseQuery(yearQuery, query).year, actor);
  }
}
