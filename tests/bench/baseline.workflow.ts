import { allHandlersFinished, condition, defineQuery, defineUpdate, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';

/**
 * The bare-Temporal baseline: one Update runs one no-op activity and returns, nothing else. `local` picks a local
 * activity (what deal.workflow.ts uses for its commit since the deal-commit-local-activity patch) or a regular one.
 * `commit` makes the Update's activity a local one that does one PostgreSQL transaction (the approve's floor).
 */
export const stepUpdate = defineUpdate<number, [string]>('step');
/** The bare-Temporal floor of a read through a workflow query: answers a number, nothing else. */
export const stepsQuery = defineQuery<number>('steps');

export interface BaselineActivities {
  noop(label: string): Promise<void>;
  /** BEGIN; one INSERT into bench_floor_commits; COMMIT (tests/bench/baseline.ts). */
  commitRow(id: string): Promise<void>;
}
const options = { startToCloseTimeout: '30 seconds', retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds' } } as const;
const remote = proxyActivities<BaselineActivities>(options);
const local = proxyLocalActivities<BaselineActivities>(options);

export async function baselineWorkflow(input: { updates: number; local: boolean; commit?: boolean }): Promise<number> {
  let done = 0;
  const step = input.commit ? local.commitRow : input.local ? local.noop : remote.noop;
  setHandler(stepsQuery, () => done);
  setHandler(stepUpdate, async (label) => {
    await step(label);
    done += 1;
    return done;
  });
  await condition(() => done >= input.updates);
  await condition(allHandlersFinished);
  return done;
}
