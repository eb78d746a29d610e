import { z } from 'zod';
import { named } from '../http/openapi';
import { decimalOut, idOut, isoDateOut, moneyOut, periodOut } from '../http/response-fields';
import { statementStatusFields } from '../statement-status/statement-status.responses';

/** What the rep routes answer (rep-view.ts, the rep workflow's state, statements, attainment). */
export const departureOut = named('Departure', z
  .object({
    effectiveDate: isoDateOut,
    goodStanding: z.boolean(),
    reassignments: z.array(z.object({ dealId: idOut, newOwner: idOut }).strict()),
    handovers: z.array(idOut).optional().describe('deals not named where the rep only held a split: their shares passed to the owner'),
    recordedBy: idOut.optional(),
  })
  .strict());

export const repResponse = named('Rep', z
  .object({
    id: idOut,
    name: z.string(),
    role: z.string(),
    hireDate: isoDateOut,
    quarterlyDraw: moneyOut,
    planId: idOut.describe('the plan version that governs the rep today'),
    hirePlanId: idOut,
    planMoves: z.array(z.object({ planId: idOut, planEffectiveFrom: isoDateOut, effectiveFrom: isoDateOut, recordedBy: idOut }).strict()),
    managerId: idOut.nullable(),
    status: z.enum(['ACTIVE', 'DEPARTED', 'FINISHED']),
    departure: departureOut.nullable(),
    unrecoveredDrawBalance: moneyOut,
    performanceReview: z.boolean(),
    lastClosedPeriod: periodOut.nullable(),
  })
  .strict());

export const repListResponse = z.array(repResponse);

export const departureResponse = named('DepartureRecorded', z.object({ repId: idOut, status: z.enum(['ACTIVE', 'DEPARTED', 'FINISHED']), departure: departureOut.omit({ recordedBy: true }) }).strict());

/** POST /reps/{id}/departure/withdraw (docs/rules.md): the rep is active again. */
export const departureWithdrawnResponse = named('DepartureWithdrawn', z.object({ repId: idOut, status: z.enum(['ACTIVE']), departure: z.null() }).strict());

const STATEMENT_LINE_KINDS = [
  'GATE_COMMISSION',
  'DESIGN_WIN_BONUS',
  'DESIGN_WIN_CAPPED',
  'DRAW',
  'DRAW_RECOVERY',
  'RETENTION_BONUS',
  'RETENTION_FORFEITED',
  'TRAILING_COMMISSION',
  'TRAILING_RECOVERY',
  'DRAW_WRITE_OFF',
  'GATE_COMMISSION_REVERSAL',
  'DESIGN_WIN_BONUS_REVERSAL',
  'DESIGN_WIN_CAPPED_REVERSAL',
  'ADJUSTMENT',
  'ADJUSTMENT_CARRIED',
] as const;

export const statementLineOut = named('StatementLine', z
  .object({
    lineId: z.string().regex(/^ln-[0-9a-f]{20}$/).describe('stable id of the line, derived from the posting it shows: GET /reps/{id}/statements/{period}/lines/{lineId}'),
    kind: z.enum(STATEMENT_LINE_KINDS),
    dealId: idOut.optional(),
    reference: z.string().optional(),
    amount: moneyOut,
    note: z.string().optional(),
    effectiveDate: isoDateOut.optional(),
    late: z.boolean(),
  })
  .strict());

export const statementResponse = named('Statement', z
  .object({
    repId: idOut,
    period: periodOut,
    commission: moneyOut,
    netCommissionPay: moneyOut,
    drawPaid: moneyOut,
    recovery: moneyOut,
    designWinBonus: moneyOut,
    designWinCapped: moneyOut,
    retentionBonus: moneyOut,
    retentionForfeited: moneyOut,
    trailingCommission: moneyOut,
    drawWrittenOff: moneyOut,
    adjustments: moneyOut.describe('the sum of the approved adjustments posted in the period, paid on top of draw netting'),
    totalPayout: moneyOut,
    unrecoveredDrawBalance: moneyOut,
    performanceReview: z.boolean(),
    lines: z.array(statementLineOut),
    ...statementStatusFields,
  })
  .strict());

export const statementListResponse = z.array(statementResponse);

const byDealType = <T extends z.ZodTypeAny>(field: T) => z.object({ newBusiness: field, expansion: field }).strict();

export const attainmentResponse = named('Attainment', z
  .object({
    year: z.number().int(),
    rampFactor: decimalOut,
    quota: byDealType(moneyOut),
    credit: byDealType(moneyOut),
    attainment: byDealType(decimalOut).describe('credit ÷ quota, 4 decimals'),
  })
  .strict());
