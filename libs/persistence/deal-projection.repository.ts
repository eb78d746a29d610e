import { DataSource } from 'typeorm';
import { Deal, DealOnDeparture } from '../domain';
import { BatchedLookup } from './batched-lookup';
import { preparedQuery } from './prepared';

/** A deal's read-model row as the API needs it: who is on it, its status, and (from migration 1732600000000) its state. */
export interface DealProjectionRow {
  id: string;
  /** Everyone on the deal: source, owner and split recipients. */
  repIds: string[];
  owner: string;
  /** The split recipients, the owner's team scope counts them (docs/rules.md "Access scope"). */
  recipients: string[];
  status: string;
  version: number;
  requestHash: string;
  /** The deal as of its last commit; null on rows written before the state column existed. */
  state: Deal | null;
}

/**
 * The deals a caller may see when not every deal: those `repId` is on (source, owner or split recipient), and those
 * whose owner or a split recipient is in `team` (a manager's reps).
 */
export interface DealScope {
  repId?: string;
  team?: string[];
}

export interface DealListFilter {
  status?: string;
  owner?: string;
  sourcedBy?: string;
  /** Undefined: every deal. */
  scope?: DealScope;
  limit: number;
  offset: number;
}

export interface DealSummary {
  id: string;
  sponsor: string;
  program: string;
  dealType: string;
  sourcedBy: string;
  owner: string;
  sourcedAt: string;
  planId: string;
  status: string;
  tcv: string;
  creditRetired: string;
  revenueRecognized: string;
  gates: Array<{ key: string; status: string }>;
  splits: unknown;
}

const FIND_DEALS = `SELECT id, rep_ids, owner, ARRAY(SELECT DISTINCT s->>'repId' FROM jsonb_array_elements(splits) s) AS recipients, status, version, request_hash, state
  FROM deals WHERE id = ANY($1::text[])`;

interface ProjectionRow {
  id: string;
  rep_ids: string[];
  owner: string;
  recipients: string[];
  status: string;
  version: number;
  request_hash: string;
  state: Deal | null;
}

/**
 * How many projection reads run at once before further ones wait and go together (batched-lookup.ts). Two keeps both
 * cores busy, one with PostgreSQL and one with the API, and leaves the rest of the pool (10) to every other query.
 */
const DEAL_READS_IN_FLIGHT = 2;

/** Reads of the `deals` projection. Only the deal workflow's commit writes it (ledger.repository.ts). */
export class DealProjectionRepository {
  private readonly byId: BatchedLookup<DealProjectionRow>;

  constructor(private readonly db: DataSource) {
    this.byId = new BatchedLookup((ids) => this.findMany(ids), DEAL_READS_IN_FLIGHT);
  }

  /** Every deal read and command starts here; under load, reads asked together share one query. */
  find(dealId: string): Promise<DealProjectionRow | undefined> {
    return this.byId.load(dealId);
  }

  private async findMany(dealIds: readonly string[]): Promise<Map<string, DealProjectionRow>> {
    // A prepared statement (prepared.ts): planned once per connection, whatever the number of ids.
    const rows = await preparedQuery<ProjectionRow>(this.db, 'deal-projection-find', FIND_DEALS, [dealIds]);
    return new Map(
      rows.map((row) => [
        row.id,
        {
          id: row.id,
          repIds: row.rep_ids,
          owner: row.owner,
          recipients: row.recipients,
          status: row.status,
          version: row.version,
          requestHash: row.request_hash,
          state: row.state ?? null,
        },
      ]),
    );
  }

  async status(dealId: string): Promise<string | undefined> {
    const [row] = await this.db.query(`SELECT status FROM deals WHERE id = $1`, [dealId]);
    return row?.status;
  }

  async splitsOf(dealId: string): Promise<Deal['splits'] | undefined> {
    const [row] = await this.db.query(`SELECT splits FROM deals WHERE id = $1`, [dealId]);
    return row?.splits;
  }

  /** The deals a rep owns or holds a split on now (docs/rules.md: what a departure must name or hands to the owner). */
  async dealsOfRep(repId: string): Promise<DealOnDeparture[]> {
    const rows = await this.db.query(
      `SELECT id, owner, status, splits FROM deals WHERE owner = $1 OR splits @> jsonb_build_array(jsonb_build_object('repId', $1::text)) ORDER BY id`,
      [repId],
    );
    return rows.map((r: any) => ({ id: r.id, owner: r.owner, status: r.status, splits: r.splits }));
  }

  /** The reps on each of these deals (those that exist). */
  async repIdsOf(dealIds: string[]): Promise<Map<string, string[]>> {
    const rows: Array<{ id: string; rep_ids: string[] }> = await this.db.query(`SELECT id, rep_ids FROM deals WHERE id = ANY($1)`, [dealIds]);
    return new Map(rows.map((r) => [r.id, r.rep_ids]));
  }

  async list(filter: DealListFilter): Promise<DealSummary[]> {
    const rows = await this.db.query(
      `SELECT id, sponsor, program, deal_type, sourced_by, owner, sourced_at::text AS sourced_at, plan_id, status, tcv, credit_retired,
              revenue_recognized, gates, splits
       FROM deals
       WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR owner = $2) AND ($3::text IS NULL OR sourced_by = $3)
         AND ($7::boolean OR $4 = ANY(rep_ids) OR owner = ANY($8::text[])
              OR EXISTS (SELECT 1 FROM jsonb_array_elements(splits) s WHERE s->>'repId' = ANY($8::text[])))
       ORDER BY id LIMIT $5 OFFSET $6`,
      [
        filter.status ?? null,
        filter.owner ?? null,
        filter.sourcedBy ?? null,
        filter.scope?.repId ?? null,
        filter.limit,
        filter.offset,
        filter.scope === undefined,
        filter.scope?.team ?? [],
      ],
    );
    return rows.map((r: any) => ({
      id: r.id,
      sponsor: r.sponsor,
      program: r.program,
      dealType: r.deal_type,
      sourcedBy: r.sourced_by,
      owner: r.owner,
      sourcedAt: r.sourced_at,
      planId: r.plan_id,
      status: r.status,
      tcv: r.tcv,
      creditRetired: r.credit_retired,
      revenueRecognized: r.revenue_recognized,
      gates: (r.gates as Array<{ key: string; status: string }>).map((g) => ({ key: g.key, status: g.status })),
      splits: r.splits,
    }));
  }
}
