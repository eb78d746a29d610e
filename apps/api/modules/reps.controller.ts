import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { z } from 'zod';
import { Actor } from '../../../libs/contracts';
import { AuthedRequest, CurrentActor, Roles } from '../http/auth';
import { updateIdFor } from '../http/idempotency.interceptor';
import { DocumentBody, parseQuery, ValidBody } from '../http/validation';
import { createRepSchema, departureSchema, id, period, repPlanMoveSchema } from '../schemas';
import { RepsService, STATEMENT_READERS } from './reps.service';

const yearQuery = z.object({ year: z.coerce.number().int().min(1900).max(2200) }).strict();

@ApiTags('reps')
@ApiBearerAuth()
@Controller('reps')
export class RepsController {
  constructor(private readonly reps: RepsService) {}

  @Post()
  @Roles('comp_admin', 'hr')
  @DocumentBody(createRepSchema)
  async create(@ValidBody(createRepSchema) body: z.infer<typeof createRepSchema>, @Res({ passthrough: true }) res: Response) {
    const { created, rep } = await this.reps.create(body);
    res.status(created ? 201 : 200);
    return rep;
  }

  @Get(':id')
  get(@Param('id') repId: string, @CurrentActor() actor: Actor) {
    return this.reps.get(id.parse(repId), actor);
  }

  @Post(':id/departure')
  @HttpCode(202)
  @Roles('hr')
  @DocumentBody(departureSchema)
  depart(@Param('id') repId: string, @ValidBody(departureSchema) body: z.infer<typeof departureSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.reps.depart(id.parse(repId), body, actor, updateIdFor(req, `departure:${repId}`));
  }

  @Post(':id/plan')
  @HttpCode(200)
  @Roles('comp_admin')
  @DocumentBody(repPlanMoveSchema)
  movePlan(@Param('id') repId: string, @ValidBody(repPlanMoveSchema) body: z.infer<typeof repPlanMoveSchema>, @CurrentActor() actor: Actor, @Req() req: AuthedRequest) {
    return this.reps.movePlan(id.parse(repId), body, actor, updateIdFor(req, `plan:${repId}`));
  }

  @Get(':id/statements')
  @Roles(...STATEMENT_READERS)
  statements(@Param('id') repId: string, @CurrentActor() actor: Actor) {
    return this.reps.statements(id.parse(repId), actor);
  }

  @Get(':id/statements/:period')
  @Roles(...STATEMENT_READERS)
  statement(@Param('id') repId: string, @Param('period') p: string, @CurrentActor() actor: Actor) {
    return this.reps.statement(id.parse(repId), period.parse(p), actor);
  }

  @Get(':id/attainment')
  @ApiQuery({ name: 'year', required: true, type: Number })
  attainment(@Param('id') repId: string, @Query() query: unknown, @CurrentActor() actor: Actor) {
    return this.reps.attainment(id.parse(repId), parseQuery(yearQuery, query).year, actor);
  }
}
