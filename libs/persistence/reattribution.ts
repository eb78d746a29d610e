import { EntityManager } from 'typeorm';
import { applyAnnualCap, Dec, Deal, Money, PostedEntry, reattributions, Reattribution, yearOf } from '../domain';
import type { BonusPosting } from '../contracts/ledger';
import { firstOpenPeriodFrom, insertLedger } from './ledger.repository';

interface LiveRow {
  key: string;
  kind: string;
  rep_id: string;
  d: string;
  amount: string;
  period: string;
  reference: string | null;
  deal_type: string | null;
  details: any;
}

/**
 * docs/rules.md "Dated, not sequenced": a departure recorded after postings it re-attributes reverses each (an equal
 * negative posting keyed `<original>:reversal`) and posts the same amount to the rep who held the split on its date
 * (keyed `<original>:to:<rep>`), both in the original's period (or the first open one after it, should that have
 * started closing meanwhile). Append-only and keyed, so a retried commit writes nothing twice. A design-win bonus
 * gives its cap room back and is re-posted under the successor's cap.
 */
export async function reattributeDeal(tx: EntityManager, deal: Deal): Promise<void> {
  const rows: LiveRow[] = await tx.query(
    `SELECT e.idempotency_key AS key, e.kind, e.rep_id, e.effective_date::text AS d, e.amount::text AS amount, e.period,
            e.reference, e.deal_type, e.details
     FROM ledger_entries e
     WHERE e.deal_id = $1 AND e.kind IN ('QUOTA_CREDIT', 'GATE_COMMISSION', 'DESIGN_WIN_BONUS') AND e.rep_id IS NOT NULL
       AND coalesce(e.details->>'reversalOf', '') = ''
       AND NOT EXISTS (SELECT 1 FROM ledger_entries r WHERE r.idempotency_key = e.idempotency_key || ':reversal')
     ORDER BY e.id`,
    [deal.id],
  );
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const live: PostedEntry[] = rows.map((r) => ({ key: r.key, kind: r.kind, repId: r.rep_id, effectiveDate: r.d, amount: Money.format(r.amount) }));
  for (const move of reattributions(deal.attribution!, live)) {
    const row = byKey.get(move.original.key)!;
    const period = await firstOpenPeriodFrom(tx, row.period);
    if (row.kind === 'DESIGN_WIN_BONUS') await moveBonus(tx, deal, row, move, period);
    else await moveCredit(tx, deal, row, move, period);
  }
}

const base = (deal: Deal, row: LiveRow, period: string) => ({
  dealId: deal.id,
  reference: row.reference ?? undefined,
  period,
  effectiveDate: row.d,
  dealType: row.deal_type ?? undefined,
});

async function moveCredit(tx: EntityManager, deal: Deal, row: LiveRow, move: Reattribution, period: string): Promise<void> {
  const at = base(deal, row, period);
  await insertLedger(tx, { ...at, key: move.reversal.key, kind: row.kind, repId: row.rep_id, amount: move.reversal.amount, details: { ...row.details, reversalOf: row.key } });
  await insertLedger(tx, { ...at, key: move.repost.key, kind: row.kind, repId: move.repost.repId, amount: move.repost.amount, details: { ...row.details, reattributedFrom: row.key } });
}

async function moveBonus(tx: EntityManager, deal: Deal, row: LiveRow, move: Reattribution, period: string): Promise<void> {
  const at = base(deal, row, period);
  const posted = row.details as BonusPosting;
  const year = yearOf(row.d);
  const negate = (v: string) => Money.format(new Dec(v).negated());
  const reversal: BonusPosting = { repId: row.rep_id, amount: negate(posted.amount), paid: negate(posted.paid), capped: negate(posted.capped) };
  const reversed = await insertLedger(tx, { ...at, key: move.reversal.key, kind: 'DESIGN_WIN_BONUS', repId: row.rep_id, amount: reversal.paid, details: { ...reversal, reversalOf: row.key } });
  if (!reversed) return;
  if (new Dec(posted.capped).gt(0)) {
    await insertLedger(tx, { ...at, key: `${row.key}:capped:reversal`, kind: 'DESIGN_WIN_CAPPED', repId: row.rep_id, amount: reversal.capped, details: { ...reversal, reversalOf: `${row.key}:capped` } });
  }
  // The cap room the reversed bonus used is given back (it is not re-offered to bonuses already capped).
  await tx.query(`UPDATE design_win_totals SET paid = paid - $3, capped = capped - $4 WHERE rep_id = $1 AND year = $2`, [row.rep_id, year, posted.paid, posted.capped]);
  const heir = move.repost.repId;
  await tx.query(`INSERT INTO design_win_totals (rep_id, year) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [heir, year]);
  const [total] = await tx.query(`SELECT paid FROM design_win_totals WHERE rep_id = $1 AND year = $2 FOR UPDATE`, [heir, year]);
  const { paid, capped } = applyAnnualCap(deal.plan.designWinAnnualCap, Money.format(total.paid), posted.amount);
  await tx.query(`UPDATE design_win_totals SET paid = paid + $3, capped = capped + $4 WHERE rep_id = $1 AND year = $2`, [heir, year, paid, capped]);
  const repost: BonusPosting = { repId: heir, amount: posted.amount, paid, capped };
  await insertLedger(tx, { ...at, key: move.repost.key, kind: 'DESIGN_WIN_BONUS', repId: heir, amount: paid, details: { ...repost, reattributedFrom: row.key } });
  if (new Dec(capped).gt(0)) {
    await insertLedger(tx, { ...at, key: `${move.repost.key}:capped`, kind: 'DESIGN_WIN_CAPPED', repId: heir, amount: capped, details: repost });
  }
}
