import type { DisputeRecord } from '../../../libs/contracts';
import type { HistoryEntry } from '../deals/deal-history';

/**
 * A dispute as history entries (docs/rules.md "Disputes": they appear in the deal's history): opened, overdue when
 * its SLA timer fired, and its outcome. `runId` names the dispute's workflow, where the rest of its story is.
 */
export function disputeHistoryEntries(d: DisputeRecord): HistoryEntry[] {
  const base = { period: d.period, runId: `dispute-${d.id}` };
  const entries: HistoryEntry[] = [
    { at: d.openedAt, recordedAt: d.openedAt, type: 'DISPUTE_OPENED', actor: d.openedBy, summary: `dispute ${d.id} opened on ${d.repId}'s ${d.period} statement (${d.reason}): ${d.message}`, details: { disputeId: d.id, repId: d.repId, reason: d.reason, ...(d.lineId ? { lineId: d.lineId } : {}) }, ...base },
  ];
  if (d.overdueAt) {
    entries.push({ at: d.overdueAt, recordedAt: d.overdueAt, type: 'DISPUTE_OVERDUE', actor: null, summary: `dispute ${d.id} open longer than ${d.slaDays} days`, details: { disputeId: d.id }, ...base });
  }
  if (d.resolvedAt && d.status !== 'OPEN') {
    const outcome = d.status === 'UPHELD' ? `upheld, adjustment ${d.adjustmentId} proposed` : `denied: ${d.note}`;
    entries.push({ at: d.resolvedAt, recordedAt: d.resolvedAt, type: `DISPUTE_${d.status}`, actor: d.resolvedBy ?? null, summary: `dispute ${d.id} ${outcome}`, details: { disputeId: d.id, ...(d.adjustmentId ? { adjustmentId: d.adjustmentId } : {}), ...(d.note ? { note: d.note } : {}) }, ...base });
  }
  return entries;
}
