import { Injectable } from '@nestjs/common';
import { Dec, IsoDate, Money, periodFromIndex, periodIndex, periodOf, yearOf } from '../../../libs/domain';
import { Actor } from '../../../libs/contracts';
import { ForecastRepository } from '../../../libs/persistence/forecast.repository';
import { RepsRepository } from '../../../libs/persistence/reps.repository';
import { BusinessClock } from '../clock/business-clock';
import { id } from '../http/fields';
import { RepStatementsService } from '../reps/rep-statements.service';
import { ForecastPolicy } from './forecast.policy';

const total = (values: string[]) => Money.format(Money.sum(values));

/** A manager's team: each rep's attainment for the year and forecast for the next four quarters, and the totals. */
@Injectable()
export class TeamService {
  constructor(
    private readonly reps: RepsRepository,
    private readonly pay: RepStatementsService,
    private readonly forecasts: ForecastRepository,
    private readonly policy: ForecastPolicy,
    private readonly clock: BusinessClock,
  ) {}

  async team(managerId: string, query: { year?: number; asOf?: IsoDate }, actor: Actor) {
    this.policy.refuseUnlessOwnTeam(managerId, actor);
    const asOf = query.asOf ?? this.clock.today();
    const year = query.year ?? yearOf(asOf);
    const from = periodOf(asOf);
    const to = periodFromIndex(periodIndex(from) + 3);
    const members = await this.reps.managedBy(id.parse(managerId));
    const [attainments, forecasts] = await Promise.all([
      this.pay.attainments(members, year),
      this.forecasts.forecastForOwners(from, to, asOf, members.map((m) => m.id)),
    ]);
    const team = members.map((rep, i) => {
      const periods = forecasts.get(rep.id) ?? [];
      const sum = (pick: (p: (typeof periods)[number]) => string) => Money.sum(periods.map(pick));
      return {
        repId: rep.id,
        name: rep.name,
        attainment: attainments[i],
        forecast: { forecast: sum((p) => p.forecast.credit), bestCase: sum((p) => p.bestCase.credit), worstCase: sum((p) => p.worstCase.credit) },
      };
    });
    const totals = (pick: (f: (typeof team)[number]['forecast']) => Dec) => Money.format(team.reduce((acc, t) => acc.plus(pick(t.forecast)), new Dec(0)));
    return {
      managerId,
      year,
      reps: team.map((t) => ({
        repId: t.repId,
        name: t.name,
        attainment: t.attainment,
        forecastNext4Quarters: { from, to, forecast: Money.format(t.forecast.forecast), bestCase: Money.format(t.forecast.bestCase), worstCase: Money.format(t.forecast.worstCase) },
      })),
      totals: {
        quota: {
          newBusiness: total(team.map((t) => t.attainment.quota.newBusiness)),
          expansion: total(team.map((t) => t.attainment.quota.expansion)),
        },
        credit: {
          newBusiness: total(team.map((t) => t.attainment.credit.newBusiness)),
          expansion: total(team.map((t) => t.attainment.credit.expansion)),
        },
        forecastNext4Quarters: { from, to, forecast: totals((f) => f.forecast), bestCase: totals((f) => f.bestCase), worstCase: totals((f) => f.worstCase) },
      },
    };
  }
}
