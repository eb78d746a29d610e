import { Dec, Money, MoneyString } from './money';
import { comparePeriods, IsoDate, Period, periodIndex, periodOf } from './calendar';
import { PlanParams } from './plan';
import { netDraw, needsPerformanceReview } from './netting';
import { isActiveOn, retentionYearsDue, vestRetention, anniversary } from './retention';
import { settleAdjustments } from './adjustment';
import { isTrailingPeriod, PeriodRevenue, trailingBase, trailingCommission, trailingIndex } from './trailing';

export interface Departure {
  effectiveDate: IsoDate;
  goodStanding: boolean;
}

export interface EarningLine {
  dealId: string;
  reference: string;
  amount: MoneyString;
  /** The business date behind the posting (absent in facts loaded before late approvals existed). */
  effectiveDate?: IsoDate;
  /** A reversal of a posting re-attributed by a departure recorded after it (docs/rules.md "Dated, not sequenced"). */
  reversal?: boolean;
}

export interface DesignWinLine {
  dealId: string;
  reference: string;
  paid: MoneyString;
  capped: MoneyString;
  effectiveDate?: IsoDate;
  reversal?: boolean;
}

/** An approved adjustment posted to the rep in this period (docs/rules.md "Corrections"). */
export interface AdjustmentLine {
  adjustmentId: string;
  amount: MoneyString;
  dealId?: string;
  note: string;
}

export interface RevenueLine {
  dealId: string;
  revenue: MoneyString;
}

export interface RepPeriodInput {
  repId: string;
  period: Period;
  hireDate: IsoDate;
  quarterlyDraw: MoneyString;
  plan: PlanParams;
  balanceBefore: MoneyString;
  departure?: Departure;
  commissions: EarningLine[];
  designWins: DesignWinLine[];
  /** Effective dates of gates retired on deals the rep sourced (for retention vesting). */
  sourcedGateDates: IsoDate[];
  /** Revenue recognized in this period on deals the rep sourced (for trailing commission). */
  sourcedRevenue: RevenueLine[];
  /**
   * Net revenue per deal and period up to this one on deals the rep sourced: the negative carry of docs/rules.md
   * "Corrections" is computed from it (absent in facts loaded before corrections existed: no carry).
   */
  sourcedRevenueHistory?: PeriodRevenue[];
  /** Approved adjustments posted in this period (absent in facts loaded before adjustments existed). */
  adjustments?: AdjustmentLine[];
}

export type StatementLineKind =
  | 'GATE_COMMISSION'
  | 'DESIGN_WIN_BONUS'
  | 'DESIGN_WIN_CAPPED'
  | 'DRAW'
  | 'DRAW_RECOVERY'
  | 'RETENTION_BONUS'
  | 'RETENTION_FORFEITED'
  | 'TRAILING_COMMISSION'
  | 'TRAILING_RECOVERY'
  | 'DRAW_WRITE_OFF'
  | 'GATE_COMMISSION_REVERSAL'
  | 'DESIGN_WIN_BONUS_REVERSAL'
  | 'DESIGN_WIN_CAPPED_REVERSAL'
  | 'ADJUSTMENT'
  | 'ADJUSTMENT_CARRIED';

/** Reversal lines: the same figures as the postings they reverse, negated, on the original's period. */
export const REVERSAL_LINE_KINDS: StatementLineKind[] = ['GATE_COMMISSION_REVERSAL', 'DESIGN_WIN_BONUS_REVERSAL', 'DESIGN_WIN_CAPPED_REVERSAL'];

export interface StatementLine {
  kind: StatementLineKind;
  dealId?: string;
  reference?: string;
  amount: MoneyString;
  note?: string;
  /** The business date behind a gate or bonus posting. */
  effectiveDate?: IsoDate;
  /** True only for a gate or bonus posted in a later period than its effectiveDate's (docs/rules.md "Late approvals"). */
  late: boolean;
}

/** A gate or bonus posted in this period for a business date in an earlier one: approved after that period closed. */
export function isLatePosting(effectiveDate: IsoDate | undefined, period: Period): boolean {
  return effectiveDate !== undefined && comparePeriods(periodOf(effectiveDate), period) < 0;
}

const dated = (effectiveDate: IsoDate | undefined, period: Period) =>
  effectiveDate === undefined ? { late: false } : { effectiveDate, late: isLatePosting(effectiveDate, period) };

export interface Statement {
  repId: string;
  period: Period;
  commission: MoneyString;
  netCommissionPay: MoneyString;
  drawPaid: MoneyString;
  recovery: MoneyString;
  designWinBonus: MoneyString;
  designWinCapped: MoneyString;
  retentionBonus: MoneyString;
  retentionForfeited: MoneyString;
  trailingCommission: MoneyString;
  drawWrittenOff: MoneyString;
  /** The sum of the period's approved adjustments, paid on top of draw netting (absent on statements stored before them). */
  adjustments: MoneyString;
  totalPayout: MoneyString;
  unrecoveredDrawBalance: MoneyString;
  performanceReview: boolean;
  lines: StatementLine[];
}

export interface RepPeriodOutcome {
  statement: Statement;
  /** The rep's last statement: nothing more is owed after this period. */
  final: boolean;
}

const sum = (lines: Array<{ amount: string }>) => Money.sum(lines.map((l) => l.amount));

/** docs/rules.md netting, retention, trailing and exit treatment for one rep and one period, in one pure step. */
export function closeRepPeriod(input: RepPeriodInput): RepPeriodOutcome {
  const { plan, period, departure } = input;
  const lines: StatementLine[] = [];
  const departurePeriod = departure ? periodOf(departure.effectiveDate) : undefined;
  const departedByNow = departurePeriod !== undefined && periodIndex(period) >= periodIndex(departurePeriod);
  const draw = departedByNow ? new Dec(0) : new Dec(input.quarterlyDraw);
  const inRamp = periodIndex(period) - periodIndex(periodOf(input.hireDate)) < plan.draw.rampQuarters;

  for (const c of input.commissions) {
    lines.push({ kind: c.reversal ? 'GATE_COMMISSION_REVERSAL' : 'GATE_COMMISSION', dealId: c.dealId, reference: c.reference, amount: c.amount, ...dated(c.effectiveDate, period) });
  }
  const commission = sum(input.commissions);
  const netting = netDraw({ draw, commission, balance: new Dec(input.balanceBefore), inRamp });
  let balance = netting.balanceAfter;
  const drawPaid = Dec.max(new Dec(0), netting.pay.minus(commission));
  if (drawPaid.gt(0)) lines.push({ kind: 'DRAW', amount: Money.format(drawPaid), note: inRamp ? 'ramp guarantee, non-recoverable' : 'recoverable draw', late: false });
  if (netting.recovery.gt(0)) lines.push({ kind: 'DRAW_RECOVERY', amount: Money.format(netting.recovery.negated()), note: 'recovered from commission', late: false });

  let designWinBonus = new Dec(0);
  let designWinCapped = new Dec(0);
  for (const d of input.designWins) {
    designWinBonus = designWinBonus.plus(d.paid);
    designWinCapped = designWinCapped.plus(d.capped);
    lines.push({ kind: d.reversal ? 'DESIGN_WIN_BONUS_REVERSAL' : 'DESIGN_WIN_BONUS', dealId: d.dealId, reference: d.reference, amount: d.paid, ...dated(d.effectiveDate, period) });
    if (!new Dec(d.capped).isZero()) {
      lines.push({ kind: d.reversal ? 'DESIGN_WIN_CAPPED_REVERSAL' : 'DESIGN_WIN_CAPPED', dealId: d.dealId, reference: d.reference, amount: d.capped, note: 'above the annual cap, not paid', ...dated(d.effectiveDate, period) });
    }
  }

  let retentionBonus = new Dec(0);
  for (const year of retentionYearsDue(input.hireDate, plan.retention.years, period)) {
    const due = anniversary(input.hireDate, year.year);
    if (!isActiveOn(due, departure?.effectiveDate)) continue;
    const vested = vestRetention(input.hireDate, year, plan.retention.gatesTarget, input.sourcedGateDates);
    retentionBonus = retentionBonus.plus(vested.amount);
    lines.push({ kind: 'RETENTION_BONUS', reference: `year-${year.year}`, amount: vested.amount, note: `anniversary ${vested.anniversary}, ${vested.gates} sourced gates retired`, late: false });
  }
  let retentionForfeited = new Dec(0);
  if (departure && departurePeriod === period) {
    for (const year of plan.retention.years) {
      const due = anniversary(input.hireDate, year.year);
      if (isActiveOn(due, departure.effectiveDate)) continue;
      retentionForfeited = retentionForfeited.plus(year.amount);
      lines.push({ kind: 'RETENTION_FORFEITED', reference: `year-${year.year}`, amount: Money.format(year.amount), note: `departed ${departure.effectiveDate}, before the anniversary ${due}`, late: false });
    }
  }

  const hasTrailing = departure?.goodStanding === true && plan.trailing.shares.length > 0;
  const recoverFromTrailing = hasTrailing && plan.draw.exitTreatment === 'RECOVER_FROM_TRAILING';
  let trailing = new Dec(0);
  let recoveredFromTrailing = new Dec(0);
  if (hasTrailing && departurePeriod && isTrailingPeriod(departurePeriod, period, plan.trailing.shares)) {
    for (const r of input.sourcedRevenue) {
      const k = trailingIndex(departurePeriod, period);
      let base = r.revenue;
      let note = `k=${k} on revenue ${r.revenue}`;
      if (input.sourcedRevenueHistory) {
        const t = trailingBase(input.sourcedRevenueHistory, r.dealId, departurePeriod, period, plan.trailing.shares);
        base = t.base;
        if (!new Dec(t.carryIn).isZero()) note += `, carry ${t.carryIn}`;
        if (!new Dec(t.carryOut).isZero()) note += `, ${t.carryOut} carried to the next trailing period`;
      }
      const amount = trailingCommission(plan.trailing.rate, plan.trailing.shares, departurePeriod, period, base);
      trailing = trailing.plus(amount);
      lines.push({ kind: 'TRAILING_COMMISSION', dealId: r.dealId, amount, note, late: false });
    }
    if (recoverFromTrailing) {
      recoveredFromTrailing = Dec.min(balance, trailing);
      balance = balance.minus(recoveredFromTrailing);
      if (recoveredFromTrailing.gt(0)) lines.push({ kind: 'TRAILING_RECOVERY', amount: Money.format(recoveredFromTrailing.negated()), note: 'recovered from trailing commission', late: false });
    }
  }

  const v1Total = netting.pay.plus(designWinBonus).plus(retentionBonus).plus(trailing).minus(recoveredFromTrailing);
  for (const a of input.adjustments ?? []) lines.push({ kind: 'ADJUSTMENT', dealId: a.dealId, reference: a.adjustmentId, amount: a.amount, note: a.note, late: false });
  const settled = settleAdjustments(v1Total, (input.adjustments ?? []).map((a) => a.amount));
  if (settled.addedToBalance.gt(0)) {
    balance = balance.plus(settled.addedToBalance);
    lines.push({ kind: 'ADJUSTMENT_CARRIED', amount: Money.format(settled.addedToBalance), note: 'negative adjustments beyond the payout, added to the unrecovered draw balance', late: false });
  }

  const lastTrailingPeriod = hasTrailing && departurePeriod !== undefined && trailingIndex(departurePeriod, period) >= plan.trailing.shares.length;
  const final = departurePeriod !== undefined && (hasTrailing ? lastTrailingPeriod : departurePeriod === period);
  const writeOffNow =
    departurePeriod !== undefined && (recoverFromTrailing ? lastTrailingPeriod : departurePeriod === period);
  let drawWrittenOff = new Dec(0);
  if (writeOffNow && balance.gt(0)) {
    drawWrittenOff = balance;
    balance = new Dec(0);
    lines.push({ kind: 'DRAW_WRITE_OFF', amount: Money.format(drawWrittenOff), note: departure?.goodStanding ? `exit treatment ${plan.draw.exitTreatment}` : 'departed not in good standing', late: false });
  }

  return {
    final,
    statement: {
      repId: input.repId,
      period,
      commission: Money.format(commission),
      netCommissionPay: Money.format(netting.pay),
      drawPaid: Money.format(drawPaid),
      recovery: Money.format(netting.recovery.plus(recoveredFromTrailing)),
      designWinBonus: Money.format(designWinBonus),
      designWinCapped: Money.format(designWinCapped),
      retentionBonus: Money.format(retentionBonus),
      retentionForfeited: Money.format(retentionForfeited),
      trailingCommission: Money.format(trailing),
      drawWrittenOff: Money.format(drawWrittenOff),
      adjustments: Money.format(settled.adjustments),
      totalPayout: Money.format(settled.totalPayout),
      unrecoveredDrawBalance: Money.format(balance),
      // A departed rep draws nothing more and cannot be reviewed: only an employed rep is flagged.
      performanceReview: !departedByNow && needsPerformanceReview(balance, new Dec(input.quarterlyDraw), plan.draw.capQuarters),
      lines,
    },
  };
}

/** What a finished tenure's last state says about a rep (its workflow's result): enough for a statement after it. */
export interface FinishedTenure {
  repId: string;
  hireDate: IsoDate;
  quarterlyDraw: MoneyString;
  /** The plan that governed the rep when they left (docs/rules.md: a departed rep keeps the plan they left on). */
  plan: PlanParams;
  /** The unrecovered draw balance after the final statement (written off by then: normally 0). */
  balance: MoneyString;
  departure: Departure;
}

/**
 * docs/rules.md "After the departure": a departed rep whose statements were final gets a statement for any later
 * period holding a posting for them (late credit dated before the departure, a reversal), netted with D = 0. It is
 * the same computation as any statement after the departure: no draw, no retention, no trailing outside the window.
 */
export function statementAfterFinal(
  tenure: FinishedTenure,
  period: Period,
  facts: Omit<RepPeriodInput, 'repId' | 'period' | 'hireDate' | 'quarterlyDraw' | 'plan' | 'balanceBefore' | 'departure'>,
): RepPeriodOutcome {
  return closeRepPeriod({
    ...facts,
    repId: tenure.repId,
    period,
    hireDate: tenure.hireDate,
    quarterlyDraw: tenure.quarterlyDraw,
    plan: tenure.plan,
    balanceBefore: tenure.balance,
    departure: tenure.departure,
  });
}

/** Whether a period holds anything that a statement after the final one would show. */
export function holdsPostings(facts: Pick<RepPeriodInput, 'commissions' | 'designWins' | 'adjustments'>): boolean {
  return facts.commissions.length > 0 || facts.designWins.length > 0 || (facts.adjustments?.length ?? 0) > 0;
}
