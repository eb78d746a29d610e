import { DataSource, EntityManager } from 'typeorm';
import { Money, nextPeriod, Period, periodOf, PlanParams, periodStart, repPlanOn, RepPeriodInput, Statement, withPlanDefaults } from '../domain';
import type { RecordedPlanMove } from '../contracts/ledger';
import { periodFactsOf, RepCloseFailure, RepStatementRecord, writeStatements } from './comp.repository';
import { isDataError } from './data-errors';

/** One rep's statement from its inputs: pure (libs/domain closeRepPeriod); throws when it cannot be computed. */
export type ComputeStatement = (input: RepPeriodInput) => { statement: Statement; final: boolean };

export interface LedgerBatchOutcome {
  /** Statements this batch wrote or found already written. */
  closed: number;
  failures: RepCloseFailure[];
  /** Reps the ledger does not close (departed, or behind by a period): their rep workflow closes them. */
  deferred: string[];
}

interface RepRow {
  id: string;
  hire_date: string;
  quarterly_draw: string;
  plan_id: string;
  plan_moves: RecordedPlanMove[] | null;
  unrecovered_balance: string;
  last_closed_period: Period | null;
  departed: boolean;
  closed: boolean;
}

const LOCK_REPS = `SELECT id, hire_date::text AS hire_date, quarterly_draw, plan_id, plan_moves, unrecovered_balance, last_closed_period,
    status <> 'ACTIVE' OR departure IS NOT NULL AS departed,
    EXISTS (SELECT 1 FROM statements s WHERE s.rep_id = reps.id AND s.period = $2) AS closed
  FROM reps WHERE id = ANY($1) ORDER BY id FOR UPDATE`;

/**
 * docs/rules.md "Closing a quarter" at scale: the statements of a batch of reps computed from the ledger and written in one
 * transaction, without a round trip through each rep workflow. Only a rep still on the books with nothing in doubt
 * closes here: active, never departed, and its last statement the period before (or hired in this one). The rep
 * workflow closes everyone else, and a rep workflow that later closes a period catches up from the statements stored
 * here (see DECISIONS.md "A set-based period close").
 */
export class LedgerCloseRepository {
  constructor(private readonly db: DataSource) {}

  async closeBatch(period: Period, repIds: readonly string[], compute: ComputeStatement): Promise<LedgerBatchOutcome> {
    try {
      return await this.db.transaction((tx) => this.closeIn(tx, period, repIds, compute));
    } catch (err) {
      if (!isDataError(err)) throw err;
      // A figure a column cannot hold: every rep of the batch again on its own, so only that rep is reported.
      if (repIds.length === 1) return { closed: 0, failures: [{ repId: repIds[0], code: 'INVALID_DATA', message: (err as Error).message }], deferred: [] };
      const outcomes = [];
      for (const repId of repIds) outcomes.push(await this.closeBatch(period, [repId], compute));
      return {
        closed: outcomes.reduce((n, o) => n + o.closed, 0),
        failures: outcomes.flatMap((o) => o.failures),
        deferred: outcomes.flatMap((o) => o.deferred),
      };
    }
  }

  private async closeIn(tx: EntityManager, period: Period, repIds: readonly string[], compute: ComputeStatement): Promise<LedgerBatchOutcome> {
    // Locked: a departure or plan move recorded meanwhile waits for this batch, or this batch sees it and defers.
    const rows: RepRow[] = await tx.query(LOCK_REPS, [[...repIds], period]);
    const known = new Set(rows.map((r) => r.id));
    const deferred = repIds.filter((id) => !known.has(id));
    let closed = 0;
    const open: RepRow[] = [];
    for (const row of rows) {
      if (row.closed) closed += 1;
      else if (!row.departed && followsLastStatement(row, period)) open.push(row);
      else deferred.push(row.id);
    }
    if (open.length === 0) return { closed, failures: [], deferred };
    const plans = await plansOf(tx, open);
    const facts = await periodFactsOf(tx, open.map((r) => r.id), period);
    const failures: RepCloseFailure[] = [];
    const records: RepStatementRecord[] = [];
    for (const row of open) {
      try {
        const { statement, final } = compute({ ...heldBy(row, period, plans), ...facts.get(row.id)! });
        records.push({ repId: row.id, statement, final, status: final ? 'FINISHED' : 'ACTIVE' });
      } catch (err) {
        failures.push({ repId: row.id, code: (err as { type?: string }).type ?? 'INVALID_DATA', message: (err as Error).message });
      }
    }
    closed += (await writeStatements(tx, records)).size;
    return { closed, failures, deferred };
  }
}

function followsLastStatement(row: RepRow, period: Period): boolean {
  if (row.last_closed_period === null) return periodOf(row.hire_date) === period;
  return nextPeriod(row.last_closed_period) === period;
}

/** What the rep workflow holds for a close, read from the rep's row: the plan in force comes from the plan versions. */
function heldBy(row: RepRow, period: Period, plans: Map<string, PlanParams>): Omit<RepPeriodInput, 'commissions' | 'designWins' | 'sourcedGateDates' | 'sourcedRevenue'> {
  const moves = (row.plan_moves ?? []).map((m) => ({ ...m, plan: plans.get(m.planId)! }));
  return {
    repId: row.id,
    period,
    hireDate: row.hire_date,
    quarterlyDraw: Money.format(row.quarterly_draw),
    plan: repPlanOn({ plan: plans.get(row.plan_id)! }, moves, periodStart(period)).plan,
    balanceBefore: Money.format(row.unrecovered_balance),
  };
}

/** The published versions the batch's reps were hired on or moved to, with today's defaults as every plan read has. */
async function plansOf(tx: EntityManager, rows: RepRow[]): Promise<Map<string, PlanParams>> {
  const ids = [...new Set(rows.flatMap((r) => [r.plan_id, ...(r.plan_moves ?? []).map((m) => m.planId)]))];
  const plans: Array<{ id: string; params: PlanParams }> = await tx.query(`SELECT id, params FROM plans WHERE id = ANY($1)`, [ids]);
  return new Map(plans.map((p) => [p.id, withPlanDefaults(p.params)]));
}
