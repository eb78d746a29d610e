import { Inject, Injectable } from '@nestjs/common';
import { comparePeriods, dateOfInstant, IsoDate, Period, periodOf } from '../../../libs/domain';
import { TrancheConfig } from '../../../libs/platform/config';
import { refuse } from '../http/problem';
import { CONFIG } from '../tokens';

/** Business time: under BUSINESS_CLOCK=manual (sandboxes, demos, tests) dates may lie in the future. */
@Injectable()
export class BusinessClock {
  constructor(@Inject(CONFIG) private readonly config: TrancheConfig) {}

  get manual(): boolean {
    return this.config.businessClock === 'manual';
  }

  today(): IsoDate {
    return dateOfInstant(Date.now());
  }

  refuseFutureDate(date: IsoDate, field = 'effectiveDate'): void {
    if (!this.manual && date > this.today()) {
      throw refuse('FUTURE_DATE', `${field} ${date} is later than today (${this.today()}); business dates cannot lie in the future`);
    }
  }

  refuseFuturePeriod(period: Period, what: string): void {
    if (!this.manual && comparePeriods(period, periodOf(this.today())) > 0) {
      throw refuse('FUTURE_DATE', `period ${period} has not started; ${what} cannot be recognized in the future`);
    }
  }
}
