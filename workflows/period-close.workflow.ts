import { ActivityFailure, ApplicationFailure, patched, proxyActivities, sleep, startChild, ParentClosePolicy, WorkflowIdReusePolicy, continueAsNew, workflowInfo } from '@temporalio/workflow';
import type { CommissionAssetActivities } from '../activities/commission-asset.activities';
import type { PeriodActivities } from '../activities/period.activities';
import { addDays, Period, periodEnd } from '../libs/domain';
import { periodCloseWorkflowId } from '../libs/contracts';
import { keepPeriodSearchable } from './search-attributes';

const acts = proxyActivities<PeriodActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

const accounting = proxyActivities<CommissionAssetActivities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

export interface PeriodCloseInput {
  period: Period;
  actorId: string;
}

export interface RepCloseFailure {
  repId: string;
  code: string;
  message: string;
}

export interface PeriodCloseResult {
  period: Period;
  alreadyClosed: boolean;
  statements: number;
  /** CLOSED when every rep's statement is written; CLOSING when some rep failed (see `failures`); OPEN when refused. */
  status?: 'OPEN' | 'CLOSING' | 'CLOSED';
  /** Reps whose statement could not be produced: the period stays CLOSING and a repeated close re-attempts them. */
  failures?: RepCloseFailure[];
  /** The close was refused (earlier period open...): the answer, not a failed workflow. */
  refusal?: { code: string; message: string };
}

/**
 * Added after periods had been closed in production: rep failures are collected and reported (the period stays
 * CLOSING and a repeated close resumes it) and a refused close answers instead of failing the workflow.
 */
export const CLOSE_REPORTS_FAILURES_PATCH = 'period-close-reports-failures';
/** docs/rules.md "Commission expense (ASC 340-40)": the deferred commission is computed beside the statements. */
export const COMMISSION_ASSET_PATCH = 'period-close-commission-asset';
/** Refusals of the begin step that are answers to the caller: the workflow completes with them. */
const BEGIN_REFUSALS = ['PERIOD_OUT_OF_ORDER', 'PERIOD_BEFORE_CALENDAR'];

function beginRefusal(err: unknown): { code: string; message: string } | undefined {
  if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && BEGIN_REFUSALS.includes(err.cause.type ?? '')) {
    return { code: err.cause.type!, message: err.cause.message };
  }
  return undefined;
}

/** Closes one period: refuses events dated in it, nets every rep's draw, then marks it closed. */
export async function periodCloseWorkflow({ period, actorId }: PeriodCloseInput): Promise<PeriodCloseResult> {
  keepPeriodSearchable(period);
  if (!patched(CLOSE_REPORTS_FAILURES_PATCH)) return closeBeforeFailureReports({ period, actorId });
  let begun: { repIds: string[]; alreadyClosed: boolean };
  try {
    begun = await acts.beginPeriodClose(period, actorId);
  } catch (err) {
    const refusal = beginRefusal(err);
    if (!refusal) throw err;
    return { period, alreadyClosed: false, statements: 0, status: 'OPEN', refusal };
  }
  if (begun.alreadyClosed) return { period, alreadyClosed: true, statements: 0, status: 'CLOSED' };
  const { closed, failures } = await acts.closeRepStatements(period, begun.repIds, actorId);
  // Before the period reads CLOSED, so a closed period always has its figures; a CLOSING one computes them when it resumes.
  if (failures.length === 0 && patched(COMMISSION_ASSET_PATCH)) await accounting.recordCommissionAsset(period);
  await acts.finishPeriodClose(period, failures);
  if (failures.length > 0) return { period, alreadyClosed: false, statements: closed, status: 'CLOSING', failures };
  if (patched('forecast-snapshot-at-close')) await acts.snapshotForecast(period);
  return { period, alreadyClosed: false, statements: closed, status: 'CLOSED' };
}

/** The close as histories recorded before CLOSE_REPORTS_FAILURES_PATCH replay it. */
async function closeBeforeFailureReports({ period, actorId }: PeriodCloseInput): Promise<PeriodCloseResult> {
  const { repIds, alreadyClosed } = await acts.beginPeriodClose(period, actorId);
  if (alreadyClosed) return { period, alreadyClosed, statements: 0 };
  const statements = await acts.closeRepPeriods(period, repIds, actorId);
  await acts.finishPeriodClose(period);
  // Added after periods had already been closed in production: histories without it must still replay.
  if (patched('forecast-snapshot-at-close')) await acts.snapshotForecast(period);
  return { period, alreadyClosed: false, statements };
}

export interface PeriodSchedulerInput {
  graceDays: number;
  /** Stop after this many closes (tests); absent means forever. */
  maxCloses?: number;
}

const IDLE_RECHECK = '1 day';
const CLOSES_PER_RUN = 20;
const FAILED_CLOSE_RECHECK = '1 hour';
export const SCHEDULER_RESUMES_PATCH = 'period-scheduler-resumes-close';

/** Wall-clock mode: each period closes by itself `graceDays` after its quarter ends, on a durable timer. */
export async function periodSchedulerWorkflow(input: PeriodSchedulerInput): Promise<number> {
  let closes = 0;
  while (input.maxCloses === undefined || closes < input.maxCloses) {
    // Idle days add history too (a timer and an activity each): continue as new when the server suggests it.
    if (closes >= CLOSES_PER_RUN || workflowInfo().continueAsNewSuggested) {
      return continueAsNew<typeof periodSchedulerWorkflow>({ ...input, maxCloses: input.maxCloses === undefined ? undefined : input.maxCloses - closes });
    }
    const period = await acts.firstUnclosedPeriod();
    if (!period) {
      await sleep(IDLE_RECHECK);
      continue;
    }
    const due = Date.parse(`${addDays(periodEnd(period), 1 + input.graceDays)}T00:00:00Z`);
    if (Date.now() < due) {
      await sleep(Math.min(due - Date.now(), 24 * 3600 * 1000));
      continue;
    }
    // A close that left its period CLOSING (a rep failed) completes: starting it again must be allowed to resume it.
    const resumes = patched(SCHEDULER_RESUMES_PATCH);
    try {
      const child = await startChild(periodCloseWorkflow, {
        workflowId: periodCloseWorkflowId(period),
        args: [{ period, actorId: 'system:period-scheduler' }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: resumes ? WorkflowIdReusePolicy.ALLOW_DUPLICATE : WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      });
      const result = await child.result();
      if (resumes && result.status !== undefined && result.status !== 'CLOSED') {
        // Reported (which reps, why) on the period; try again later rather than spin: someone has to fix the data.
        await sleep(FAILED_CLOSE_RECHECK);
        continue;
      }
      closes += 1;
    } catch {
      // Being closed through the API right now: look again shortly and move on once it is closed.
      await sleep('1 minute');
    }
  }
  return closes;
}
