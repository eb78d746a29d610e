import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { z } from 'zod';
import { Actor } from '../../../libs/contracts';
import { CurrentActor } from '../auth/actor';
import { Roles } from '../auth/roles';
import { emptySchema, id } from '../http/fields';
import { DocumentBody, ValidBody } from '../http/validation';
import { createPlanSchema } from './plan.schemas';
import { PLAN_ROLES } from './plans.policy';
import { PlansService } from './plans.service';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Post()
  @Roles(...PLAN_ROLES.write)
  @DocumentBody(createPlanSchema)
  async create(@ValidBody(createPlanSchema) body: z.infer<typeof createPlanSchema>, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    const { created, plan } = await this.plans.create(body, actor);
    res.status(created ? 201 : 200);
    return plan;
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Roles(...PLAN_ROLES.write)
  publish(@Param('id') planId: string, @ValidBody(emptySchema) _body: unknown) {
    return this.plans.publish(id.parse(planId));
  }

  @Get()
  list() {
    return this.plans.list();
  }

  @Get(':id')
  get(@Param('id') planId: string) {
    return this.plans.get(planId);
  }
}
