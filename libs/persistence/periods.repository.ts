import { DataSource } from 'typeorm';
import { Period, periodOf } from '../domain';

export interface PeriodRow {
  period: Period;
  status: 'CLOSING' | 'CLOSED';
  closedAt: Date | null;
  closedBy: string;
  statementCount: number;
}

/** Reads of the period calendar; the period close (comp.repository.ts) writes it. */
export class PeriodsRepository {
  constructor(private readonly db: DataSource) {}

  async all(): Promise<PeriodRow[]> {
    const rows = await this.db.query(`SELECT period, status, closed_at, closed_by, statement_count FROM periods`);
    return rows.map((r: any) => ({ period: r.period, status: r.status, closedAt: r.closed_at, closedBy: r.closed_by, statementCount: r.statement_count }));
  }

  async find(period: Period): Promise<PeriodRow | undefined> {
    return (await this.all()).find((r) => r.period === period);
  }

  /** The calendar starts with the earliest hire date; undefined while there are no reps. */
  async calendarStart(): Promise<Period | undefined> {
    const [row] = await this.db.query(`SELECT min(hire_date)::text AS d FROM reps`);
    return row?.d ? periodOf(row.d) : undefined;
  }
}
