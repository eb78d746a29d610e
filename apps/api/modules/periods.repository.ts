import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { comparePeriods, IsoDate, nextPeriod, Period, periodOf } from '../../../libs/domain';
import { refuse } from '../http/problem';

/** Which periods are closed: closing happens in order, so the closed ones form a prefix of the calendar. */
@Injectable()
export class PeriodsRepository {
  constructor(private readonly db: DataSource) {}

  async lastClosedOrClosing(): Promise<Period | undefined> {
    const rows: Array<{ period: Period }> = await this.db.query(`SELECT period FROM periods`);
    return rows.map((r) => r.period).sort(comparePeriods).pop();
  }

  /** The first period still open, or undefined when nothing is closed yet (everything is open). */
  async openFrom(): Promise<Period | undefined> {
    const last = await this.lastClosedOrClosing();
    return last ? nextPeriod(last) : undefined;
  }

  async calendarStart(): Promise<Period | undefined> {
    const [row] = await this.db.query(`SELECT min(hire_date)::text AS d FROM reps`);
    return row?.d ? periodOf(row.d) : undefined;
  }

  async refuseClosedDate(date: IsoDate, what = 'effectiveDate'): Promise<void> {
    await this.refuseClosedPeriod(periodOf(date), `${what} ${date}`);
  }

  async refuseClosedPeriod(period: Period, what = 'period'): Promise<void> {
    const open = await this.openFrom();
    if (open && comparePeriods(period, open) < 0) {
      throw refuse('PERIOD_CLOSED', `${what} falls in ${period}, which is closed; record a correction in an open period`);
    }
  }
}
