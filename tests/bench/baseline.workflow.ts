import { allHandlersFinished, condition, defineQuery, defineUpdate, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';

/**
 * The bare-Temporal baseline: one Update runs one no-op activity and returns, nothing else. `local` picks a local
 * activity (what deal.workflow.ts uses for its commit since the deal-commit-local-activity patch) or a regular one.
 */
export const stepUpdate = defineUpdate<number, [string]>('step');
/** The bare-Temporal floor of a read through a workflow query: answers a number, nothing else. */
export const stepsQuery = defineQuery<number>('steps');

interface NoopActivities {
  noop(label: string): Promise<void>;
}
const options = { startToCloseTimeout: '30 seconds', retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' } } as const;
const remote = proxyActivities<NoopActivities>(options);
const local = proxyLocalActivities<NoopActivities>(options);

export async function baselineWorkflow(input: { updates: number; local: boolean }): Promise<number> {
  let done = 0;
  const { noop } = input.local ? local : remote;
  setHandler(stepsQuery, () => done);
  setHandler(stepUpdate, async (label) => {
    await noop(label);
    done += 1;
    return done;
  });
  await condition(() => done >= input.updates);
  await condition(allHandlersFinished);
  return done;
}
