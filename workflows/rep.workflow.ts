import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { RepActivities } from '../activities/rep.activities';
import { checkRepPlanMove, closeRepPeriod, comparePeriods, IsoDate, nextPeriod, Period, periodOf, periodStart, repPlanOn, Statement, withRepPlanMove } from '../libs/domain';
import {
  closeRepPeriodUpdate,
  dealWorkflowId,
  DepartureCommand,
  departureUpdate,
  moveRepPlanUpdate,
  reassignSignal,
  RepPlanMoveCommand,
  RepPlanMoveRecord,
  repStateQuery,
  RepWorkflowInput,
} from '../libs/contracts';
import { refuseClosedDate, refuseIf } from './refusals';
import { WorkflowLock } from './workflow-lock';

const activities = proxyActivities<RepActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

const HISTORY_LIMIT = 4000;
/** Quarters closed per run before continuing as new: keeps four years plus trailing small. */
const PERIODS_PER_RUN = 8;

/** One rep's tenure, from hire to the end of the trailing window: draw netting, retention, departure, trailing. */
export async function repWorkflow(input: RepWorkflowInput): Promise<RepWorkflowInput> {
  let state = input;
  let closedThisRun = 0;
  const lock = new WorkflowLock();

  setHandler(repStateQuery, () => state);

  /** A date in a period closed in the calendar, or already closed for this rep, is refused. */
  const refuseClosedForRep = (openFrom: Period | undefined, date: IsoDate) => {
    refuseClosedDate(openFrom, date);
    if (comparePeriods(periodOf(date), state.nextPeriod) < 0) {
      refuseIf({ code: 'PERIOD_CLOSED', message: `${periodOf(date)} is already closed for ${state.profile.id}` });
    }
  };

  const departureChecks = (cmd: DepartureCommand) => {
    if (state.status !== 'ACTIVE') refuseIf({ code: 'REP_DEPARTED', message: `${state.profile.id} has already departed` });
    if (cmd.effectiveDate < state.profile.hireDate) {
      refuseIf({ code: 'VALIDATION_FAILED', message: `effectiveDate ${cmd.effectiveDate} is before the hire date ${state.profile.hireDate}` });
    }
    refuseClosedForRep(cmd.openFrom, cmd.effectiveDate);
  };

  setHandler(
    departureUpdate,
    (cmd) =>
      lock.run(async () => {
        departureChecks(cmd);
        const departure = { effectiveDate: cmd.effectiveDate, goodStanding: cmd.goodStanding, reassignments: cmd.reassignments };
        await activities.recordDeparture(state.profile.id, { ...departure, recordedBy: cmd.actor.id });
        state = { ...state, status: 'DEPARTED', departure };
        for (const r of cmd.reassignments) {
          try {
            await getExternalWorkflowHandle(dealWorkflowId(r.dealId)).signal(reassignSignal, {
              actor: cmd.actor,
              departedRepId: state.profile.id,
              newOwner: r.newOwner,
              effectiveDate: cmd.effectiveDate,
            });
          } catch (err) {
            // A closed deal's workflow has ended: nothing retires on it any more, so there is nothing to reassign.
            if (!(err instanceof ApplicationFailure && err.type === 'ExternalWorkflowExecutionNotFound')) throw err;
          }
        }
        return state;
      }),
    { validator: departureChecks },
  );

  const planMoveChecks = (cmd: RepPlanMoveCommand) => {
    if (state.status !== 'ACTIVE') refuseIf({ code: 'REP_DEPARTED', message: `${state.profile.id} has departed; a departed rep keeps the plan they left on` });
    refuseClosedForRep(cmd.openFrom, cmd.effectiveFrom);
    const hirePlan = { planId: state.profile.planId, planEffectiveFrom: cmd.hirePlanEffectiveFrom };
    refuseIf(checkRepPlanMove(hirePlan, state.planMoves ?? [], cmd));
  };

  setHandler(
    moveRepPlanUpdate,
    (cmd) =>
      lock.run(async () => {
        planMoveChecks(cmd);
        const move: RepPlanMoveRecord = { planId: cmd.planId, planEffectiveFrom: cmd.planEffectiveFrom, effectiveFrom: cmd.effectiveFrom, plan: cmd.plan, recordedBy: cmd.actor.id };
        const planMoves = withRepPlanMove(state.planMoves ?? [], move);
        await activities.recordPlanMoves(
          state.profile.id,
          planMoves.map(({ plan: _params, ...recorded }) => recorded),
        );
        state = { ...state, planMoves };
        return state;
      }),
    { validator: planMoveChecks },
  );

  /** The plan parameters that govern `period`: moves take effect on a 1 January, so a quarter has one version. */
  const planFor = (period: Period) =>
    repPlanOn({ plan: state.plan }, state.planMoves ?? [], periodStart(period), state.departure?.effectiveDate).plan;

  async function closeOne(): Promise<Statement> {
    const period = state.nextPeriod;
    const facts = await activities.loadRepPeriodFacts(state.profile.id, period);
    const outcome = closeRepPeriod({
      repId: state.profile.id,
      period,
      hireDate: state.profile.hireDate,
      quarterlyDraw: state.profile.quarterlyDraw,
      plan: planFor(period),
      balanceBefore: state.balance,
      departure: state.departure,
      ...facts,
    });
    const status = outcome.final ? 'FINISHED' : state.status;
    const statement = await activities.saveStatement(state.profile.id, { statement: outcome.statement, final: outcome.final, status });
    state = {
      ...state,
      status,
      balance: statement.unrecoveredDrawBalance,
      performanceReview: statement.performanceReview,
      nextPeriod: nextPeriod(period),
    };
    closedThisRun += 1;
    return statement;
  }

  setHandler(closeRepPeriodUpdate, (cmd) =>
    lock.run(async () => {
      const hirePeriod = periodOf(state.profile.hireDate);
      if (comparePeriods(cmd.period, hirePeriod) < 0) return null;
      if (comparePeriods(cmd.period, state.nextPeriod) < 0) return activities.loadStatement(state.profile.id, cmd.period);
      let statement: Statement | null = null;
      // Periods close in order; a rep that missed one (created while it was closing) catches up here.
      while (state.status !== 'FINISHED' && comparePeriods(state.nextPeriod, cmd.period) <= 0) statement = await closeOne();
      return statement;
    }),
  );

  await condition(
    () =>
      (state.status === 'FINISHED' && !lock.busy) ||
      closedThisRun >= PERIODS_PER_RUN ||
      workflowInfo().continueAsNewSuggested ||
      workflowInfo().historyLength >= HISTORY_LIMIT,
  );
  await condition(allHandlersFinished);
  if (state.status === 'FINISHED') return state;
  return continueAsNew<typeof repWorkflow>({ ...state, run: (state.run ?? 0) + 1 });
}
