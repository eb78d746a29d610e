import { DataSource } from 'typeorm';
import { comparePeriods, nextPeriod, Period, periodOf } from '../domain';

export interface PeriodRow {
  period: Period;
  status: 'CLOSING' | 'CLOSED';
  closedAt: Date | null;
  closedBy: string;
  statementCount: number;
  /** Reps whose statement could not be produced by the last close attempt (the period stays CLOSING). */
  failures: Array<{ repId: string; code: string; message: string }>;
}

/** Reads of the period calendar; the period close (comp.repository.ts) writes it. */
export class PeriodsRepository {
  constructor(private readonly db: DataSource) {}

  async all(): Promise<PeriodRow[]> {
    const rows = await this.db.query(`SELECT period, status, closed_at, closed_by, statement_count, failures FROM periods`);
    return rows.map((r: any) => ({
      period: r.period,
      status: r.status,
      closedAt: r.closed_at,
      closedBy: r.closed_by,
      statementCount: r.statement_count,
      failures: r.failures ?? [],
    }));
  }

  async find(period: Period): Promise<PeriodRow | undefined> {
    return (await this.all()).find((r) => r.period === period);
  }

  /**
   * The first earlier period of the calendar that is not closed, if any: lets the API refuse an out-of-order close
   * before starting a workflow. Advisory only: the close's begin step checks it again under the period lock.
   */
  async earlierOpenPeriod(period: Period): Promise<Period | undefined> {
    const start = await this.calendarStart();
    if (!start) return undefined;
    const closed = new Set((await this.all()).filter((r) => r.status === 'CLOSED').map((r) => r.period));
    for (let p = start; comparePeriods(p, period) < 0; p = nextPeriod(p)) if (!closed.has(p)) return p;
    return undefined;
  }

  /** The first period of the calendar not yet closed (where today's postings land); undefined while there are no reps. */
  async firstOpenPeriod(): Promise<Period | undefined> {
    const start = await this.calendarStart();
    if (!start) return undefined;
    const closed = new Set((await this.all()).filter((r) => r.status === 'CLOSED').map((r) => r.period));
    let p = start;
    while (closed.has(p)) p = nextPeriod(p);
    return p;
  }

  /** The calendar starts with the earliest hire date; undefined while there are no reps. */
  async calendarStart(): Promise<Period | undefined> {
    const [row] = await this.db.query(`SELECT min(hire_date)::text AS d FROM reps`);
    return row?.d ? periodOf(row.d) : undefined;
  }
}
