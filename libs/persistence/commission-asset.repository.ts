import { DataSource } from 'typeorm';
import {
  capitalizedGatesOf,
  CommissionAssetRow,
  DealPeriodFacts,
  Money,
  Period,
  periodEnd,
  periodFromIndex,
  periodIndex,
  PlanParams,
  tcvInForceOn,
  withPlanDefaults,
} from '../domain';

const NEVER_KILLED_DATE = '0001-01-01';

/**
 * docs/rules.md "Commission expense (ASC 340-40)": the facts the period close computes each deal's deferred commission
 * from, and the rows it writes once per period (commission_asset, immutable). SQL only; the rules are libs/domain's.
 */
export class CommissionAssetRepository {
  constructor(private readonly db: DataSource) {}

  /** Periods at or before `period` that are closed or closing and not yet computed, oldest first. */
  async periodsToCompute(period: Period): Promise<Period[]> {
    const rows = await this.db.query(
      `SELECT p.period FROM periods p WHERE p.period <= $1
         AND NOT EXISTS (SELECT 1 FROM commission_asset_periods c WHERE c.period = p.period) ORDER BY p.period`,
      [period],
    );
    return rows.map((r: { period: Period }) => r.period);
  }

  /**
   * Each deal with a balance after the previous period or capitalized commission posted in this one, with what the
   * rules need. `closedByFinance` is the deal's status now: the close runs in order, so now is this period's close.
   */
  async factsFor(period: Period, { closesNow }: { closesNow: boolean }): Promise<DealPeriodFacts[]> {
    const previous = periodFromIndex(periodIndex(period) - 1);
    const balances: Array<{ deal_id: string; closing: string }> = await this.db.query(
      `SELECT deal_id, closing::text AS closing FROM commission_asset WHERE period = $1 AND closing <> 0`,
      [previous],
    );
    const postings: Array<{ deal_id: string; gate: string; amount: string }> = await this.db.query(
      `SELECT deal_id, reference AS gate, sum(amount)::text AS amount FROM ledger_entries
        WHERE kind = 'GATE_COMMISSION' AND period = $1 AND deal_id IS NOT NULL GROUP BY deal_id, reference`,
      [period],
    );
    const dealIds = [...new Set([...balances.map((b) => b.deal_id), ...postings.map((p) => p.deal_id)])];
    if (dealIds.length === 0) return [];
    const deals: any[] = await this.db.query(
      `SELECT d.id, d.status, d.tcv::text AS tcv, d.original_tcv::text AS original_tcv, d.state, pl.params,
              coalesce((SELECT sum(amount) FROM revenue_entries r WHERE r.deal_id = d.id AND r.period < $2), 0)::text AS revenue_before,
              coalesce((SELECT sum(amount) FROM revenue_entries r WHERE r.deal_id = d.id AND r.period = $2), 0)::text AS revenue
         FROM deals d JOIN plans pl ON pl.id = d.plan_id WHERE d.id = ANY($1) ORDER BY d.id`,
      [dealIds, period],
    );
    return deals.map((d) => {
      const capitalized = new Set(capitalizedGatesOf(withPlanDefaults(d.params as PlanParams)));
      const additions = postings.filter((p) => p.deal_id === d.id && capitalized.has(p.gate)).map((p) => p.amount);
      const state = d.state ?? { tcv: d.tcv, originalTcv: d.original_tcv };
      const killedOn: string | undefined = state.killed?.effectiveDate ?? (d.status === 'KILLED' ? NEVER_KILLED_DATE : undefined);
      return {
        dealId: d.id,
        opening: balances.find((b) => b.deal_id === d.id)?.closing ?? '0.00',
        additions: Money.format(Money.sum(additions)),
        revenue: Money.format(d.revenue),
        revenueBefore: Money.format(d.revenue_before),
        tcv: tcvInForceOn({ tcv: Money.format(state.tcv), originalTcv: Money.format(state.originalTcv), descopes: state.descopes }, periodEnd(period)),
        ...(killedOn ? { killedOn } : {}),
        closedByFinance: closesNow && d.status === 'CLOSED',
      };
    });
  }

  /** Writes the period's rows once: a repeat (a retried activity, a second close) finds the period computed and writes nothing. */
  async store(period: Period, rows: Array<{ row: CommissionAssetRow; facts: DealPeriodFacts }>): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO commission_asset_periods (period, deal_count) VALUES ($1, $2) ON CONFLICT (period) DO NOTHING RETURNING period`,
        [period, rows.length],
      );
      if (inserted.length === 0) return false;
      for (const { row, facts } of rows) {
        await tx.query(
          `INSERT INTO commission_asset (period, deal_id, opening, additions, amortization, impairment, closing, facts)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [period, row.dealId, row.opening, row.additions, row.amortization, row.impairment, row.closing, JSON.stringify(facts)],
        );
      }
      return true;
    });
  }

  /** The period's rows by deal, or undefined when the period has not been computed. */
  async report(period: Period): Promise<CommissionAssetRow[] | undefined> {
    const [computed] = await this.db.query(`SELECT 1 FROM commission_asset_periods WHERE period = $1`, [period]);
    if (!computed) return undefined;
    const rows = await this.db.query(
      `SELECT deal_id, opening::text, additions::text, amortization::text, impairment::text, closing::text
         FROM commission_asset WHERE period = $1 ORDER BY deal_id`,
      [period],
    );
    return rows.map((r: any) => ({
      dealId: r.deal_id,
      opening: Money.format(r.opening),
      additions: Money.format(r.additions),
      amortization: Money.format(r.amortization),
      impairment: Money.format(r.impairment),
      closing: Money.format(r.closing),
    }));
  }

  /** One deal's rows over every computed period (its schedule), oldest first. */
  async schedule(dealId: string): Promise<Array<CommissionAssetRow & { period: Period }>> {
    const rows = await this.db.query(
      `SELECT period, deal_id, opening::text, additions::text, amortization::text, impairment::text, closing::text
         FROM commission_asset WHERE deal_id = $1 ORDER BY period`,
      [dealId],
    );
    return rows.map((r: any) => ({ period: r.period, dealId: r.deal_id, opening: r.opening, additions: r.additions, amortization: r.amortization, impairment: r.impairment, closing: r.closing }));
  }
}
