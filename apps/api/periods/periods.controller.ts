import { Controller, Get, HttpCode, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../libs/contracts';
import { CurrentActor } from '../auth/actor';
import { emptySchema, period } from '../http/fields';
import { ApiDocumented } from '../http/openapi';
import { DocumentBody, ValidBody } from '../http/validation';
import { PERIOD_ROLES } from './periods.policy';
import { periodCloseResponse, periodListResponse } from './periods.responses';
import { PeriodsService } from './periods.service';
import { Command } from '../http/command';

@ApiTags('periods')
@ApiBearerAuth()
@Controller('periods')
export class PeriodsController {
  constructor(private readonly periods: PeriodsService) {}

  @Get()
  @ApiDocumented({ roles: 'authenticated', response: periodListResponse, description: 'Every period from the calendar’s start to today (or the one after the last closed).' })
  list() {
    return this.periods.list();
  }

  @Command(':period/close')
  @HttpCode(200)
  @ApiDocumented({ roles: PERIOD_ROLES.close, response: periodCloseResponse, errors: [422], description: 'Closes the period: each rep’s statement is written; a repeat answers the same statements.', params: { period } })
  @DocumentBody(emptySchema)
  close(@Param('period') raw: string, @ValidBody(emptySchema) _body: unknown, @CurrentActor() actor: Actor) {
    return this.periods.close(period.parse(raw), actor);
  }
}
