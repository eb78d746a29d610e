import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { comparePeriods, periodFromIndex, periodIndex, periodOf } from '../../../libs/domain';
import { ForecastRepository } from '../../../libs/persistence/forecast.repository';
import { BusinessClock } from '../clock/business-clock';
import { refuse } from '../http/problem';
import { ForecastScope } from './forecast.policy';
import { forecastQuery } from './forecast.schemas';

/** The phase-weighted forecast of the book (or one owner's) and how earlier forecasts compared with what retired. */
@Injectable()
export class ForecastService {
  constructor(
    private readonly forecasts: ForecastRepository,
    private readonly clock: BusinessClock,
  ) {}

  async forecast(q: z.infer<typeof forecastQuery>, scope: ForecastScope) {
    const asOf = q.asOf ?? this.clock.today();
    const from = q.from ?? periodOf(asOf);
    const to = q.to ?? periodFromIndex(periodIndex(from) + 7);
    if (comparePeriods(to, from) < 0) throw refuse('VALIDATION_FAILED', `to (${to}) is before from (${from})`, [{ path: 'to', message: 'must not be before from' }]);
    if (periodIndex(to) - periodIndex(from) > 40) throw refuse('VALIDATION_FAILED', 'at most 40 periods at a time', [{ path: 'to', message: 'range too long' }]);
    return { from, to, asOf, ...(q.owner ? { owner: q.owner } : {}), periods: await this.forecasts.forecast(from, to, asOf, q.owner, scope.book ? undefined : scope.team) };
  }

  /** A manager without `owner` gets their team's accuracy (the snapshots of the owners on it, summed). */
  accuracy(owner: string | undefined, scope: ForecastScope) {
    if (owner !== undefined || scope.book) return this.forecasts.accuracy(owner ?? '*');
    return this.forecasts.accuracy({ team: scope.team, label: `team:${scope.managerId}` });
  }
}
