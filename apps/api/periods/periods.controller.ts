import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../libs/contracts';
import { CurrentActor } from '../auth/actor';
import { Roles } from '../auth/roles';
import { emptySchema, period } from '../http/fields';
import { ValidBody } from '../http/validation';
import { PERIOD_ROLES } from './periods.policy';
import { PeriodsService } from './periods.service';

@ApiTags('periods')
@ApiBearerAuth()
@Controller('periods')
export class PeriodsController {
  constructor(private readonly periods: PeriodsService) {}

  @Get()
  list() {
    return this.periods.list();
  }

  @Post(':period/close')
  @HttpCode(200)
  @Roles(...PERIOD_ROLES.close)
  close(@Param('period') raw: string, @ValidBody(emptySchema) _body: unknown, @CurrentActor() actor: Actor) {
    return this.periods.close(period.parse(raw), actor);
  }
}
