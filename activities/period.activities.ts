import { Context } from '@temporalio/activity';
import { ApplicationFailure, Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { setTimeout as sleep } from 'node:timers/promises';
import { closeRepPeriodUpdate, RepState, repWorkflowId, statementOrDataError } from '../libs/contracts';
import { CompRepository, RepCloseFailure } from '../libs/persistence/comp.repository';
import { addDays, closeRepPeriod, holdsPostings, nextPeriod, Period, periodEnd, periodFromIndex, periodIndex, periodRange, periodStart, repPlanOn, statementAfterFinal } from '../libs/domain';
import { ForecastRepository } from '../libs/persistence/forecast.repository';
import { LedgerBatchOutcome, LedgerCloseRepository } from '../libs/persistence/ledger-close.repository';
import { refusalsAreFinal } from './failures';

export const FORECAST_SNAPSHOT_PERIODS = 4;

const isContinuingAsNew = (err: unknown): boolean =>
  err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === 'CONTINUING_AS_NEW';

/** A rep workflow draining before continue-as-new refuses commands; its next run takes them, so send again. */
async function retryThroughContinueAsNew<T>(send: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (err) {
      if (!isContinuingAsNew(err) || attempt >= 60) throw err;
      await sleep(Math.min(25 * attempt, 500));
    }
  }
}

/** A refusal by the rep workflow (a data error, a rule) or a rep that does not answer: reported, never retried for ever. */
function repFailure(repId: string, err: unknown): RepCloseFailure | undefined {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    return { repId, code: err.cause.type ?? 'INVALID_DATA', message: err.cause.message };
  }
  if (err instanceof RepCloseTimeout) return { repId, code: 'REP_CLOSE_TIMEOUT', message: err.message };
  return undefined;
}

class RepCloseTimeout extends Error {}

async function withDeadline<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RepCloseTimeout(message)), ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

export interface PeriodActivityDeps {
  comp: CompRepository;
  forecasts: ForecastRepository;
  client: Client;
  /** Closes the reps nothing is in doubt for, a batch per transaction (absent: every rep through its workflow). */
  ledgerClose?: LedgerCloseRepository;
  /** Rep workflows closed at once; each close is a Temporal update. */
  concurrency?: number;
  /** How long one rep's close may take before it is reported as a failure (the rest of the close goes on). */
  repCloseDeadlineMs?: number;
}

/** Reps a ledger transaction closes at once, and how many such transactions run side by side. */
export const LEDGER_CLOSE_BATCH = 250;
const LEDGER_CLOSE_PARALLEL = 2;

const computeStatement = (input: Parameters<typeof closeRepPeriod>[0]) => statementOrDataError(() => closeRepPeriod(input));

export function createPeriodActivities({ comp, forecasts, client, ledgerClose, concurrency = 16, repCloseDeadlineMs = 120_000 }: PeriodActivityDeps) {
  /** The set-based part of a close: every batch through the ledger; what it defers is left to the rep workflows. */
  async function closeInLedger(period: Period, repIds: string[], progress: (done: number) => void): Promise<LedgerBatchOutcome> {
    const outcome: LedgerBatchOutcome = { closed: 0, failures: [], deferred: [] };
    if (!ledgerClose) return { ...outcome, deferred: repIds };
    const batches: string[][] = [];
    for (let i = 0; i < repIds.length; i += LEDGER_CLOSE_BATCH) batches.push(repIds.slice(i, i + LEDGER_CLOSE_BATCH));
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < batches.length) {
        const batch = batches[next++];
        const { closed, failures, deferred } = await ledgerClose.closeBatch(period, batch, computeStatement);
        outcome.closed += closed;
        outcome.failures.push(...failures);
        outcome.deferred.push(...deferred);
        progress((done += batch.length));
      }
    };
    await Promise.all(Array.from({ length: Math.min(LEDGER_CLOSE_PARALLEL, batches.length) }, worker));
    return { ...outcome, deferred: outcome.deferred.sort() };
  }

  /**
   * docs/rules.md "After the departure": a rep whose tenure workflow has finished (statements final) gets a statement
   * for a later period holding a posting for them. The workflow's result is its last state; the statement is written
   * once (a repeat finds it stored). Returns whether one was written.
   */
  async function closeAfterFinal(repId: string, period: Period): Promise<boolean> {
    const facts = await comp.repPeriodFacts(repId, period);
    if (!holdsPostings(facts)) return false;
    const state: RepState = await client.workflow.getHandle(repWorkflowId(repId)).result();
    if (!state?.departure || state.status !== 'FINISHED' || periodIndex(period) < periodIndex(state.nextPeriod)) return false;
    const plan = repPlanOn({ plan: state.plan }, state.planMoves ?? [], periodStart(period), state.departure.effectiveDate).plan;
    const tenure = { repId, hireDate: state.profile.hireDate, quarterlyDraw: state.profile.quarterlyDraw, plan, balance: state.balance, departure: state.departure };
    const { statement } = statementAfterFinal(tenure, period, facts);
    await comp.saveStatement(repId, { statement, final: true, status: 'FINISHED' });
    return true;
  }

  return {
    async beginPeriodClose(period: Period, actorId: string) {
      return refusalsAreFinal(() => comp.beginPeriodClose(period, actorId));
    },

    /** Before failures were reported (runs recorded then): asks each rep workflow to close the period; retried until all succeed. */
    async closeRepPeriods(period: Period, repIds: string[], actorId: string): Promise<number> {
      let next = 0;
      let closed = 0;
      const worker = async () => {
        while (next < repIds.length) {
          const repId = repIds[next++];
          try {
            const handle = client.workflow.getHandle(repWorkflowId(repId));
            await retryThroughContinueAsNew(() =>
              handle.executeUpdate(closeRepPeriodUpdate, {
                args: [{ period, actor: { id: actorId, roles: ['system'] } }],
                updateId: `close:${period}`,
              }),
            );
            closed += 1;
          } catch (err) {
            // A rep whose workflow has finished (trailing window over) is owed nothing more.
            const finished = err instanceof WorkflowNotFoundError || /already completed/i.test((err as Error).message);
            if (!finished) throw err;
          }
          Context.current().heartbeat(next);
        }
      };
      await Promise.all(Array.from({ length: Math.min(concurrency, repIds.length) }, worker));
      return closed;
    },

    /**
     * Closes the period for each rep and collects the reps it could not close instead of failing: a rep whose
     * statement cannot be computed or written (a data error) is reported at once, and every other rep's statement is
     * still produced. Reps nothing is in doubt for close in the ledger, a batch per transaction; the rest are asked
     * through their rep workflow. Update ids carry this close run's id, so a retried activity is harmless and a
     * repeated close (a new run) re-attempts a failed rep; a rep already closed answers with its stored statement.
     */
    async closeRepStatements(period: Period, repIds: string[], actorId: string): Promise<{ closed: number; failures: RepCloseFailure[] }> {
      const ctx = Context.current();
      const runId = ctx.info.workflowExecution?.runId ?? ctx.info.activityId;
      const inLedger = await closeInLedger(period, repIds, (done) => ctx.heartbeat(`ledger ${done}`));
      repIds = inLedger.deferred;
      let next = 0;
      let closed = inLedger.closed;
      const failures: RepCloseFailure[] = [...inLedger.failures];
      const beat = setInterval(() => ctx.heartbeat(next), 10_000);
      const worker = async () => {
        while (next < repIds.length) {
          const repId = repIds[next++];
          try {
            const handle = client.workflow.getHandle(repWorkflowId(repId));
            await withDeadline(
              retryThroughContinueAsNew(() =>
                handle.executeUpdate(closeRepPeriodUpdate, {
                  args: [{ period, actor: { id: actorId, roles: ['system'] } }],
                  updateId: `close:${period}:${runId}`,
                }),
              ),
              repCloseDeadlineMs,
              `the rep workflow did not answer within ${repCloseDeadlineMs / 1000} s`,
            );
            closed += 1;
          } catch (err) {
            // A rep whose workflow has finished (statements final) is owed a statement only for a period holding a posting for them.
            // (an update to a completed workflow answers NOT_FOUND "workflow execution already completed")
            if (err instanceof WorkflowNotFoundError || /already completed/i.test((err as Error).message)) {
              try {
                if (await closeAfterFinal(repId, period)) closed += 1;
              } catch (late) {
                if (late instanceof WorkflowNotFoundError) continue;
                failures.push({ repId, code: 'INVALID_DATA', message: `the statement after ${repId}'s final one could not be produced: ${(late as Error).message}` });
              }
              continue;
            }
            const failure = repFailure(repId, err);
            if (!failure) throw err;
            failures.push(failure);
          }
          ctx.heartbeat(next);
        }
      };
      try {
        await Promise.all(Array.from({ length: Math.min(concurrency, repIds.length) }, worker));
      } finally {
        clearInterval(beat);
      }
      return { closed, failures: failures.sort((a, b) => a.repId.localeCompare(b.repId)) };
    },

    /** CLOSED when no rep failed; otherwise the period stays CLOSING with the failures recorded. */
    async finishPeriodClose(period: Period, failures: RepCloseFailure[] = []): Promise<void> {
      await comp.finishPeriodClose(period, failures);
    },

    /** The forecast of the next four periods as it stood when this one closed: accuracy is measured against it. */
    async snapshotForecast(period: Period): Promise<number> {
      const targets = periodRange(nextPeriod(period), periodFromIndex(periodIndex(period) + FORECAST_SNAPSHOT_PERIODS));
      return forecasts.snapshot(period, targets, addDays(periodEnd(period), 1));
    },

    async firstUnclosedPeriod(): Promise<Period | null> {
      return (await comp.firstUnclosedPeriod()) ?? null;
    },
  };
}

export type PeriodActivities = ReturnType<typeof createPeriodActivities>;
