import { proxyActivities, sleep } from '@temporalio/workflow';
import type { AlertActivities } from '../activities/alert.activities';
import type { AgingOutcome, AgingWatch } from '../libs/contracts';

const acts = proxyActivities<AlertActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * docs/rules.md "Aging alerts", as earlier releases watched (kept so their watchers finish; nothing starts one now,
 * see workflows/aging-sweep.workflow.ts): one watcher per approval or gate (id `approval-aging:<approvalId>` or
 * `gate-aging:<dealId>:<gate>`), sleeping on a durable timer until the item is due, then raising its alert if the
 * item still waits. The check is made at fire time, so a decision in time needs no cancellation.
 */
export async function agingAlertWorkflow(watch: AgingWatch): Promise<AgingOutcome> {
  const wait = Date.parse(watch.dueAt) - Date.now();
  if (wait > 0) await sleep(wait);
  return acts.raiseAgingAlert(watch);
}
