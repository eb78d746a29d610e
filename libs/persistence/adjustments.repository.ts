import { DataSource, EntityManager } from 'typeorm';
import { AdjustmentLine, AdjustmentStatus, Money, PendingAdjustment, Period, periodEnd, RefusalError } from '../domain';
import type { AdjustmentDecisionRecord } from '../contracts/ledger';
import type { AdjustmentRecord } from '../contracts/messages';
import { assertPeriodOpen, lockPeriodsShared } from './ledger.repository';

export interface AdjustmentFilter {
  status?: AdjustmentStatus;
  period?: Period;
  repId?: string;
  /** Only these reps (a manager's team, a rep themself); undefined: every rep. */
  repIds?: string[];
  limit: number;
  offset: number;
}

const SELECT = `SELECT id, rep_id, period, amount, kind, reason, deal_id, dispute_id, status, proposed_by, proposed_at, decided_by, decided_at,
                       decision_reason FROM adjustments`;

const toRecord = (r: any): AdjustmentRecord => ({
  id: r.id,
  repId: r.rep_id,
  period: r.period,
  amount: Money.format(r.amount),
  kind: r.kind,
  reason: r.reason,
  ...(r.deal_id ? { dealId: r.deal_id } : {}),
  ...(r.dispute_id ? { disputeId: r.dispute_id } : {}),
  status: r.status,
  proposedBy: r.proposed_by,
  proposedAt: new Date(r.proposed_at).toISOString(),
  ...(r.decided_by ? { decidedBy: r.decided_by, decidedAt: new Date(r.decided_at).toISOString() } : {}),
  ...(r.decision_reason ? { decisionReason: r.decision_reason } : {}),
});

/** The ledger key of an approved adjustment: one posting per adjustment, whatever retries. */
export const adjustmentPostingKey = (adjustmentId: string) => `adjustment:${adjustmentId}`;

/** The adjustments projection, written only by the rep workflow's activities; approving posts to the ledger. */
export class AdjustmentsRepository {
  constructor(private readonly db: DataSource) {}

  /** Records a proposal into an open period (PERIOD_CLOSED otherwise); a retried activity finds its row. */
  async propose(a: PendingAdjustment): Promise<AdjustmentRecord> {
    return this.db.transaction(async (tx) => {
      await lockPeriodsShared(tx);
      const [existing] = await tx.query(`${SELECT} WHERE id = $1`, [a.id]);
      if (existing) return toRecord(existing);
      await assertPeriodOpen(tx, a.period);
      const [row] = await tx.query(
        `INSERT INTO adjustments (id, rep_id, period, amount, kind, reason, deal_id, dispute_id, proposed_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING *`,
        [a.id, a.repId, a.period, a.amount, a.kind, a.reason, a.dealId ?? null, a.disputeId ?? null, a.proposedBy],
      );
      return toRecord(row);
    });
  }

  /**
   * Decides a pending adjustment while its period is open; approving posts it to the rep in that period, once. Under
   * the shared period lock, so a period cannot start closing between the check and the posting: once it is closing
   * (or closed) the proposal is expiring and is no longer decided (ADJUSTMENT_NOT_PENDING).
   */
  async decide(d: AdjustmentDecisionRecord): Promise<AdjustmentRecord> {
    return this.db.transaction(async (tx) => {
      await lockPeriodsShared(tx);
      const [row] = await tx.query(`${SELECT} WHERE id = $1 FOR UPDATE`, [d.adjustmentId]);
      if (!row) throw new RefusalError('NOT_FOUND', `no adjustment ${d.adjustmentId}`);
      // A retried activity whose first attempt committed.
      if (row.status === d.status && row.decided_by === d.decidedBy) return toRecord(row);
      if (row.status !== 'PENDING') throw new RefusalError('ADJUSTMENT_NOT_PENDING', `adjustment ${d.adjustmentId} is ${row.status}`);
      const closing = await tx.query(`SELECT status FROM periods WHERE period = $1`, [row.period]);
      if (closing.length > 0) {
        throw new RefusalError('ADJUSTMENT_NOT_PENDING', `adjustment ${d.adjustmentId} expires: its period ${row.period} is ${closing[0].status}; propose it again in an open period`);
      }
      if (d.status === 'APPROVED') {
        await tx.query(
          `INSERT INTO ledger_entries (idempotency_key, kind, rep_id, deal_id, reference, period, effective_date, amount, details)
           VALUES ($1, 'ADJUSTMENT', $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (idempotency_key) DO NOTHING`,
          [
            adjustmentPostingKey(row.id), row.rep_id, row.deal_id, row.id, row.period, periodEnd(row.period), row.amount,
            JSON.stringify({ kind: row.kind, reason: row.reason, proposedBy: row.proposed_by, approvedBy: d.decidedBy, disputeId: row.dispute_id ?? undefined }),
          ],
        );
      }
      await tx.query(`UPDATE adjustments SET status = $2, decided_by = $3, decided_at = now(), decision_reason = $4 WHERE id = $1`, [
        row.id, d.status, d.decidedBy, d.reason ?? null,
      ]);
      const [decided] = await tx.query(`${SELECT} WHERE id = $1`, [row.id]);
      return toRecord(decided);
    });
  }

  async find(id: string): Promise<AdjustmentRecord | undefined> {
    const [row] = await this.db.query(`${SELECT} WHERE id = $1`, [id]);
    return row ? toRecord(row) : undefined;
  }

  /** A page, oldest proposal first. */
  async list(f: AdjustmentFilter): Promise<AdjustmentRecord[]> {
    const rows = await this.db.query(
      `${SELECT} WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR period = $2) AND ($3::text IS NULL OR rep_id = $3)
         AND ($4::text[] IS NULL OR rep_id = ANY($4)) ORDER BY proposed_at, id LIMIT $5 OFFSET $6`,
      [f.status ?? null, f.period ?? null, f.repId ?? null, f.repIds ?? null, f.limit, f.offset],
    );
    return rows.map(toRecord);
  }
}

/** The approved adjustments posted to each rep in the period: what their statement adds on top of netting. */
export async function adjustmentLinesOf(db: Pick<EntityManager, 'query'>, repIds: readonly string[], period: Period): Promise<Map<string, AdjustmentLine[]>> {
  const rows = await db.query(
    `SELECT rep_id, reference, deal_id, amount, details FROM ledger_entries WHERE rep_id = ANY($1) AND period = $2 AND kind = 'ADJUSTMENT' ORDER BY id`,
    [[...repIds], period],
  );
  const lines = new Map(repIds.map((id) => [id, [] as AdjustmentLine[]]));
  for (const r of rows) {
    lines.get(r.rep_id)?.push({
      adjustmentId: r.reference,
      amount: Money.format(r.amount),
      ...(r.deal_id ? { dealId: r.deal_id } : {}),
      note: `${r.details?.kind ?? 'ADJUSTMENT'}: ${r.details?.reason ?? ''}`,
    });
  }
  return lines;
}

/**
 * docs/rules.md: a proposal still pending when its period closes becomes EXPIRED. Written with the rep's statement for
 * `period`, so it covers every earlier period too; with the rep's last statement (`final`) every pending one expires.
 */
export async function expirePendingAdjustments(tx: Pick<EntityManager, 'query'>, closes: ReadonlyArray<{ repId: string; period: Period; final: boolean }>): Promise<void> {
  await tx.query(
    `UPDATE adjustments a SET status = 'EXPIRED', decided_at = now()
     FROM unnest($1::text[], $2::text[], $3::boolean[]) AS c(rep_id, period, final)
     WHERE a.rep_id = c.rep_id AND a.status = 'PENDING' AND (c.final OR a.period <= c.period)`,
    [closes.map((c) => c.repId), closes.map((c) => c.period), closes.map((c) => c.final)],
  );
}
