import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../libs/contracts';
import { CurrentActor } from '../auth/actor';
import { ApiDocumented } from '../http/openapi';
import { parseQuery } from '../http/validation';
import { alertListQuery } from './alerts.schemas';
import { ALERT_ROLES } from './alerts.policy';
import { alertListResponse } from './alerts.responses';
import { AlertsService } from './alerts.service';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @ApiDocumented({
    roles: ALERT_ROLES.read,
    response: alertListResponse,
    errors: [400],
    query: alertListQuery,
    description:
      'Aging alerts, newest first: an approval pending more than alerts.approvalAgingDays (the deal desk), a gate still open 1.5 × monthsFromPrevious after the previous one (its owner and their manager); comp admins see all.',
  })
  list(@Query() raw: unknown, @CurrentActor() actor: Actor) {
    return this.alerts.list(parseQuery(alertListQuery, raw), actor);
  }
}
