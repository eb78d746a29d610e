import { amountIfApproved, Deal, IsoDate, PendingApproval, scheduleGateDates } from '../../../libs/domain';

/**
 * The live state of a deal as docs/api.md names it. With `asOf`, each gate not yet retired carries its `expectedDate` as
 * the forecast schedules it on that date (libs/domain forecast: chained by the plan's monthsFromPrevious, a slip
 * moving the next gate, an overdue gate expected on `asOf`, a pending gate on its artifact's date).
 */
export function dealView(deal: Deal, asOf?: IsoDate) {
  // A pending gate is expected on its artifact's date (docs/rules.md "Forecast" v2); the forecast also holds it to the
  // first open period, which this one-row read does not look up.
  const pendingGates = deal.pending.filter((p) => p.kind === 'GATE').map((p) => ({ gate: p.gate!, effectiveDate: p.effectiveDate }));
  const expected = new Map(asOf ? scheduleGateDates({ ...deal, pendingGates }, asOf).map((g) => [g.gate, g.expectedDate]) : []);
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
      ...(expected.has(g.key) ? { expectedDate: expected.get(g.key) } : {}),
    })),
    creditRetired: deal.creditRetired,
    pending: deal.pending.map((p) => pendingView(deal, p)),
    splits: deal.splits,
    revenueRecognized: deal.revenueRecognized,
    ...(deal.slip ? { slip: deal.slip } : {}),
    ...(deal.killed ? { killed: deal.killed } : {}),
  };
}

/**
 * A pending approval as docs/api.md names it. Field by field: the workflow keeps an artifact's whole submit command in
 * `pending`, so spreading it leaked the submitter's actor (id and roles) into every deal read.
 */
function pendingView(deal: Deal, p: PendingApproval) {
  return {
    approvalId: p.approvalId,
    kind: p.kind,
    ...(p.gate !== undefined ? { gate: p.gate } : {}),
    ...(p.type !== undefined ? { type: p.type } : {}),
    ...(p.quantity !== undefined ? { quantity: p.quantity } : {}),
    ...(p.recipients !== undefined ? { recipients: p.recipients } : {}),
    documentType: p.documentType,
    documentRef: p.documentRef,
    ...(p.artifact !== undefined ? { artifact: p.artifact } : {}),
    effectiveDate: p.effectiveDate,
    submittedBy: p.submittedBy,
    submittedAt: p.submittedAt,
    amountIfApproved: amountIfApproved(deal, p),
  };
}

export type DealView = ReturnType<typeof dealView>;
