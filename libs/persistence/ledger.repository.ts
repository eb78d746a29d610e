import { DataSource, EntityManager } from 'typeorm';
import { amountIfApproved, applyAnnualCap, Dec, Deal, IsoDate, Money, nextPeriod, PendingApproval, Period, periodOf, RefusalError, splitRecipients, yearOf } from '../domain';
import type { ApprovalDecision, BonusPosting, BonusRecord, DealChange, DealChangeResult, GateRetirementRecord, RevenueRecord } from '../contracts/ledger';
import type { AgingWatch } from '../contracts/aging';
import { insertAgingWatches } from './alerts.repository';
import { reattributeDeal } from './reattribution';
import { appendDealChangeEvents, dealBeforeChange } from './webhook-events';

/** Every writer of a period's figures takes this lock shared; closing a period takes it exclusively. */
export const PERIOD_LOCK_KEY = 7_271_001;

export class LedgerRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * One decision of a deal workflow, in one transaction; `watches` (docs/rules.md "Aging alerts": what the change
   * calls for) are written in it too, so a committed change always has its watches and a refused one none.
   */
  async commitDealChange(change: DealChange, watches: AgingWatch[] = []): Promise<DealChangeResult> {
    return this.db.transaction(async (tx) => {
      await lockPeriodsShared(tx);
      // docs/rules.md "Late approvals": an approval whose effectiveDate's period has closed posts in the first open
      // period; anything else dated in a closed (or closing) period is refused.
      const posting = change.period && change.postInFirstOpenPeriod ? await firstOpenPeriodFrom(tx, change.period) : change.period;
      if (change.period && !change.postInFirstOpenPeriod) await assertPeriodOpen(tx, change.period);
      const before = await dealBeforeChange(tx, change.deal.id);
      await projectDeal(tx, change.deal, change.version, change.requestHash);
      if (change.submitted) await insertApproval(tx, change.deal, change.submitted);
      for (const d of change.decisions ?? []) await decideApproval(tx, d);
      await refreshPendingAmounts(tx, change.deal);
      const result: DealChangeResult = {};
      if (posting && (change.gate || change.bonus)) {
        result.postedPeriod = posting;
        const approvalId = (change.gate ?? change.bonus)!.approvalId;
        await tx.query(
          `UPDATE approvals SET result = coalesce(result, '{}'::jsonb) || jsonb_build_object('period', $2::text, 'late', $3::boolean) WHERE approval_id = $1`,
          [approvalId, posting, posting !== change.period],
        );
      }
      if (change.gate) await postGate(tx, change.deal, posting ? { ...change.gate, period: posting } : change.gate);
      if (change.bonus) {
        result.bonusPostings = await postBonus(tx, change.deal, posting ? { ...change.bonus, period: posting } : change.bonus);
        await tx.query(
          `UPDATE approvals SET result = jsonb_set(coalesce(result, '{}'::jsonb), '{bonusPostings}', $2::jsonb) WHERE approval_id = $1`,
          [change.bonus.approvalId, JSON.stringify(result.bonusPostings)],
        );
      }
      if (change.revenue) await postRevenue(tx, change.deal.id, change.revenue);
      if (change.reattribute && change.deal.attribution) await reattributeDeal(tx, change.deal);
      await appendDealChangeEvents(tx, change, before, result);
      await insertAgingWatches(tx, watches);
      return result;
    });
  }
}

/** Holds the period lock shared for the rest of the transaction: a period cannot start closing under this write. */
export async function lockPeriodsShared(tx: EntityManager): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock_shared($1)', [PERIOD_LOCK_KEY]);
}

export async function assertPeriodOpen(tx: EntityManager, period: Period): Promise<void> {
  const rows = await tx.query('SELECT status FROM periods WHERE period = $1', [period]);
  if (rows.length > 0) throw new RefusalError('PERIOD_CLOSED', `period ${period} is closed; record a correction in an open period`);
}

/**
 * The first period at or after `period` that is neither closed nor closing: where a late approval posts. Call under
 * lockPeriodsShared, so no period starts closing between this read and the posting.
 */
export async function firstOpenPeriodFrom(tx: EntityManager, period: Period): Promise<Period> {
  const rows: Array<{ period: Period }> = await tx.query('SELECT period FROM periods WHERE period >= $1', [period]);
  const taken = new Set(rows.map((r) => r.period));
  let p = period;
  while (taken.has(p)) p = nextPeriod(p);
  return p;
}

/** The owner of "period closed" for any dated write: call under lockPeriodsShared. */
export async function assertDateOpen(tx: EntityManager, date: IsoDate): Promise<void> {
  await assertPeriodOpen(tx, periodOf(date));
}

/**
 * The deal's row in the read model, written only by its workflow's commits: `state` holds the whole deal as committed
 * at `version`, so a read needs no workflow query. `request_hash` is set by the first commit and never changes.
 */
export async function projectDeal(tx: EntityManager, deal: Deal, version: number, requestHash = ''): Promise<void> {
  const repIds = [...new Set([deal.sourcedBy, deal.owner, ...splitRecipients(deal.splits)])];
  await tx.query(
    `INSERT INTO deals (id, sponsor, program, deal_type, sourced_by, owner, sourced_at, plan_id, status, tcv, original_tcv,
                        credit_retired, revenue_recognized, splits, gates, pending, slip, rep_ids, version, request_hash, state, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21, now())
     ON CONFLICT (id) DO UPDATE SET owner = EXCLUDED.owner, status = EXCLUDED.status, tcv = EXCLUDED.tcv,
       credit_retired = EXCLUDED.credit_retired, revenue_recognized = EXCLUDED.revenue_recognized, splits = EXCLUDED.splits,
       gates = EXCLUDED.gates, pending = EXCLUDED.pending, slip = EXCLUDED.slip, rep_ids = EXCLUDED.rep_ids,
       version = EXCLUDED.version, state = EXCLUDED.state, updated_at = now()
     WHERE deals.version < EXCLUDED.version`,
    [
      deal.id, deal.sponsor, deal.program, deal.dealType, deal.sourcedBy, deal.owner, deal.sourcedAt, deal.planId, deal.status,
      deal.tcv, deal.originalTcv, deal.creditRetired, deal.revenueRecognized, JSON.stringify(deal.splits), JSON.stringify(deal.gates),
      JSON.stringify(deal.pending), deal.slip ? JSON.stringify(deal.slip) : null, repIds, version, requestHash, JSON.stringify(deal),
    ],
  );
}

async function insertApproval(tx: EntityManager, deal: Deal, p: PendingApproval): Promise<void> {
  await tx.query(
    `INSERT INTO approvals (approval_id, deal_id, kind, gate, bonus_type, quantity, recipients, document_type, document_ref,
                            effective_date, submitted_by, submitted_at, status, amount_if_approved, artifact)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,'PENDING',$13,$14)
     ON CONFLICT (approval_id) DO NOTHING`,
    [
      p.approvalId, deal.id, p.kind, p.gate ?? null, p.type ?? null, p.quantity ?? null, p.recipients ? JSON.stringify(p.recipients) : null,
      p.documentType, p.documentRef, p.effectiveDate, p.submittedBy, p.submittedAt, amountIfApproved(deal, p),
      p.artifact ? JSON.stringify(p.artifact) : null,
    ],
  );
}

async function decideApproval(tx: EntityManager, d: ApprovalDecision): Promise<void> {
  await tx.query(
    `UPDATE approvals SET status = $2, decided_by = $3, decided_at = $4, decision_reason = $5, result = $6
     WHERE approval_id = $1 AND status = 'PENDING'`,
    [d.approvalId, d.status, d.decidedBy, d.decidedAt, d.reason ?? null, d.result ? JSON.stringify(d.result) : null],
  );
}

/** One statement for all pending items, touching only the rows whose amount changed (a deal may hold thousands). */
async function refreshPendingAmounts(tx: EntityManager, deal: Deal): Promise<void> {
  if (deal.pending.length === 0) return;
  await tx.query(
    `UPDATE approvals a SET amount_if_approved = v.amount
     FROM unnest($1::text[], $2::numeric[]) AS v(approval_id, amount)
     WHERE a.approval_id = v.approval_id AND a.status = 'PENDING' AND a.amount_if_approved IS DISTINCT FROM v.amount`,
    [deal.pending.map((p) => p.approvalId), deal.pending.map((p) => amountIfApproved(deal, p))],
  );
}

export async function insertLedger(
  tx: EntityManager,
  entry: { key: string; kind: string; repId?: string; dealId?: string; reference?: string; period: Period; effectiveDate: IsoDate; amount: string; dealType?: string; details?: unknown },
): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO ledger_entries (idempotency_key, kind, rep_id, deal_id, reference, period, effective_date, amount, deal_type, details)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [
      entry.key, entry.kind, entry.repId ?? null, entry.dealId ?? null, entry.reference ?? null, entry.period, entry.effectiveDate,
      entry.amount, entry.dealType ?? null, entry.details ? JSON.stringify(entry.details) : null,
    ],
  );
  return rows.length > 0;
}

async function postGate(tx: EntityManager, deal: Deal, gate: GateRetirementRecord): Promise<void> {
  await tx.query(
    `INSERT INTO gate_retirements (deal_id, gate, approval_id, sourced_by, deal_type, effective_date, period, credit)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8) ON CONFLICT (deal_id, gate) DO NOTHING`,
    [deal.id, gate.gate, gate.approvalId, deal.sourcedBy, deal.dealType, gate.effectiveDate, gate.period, gate.dealCredit],
  );
  for (const p of gate.postings) {
    const base = { repId: p.repId, dealId: deal.id, reference: gate.gate, period: gate.period, effectiveDate: gate.effectiveDate, dealType: deal.dealType };
    const details = { approvalId: gate.approvalId, role: p.role, share: p.share };
    await insertLedger(tx, { ...base, key: `deal:${deal.id}:gate:${gate.gate}:rep:${p.repId}:${p.role}:credit`, kind: 'QUOTA_CREDIT', amount: p.credit, details });
    await insertLedger(tx, { ...base, key: `deal:${deal.id}:gate:${gate.gate}:rep:${p.repId}:${p.role}:commission`, kind: 'GATE_COMMISSION', amount: p.commission, details });
  }
}

/** The annual cap spans every deal of a rep, so it is applied here under a per-rep-year row lock. */
async function postBonus(tx: EntityManager, deal: Deal, bonus: BonusRecord): Promise<BonusPosting[]> {
  const year = yearOf(bonus.effectiveDate);
  const out: BonusPosting[] = [];
  const allocations = [...bonus.allocations].sort((a, b) => a.repId.localeCompare(b.repId));
  for (const a of allocations) {
    const key = `deal:${deal.id}:bonus:${bonus.approvalId}:rep:${a.repId}`;
    const existing = await tx.query(`SELECT details FROM ledger_entries WHERE idempotency_key = $1`, [key]);
    if (existing.length > 0) {
      out.push(existing[0].details as BonusPosting);
      continue;
    }
    await tx.query(`INSERT INTO design_win_totals (rep_id, year) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [a.repId, year]);
    const [total] = await tx.query(`SELECT paid FROM design_win_totals WHERE rep_id = $1 AND year = $2 FOR UPDATE`, [a.repId, year]);
    const { paid, capped } = applyAnnualCap(bonus.annualCap, Money.format(total.paid), a.amount);
    await tx.query(`UPDATE design_win_totals SET paid = paid + $3, capped = capped + $4 WHERE rep_id = $1 AND year = $2`, [a.repId, year, paid, capped]);
    const posting: BonusPosting = { repId: a.repId, amount: a.amount, paid, capped };
    const base = { repId: a.repId, dealId: deal.id, reference: `${bonus.type}:${bonus.approvalId}`, period: bonus.period, effectiveDate: bonus.effectiveDate, dealType: deal.dealType };
    await insertLedger(tx, { ...base, key, kind: 'DESIGN_WIN_BONUS', amount: paid, details: posting });
    if (new Dec(capped).gt(0)) await insertLedger(tx, { ...base, key: `${key}:capped`, kind: 'DESIGN_WIN_CAPPED', amount: capped, details: posting });
    out.push(posting);
  }
  return out;
}

async function postRevenue(tx: EntityManager, dealId: string, revenue: RevenueRecord): Promise<void> {
  await tx.query(
    `INSERT INTO revenue_entries (idempotency_key, deal_id, period, amount, recorded_by) VALUES ($1,$2,$3,$4,$5)
     ON CONFLICT (idempotency_key) DO NOTHING`,
    [revenue.idempotencyKey, dealId, revenue.period, revenue.amount, revenue.recordedBy],
  );
}
