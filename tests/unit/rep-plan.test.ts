import { checkRepPlanMove, RepPlanMove, repPlanOn, withRepPlanMove } from '../../libs/domain';

const hire = { planId: 'p2027', planEffectiveFrom: '2027-01-01' };
const move = (planId: string, planEffectiveFrom: string, effectiveFrom: string): RepPlanMove => ({ planId, planEffectiveFrom, effectiveFrom });

describe('rep plan moves (docs/rules.md "Plan version")', () => {
  const moves = [move('p2028', '2028-01-01', '2029-01-01'), move('p2030', '2030-01-01', '2031-01-01')];

  it('the plan in force on a date is the latest move on or before it, else the hire plan', () => {
    expect(repPlanOn(hire, moves, '2028-12-31').planId).toBe('p2027');
    expect(repPlanOn(hire, moves, '2029-01-01').planId).toBe('p2028');
    expect(repPlanOn(hire, moves, '2030-06-30').planId).toBe('p2028');
    expect(repPlanOn(hire, moves, '2031-01-01').planId).toBe('p2030');
    expect(repPlanOn(hire, [], '2040-01-01').planId).toBe('p2027');
  });

  it('a departed rep keeps the version they left on: a move dated after the departure never takes effect', () => {
    expect(repPlanOn(hire, moves, '2032-04-01', '2030-08-15').planId).toBe('p2028');
    expect(repPlanOn(hire, moves, '2031-04-01', '2031-02-01').planId).toBe('p2030');
    expect(repPlanOn(hire, moves, '2028-01-01', '2030-08-15').planId).toBe('p2027');
  });

  it.each([
    ['not a 1 January', move('p2028', '2028-01-01', '2029-02-01'), 'VALIDATION_FAILED'],
    ['the version takes effect after the move', move('p2030', '2030-01-01', '2029-01-01'), 'PLAN_NOT_IN_FORCE'],
    ['the same version as the hire plan', move('p2027', '2027-01-01', '2029-01-01'), 'PLAN_NOT_NEWER'],
    ['an older version', move('p2026', '2026-01-01', '2029-01-01'), 'PLAN_NOT_NEWER'],
  ])('refuses a move: %s', (_name, next, code) => {
    expect(checkRepPlanMove(hire, [], next)?.code).toBe(code);
  });

  it('accepts a newer version in force on the 1 January', () => {
    expect(checkRepPlanMove(hire, [], move('p2028', '2028-01-01', '2028-01-01'))).toBeNull();
    expect(checkRepPlanMove(hire, [], move('p2028', '2028-01-01', '2035-01-01'))).toBeNull();
  });

  it('a later move must be newer than the plan the rep is on before it; an earlier one is refused', () => {
    expect(checkRepPlanMove(hire, moves, move('p2032', '2032-01-01', '2032-01-01'))).toBeNull();
    expect(checkRepPlanMove(hire, moves, move('p2028', '2028-01-01', '2032-01-01'))?.code).toBe('PLAN_NOT_NEWER');
    expect(checkRepPlanMove(hire, moves, move('p2028', '2028-01-01', '2030-01-01'))?.code).toBe('PLAN_MOVE_OUT_OF_ORDER');
  });

  it('a move on the same 1 January as the last replaces it, measured against the plan before it', () => {
    const correction = move('p2029', '2029-01-01', '2031-01-01');
    expect(checkRepPlanMove(hire, moves, correction)).toBeNull();
    expect(withRepPlanMove(moves, correction)).toEqual([moves[0], correction]);
    // the correction must still be newer than p2028, which governs 2029-2030
    expect(checkRepPlanMove(hire, moves, move('p2027', '2027-01-01', '2031-01-01'))?.code).toBe('PLAN_NOT_NEWER');
    // repeating the last move is accepted and leaves the list as it was
    expect(checkRepPlanMove(hire, moves, moves[1])).toBeNull();
    expect(withRepPlanMove(moves, moves[1])).toEqual(moves);
  });
});
