import { DataSource, EntityManager } from 'typeorm';
import {
  AdjustmentLine,
  comparePeriods,
  DesignWinLine,
  EarningLine,
  IsoDate,
  Money,
  PeriodRevenue,
  nextPeriod as nextPeriodOf,
  Period,
  periodEnd as periodEndDate,
  periodStart as periodStartDate,
  periodOf,
  RefusalError,
  REVERSAL_LINE_KINDS,
  RevenueLine,
  Statement,
} from '../domain';
import type { DepartureRecord, RecordedPlanMove, StatementRecord } from '../contracts/ledger';
import { appendDepartureEvent, appendPeriodClosedEvent } from './webhook-events';
import type { RepProfile } from '../contracts/messages';
import { assertDateOpen, lockPeriodsShared, PERIOD_LOCK_KEY } from './ledger.repository';
import { adjustmentLinesOf, expirePendingAdjustments } from './adjustments.repository';

export interface RepPeriodFacts {
  commissions: EarningLine[];
  designWins: DesignWinLine[];
  sourcedGateDates: IsoDate[];
  sourcedRevenue: RevenueLine[];
  sourcedRevenueHistory: PeriodRevenue[];
  adjustments: AdjustmentLine[];
}

/** A rep whose statement could not be produced at a period close, and why (docs/rules.md: the close reports it). */
export interface RepCloseFailure {
  repId: string;
  code: string;
  message: string;
}

/** An artifact or bonus event still pending and dated in a period being closed (docs/rules.md "Late approvals"). */
export interface PendingAtClose {
  approvalId: string;
  dealId: string;
  kind: 'GATE' | 'BONUS';
  gate?: string;
  type?: string;
  effectiveDate: IsoDate;
  submittedBy: string;
  submittedAt: string;
}

const STATEMENT_FIELDS: Array<keyof Statement> = [
  'repId', 'period', 'commission', 'netCommissionPay', 'drawPaid', 'recovery', 'designWinBonus', 'designWinCapped', 'retentionBonus',
  'retentionForfeited', 'trailingCommission', 'drawWrittenOff', 'adjustments', 'totalPayout', 'unrecoveredDrawBalance', 'performanceReview', 'lines',
];

/** Lines the deal workflow already posted to the ledger (a statement writes only the rep-level ones). */
const DEAL_POSTED_LINES: string[] = ['GATE_COMMISSION', 'DESIGN_WIN_BONUS', 'DESIGN_WIN_CAPPED', ...REVERSAL_LINE_KINDS];
/** A reversal (docs/rules.md "Dated, not sequenced") is marked on its line; facts loaded without the column have none. */
const reversed = (r: { reversal?: boolean }) => (r.reversal ? { reversal: true } : {});

/** jsonb does not keep key order; statements are read back in the order docs/api.md lists their fields. */
export function orderedStatement(body: Statement): Statement {
  // Statements written before late approvals have no `late` on their lines: none of them was late.
  const lines = body.lines.map((l) => ({ ...l, late: l.late ?? false }));
  // Statements written before adjustments existed had none.
  const filled = { ...body, lines, adjustments: body.adjustments ?? '0.00' };
  return Object.fromEntries(STATEMENT_FIELDS.map((k) => [k, filled[k]])) as unknown as Statement;
}

/** Rep-level reads and writes: what a rep earned in a period, statements, departures and period closing. */
export class CompRepository {
  constructor(private readonly db: DataSource) {}

  async repPeriodFacts(repId: string, period: Period): Promise<RepPeriodFacts> {
    return (await periodFactsOf(this.db, [repId], period)).get(repId)!;
  }

  /** Writes the statement once, with a ledger entry for every rep-level line; a repeat returns what was stored. */
  async saveStatement(repId: string, record: StatementRecord): Promise<Statement> {
    return this.db.transaction(async (tx) => {
      if ((await writeStatements(tx, [{ repId, ...record }])).has(repId)) return record.statement;
      const [stored] = await tx.query(`SELECT body FROM statements WHERE rep_id = $1 AND period = $2`, [repId, record.statement.period]);
      return orderedStatement(stored.body);
    });
  }

  /** The stored statement and whether it was the rep's last (their row finished with it), if the period is closed for them. */
  async storedClose(repId: string, period: Period): Promise<{ statement: Statement; final: boolean } | undefined> {
    const [row] = await this.db.query(
      `SELECT s.body, r.status = 'FINISHED' AND r.last_closed_period = s.period AS final
       FROM statements s JOIN reps r ON r.id = s.rep_id WHERE s.rep_id = $1 AND s.period = $2`,
      [repId, period],
    );
    return row ? { statement: orderedStatement(row.body), final: row.final } : undefined;
  }

  async statement(repId: string, period: Period): Promise<Statement | undefined> {
    const [row] = await this.db.query(`SELECT body FROM statements WHERE rep_id = $1 AND period = $2`, [repId, period]);
    return row ? orderedStatement(row.body) : undefined;
  }

  /**
   * The rep's row in the read model, written by the rep workflow as it starts; refused when the hire date's period is
   * closed (or closing). A retried activity finds the row and leaves it.
   */
  async createRep(profile: RepProfile, requestHash = ''): Promise<void> {
    await this.db.transaction(async (tx) => {
      await lockPeriodsShared(tx);
      const [existing] = await tx.query(`SELECT 1 FROM reps WHERE id = $1`, [profile.id]);
      if (existing) return;
      await assertDateOpen(tx, profile.hireDate);
      await tx.query(
        `INSERT INTO reps (id, name, role, hire_date, quarterly_draw, plan_id, manager_id, status, request_hash)
         VALUES ($1,$2,$3,$4,$5,$6,$7,'ACTIVE',$8) ON CONFLICT (id) DO NOTHING`,
        [profile.id, profile.name, profile.role, profile.hireDate, profile.quarterlyDraw, profile.planId, profile.managerId ?? null, requestHash],
      );
    });
  }

  /** Writes the whole list, so a retried activity leaves the same row; refused when `effectiveFrom`'s period is closed. */
  async recordPlanMoves(repId: string, moves: RecordedPlanMove[], effectiveFrom?: IsoDate): Promise<void> {
    await this.db.transaction(async (tx) => {
      await lockPeriodsShared(tx);
      // A retry of a write that committed just before its period began closing is not refused.
      const [done] = await tx.query(`SELECT 1 FROM reps WHERE id = $1 AND plan_moves = $2::jsonb`, [repId, JSON.stringify(moves)]);
      if (done) return;
      if (effectiveFrom) await assertDateOpen(tx, effectiveFrom);
      await tx.query(`UPDATE reps SET plan_moves = $2 WHERE id = $1`, [repId, JSON.stringify(moves)]);
    });
  }

  /** Refused when the departure's period is closed (or closing): a departure is an event like any other. */
  async recordDeparture(repId: string, departure: DepartureRecord): Promise<void> {
    await this.db.transaction(async (tx) => {
      await lockPeriodsShared(tx);
      const [done] = await tx.query(`SELECT 1 FROM reps WHERE id = $1 AND departure = $2::jsonb`, [repId, JSON.stringify(departure)]);
      if (done) return;
      await assertDateOpen(tx, departure.effectiveDate);
      await tx.query(`UPDATE reps SET status = 'DEPARTED', departure = $2 WHERE id = $1`, [repId, JSON.stringify(departure)]);
      await appendDepartureEvent(tx, repId, departure);
    });
  }

  /**
   * docs/rules.md "After the departure": a departure is withdrawn while its period is open and no artifact or bonus event
   * dated on or after its effectiveDate has been recorded on the deals it names or hands over (DEPARTURE_IN_EFFECT).
   * Under the period lock, so its period cannot start closing meanwhile; a retry finds it withdrawn and leaves it.
   */
  async withdrawDeparture(repId: string, departure: { effectiveDate: IsoDate; reassignments: Array<{ dealId: string }>; handovers?: string[] }): Promise<void> {
    await this.db.transaction(async (tx) => {
      await lockPeriodsShared(tx);
      const [row] = await tx.query(`SELECT departure FROM reps WHERE id = $1`, [repId]);
      if (!row?.departure) return;
      const period = periodOf(departure.effectiveDate);
      const [closed] = await tx.query(`SELECT status FROM periods WHERE period = $1`, [period]);
      if (closed) throw new RefusalError('DEPARTURE_IN_EFFECT', `${period}, the period of the departure, is ${closed.status.toLowerCase()}`);
      const dealIds = [...departure.reassignments.map((r) => r.dealId), ...(departure.handovers ?? [])];
      const recorded = await tx.query(
        `SELECT DISTINCT deal_id FROM approvals WHERE deal_id = ANY($1) AND effective_date >= $2 ORDER BY deal_id`,
        [dealIds, departure.effectiveDate],
      );
      if (recorded.length > 0) {
        const deals = recorded.map((r: { deal_id: string }) => r.deal_id).join(', ');
        throw new RefusalError('DEPARTURE_IN_EFFECT', `evidence dated on or after ${departure.effectiveDate} was recorded on ${deals}`);
      }
      await tx.query(`UPDATE reps SET status = 'ACTIVE', departure = NULL WHERE id = $1`, [repId]);
    });
  }

  /**
   * Marks the period CLOSING (events dated in it are refused from now on) after checking that every earlier
   * period of the calendar is closed; returns the reps owed a statement for it.
   */
  async beginPeriodClose(period: Period, actorId: string): Promise<{ repIds: string[]; alreadyClosed: boolean }> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [PERIOD_LOCK_KEY]);
      const [existing] = await tx.query(`SELECT status FROM periods WHERE period = $1`, [period]);
      if (existing?.status === 'CLOSED') return { repIds: [], alreadyClosed: true };
      const [start] = await tx.query(`SELECT min(hire_date)::text AS d FROM reps`);
      if (!start?.d) throw new RefusalError('PERIOD_BEFORE_CALENDAR', 'the calendar starts with the earliest rep hire date, and there are no reps yet');
      const first = periodOf(start.d);
      if (comparePeriods(period, first) < 0) throw new RefusalError('PERIOD_BEFORE_CALENDAR', `the calendar starts at ${first}; ${period} is before it`);
      const rows: Array<{ period: Period; status: string }> = await tx.query(`SELECT period, status FROM periods`);
      const closed = new Set(rows.filter((r) => r.status === 'CLOSED').map((r) => r.period));
      for (let p = first; comparePeriods(p, period) < 0; p = nextPeriodOf(p)) {
        if (!closed.has(p)) throw new RefusalError('PERIOD_OUT_OF_ORDER', `${p} must be closed before ${period}`);
      }
      if (!existing) await tx.query(`INSERT INTO periods (period, status, closed_by) VALUES ($1, 'CLOSING', $2)`, [period, actorId]);
      // docs/rules.md "After the departure": a rep whose statements were final still gets one for a period holding a
      // posting for them (a late approval dated before the departure, a reversal).
      const reps = await tx.query(
        `SELECT id FROM reps r WHERE hire_date <= $1 AND (status <> 'FINISHED' OR EXISTS (
           SELECT 1 FROM ledger_entries l WHERE l.rep_id = r.id AND l.period = $2 AND l.kind IN ('GATE_COMMISSION', 'DESIGN_WIN_BONUS', 'ADJUSTMENT')))
         ORDER BY id`,
        [periodEndDate(period), period],
      );
      return { repIds: reps.map((r: { id: string }) => r.id), alreadyClosed: false };
    });
  }

  /**
   * Marks the period CLOSED once every rep's statement is written. With failures it stays CLOSING (events dated in it
   * are still refused, no later period closes) and records them; a repeated close re-attempts those reps.
   */
  async finishPeriodClose(period: Period, failures: RepCloseFailure[] = []): Promise<void> {
    if (failures.length > 0) {
      await this.db.query(`UPDATE periods SET failures = $2 WHERE period = $1 AND status = 'CLOSING'`, [period, JSON.stringify(failures)]);
      return;
    }
    await this.db.transaction(async (tx) => {
      const [rows] = await tx.query(
        `UPDATE periods SET status = 'CLOSED', closed_at = now(), failures = NULL,
           statement_count = (SELECT count(*) FROM statements WHERE period = $1) WHERE period = $1 AND status = 'CLOSING'
         RETURNING statement_count`,
        [period],
      );
      if (rows.length > 0) await appendPeriodClosedEvent(tx, period, Number(rows[0].statement_count));
    });
  }

  /** Artifacts and bonus events still pending and dated in the period: they stay decidable after it closes. */
  async pendingApprovalsIn(period: Period): Promise<PendingAtClose[]> {
    const rows = await this.db.query(
      `SELECT approval_id, deal_id, kind, gate, bonus_type, effective_date::text AS effective_date, submitted_by, submitted_at
       FROM approvals WHERE status = 'PENDING' AND effective_date BETWEEN $1 AND $2 ORDER BY effective_date, approval_id`,
      [periodStartDate(period), periodEndDate(period)],
    );
    return rows.map((r: any) => ({
      approvalId: r.approval_id,
      dealId: r.deal_id,
      kind: r.kind,
      ...(r.gate ? { gate: r.gate } : {}),
      ...(r.bonus_type ? { type: r.bonus_type } : {}),
      effectiveDate: r.effective_date,
      submittedBy: r.submitted_by,
      submittedAt: new Date(r.submitted_at).toISOString(),
    }));
  }

  async statementsFor(period: Period): Promise<Statement[]> {
    const rows = await this.db.query(`SELECT body FROM statements WHERE period = $1 ORDER BY rep_id`, [period]);
    return rows.map((r: { body: Statement }) => orderedStatement(r.body));
  }

  /** The first period not yet closed (for the automatic close), or undefined when there are no reps. */
  async firstUnclosedPeriod(): Promise<Period | undefined> {
    const [start] = await this.db.query(`SELECT min(hire_date)::text AS d FROM reps`);
    if (!start?.d) return undefined;
    const rows: Array<{ period: Period }> = await this.db.query(`SELECT period FROM periods WHERE status = 'CLOSED'`);
    const closed = new Set(rows.map((r) => r.period));
    let p = periodOf(start.d);
    while (closed.has(p)) p = nextPeriodOf(p);
    return p;
  }
}

type Query = Pick<EntityManager, 'query'>;

/** Rows grouped by their `rep_id` column, in the order the query returned them; every rep asked has an entry. */
function byRep<T>(repIds: readonly string[], rows: Array<T & { rep_id: string }>): Map<string, T[]> {
  const grouped = new Map(repIds.map((id) => [id, [] as T[]]));
  for (const row of rows) grouped.get(row.rep_id)?.push(row);
  return grouped;
}

/**
 * What each rep earned in the period, for many reps in six queries (a period close asks for a batch at once; one rep
 * is a batch of one). Each rep's rows keep the order a query for that rep alone would give.
 */
export async function periodFactsOf(db: Query, repIds: readonly string[], period: Period): Promise<Map<string, RepPeriodFacts>> {
  const ids = [...repIds];
  const commissions = byRep<any>(ids, await db.query(
    `SELECT rep_id, deal_id, reference, amount, effective_date::text AS effective_date, coalesce(details->>'reversalOf', '') <> '' AS reversal
     FROM ledger_entries WHERE rep_id = ANY($1) AND period = $2 AND kind = 'GATE_COMMISSION' ORDER BY id`,
    [ids, period],
  ));
  const bonuses = byRep<any>(ids, await db.query(
    `SELECT rep_id, deal_id, reference, details, effective_date::text AS effective_date, coalesce(details->>'reversalOf', '') <> '' AS reversal
     FROM ledger_entries WHERE rep_id = ANY($1) AND period = $2 AND kind = 'DESIGN_WIN_BONUS' ORDER BY id`,
    [ids, period],
  ));
  // docs/rules.md "Late approvals": retention counts a gate only if it was approved before the anniversary's period
  // closed, i.e. posted in that period or earlier (`period` is where the gate posted; a late approval posts later).
  // So a statement recomputed after a failed close, or by a rep catching up, vests what it would have vested then.
  const gates = byRep<any>(ids, await db.query(
    `SELECT sourced_by AS rep_id, effective_date::text AS d FROM gate_retirements WHERE sourced_by = ANY($1) AND period <= $2 ORDER BY effective_date`,
    [ids, period],
  ));
  const history = byRep<any>(ids, await db.query(
    `SELECT d.sourced_by AS rep_id, r.deal_id, r.period, sum(r.amount) AS revenue FROM revenue_entries r JOIN deals d ON d.id = r.deal_id
     WHERE d.sourced_by = ANY($1) AND r.period <= $2 GROUP BY d.sourced_by, r.deal_id, r.period ORDER BY r.deal_id, r.period`,
    [ids, period],
  ));
  const revenue = byRep<any>(ids, await db.query(
    `SELECT d.sourced_by AS rep_id, r.deal_id, sum(r.amount) AS revenue FROM revenue_entries r JOIN deals d ON d.id = r.deal_id
     WHERE d.sourced_by = ANY($1) AND r.period = $2 GROUP BY d.sourced_by, r.deal_id ORDER BY r.deal_id`,
    [ids, period],
  ));
  const adjustments = await adjustmentLinesOf(db, ids, period);
  return new Map(
    ids.map((id) => [
      id,
      {
        commissions: commissions.get(id)!.map((r) => ({ dealId: r.deal_id, reference: r.reference, amount: Money.format(r.amount), effectiveDate: r.effective_date, ...reversed(r) })),
        designWins: bonuses.get(id)!.map((r) => ({ dealId: r.deal_id, reference: r.reference, paid: r.details.paid, capped: r.details.capped, effectiveDate: r.effective_date, ...reversed(r) })),
        sourcedGateDates: gates.get(id)!.map((r) => r.d),
        sourcedRevenue: revenue.get(id)!.map((r) => ({ dealId: r.deal_id, revenue: Money.format(r.revenue) })),
        sourcedRevenueHistory: history.get(id)!.map((r) => ({ dealId: r.deal_id, period: r.period, revenue: Money.format(r.revenue) })),
        adjustments: adjustments.get(id)!,
      },
    ]),
  );
}

export interface RepStatementRecord extends StatementRecord {
  repId: string;
}

/**
 * Writes each statement not stored yet, in set-based statements whatever the count: its body, a ledger entry for every
 * rep-level line (gates, bonuses, their reversals and approved adjustments were posted when they were decided), the
 * rep's row, and the proposals its close expires. Returns the reps whose statement this call wrote; a statement
 * already stored is left as it is, with everything written beside it. A figure a column cannot hold (class 22) fails
 * the whole call.
 */
export async function writeStatements(tx: Query, records: readonly RepStatementRecord[]): Promise<Set<string>> {
  if (records.length === 0) return new Set();
  const inserted: Array<{ rep_id: string }> = await tx.query(
    `INSERT INTO statements (rep_id, period, body) SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[]) ON CONFLICT DO NOTHING RETURNING rep_id`,
    [records.map((r) => r.repId), records.map((r) => r.statement.period), records.map((r) => JSON.stringify(r.statement))],
  );
  const written = new Set(inserted.map((r) => r.rep_id));
  const fresh = records.filter((r) => written.has(r.repId));
  if (fresh.length === 0) return written;
  const lines = fresh.flatMap(({ repId, statement }) =>
    statement.lines
      .filter((l) => !DEAL_POSTED_LINES.includes(l.kind) && l.kind !== 'ADJUSTMENT')
      .map((line, i) => ({ repId, period: statement.period, line, key: `rep:${repId}:period:${statement.period}:${line.kind}:${i}` })),
  );
  if (lines.length > 0) {
    await tx.query(
      `INSERT INTO ledger_entries (idempotency_key, kind, rep_id, deal_id, reference, period, effective_date, amount, details)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::numeric[], $9::jsonb[])
       ON CONFLICT (idempotency_key) DO NOTHING`,
      [
        lines.map((l) => l.key), lines.map((l) => l.line.kind), lines.map((l) => l.repId), lines.map((l) => l.line.dealId ?? null),
        lines.map((l) => l.line.reference ?? null), lines.map((l) => l.period), lines.map((l) => periodEndDate(l.period)),
        lines.map((l) => l.line.amount), lines.map((l) => JSON.stringify({ note: l.line.note })),
      ],
    );
  }
  await tx.query(
    `UPDATE reps SET unrecovered_balance = u.balance, performance_review = u.review, last_closed_period = u.period, status = u.status
     FROM unnest($1::text[], $2::numeric[], $3::boolean[], $4::text[], $5::text[]) AS u(id, balance, review, period, status) WHERE reps.id = u.id`,
    [
      fresh.map((r) => r.repId), fresh.map((r) => r.statement.unrecoveredDrawBalance), fresh.map((r) => r.statement.performanceReview),
      fresh.map((r) => r.statement.period), fresh.map((r) => r.status),
    ],
  );
  await expirePendingAdjustments(tx, fresh.map((r) => ({ repId: r.repId, period: r.statement.period, final: r.final })));
  return written;
}
