import { condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { AlertActivities } from '../activities/alert.activities';
import { sweepAgingNowSignal } from '../libs/contracts';

const acts = proxyActivities<AlertActivities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export interface AgingSweepInput {
  /** The longest it sleeps between sweeps (default one hour): the bound on how late a watch committed meanwhile alerts. */
  maxIdleMs?: number;
}

export const AGING_SWEEP_MAX_IDLE_MS = 3_600_000;
/** Sweeps per run before continuing as new (about ten history events each). */
const SWEEPS_PER_RUN = 200;

/**
 * docs/rules.md "Aging alerts": the one sweeper (id `aging-sweep`). Each round settles every watch due by the
 * workflow's clock (`raiseDueAgingAlerts`: the alert raised once if the item still waits), then sleeps until the
 * earliest unsettled watch falls due, at most `maxIdleMs` (a watch committed meanwhile is read on the next round), or
 * until `sweepAgingNow` asks for a round at once (a watch committed already due).
 */
export async function agingSweepWorkflow(input: AgingSweepInput = {}): Promise<never> {
  const maxIdleMs = input.maxIdleMs ?? AGING_SWEEP_MAX_IDLE_MS;
  let requested = false;
  setHandler(sweepAgingNowSignal, () => {
    requested = true;
  });
  for (let sweeps = 0; ; sweeps++) {
    // A request arriving as the run continues as new is not lost: each run starts with a sweep.
    if (sweeps >= SWEEPS_PER_RUN || workflowInfo().continueAsNewSuggested) return continueAsNew<typeof agingSweepWorkflow>(input);
    requested = false;
    const next = await acts.raiseDueAgingAlerts(new Date(Date.now()).toISOString());
    const wait = Math.min(maxIdleMs, next === null ? maxIdleMs : Date.parse(next) - Date.now());
    if (wait > 0) await condition(() => requested, wait);
  }
}
