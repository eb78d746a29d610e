import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { z } from 'zod';
import { Actor } from '../../../libs/contracts';
import { AuthedRequest, CurrentActor } from '../auth/actor';
import { Roles } from '../auth/roles';
import { id, period } from '../http/fields';
import { updateIdFor } from '../http/idempotency.interceptor';
import { DocumentBody, parseQuery, ValidBody } from '../http/validation';
import { createRepSchema, departureSchema, repListQuery, repPlanMoveSchema, yearQuery } from './rep.schemas';
import { RepCommandsService } from './rep-commands.service';
import { RepStatementsService } from './rep-statements.service';
import { REP_ROLES } from './reps.policy';
import { RepsService } from './reps.service';

@ApiTags('reps')
@ApiBearerAuth()
@Controller('reps')
export class RepsController {
  constructor(
    private readonly reps: RepsService,
    private readonly commands: RepCommandsService,
    private readonly pay: RepStatementsService,
  ) {}

  @Post()
  @Roles(...REP_ROLES.create)
  @DocumentBody(createRepSchema)
  async create(@ValidBody(createRepSchema) body: z.infer<typeof createRepSchema>, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    const { created, rep } = await this.reps.create(body, actor);
    res.status(created ? 201 : 200);
    return rep;
  }

  @Get()
  @Roles(...REP_ROLES.list)
  @ApiQuery({ name: 'status', required: false, enum: ['ACTIVE', 'DEPARTED', 'FINISHED'] })
  @ApiQuery({ name: 'managerId', required: false })
  list(@Query() query: unknown, @CurrentActor() actor: Actor) {
    return this.reps.list(parseQuery(repListQuery, query), actor);
  }

  @Get(':id')
  get(@Param('id') repId: string, @CurrentActor() actor: Actor) {
    return this.reps.get(id.parse(repId), actor);
  }

  @Post(':id/departure')
  @HttpCode(202)
  @Roles(...REP_ROLES.depart)
  @DocumentBody(departureSchema)
  depart(@Param('id') repId: string, @ValidBody(departureSchema) body: z.infer<typeof departureSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.commands.depart(id.parse(repId), body, actor, updateIdFor(req, `departure:${repId}`));
  }

  @Post(':id/departure/withdraw')
  @HttpCode(200)
  @Roles(...REP_ROLES.withdrawDeparture)
  withdrawDeparture(@Param('id') repId: string, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.commands.withdrawDeparture(id.parse(repId), actor, updateIdFor(req, `departure-withdraw:${repId}`));
  }

  @Post(':id/plan')
  @HttpCode(200)
  @Roles(...REP_ROLES.movePlan)
  @DocumentBody(repPlanMoveSchema)
  movePlan(@Param('id') repId: string, @ValidBody(repPlanMoveSchema) body: z.infer<typeof repPlanMoveSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.commands.movePlan(id.parse(repId), body, actor, updateIdFor(req, `plan:${repId}`));
  }

  @Get(':id/statements')
  @Roles(...REP_ROLES.readStatements)
  statements(@Param('id') repId: string, @CurrentActor() actor: Actor) {
    return this.pay.statements(id.parse(repId), actor);
  }

  @Get(':id/statements/:period')
  @Roles(...REP_ROLES.readStatements)
  statement(@Param('id') repId: string, @Param('period') p: string, @CurrentActor() actor: Actor) {
    return this.pay.statement(id.parse(repId), period.parse(p), actor);
  }

  @Get(':id/attainment')
  @ApiQuery({ name: 'year', required: true, type: Number })
  attainment(@Param('id') repId: string, @Query() query: unknown, @CurrentActor() actor: Actor) {
    return this.pay.attainment(id.parse(repId), parseQuery(yearQuery, query).year, actor);
  }
}
