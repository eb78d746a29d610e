import { DataSource } from 'typeorm';
import { IsoDate, MoneyString, Period, RepPlanMove, Statement } from '../domain';
import { orderedStatement } from './comp.repository';

export interface RepRow {
  id: string;
  name: string;
  role: string;
  hireDate: IsoDate;
  quarterlyDraw: MoneyString;
  planId: string;
  planMoves: Array<RepPlanMove & { recordedBy: string }>;
  managerId: string | null;
  status: string;
  departure: { effectiveDate: IsoDate } | null;
  unrecoveredBalance: MoneyString;
  performanceReview: boolean;
  lastClosedPeriod: string | null;
  requestHash: string;
}

/** Quota credit of one year, by deal type. */
export interface YearCredit {
  newBusiness: string;
  expansion: string;
}

const SELECT = `SELECT id, name, role, hire_date::text AS hire_date, quarterly_draw, plan_id, plan_moves, manager_id, status, departure,
                       unrecovered_balance, performance_review, last_closed_period, request_hash FROM reps`;

const toRow = (r: any): RepRow => ({
  id: r.id,
  name: r.name,
  role: r.role,
  hireDate: r.hire_date,
  quarterlyDraw: r.quarterly_draw,
  planId: r.plan_id,
  planMoves: r.plan_moves,
  managerId: r.manager_id,
  status: r.status,
  departure: r.departure ?? null,
  unrecoveredBalance: r.unrecovered_balance,
  performanceReview: r.performance_review,
  lastClosedPeriod: r.last_closed_period,
  requestHash: r.request_hash,
});

/** Reads of the `reps` projection (the rep workflow writes it), their statements and their quota credit. */
export class RepsRepository {
  constructor(private readonly db: DataSource) {}

  async find(repId: string): Promise<RepRow | undefined> {
    const rows = await this.db.query(`${SELECT} WHERE id = $1`, [repId]);
    return rows.length ? toRow(rows[0]) : undefined;
  }

  async managedBy(managerId: string): Promise<RepRow[]> {
    return (await this.db.query(`${SELECT} WHERE manager_id = $1 ORDER BY id`, [managerId])).map(toRow);
  }

  /** A page of the directory, by id; `teamOf` narrows it to one manager's team (a manager's own view). */
  async list(filter: { status?: string; managerId?: string; teamOf?: string; limit: number; offset: number }): Promise<RepRow[]> {
    const rows = await this.db.query(
      `${SELECT} WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR manager_id = $2) AND ($3::text IS NULL OR manager_id = $3)
       ORDER BY id LIMIT $4 OFFSET $5`,
      [filter.status ?? null, filter.managerId ?? null, filter.teamOf ?? null, filter.limit, filter.offset],
    );
    return rows.map(toRow);
  }

  /** The ids of the reps a manager manages (their team, docs/rules.md "Access scope"). */
  async teamOf(managerId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(`SELECT id FROM reps WHERE manager_id = $1 ORDER BY id`, [managerId]);
    return rows.map((r) => r.id);
  }

  /** The status of each rep that exists, by id. */
  async statuses(repIds: string[]): Promise<Map<string, string>> {
    const rows: Array<{ id: string; status: string }> = await this.db.query(`SELECT id, status FROM reps WHERE id = ANY($1)`, [[...new Set(repIds)]]);
    return new Map(rows.map((r) => [r.id, r.status]));
  }

  /** Statements of closed periods only, oldest first. */
  async closedStatements(repId: string): Promise<Statement[]> {
    const rows = await this.db.query(
      `SELECT s.body FROM statements s JOIN periods p ON p.period = s.period AND p.status = 'CLOSED' WHERE s.rep_id = $1`,
      [repId],
    );
    return rows.map((r: { body: Statement }) => orderedStatement(r.body)).sort((a: Statement, b: Statement) => (a.period < b.period ? -1 : 1));
  }

  async closedStatement(repId: string, period: Period): Promise<Statement | undefined> {
    const [row] = await this.db.query(
      `SELECT s.body FROM statements s JOIN periods p ON p.period = s.period AND p.status = 'CLOSED' WHERE s.rep_id = $1 AND s.period = $2`,
      [repId, period],
    );
    return row ? orderedStatement(row.body) : undefined;
  }

  /** Quota credit effective in the calendar year, per rep (reps without any are absent), in one query. */
  async yearCredit(repIds: string[], year: number): Promise<Map<string, YearCredit>> {
    const rows: Array<{ rep_id: string; deal_type: string; credit: string }> = await this.db.query(
      `SELECT rep_id, deal_type, sum(amount) AS credit FROM ledger_entries
       WHERE rep_id = ANY($1) AND kind = 'QUOTA_CREDIT' AND effective_date >= $2 AND effective_date < $3 GROUP BY rep_id, deal_type`,
      [repIds, `${year}-01-01`, `${year + 1}-01-01`],
    );
    const out = new Map<string, YearCredit>();
    for (const r of rows) {
      const credit = out.get(r.rep_id) ?? { newBusiness: '0', expansion: '0' };
      if (r.deal_type === 'NEW_BUSINESS') credit.newBusiness = r.credit;
      if (r.deal_type === 'EXPANSION') credit.expansion = r.credit;
      out.set(r.rep_id, credit);
    }
    return out;
  }
}
