import { Dec } from './money';

export interface NettingInput {
  /** The quarterly draw D; 0 in the quarter of departure and after. */
  draw: Dec;
  /** Gate commission earned in the period, C. */
  commission: Dec;
  /** Unrecovered balance before the period, B. */
  balance: Dec;
  inRamp: boolean;
}

export interface NettingResult {
  /** What netting pays for commission and draw together. */
  pay: Dec;
  recovery: Dec;
  balanceAfter: Dec;
  /** Ramp shortfall paid as guarantee and forgiven. */
  forgiven: Dec;
}

/** docs/rules.md "Quarterly draw netting" for one rep and one period. */
export function netDraw({ draw, commission, balance, inRamp }: NettingInput): NettingResult {
  const zero = new Dec(0);
  if (inRamp) {
    const pay = Dec.max(commission, draw);
    return { pay, recovery: zero, balanceAfter: balance, forgiven: pay.minus(commission) };
  }
  if (commission.gte(draw)) {
    const recovery = Dec.min(balance, commission.minus(draw));
    return { pay: commission.minus(recovery), recovery, balanceAfter: balance.minus(recovery), forgiven: zero };
  }
  return { pay: draw, recovery: zero, balanceAfter: balance.plus(draw.minus(commission)), forgiven: zero };
}

export function needsPerformanceReview(balance: Dec, draw: Dec, capQuarters: number): boolean {
  return balance.gt(draw.times(capQuarters));
}
