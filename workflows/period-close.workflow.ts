import { patched, proxyActivities, sleep, startChild, ParentClosePolicy, WorkflowIdReusePolicy, continueAsNew, workflowInfo } from '@temporalio/workflow';
import type { PeriodActivities } from '../activities/period.activities';
import { addDays, Period, periodEnd } from '../libs/domain';
import { periodCloseWorkflowId } from '../libs/contracts';

const acts = proxyActivities<PeriodActivities>({
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' },
});

export interface PeriodCloseInput {
  period: Period;
  actorId: string;
}

export interface PeriodCloseResult {
  period: Period;
  alreadyClosed: boolean;
  statements: number;
}

/** Closes one period: refuses events dated in it, nets every rep's draw, then marks it closed. */
export async function periodCloseWorkflow({ period, actorId }: PeriodCloseInput): Promise<PeriodCloseResult> {
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
    try {
      const child = await startChild(periodCloseWorkflow, {
        workflowId: periodCloseWorkflowId(period),
        args: [{ period, actorId: 'system:period-scheduler' }],
        parentClosePolicy: ParentClosePolicy.ABANDON,
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      });
      await child.result();
      closes += 1;
    } catch {
      // Being closed through the API right now: look again shortly and move on once it is closed.
      await sleep('1 minute');
    }
  }
  return closes;
}
