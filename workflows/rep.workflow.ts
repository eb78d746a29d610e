import { ApplicationFailure, continueAsNew, getExternalWorkflowHandle, patched, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { RepActivities } from '../activities/rep.activities';
import { checkRepPlanMove, closeRepPeriod, stillPendingAfterClose, comparePeriods, IsoDate, nextPeriod, Period, periodOf, periodStart, repPlanOn, Statement, withRepPlanMove } from '../libs/domain';
import {
  closeRepPeriodUpdate,
  createRepUpdate,
  dealWorkflowId,
  DepartureCommand,
  departureUpdate,
  moveRepPlanUpdate,
  reassignSignal,
  unreassignSignal,
  withdrawDepartureUpdate,
  RepCommand,
  RepPlanMoveCommand,
  RepPlanMoveRecord,
  repStateQuery,
  RepWorkflowInput,
  statementOrDataError,
} from '../libs/contracts';
import { refuseIf, withActivityRefusals } from './refusals';
import { ENTITY_ACTIVITY_OPTIONS, EntityWorkflow } from './entity-workflow';
import { keepRepSearchable } from './search-attributes';
import { handleAdjustments } from './rep-adjustments';

const activities = proxyActivities<RepActivities>(ENTITY_ACTIVITY_OPTIONS);
// A period close asks every rep at once: its facts read and its statement write are short idempotent transactions,
// run in the worker they save the server four round trips (and most of the history events) per rep. Histories
// recorded before the patch keep replaying the remote path.
const local = proxyLocalActivities<RepActivities>(ENTITY_ACTIVITY_OPTIONS);
export const LOCAL_CLOSE_PATCH = 'rep-close-local-activities';
// The facts read, the statement and its write in one local activity: one activation and one trip through the SDK
// bridge per rep instead of two, and the facts never reach the workflow. Checked first, so a history recorded under
// LOCAL_CLOSE_PATCH alone keeps its two local activities.
export const ONE_LOCAL_CLOSE_PATCH = 'rep-close-one-local-activity';

/** Quarters closed per run before continuing as new: keeps four years plus trailing small. */
const PERIODS_PER_RUN = 8;
// The API wrote the reps row before starting the workflow; runs recorded then do not write it themselves.
export const REP_RECORD_PATCH = 'rep-writes-own-record';

/** One rep's tenure, from hire to the end of the trailing window: draw netting, retention, departure, trailing. */
export async function repWorkflow(input: RepWorkflowInput): Promise<RepWorkflowInput> {
  let state = input;
  let closedThisRun = 0;
  const writesOwnRecord = !input.run && patched(REP_RECORD_PATCH);
  const entity = new EntityWorkflow({ label: `rep ${input.profile.id}`, created: !writesOwnRecord });

  setHandler(repStateQuery, () => state);
  keepRepSearchable(() => state);
  entity.createCommand(createRepUpdate, input.requestHash, () => state);
  handleAdjustments(entity, () => state, (adjustments) => (state = { ...state, adjustments }), (cmd) => openFrom(cmd));

  /**
   * The first period still open for this rep: the workflow's own, or later when the ledger closed periods for the rep
   * without asking this workflow (the command carries the ledger's view). Only checks read it; the state catches up
   * when this workflow next closes a period.
   */
  const openFrom = (cmd: RepCommand): Period =>
    cmd.closedThrough && comparePeriods(nextPeriod(cmd.closedThrough), state.nextPeriod) > 0 ? nextPeriod(cmd.closedThrough) : state.nextPeriod;

  /** The calendar's closed periods are the ledger write's to refuse; a period this rep has already closed is refused here. */
  const refuseClosedForRep = (date: IsoDate, cmd: RepCommand) => {
    if (comparePeriods(periodOf(date), openFrom(cmd)) < 0) {
      refuseIf({ code: 'PERIOD_CLOSED', message: `${periodOf(date)} is already closed for ${state.profile.id}` });
    }
  };

  const departureChecks = (cmd: DepartureCommand) => {
    if (state.status !== 'ACTIVE') refuseIf({ code: 'REP_DEPARTED', message: `${state.profile.id} has already departed` });
    if (cmd.effectiveDate < state.profile.hireDate) {
      refuseIf({ code: 'VALIDATION_FAILED', message: `effectiveDate ${cmd.effectiveDate} is before the hire date ${state.profile.hireDate}` });
    }
    refuseClosedForRep(cmd.effectiveDate, cmd);
  };

  entity.command(departureUpdate, departureChecks, async (cmd) => {
    const handedOver = cmd.handovers?.length ? { handovers: cmd.handovers } : {};
    const departure = { effectiveDate: cmd.effectiveDate, goodStanding: cmd.goodStanding, reassignments: cmd.reassignments, ...handedOver };
    await withActivityRefusals(() => activities.recordDeparture(state.profile.id, { ...departure, recordedBy: cmd.actor.id }));
    state = { ...state, status: 'DEPARTED', departure };
    // A deal not named where the rep only holds a split goes without newOwner: the shares pass to the deal's owner.
    const handovers = (cmd.handovers ?? []).map((dealId) => ({ dealId, newOwner: undefined }));
    for (const r of [...cmd.reassignments, ...handovers]) {
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
  });

  /** docs/rules.md: a departure may be withdrawn while its period is open (the ledger checks what was recorded since). */
  const withdrawalChecks = (cmd: RepCommand) => {
    if (state.status === 'ACTIVE' || !state.departure) refuseIf({ code: 'CONFLICT', message: `${state.profile.id} has no departure to withdraw` });
    const period = periodOf(state.departure!.effectiveDate);
    if (state.status === 'FINISHED' || comparePeriods(period, openFrom(cmd)) < 0) {
      refuseIf({ code: 'DEPARTURE_IN_EFFECT', message: `${period}, the period of ${state.profile.id}'s departure, is closed` });
    }
  };

  entity.command(withdrawDepartureUpdate, withdrawalChecks, async (cmd) => {
    const departure = state.departure!;
    await withActivityRefusals(() => activities.withdrawDeparture(state.profile.id, departure));
    state = { ...state, status: 'ACTIVE', departure: undefined };
    for (const dealId of [...departure.reassignments.map((r) => r.dealId), ...(departure.handovers ?? [])]) {
      try {
        await getExternalWorkflowHandle(dealWorkflowId(dealId)).signal(unreassignSignal, { actor: cmd.actor, departedRepId: state.profile.id });
      } catch (err) {
        if (!(err instanceof ApplicationFailure && err.type === 'ExternalWorkflowExecutionNotFound')) throw err;
      }
    }
    return state;
  });

  const planMoveChecks = (cmd: RepPlanMoveCommand) => {
    if (state.status !== 'ACTIVE') refuseIf({ code: 'REP_DEPARTED', message: `${state.profile.id} has departed; a departed rep keeps the plan they left on` });
    refuseClosedForRep(cmd.effectiveFrom, cmd);
    const hirePlan = { planId: state.profile.planId, planEffectiveFrom: cmd.hirePlanEffectiveFrom };
    refuseIf(checkRepPlanMove(hirePlan, state.planMoves ?? [], cmd));
  };

  entity.command(moveRepPlanUpdate, planMoveChecks, async (cmd) => {
    const move: RepPlanMoveRecord = { planId: cmd.planId, planEffectiveFrom: cmd.planEffectiveFrom, effectiveFrom: cmd.effectiveFrom, plan: cmd.plan, recordedBy: cmd.actor.id };
    const planMoves = withRepPlanMove(state.planMoves ?? [], move);
    await withActivityRefusals(() =>
      activities.recordPlanMoves(
        state.profile.id,
        planMoves.map(({ plan: _params, ...recorded }) => recorded),
        cmd.effectiveFrom,
      ),
    );
    state = { ...state, planMoves };
    return state;
  });

  /** The plan parameters that govern `period`: moves take effect on a 1 January, so a quarter has one version. */
  const planFor = (period: Period) =>
    repPlanOn({ plan: state.plan }, state.planMoves ?? [], periodStart(period), state.departure?.effectiveDate).plan;

  /** The period's statement, written, and whether it was the rep's last. */
  async function closeStatement(period: Period): Promise<{ statement: Statement; final: boolean }> {
    const held = () => ({
      repId: state.profile.id,
      period,
      hireDate: state.profile.hireDate,
      quarterlyDraw: state.profile.quarterlyDraw,
      plan: planFor(period),
      balanceBefore: state.balance,
      departure: state.departure,
    });
    if (patched(ONE_LOCAL_CLOSE_PATCH)) return withActivityRefusals(() => local.closeRepPeriodInActivity({ ...held(), status: state.status }));
    const { loadRepPeriodFacts, saveStatement } = patched(LOCAL_CLOSE_PATCH) ? local : activities;
    const facts = await withActivityRefusals(() => loadRepPeriodFacts(state.profile.id, period));
    const outcome = statementOrDataError(() => closeRepPeriod({ ...held(), ...facts }));
    const status = outcome.final ? 'FINISHED' : state.status;
    // A data error writing it (a figure the ledger cannot hold) fails this close at once; the period close reports it.
    const statement = await withActivityRefusals(() =>
      saveStatement(state.profile.id, { statement: outcome.statement, final: outcome.final, status }),
    );
    return { statement, final: outcome.final };
  }

  async function closeOne(): Promise<Statement> {
    const period = state.nextPeriod;
    const { statement, final } = await closeStatement(period);
    const status = final ? 'FINISHED' : state.status;
    state = {
      ...state,
      status,
      balance: statement.unrecoveredDrawBalance,
      performanceReview: statement.performanceReview,
      nextPeriod: nextPeriod(period),
      // The statement's write expired the proposals still pending in this period (all of them with the last one).
      ...(state.adjustments ? { adjustments: stillPendingAfterClose(state.adjustments, period, final) } : {}),
    };
    closedThisRun += 1;
    return statement;
  }

  entity.command(
    closeRepPeriodUpdate,
    () => undefined,
    async (cmd) => {
      const hirePeriod = periodOf(state.profile.hireDate);
      if (comparePeriods(cmd.period, hirePeriod) < 0) return null;
      if (comparePeriods(cmd.period, state.nextPeriod) < 0) return activities.loadStatement(state.profile.id, cmd.period);
      let statement: Statement | null = null;
      // Periods close in order; a rep that missed one (created while it was closing) catches up here.
      while (state.status !== 'FINISHED' && comparePeriods(state.nextPeriod, cmd.period) <= 0) statement = await closeOne();
      return statement;
    },
  );

  if (writesOwnRecord && !(await entity.create(() => withActivityRefusals(() => activities.createRepRecord(state.profile, input.requestHash))))) {
    return entity.abandon();
  }

  const finished = await entity.runUntilDoneOrDue(
    () => state.status === 'FINISHED',
    () => closedThisRun >= PERIODS_PER_RUN,
  );
  if (finished) return state;
  return continueAsNew<typeof repWorkflow>({ ...state, run: (state.run ?? 0) + 1 });
}
