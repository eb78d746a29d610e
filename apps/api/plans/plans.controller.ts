import { Controller, Get, HttpCode, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { z } from 'zod';
import { Actor } from '../../../libs/contracts';
import { CurrentActor } from '../auth/actor';
import { emptySchema, id } from '../http/fields';
import { ApiDocumented } from '../http/openapi';
import { DocumentBody, ValidBody } from '../http/validation';
import { createPlanSchema } from './plan.schemas';
import { PLAN_ROLES } from './plans.policy';
import { planListResponse, planResponse } from './plans.responses';
import { PlansService } from './plans.service';
import { Command } from '../http/command';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Command()
  @ApiDocumented({ roles: PLAN_ROLES.write, response: { 201: planResponse, 200: planResponse }, description: 'Creates a draft plan version (201); the same id and body again answers it (200).' })
  @DocumentBody(createPlanSchema)
  async create(@ValidBody(createPlanSchema) body: z.infer<typeof createPlanSchema>, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    const { created, plan } = await this.plans.create(body, actor);
    res.status(created ? 201 : 200);
    return plan;
  }

  @Command(':id/publish')
  @HttpCode(200)
  @ApiDocumented({ roles: PLAN_ROLES.write, response: planResponse, errors: [404, 409], params: { id } })
  @DocumentBody(emptySchema)
  publish(@Param('id') planId: string, @ValidBody(emptySchema) _body: unknown) {
    return this.plans.publish(id.parse(planId));
  }

  @Get()
  @ApiDocumented({ roles: 'authenticated', response: planListResponse })
  list() {
    return this.plans.list();
  }

  @Get(':id')
  @ApiDocumented({ roles: 'authenticated', response: planResponse, errors: [404] })
  get(@Param('id') planId: string) {
    return this.plans.get(planId);
  }
}
