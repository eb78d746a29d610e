import { DataSource, EntityManager } from 'typeorm';
import { appendDisputeEvent } from './dispute-events';
import { DisputeOpening, DisputeStatus, disputeDueAt, Period, RefusalError } from '../domain';
import type { DisputeRecord, DisputeResolutionRecord } from '../contracts/disputes';

export interface DisputeFilter {
  status?: DisputeStatus;
  repId?: string;
  overdue?: boolean;
  dealId?: string;
  /** Only these reps (a manager's team, a rep themself); undefined: every rep. */
  repIds?: string[];
  limit: number;
  offset: number;
}

const SELECT = `SELECT id, rep_id, period, line_id, deal_id, reason, message, opened_by, opened_at, sla_days, due_at, status, overdue,
                       overdue_at, resolved_by, resolved_at, note, adjustment_id FROM disputes`;

const iso = (v: unknown) => new Date(v as string).toISOString();

const toRecord = (r: any): DisputeRecord => ({
  id: r.id,
  repId: r.rep_id,
  period: r.period as Period,
  ...(r.line_id ? { lineId: r.line_id } : {}),
  ...(r.deal_id ? { dealId: r.deal_id } : {}),
  reason: r.reason,
  message: r.message,
  openedBy: r.opened_by,
  openedAt: iso(r.opened_at),
  slaDays: r.sla_days,
  dueAt: iso(r.due_at),
  status: r.status,
  overdue: r.overdue,
  ...(r.overdue_at ? { overdueAt: iso(r.overdue_at) } : {}),
  ...(r.resolved_by ? { resolvedBy: r.resolved_by, resolvedAt: iso(r.resolved_at) } : {}),
  ...(r.note ? { note: r.note } : {}),
  ...(r.adjustment_id ? { adjustmentId: r.adjustment_id } : {}),
});

async function findIn(db: DataSource | EntityManager, id: string): Promise<DisputeRecord | undefined> {
  const [row] = await db.query(`${SELECT} WHERE id = $1`, [id]);
  return row ? toRecord(row) : undefined;
}

/** The disputes projection, written only by each dispute's workflow (its activities). */
export class DisputesRepository {
  constructor(private readonly db: DataSource) {}

  /** Writes the dispute as opened; a retried activity finds its row. `openedAtMs` is the workflow's start time. */
  async open(d: DisputeOpening, openedAtMs: number): Promise<DisputeRecord> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO disputes (id, rep_id, period, line_id, deal_id, reason, message, opened_by, opened_at, sla_days, due_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [
          d.id, d.repId, d.period, d.lineId ?? null, d.dealId ?? null, d.reason, d.message, d.openedBy,
          new Date(openedAtMs).toISOString(), d.slaDays, new Date(disputeDueAt(openedAtMs, d.slaDays)).toISOString(),
        ],
      );
      const record = (await findIn(tx, d.id))!;
      if (inserted.length > 0) await appendDisputeEvent(tx, 'dispute.opened', record);
      return record;
    });
  }

  /** The SLA timer fired: an open dispute becomes overdue (a resolved one is left as it is). */
  async markOverdue(id: string): Promise<DisputeRecord> {
    return this.db.transaction(async (tx) => {
      const marked = await tx.query(`UPDATE disputes SET overdue = true, overdue_at = now() WHERE id = $1 AND status = 'OPEN' AND NOT overdue RETURNING id`, [id]);
      const record = (await findIn(tx, id))!;
      if (marked.length > 0) await appendDisputeEvent(tx, 'dispute.overdue', record);
      return record;
    });
  }

  /** Records the outcome once; a retried activity whose first attempt committed finds it. */
  async resolve(r: DisputeResolutionRecord): Promise<DisputeRecord> {
    return this.db.transaction(async (tx) => {
      const updated = await tx.query(
        `UPDATE disputes SET status = $2, note = $3, resolved_by = $4, resolved_at = now(), adjustment_id = $5
         WHERE id = $1 AND status = 'OPEN' RETURNING id`,
        [r.disputeId, r.outcome, r.note ?? null, r.resolvedBy, r.adjustmentId ?? null],
      );
      const record = await findIn(tx, r.disputeId);
      if (!record) throw new RefusalError('NOT_FOUND', `no dispute ${r.disputeId}`);
      if (updated.length > 0) await appendDisputeEvent(tx, 'dispute.resolved', record);
      else if (!(record.status === r.outcome && record.resolvedBy === r.resolvedBy)) {
        throw new RefusalError('DISPUTE_NOT_OPEN', `dispute ${r.disputeId} is already ${record.status}`);
      }
      return record;
    });
  }

  async find(id: string): Promise<DisputeRecord | undefined> {
    return findIn(this.db, id);
  }

  /** A page, oldest first. */
  async list(f: DisputeFilter): Promise<DisputeRecord[]> {
    const rows = await this.db.query(
      `${SELECT} WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR rep_id = $2) AND ($3::boolean IS NULL OR overdue = $3)
         AND ($4::text IS NULL OR deal_id = $4) AND ($5::text[] IS NULL OR rep_id = ANY($5)) ORDER BY opened_at, id LIMIT $6 OFFSET $7`,
      [f.status ?? null, f.repId ?? null, f.overdue ?? null, f.dealId ?? null, f.repIds ?? null, f.limit, f.offset],
    );
    return rows.map(toRecord);
  }
}
