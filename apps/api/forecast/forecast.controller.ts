import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../libs/contracts';
import { CurrentActor } from '../auth/actor';
import { Roles } from '../auth/roles';
import { id } from '../http/fields';
import { parseQuery } from '../http/validation';
import { accuracyQuery, forecastQuery, portfolioQuery, teamQuery } from './forecast.schemas';
import { FORECAST_ROLES, ForecastPolicy } from './forecast.policy';
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
  @Roles(...FORECAST_ROLES.read)
  @ApiQuery({ name: 'from', required: false, example: '2027-Q1' })
  @ApiQuery({ name: 'to', required: false, example: '2029-Q4' })
  @ApiQuery({ name: 'owner', required: false })
  @ApiQuery({ name: 'asOf', required: false, description: 'ISO date the forecast is made on; default today' })
  async forecast(@Query() raw: unknown, @CurrentActor() actor: Actor) {
    const q = parseQuery(forecastQuery, raw);
    const scope = await this.policy.scope(actor);
    this.policy.refuseUnlessOwnerInScope(q.owner, scope);
    return this.forecasts.forecast(q, scope);
  }

  @Get('forecast/accuracy')
  @Roles(...FORECAST_ROLES.read)
  @ApiQuery({ name: 'owner', required: false, description: 'a deal owner; default the whole book' })
  async accuracy(@Query() raw: unknown, @CurrentActor() actor: Actor) {
    const { owner } = parseQuery(accuracyQuery, raw);
    const scope = await this.policy.scope(actor);
    this.policy.refuseUnlessOwnerInScope(owner, scope);
    return this.forecasts.accuracy(owner, scope);
  }

  @Get('reps/:id/portfolio')
  @ApiQuery({ name: 'asOf', required: false })
  portfolio(@Param('id') repId: string, @Query() raw: unknown, @CurrentActor() actor: Actor) {
    const q = parseQuery(portfolioQuery, raw);
    return this.portfolios.portfolio(id.parse(repId), q.asOf, actor);
  }

  @Get('managers/:id/team')
  @Roles(...FORECAST_ROLES.read)
  @ApiQuery({ name: 'year', required: false })
  team(@Param('id') managerId: string, @Query() raw: unknown, @CurrentActor() actor: Actor) {
    return this.teams.team(managerId, parseQuery(teamQuery, raw), actor);
  }
}
