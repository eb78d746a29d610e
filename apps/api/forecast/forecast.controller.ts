import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../libs/contracts';
import { CurrentActor } from '../auth/actor';
import { id } from '../http/fields';
import { ApiDocumented } from '../http/openapi';
import { parseQuery } from '../http/validation';
import { accuracyQuery, forecastQuery, portfolioQuery, teamQuery } from './forecast.schemas';
import { FORECAST_ROLES, ForecastPolicy } from './forecast.policy';
import { accuracyResponse, forecastResponse, portfolioResponse, teamResponse } from './forecast.responses';
import { ForecastService } from './forecast.service';
import { PortfolioService } from './portfolio.service';
import { TeamService } from './team.service';

/** Managers run long-cycle books by phase: phase-weighted forecast, portfolio, team roll-up and forecast accuracy. */
@ApiTags('forecast')
@ApiBearerAuth()
@Controller()
export class ForecastController {
  constructor(
    private readonly forecasts: ForecastService,
    private readonly portfolios: PortfolioService,
    private readonly teams: TeamService,
    private readonly policy: ForecastPolicy,
  ) {}

  @Get('forecast')
  @ApiDocumented({ roles: FORECAST_ROLES.read, response: forecastResponse, errors: [400, 404], query: forecastQuery, description: 'The phase-weighted forecast per quarter: worst case, forecast and best case.' })
  async forecast(@Query() raw: unknown, @CurrentActor() actor: Actor) {
    const q = parseQuery(forecastQuery, raw);
    const scope = await this.policy.scope(actor);
    this.policy.refuseUnlessOwnerInScope(q.owner, scope);
    return this.forecasts.forecast(q, scope);
  }

  @Get('forecast/accuracy')
  @ApiDocumented({ roles: FORECAST_ROLES.read, response: accuracyResponse, errors: [400, 404], query: accuracyQuery })
  async accuracy(@Query() raw: unknown, @CurrentActor() actor: Actor) {
    const { owner } = parseQuery(accuracyQuery, raw);
    const scope = await this.policy.scope(actor);
    this.policy.refuseUnlessOwnerInScope(owner, scope);
    return this.forecasts.accuracy(owner, scope);
  }

  @Get('reps/:id/portfolio')
  @ApiDocumented({ roles: 'authenticated', response: portfolioResponse, errors: [400, 404], query: portfolioQuery, params: { id } })
  portfolio(@Param('id') repId: string, @Query() raw: unknown, @CurrentActor() actor: Actor) {
    const q = parseQuery(portfolioQuery, raw);
    return this.portfolios.portfolio(id.parse(repId), q.asOf, actor);
  }

  @Get('managers/:id/team')
  @ApiDocumented({ roles: FORECAST_ROLES.read, response: teamResponse, errors: [400], query: teamQuery, params: { id } })
  team(@Param('id') managerId: string, @Query() raw: unknown, @CurrentActor() actor: Actor) {
    return this.teams.team(managerId, parseQuery(teamQuery, raw), actor);
  }
}
