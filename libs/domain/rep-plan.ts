import { IsoDate } from './calendar';
import { Refusal } from './refusal';

/** A plan version a rep is on from `effectiveFrom` (a 1 January) until the next move, if any. */
export interface RepPlanMove {
  planId: string;
  /** The plan version's own `effectiveFrom`: what "newer" is measured by. */
  planEffectiveFrom: IsoDate;
  effectiveFrom: IsoDate;
}

export const isFirstOfJanuary = (date: IsoDate): boolean => date.endsWith('-01-01');

/**
 * The version a rep is on at `date`: the latest move in force then, else the version they were hired on. A departed
 * rep keeps the version they left on, so a move dated after `departedOn` never takes effect.
 */
export function repPlanOn<T>(hirePlan: T, moves: ReadonlyArray<T & { effectiveFrom: IsoDate }>, date: IsoDate, departedOn?: IsoDate): T {
  const on = departedOn !== undefined && departedOn < date ? departedOn : date;
  let current: T = hirePlan;
  for (const move of moves) if (move.effectiveFrom <= on) current = move;
  return current;
}

/**
 * docs/rules.md "Plan version": a comp admin may move a rep to a newer version only with effect from a 1 January.
 * Moves are kept in date order; a move on the same 1 January as the last one replaces it (a correction), and
 * the version must already be in force on that day.
 */
export function checkRepPlanMove(hirePlan: Omit<RepPlanMove, 'effectiveFrom'>, moves: readonly RepPlanMove[], next: RepPlanMove): Refusal | null {
  if (!isFirstOfJanuary(next.effectiveFrom)) {
    return { code: 'VALIDATION_FAILED', message: `effectiveFrom ${next.effectiveFrom} is not a 1 January; a rep moves to a newer plan only from a 1 January` };
  }
  if (next.planEffectiveFrom > next.effectiveFrom) {
    return { code: 'PLAN_NOT_IN_FORCE', message: `plan ${next.planId} takes effect on ${next.planEffectiveFrom}, after ${next.effectiveFrom}` };
  }
  const last = moves[moves.length - 1];
  if (last && next.effectiveFrom < last.effectiveFrom) {
    return { code: 'PLAN_MOVE_OUT_OF_ORDER', message: `the rep already moves to plan ${last.planId} from ${last.effectiveFrom}; a move must not come before it` };
  }
  const earlier = moves.filter((m) => m.effectiveFrom < next.effectiveFrom);
  const before = repPlanOn(hirePlan, earlier, next.effectiveFrom);
  if (next.planEffectiveFrom <= before.planEffectiveFrom) {
    return {
      code: 'PLAN_NOT_NEWER',
      message: `plan ${next.planId} (effective ${next.planEffectiveFrom}) is not newer than plan ${before.planId} (effective ${before.planEffectiveFrom}), which the rep is on before ${next.effectiveFrom}`,
    };
  }
  return null;
}

/** The moves after `next` is recorded: it replaces a move on the same day, else it is appended. */
export function withRepPlanMove<T extends RepPlanMove>(moves: readonly T[], next: T): T[] {
  return [...moves.filter((m) => m.effectiveFrom !== next.effectiveFrom), next];
}
