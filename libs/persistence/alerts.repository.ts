import { DataSource, EntityManager } from 'typeorm';
import { AgingOutcome, AgingWatch, agingWatchId } from '../contracts/aging';
import { AlertKind, AlertStatus, Deal } from '../domain';
import { appendOutboxEvent } from './outbox';

/** An alert as it is raised: `id` is its aging watch's id (libs/contracts `agingWatchId`), so it is written once. */
export interface NewAlert {
  id: string;
  kind: AlertKind;
  dealId: string;
  approvalId?: string;
  gate?: string;
  /** When it became due (wall time). */
  dueAt: string;
  message: string;
  /** What it measured: `{submittedAt, agingDays}` or `{since, monthsFromPrevious, alertOn}`. */
  detail: Record<string, unknown>;
}

export interface AlertRecord extends NewAlert {
  status: AlertStatus;
  raisedAt: string;
  /** The deal's owner now: a gate alert goes to them and their manager. */
  ownerId: string;
  sponsor: string;
  program: string;
}

export interface AlertFilter {
  status?: AlertStatus;
  kind?: AlertKind;
  /**
   * What the caller sees: every alert, or approval alerts (the deal desk) and/or the gate alerts of deals owned by
   * `gateOwners` (a rep themself, a manager's team). docs/rules.md "Aging alerts".
   */
  scope: 'all' | { approvals: boolean; gateOwners: string[] };
  limit: number;
  offset: number;
}

/**
 * Writes one alert, once (ON CONFLICT DO NOTHING on its id); true when this call wrote it. The one place an alert is
 * born: whatever else must happen when one is raised (a webhook event in the same transaction) is added here.
 */
export async function raiseAlert(db: DataSource | EntityManager, alert: NewAlert): Promise<boolean> {
  const write = async (tx: EntityManager): Promise<boolean> => {
    const rows = await tx.query(
      `INSERT INTO alerts (id, kind, deal_id, approval_id, gate, due_at, message, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [alert.id, alert.kind, alert.dealId, alert.approvalId ?? null, alert.gate ?? null, alert.dueAt, alert.message, JSON.stringify(alert.detail)],
    );
    // Appended on every call: the outbox keeps one event per alert id, so a retry after the commit adds nothing.
    await appendOutboxEvent(tx, {
      type: 'tranche.alert.raised',
      key: alert.id,
      subject: `deal/${alert.dealId}`,
      data: {
        alertId: alert.id,
        kind: alert.kind,
        dealId: alert.dealId,
        ...(alert.approvalId ? { approvalId: alert.approvalId } : {}),
        ...(alert.gate ? { gate: alert.gate } : {}),
        dueAt: alert.dueAt,
        message: alert.message,
      },
    });
    return rows.length > 0;
  };
  return db instanceof DataSource ? db.transaction(write) : write(db);
}

/**
 * Writes aging watches (docs/rules.md "Aging alerts"), each once: a watch already there, settled or not, is kept
 * (ON CONFLICT DO NOTHING), so a retried commit or a second backfill adds nothing. The row's id is `agingWatchId`,
 * the alert's id. How many were new.
 */
export async function insertAgingWatches(db: DataSource | EntityManager, watches: AgingWatch[]): Promise<number> {
  if (watches.length === 0) return 0;
  const rows = await db.query(
    `INSERT INTO aging_watches (id, kind, deal_id, due_at, watch)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::jsonb[])
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      watches.map((w) => agingWatchId(w)),
      watches.map((w) => w.kind),
      watches.map((w) => w.dealId),
      watches.map((w) => w.dueAt),
      watches.map((w) => JSON.stringify(w)),
    ],
  );
  return rows.length;
}

// Open while the item still waits: the approval pending, the gate neither retired nor cancelled on an active deal.
const WITH_STATUS = `
  SELECT a.*, d.owner, d.sponsor, d.program,
         CASE WHEN a.kind = 'APPROVAL_AGING' THEN coalesce(ap.status = 'PENDING', false)
              ELSE d.status = 'ACTIVE' AND EXISTS (
                SELECT 1 FROM jsonb_array_elements(d.state->'gates') g WHERE g->>'key' = a.gate AND g->>'status' IN ('OPEN', 'PENDING'))
         END AS open
    FROM alerts a JOIN deals d ON d.id = a.deal_id LEFT JOIN approvals ap ON ap.approval_id = a.approval_id`;

const toRecord = (r: any): AlertRecord => ({
  id: r.id,
  kind: r.kind,
  status: r.open ? 'OPEN' : 'RESOLVED',
  dealId: r.deal_id,
  ...(r.approval_id ? { approvalId: r.approval_id } : {}),
  ...(r.gate ? { gate: r.gate } : {}),
  dueAt: new Date(r.due_at).toISOString(),
  raisedAt: new Date(r.raised_at).toISOString(),
  message: r.message,
  detail: r.detail,
  ownerId: r.owner,
  sponsor: r.sponsor,
  program: r.program,
});

/** Aging alerts and their watches: written by the deal's commit and the aging sweeper's activity, read by GET /alerts. */
export class AlertsRepository {
  constructor(private readonly db: DataSource) {}

  raise(alert: NewAlert): Promise<boolean> {
    return raiseAlert(this.db, alert);
  }

  /** Newest first. */
  async list(filter: AlertFilter): Promise<AlertRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown) => `$${params.push(v)}`;
    if (filter.status) where.push(filter.status === 'OPEN' ? 'open' : 'NOT open');
    if (filter.kind) where.push(`kind = ${param(filter.kind)}`);
    if (filter.scope !== 'all') {
      const seen = [`(kind = 'GATE_AGING' AND owner = ANY(${param(filter.scope.gateOwners)}))`];
      if (filter.scope.approvals) seen.push(`kind = 'APPROVAL_AGING'`);
      where.push(`(${seen.join(' OR ')})`);
    }
    const rows = await this.db.query(
      `SELECT * FROM (${WITH_STATUS}) x ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY raised_at DESC, id LIMIT ${param(filter.limit)} OFFSET ${param(filter.offset)}`,
      params,
    );
    return rows.map(toRecord);
  }

  /** The approval's status now (undefined when there is no such approval). */
  async approvalStatus(approvalId: string): Promise<string | undefined> {
    const [row] = await this.db.query(`SELECT status FROM approvals WHERE approval_id = $1`, [approvalId]);
    return row?.status;
  }

  /** A page of active deals as last committed (id order, after `afterId`): what the aging backfill watches. */
  async activeDeals(afterId: string, limit: number): Promise<Deal[]> {
    const rows = await this.db.query(`SELECT state FROM deals WHERE status = 'ACTIVE' AND state IS NOT NULL AND id > $1 ORDER BY id LIMIT $2`, [afterId, limit]);
    return rows.map((r: { state: Deal }) => r.state);
  }

  /** Writes the watches not yet there (the backfill); how many were new. */
  insertWatches(watches: AgingWatch[]): Promise<number> {
    return insertAgingWatches(this.db, watches);
  }

  /**
   * A page of the watches due at `now` and not yet settled, the longest overdue first: what the aging sweeper settles.
   * FOR UPDATE SKIP LOCKED is not needed: there is one sweeper, and settling a watch twice writes nothing twice.
   */
  async dueWatches(now: string, limit: number): Promise<Array<{ id: string; watch: AgingWatch }>> {
    const rows = await this.db.query(
      `SELECT id, watch FROM aging_watches WHERE settled_at IS NULL AND due_at <= $1 ORDER BY due_at, id LIMIT $2`,
      [now, limit],
    );
    return rows.map((r: { id: string; watch: AgingWatch }) => ({ id: r.id, watch: r.watch }));
  }

  /** Records what the sweep found for each watch (at the sweep's clock `now`); a watch already settled keeps its first outcome. */
  async settleWatches(settled: Array<{ id: string; outcome: AgingOutcome }>, now: string): Promise<void> {
    if (settled.length === 0) return;
    await this.db.query(
      `UPDATE aging_watches w SET settled_at = $3, outcome = v.outcome
         FROM unnest($1::text[], $2::text[]) AS v(id, outcome)
        WHERE w.id = v.id AND w.settled_at IS NULL`,
      [settled.map((s) => s.id), settled.map((s) => s.outcome), now],
    );
  }

  /** When the next unsettled watch falls due (ISO instant), or null when none waits. */
  async nextWatchDue(): Promise<string | null> {
    const [row] = await this.db.query(`SELECT min(due_at) AS due FROM aging_watches WHERE settled_at IS NULL`);
    return row?.due ? new Date(row.due).toISOString() : null;
  }

  /** The deal as its workflow last committed it. */
  async dealState(dealId: string): Promise<Deal | undefined> {
    const [row] = await this.db.query(`SELECT state FROM deals WHERE id = $1`, [dealId]);
    return row?.state ?? undefined;
  }
}
