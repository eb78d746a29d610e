import { EntityManager } from 'typeorm';
import type { DealChange, DealChangeResult, DepartureRecord } from '../contracts/ledger';
import { Dec } from '../domain';
import { appendOutboxEvent } from './outbox';

/** The deal's projected row before a change: what tells a descope, a kill or a close from any other commit. */
export interface DealBefore {
  status: string;
  tcv: string;
}

export async function dealBeforeChange(tx: EntityManager, dealId: string): Promise<DealBefore | undefined> {
  const [row] = await tx.query(`SELECT status, tcv::text AS tcv FROM deals WHERE id = $1`, [dealId]);
  return row;
}

/** The webhook events of one deal commit, in the order they happened: submitted, decided, retired, descoped, killed or closed. */
export async function appendDealChangeEvents(tx: EntityManager, change: DealChange, before: DealBefore | undefined, result: DealChangeResult): Promise<void> {
  const deal = change.deal;
  const subject = `deal/${deal.id}`;
  if (change.submitted) {
    const p = change.submitted;
    await appendOutboxEvent(tx, {
      type: 'tranche.approval.submitted',
      key: `approval:${p.approvalId}`,
      subject: `approval/${p.approvalId}`,
      data: { approvalId: p.approvalId, dealId: deal.id, kind: p.kind, gate: p.gate, bonusType: p.type, effectiveDate: p.effectiveDate, submittedBy: p.submittedBy },
    });
  }
  for (const d of change.decisions ?? []) {
    await appendOutboxEvent(tx, {
      type: 'tranche.approval.decided',
      key: `approval:${d.approvalId}`,
      subject: `approval/${d.approvalId}`,
      data: { approvalId: d.approvalId, dealId: deal.id, status: d.status, decidedBy: d.decidedBy, decidedAt: d.decidedAt, reason: d.reason, postedPeriod: result.postedPeriod },
    });
  }
  if (change.gate) {
    const g = change.gate;
    await appendOutboxEvent(tx, {
      type: 'tranche.gate.retired',
      key: `deal:${deal.id}:gate:${g.gate}`,
      subject,
      data: { dealId: deal.id, gate: g.gate, approvalId: g.approvalId, effectiveDate: g.effectiveDate, period: result.postedPeriod ?? g.period, dealCredit: g.dealCredit },
    });
  }
  if (!before) return;
  if (before.status === 'ACTIVE' && deal.status === 'ACTIVE' && !new Dec(before.tcv).eq(deal.tcv)) {
    const last = deal.descopes?.[deal.descopes.length - 1];
    await appendOutboxEvent(tx, {
      type: 'tranche.deal.descoped',
      key: `deal:${deal.id}:descope:${change.version}`,
      subject,
      data: { dealId: deal.id, previousTcv: before.tcv, tcv: deal.tcv, originalTcv: deal.originalTcv, effectiveDate: last?.effectiveDate },
    });
  }
  if (before.status !== deal.status && (deal.status === 'KILLED' || deal.status === 'CLOSED')) {
    await appendOutboxEvent(tx, {
      type: deal.status === 'KILLED' ? 'tranche.deal.killed' : 'tranche.deal.closed',
      key: `deal:${deal.id}:${deal.status}`,
      subject,
      data: { dealId: deal.id, status: deal.status, tcv: deal.tcv, creditRetired: deal.creditRetired },
    });
  }
}

export async function appendDepartureEvent(tx: EntityManager, repId: string, departure: DepartureRecord): Promise<void> {
  await appendOutboxEvent(tx, {
    type: 'tranche.rep.departed',
    key: `rep:${repId}:departure:${JSON.stringify(departure)}`,
    subject: `rep/${repId}`,
    data: { repId, effectiveDate: departure.effectiveDate, goodStanding: departure.goodStanding, reassignments: departure.reassignments, recordedBy: departure.recordedBy },
  });
}

export async function appendPeriodClosedEvent(tx: EntityManager, period: string, statementCount: number): Promise<void> {
  await appendOutboxEvent(tx, { type: 'tranche.period.closed', key: `period:${period}`, subject: `period/${period}`, data: { period, statementCount } });
}
