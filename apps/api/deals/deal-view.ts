import { amountIfApproved, Deal } from '../../../libs/domain';

/** The live state of a deal as docs/api.md names it. */
export function dealView(deal: Deal) {
  return {
    id: deal.id,
    status: deal.status,
    sponsor: deal.sponsor,
    program: deal.program,
    dealType: deal.dealType,
    sourcedBy: deal.sourcedBy,
    owner: deal.owner,
    sourcedAt: deal.sourcedAt,
    tcv: deal.tcv,
    originalTcv: deal.originalTcv,
    planId: deal.planId,
    gates: deal.gates.map((g) => ({
      key: g.key,
      name: g.name,
      weight: g.weight,
      status: g.status,
      ...(g.retiredAt ? { retiredAt: g.retiredAt } : {}),
      ...(g.credit ? { credit: g.credit } : {}),
      ...(g.approvalId ? { approvalId: g.approvalId } : {}),
    })),
    creditRetired: deal.creditRetired,
    pending: deal.pending.map((p) => ({ ...p, amountIfApproved: amountIfApproved(deal, p) })),
    splits: deal.splits,
    revenueRecognized: deal.revenueRecognized,
    ...(deal.slip ? { slip: deal.slip } : {}),
    ...(deal.killed ? { killed: deal.killed } : {}),
  };
}

export type DealView = ReturnType<typeof dealView>;
