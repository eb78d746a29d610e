import { IsoDate, repPlanOn } from '../../../libs/domain';
import { RepRow } from '../../../libs/persistence/reps.repository';

/** The version that governs the rep on `date`: docs/rules.md "Plan version", moves from a 1 January. */
export function planIdOn(row: RepRow, date: IsoDate): string {
  return repPlanOn({ planId: row.planId }, row.planMoves, date, row.departure?.effectiveDate).planId;
}

/** A rep as docs/api.md names it, with the plan that governs them today. */
export function repView(row: RepRow, today: IsoDate) {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    hireDate: row.hireDate,
    quarterlyDraw: row.quarterlyDraw,
    planId: planIdOn(row, today),
    hirePlanId: row.planId,
    planMoves: row.planMoves.map((m) => ({ planId: m.planId, planEffectiveFrom: m.planEffectiveFrom, effectiveFrom: m.effectiveFrom, recordedBy: m.recordedBy })),
    managerId: row.managerId,
    status: row.status,
    departure: row.departure ?? null,
    unrecoveredDrawBalance: row.unrecoveredBalance,
    performanceReview: row.performanceReview,
    lastClosedPeriod: row.lastClosedPeriod,
  };
}

export type RepView = ReturnType<typeof repView>;
