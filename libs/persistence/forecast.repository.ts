import { DataSource } from 'typeorm';
import { RevisionCache, sharedRevision } from './read-model-revision';
import { Dec, ForecastDeal, forecastAt, forecastBook, forecastIndex, ForecastIndex, ForecastPeriod, IsoDate, Money, Period, PlanParams, periodRange, expectedGates, nextPeriod, periodStart, priceForecastTerms } from '../domain';

interface DealRow {
  id: string;
  owner: string;
  status: ForecastDeal['status'];
  tcv: string;
  original_tcv: string;
  descopes: ForecastDeal['descopes'] | null;
  killed: ForecastDeal['killed'] | null;
  sourced_at: string;
  plan_id: string;
  gates: ForecastDeal['gates'];
  slip: ForecastDeal['slip'] | null;
  pending: Array<{ kind: string; gate?: string; effectiveDate: IsoDate }>;
  recipients: string[];
}

/** A deal of the forecast book, with who owns it and who holds its splits (a manager's team scope). */
export type BookDeal = ForecastDeal & { owner: string; recipients: string[] };

/** Within a manager's team: the deal's owner or a split recipient is on it. */
const onTeam = (team: readonly string[]) => (d: BookDeal) => team.includes(d.owner) || d.recipients.some((r) => team.includes(r));

export interface PortfolioDealRow {
  id: string;
  sponsor: string;
  program: string;
  dealType: string;
  status: string;
  owner: string;
  sourcedBy: string;
  tcv: string;
  creditRetired: string;
  gates: Array<{ key: string; name: string; weight: string; status: string }>;
  commissionRate: string;
  repCredit: string;
}

const MAX_CACHED_FORECASTS = 200;
/** Indexes kept (libs/domain/forecast-terms.ts), one per caller scope and first open day; the oldest goes first. */
const MAX_CACHED_INDEXES = 16;
/** Scopes remembered as asked once at the current revision (their next different question builds the index). */
const MAX_REMEMBERED_SCOPES = 1000;

/** The forecast reads the deals read model in one query (no query per workflow) and prices it with the pure rules. */
export class ForecastRepository {
  private readonly plans = new Map<string, PlanParams>();
  private readonly results = new RevisionCache<ForecastPeriod[]>(MAX_CACHED_FORECASTS);
  private readonly books = new RevisionCache<BookDeal[]>(1);
  private readonly indexes = new RevisionCache<ForecastIndex>(MAX_CACHED_INDEXES);
  /** Per scope, the revision at which it was last priced directly. */
  private readonly pricedOnce = new Map<string, string>();

  constructor(private readonly db: DataSource) {}

  private async plan(planId: string): Promise<PlanParams> {
    let plan = this.plans.get(planId);
    if (!plan) {
      // Published plans are immutable, so caching them is safe.
      const [row] = await this.db.query(`SELECT params FROM plans WHERE id = $1 AND status = 'PUBLISHED'`, [planId]);
      plan = row.params as PlanParams;
      this.plans.set(planId, plan);
    }
    return plan;
  }

  /**
   * The first day of the first open period (where a pending gate's approval would post), or none while no period has
   * started closing. Periods close in order, so it follows the latest CLOSING or CLOSED one.
   */
  async firstOpenDay(): Promise<IsoDate | undefined> {
    const [row] = await this.db.query(`SELECT max(period) AS period FROM periods`);
    return row?.period ? periodStart(nextPeriod(row.period)) : undefined;
  }

  /**
   * The ACTIVE deals, and the KILLED ones with items still pending (dated before the kill, docs/rules.md "Forecast"
   * v2: they count in the worst case).
   */
  async activeDeals(filter: { repId?: string } = {}): Promise<BookDeal[]> {
    const rows: DealRow[] = await this.db.query(
      `SELECT id, owner, status, tcv::text AS tcv, original_tcv::text AS original_tcv, state->'descopes' AS descopes, state->'killed' AS killed,
              sourced_at::text AS sourced_at, plan_id, gates, slip, pending,
              ARRAY(SELECT DISTINCT s->>'repId' FROM jsonb_array_elements(splits) s) AS recipients FROM deals
       WHERE (status = 'ACTIVE' OR (status = 'KILLED' AND jsonb_array_length(pending) > 0)) AND ($1::text IS NULL OR $1 = ANY(rep_ids))`,
      [filter.repId ?? null],
    );
    const out: BookDeal[] = [];
    for (const r of rows) {
      out.push({
        id: r.id,
        owner: r.owner,
        recipients: r.recipients,
        status: r.status,
        tcv: Money.format(r.tcv),
        originalTcv: Money.format(r.original_tcv),
        ...(r.descopes ? { descopes: r.descopes } : {}),
        ...(r.killed ? { killed: r.killed } : {}),
        sourcedAt: r.sourced_at,
        plan: await this.plan(r.plan_id),
        gates: r.gates,
        slip: r.slip ?? undefined,
        pendingGates: r.pending.filter((p) => p.kind === 'GATE').map((p) => ({ gate: p.gate!, effectiveDate: p.effectiveDate })),
      });
    }
    return out;
  }

  /** Every active deal, read and parsed once per revision and shared by every forecast asked at that revision. */
  private book(revision: string): Promise<BookDeal[]> {
    return this.books.get('*', revision, () => this.activeDeals());
  }

  /**
   * A 10,000-deal book takes tens of milliseconds to read and price, so each answer is kept until the read model
   * changes (its revision rises), and concurrent identical requests share one computation. `team`: only the deals
   * whose owner or a split recipient is on it (a manager's forecast).
   */
  async forecast(from: Period, to: Period, asOf: IsoDate, owner?: string, team?: readonly string[]): Promise<ForecastPeriod[]> {
    const revision = await sharedRevision(this.db);
    const firstOpen = await this.firstOpenDay();
    const scope = `${firstOpen ?? '-'}|${owner ?? '*'}|${team ? team.join(',') : '*'}`;
    return this.results.get(`${from}|${to}|${asOf}|${scope}`, revision, () =>
      this.priced(scope, revision, firstOpen, periodRange(from, to), asOf, (book) => {
        const deals = team ? book.filter(onTeam(team)) : book;
        return owner ? deals.filter((d) => d.owner === owner) : deals;
      }),
    );
  }

  /**
   * One scope's forecast at one as-of date. The first question at a revision prices the scope's deals directly
   * (forecastBook: one pass, gates outside the periods skipped); from the second on, at the same revision, the
   * scope's index answers (libs/domain/forecast-terms.ts: built once, about two or three direct pricings, then a
   * fraction of a millisecond per as-of date). Both answers are the same to the byte
   * (tests/unit/forecast-terms.properties.test.ts), so the choice only moves CPU: the price right after a change
   * stays one pricing, and callers asking many as-of dates of one book stop pricing it per request.
   */
  private async priced(scope: string, revision: string, firstOpen: IsoDate | undefined, periods: Period[], asOf: IsoDate, select: (book: BookDeal[]) => BookDeal[]): Promise<ForecastPeriod[]> {
    if (!this.indexes.has(scope, revision) && this.pricedOnce.get(scope) !== revision) {
      this.pricedOnce.delete(scope);
      if (this.pricedOnce.size >= MAX_REMEMBERED_SCOPES) this.pricedOnce.delete(this.pricedOnce.keys().next().value as string);
      this.pricedOnce.set(scope, revision);
      return forecastBook(select(await this.book(revision)), periods, asOf, firstOpen);
    }
    const index = await this.indexes.get(scope, revision, async () =>
      forecastIndex(select(await this.book(revision)).map((d) => priceForecastTerms(d, firstOpen)), firstOpen),
    );
    return forecastAt(index, periods, asOf);
  }

  /** The same forecast for each owner, reading the revision once (the team view). */
  async forecastForOwners(from: Period, to: Period, asOf: IsoDate, owners: string[]): Promise<Map<string, ForecastPeriod[]>> {
    const revision = await sharedRevision(this.db);
    const firstOpen = await this.firstOpenDay();
    const out = new Map<string, ForecastPeriod[]>();
    for (const owner of owners) {
      const scope = `${firstOpen ?? '-'}|${owner}|*`;
      out.set(
        owner,
        await this.results.get(`${from}|${to}|${asOf}|${scope}`, revision, () =>
          this.priced(scope, revision, firstOpen, periodRange(from, to), asOf, (deals) => deals.filter((d) => d.owner === owner)),
        ),
      );
    }
    return out;
  }

  /** Every deal a rep is on, with its plan's commission rate and the rep's own retired credit on it. */
  async portfolioDeals(repId: string): Promise<PortfolioDealRow[]> {
    const rows = await this.db.query(
      `SELECT d.id, d.sponsor, d.program, d.deal_type, d.status, d.owner, d.sourced_by, d.tcv, d.credit_retired, d.gates,
              p.params->>'commissionRate' AS commission_rate,
              coalesce((SELECT sum(amount) FROM ledger_entries l WHERE l.deal_id = d.id AND l.rep_id = $1 AND l.kind = 'QUOTA_CREDIT'), 0) AS rep_credit
       FROM deals d JOIN plans p ON p.id = d.plan_id WHERE $1 = ANY(d.rep_ids) ORDER BY d.id`,
      [repId],
    );
    return rows.map((r: any) => ({
      id: r.id,
      sponsor: r.sponsor,
      program: r.program,
      dealType: r.deal_type,
      status: r.status,
      owner: r.owner,
      sourcedBy: r.sourced_by,
      tcv: r.tcv,
      creditRetired: r.credit_retired,
      gates: r.gates,
      commissionRate: r.commission_rate,
      repCredit: r.rep_credit,
    }));
  }

  /** Snapshots, per owner and for the whole book, the forecast for the next periods: accuracy is measured against it later. */
  async snapshot(takenAt: Period, targets: Period[], asOf: IsoDate): Promise<number> {
    const deals = await this.activeDeals();
    const firstOpen = await this.firstOpenDay();
    const books = new Map<string, typeof deals>();
    for (const d of deals) {
      const book = books.get(d.owner);
      if (book) book.push(d);
      else books.set(d.owner, [d]);
    }
    books.set('*', deals);
    const columns: string[][] = [[], [], [], [], [], []];
    for (const [owner, book] of books) {
      for (const p of forecastBook(book, targets, asOf, firstOpen)) {
        [takenAt, p.period, owner, p.forecast.credit, p.bestCase.credit, p.worstCase.credit].forEach((v, i) => columns[i].push(v));
      }
    }
    // One statement for the whole snapshot: a round trip per owner and period took seconds on a 500-rep book.
    await this.db.query(
      `INSERT INTO forecast_snapshots (taken_at_period, target_period, owner, forecast_credit, best_case_credit, worst_case_credit)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[]) ON CONFLICT DO NOTHING`,
      columns,
    );
    return columns[0].length;
  }

  /**
   * Each snapshot next to the credit that actually retired in its target period (closed periods only): of one owner,
   * the whole book (`'*'`), or a team (the snapshots of the owners on it, summed, against the credit of their deals).
   */
  async accuracy(owner: string | { team: readonly string[]; label: string } = '*') {
    if (typeof owner !== 'string') return this.teamAccuracy(owner.team, owner.label);
    const rows = await this.db.query(
      `SELECT s.taken_at_period, s.target_period, s.forecast_credit, s.best_case_credit, s.worst_case_credit,
              coalesce((SELECT sum(g.credit) FROM gate_retirements g JOIN deals d ON d.id = g.deal_id
                        WHERE g.period = s.target_period AND ($1 = '*' OR d.owner = $1)), 0) AS actual
       FROM forecast_snapshots s JOIN periods p ON p.period = s.target_period AND p.status = 'CLOSED'
       WHERE s.owner = $1 ORDER BY s.target_period, s.taken_at_period`,
      [owner],
    );
    return rows.map((r: any) => accuracyRow(owner, r));
  }

  private async teamAccuracy(team: readonly string[], label: string) {
    const rows = await this.db.query(
      `SELECT s.taken_at_period, s.target_period, sum(s.forecast_credit) AS forecast_credit, sum(s.best_case_credit) AS best_case_credit,
              sum(s.worst_case_credit) AS worst_case_credit,
              coalesce((SELECT sum(g.credit) FROM gate_retirements g JOIN deals d ON d.id = g.deal_id
                        WHERE g.period = s.target_period AND d.owner = ANY($1::text[])), 0) AS actual
       FROM forecast_snapshots s JOIN periods p ON p.period = s.target_period AND p.status = 'CLOSED'
       WHERE s.owner = ANY($1::text[]) GROUP BY s.taken_at_period, s.target_period ORDER BY s.target_period, s.taken_at_period`,
      [team],
    );
    return rows.map((r: any) => accuracyRow(label, r));
  }

  /** The next open gate's expected date per deal, for the portfolio view. */
  async nextGateDates(repId: string, asOf: IsoDate): Promise<Map<string, { gate: string; expectedDate: IsoDate }>> {
    const out = new Map<string, { gate: string; expectedDate: IsoDate }>();
    const firstOpen = await this.firstOpenDay();
    for (const deal of await this.activeDeals({ repId })) {
      const [next] = expectedGates(deal, asOf, firstOpen);
      if (next) out.set(deal.id, { gate: next.gate, expectedDate: next.expectedDate });
    }
    return out;
  }
}

function accuracyRow(owner: string, r: any) {
  const forecast = new Dec(r.forecast_credit);
  const actual = new Dec(r.actual);
  return {
    owner,
    snapshotAt: r.taken_at_period,
    period: r.target_period,
    forecastCredit: Money.format(forecast),
    bestCaseCredit: Money.format(r.best_case_credit),
    worstCaseCredit: Money.format(r.worst_case_credit),
    actualCredit: Money.format(actual),
    error: Money.format(actual.minus(forecast)),
    accuracy: forecast.isZero() ? null : actual.dividedBy(forecast).toDecimalPlaces(4).toString(),
  };
}
