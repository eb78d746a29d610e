import { Context } from '@temporalio/activity';
import { ApplicationFailure, Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { setTimeout as sleep } from 'node:timers/promises';
import { closeRepPeriodUpdate, repWorkflowId } from '../libs/contracts';
import { CompRepository } from '../libs/persistence/comp.repository';
import { addDays, nextPeriod, Period, periodEnd, periodFromIndex, periodIndex, periodRange } from '../libs/domain';
import { ForecastRepository } from '../libs/persistence/forecast.repository';
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

export interface PeriodActivityDeps {
  comp: CompRepository;
  forecasts: ForecastRepository;
  client: Client;
  /** Rep workflows closed at once; each close is a Temporal update. */
  concurrency?: number;
}

export function createPeriodActivities({ comp, forecasts, client, concurrency = 16 }: PeriodActivityDeps) {
  return {
    async beginPeriodClose(period: Period, actorId: string) {
      return refusalsAreFinal(() => comp.beginPeriodClose(period, actorId));
    },

    /** Asks each rep workflow to close the period; update ids make a retried activity harmless. */
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

    async finishPeriodClose(period: Period): Promise<void> {
      await comp.finishPeriodClose(period);
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
