import { ApplicationFailure } from '@temporalio/common';

/**
 * A statement that cannot be computed from the recorded facts (a figure no money string can hold, say) fails the
 * close update with INVALID_DATA instead of failing the workflow task (or retrying the activity) for ever, which would
 * wedge the period close. Only histories stuck on such an error ever took this path, so it needs no patch to replay.
 */
export function statementOrDataError<T>(compute: () => T): T {
  try {
    return compute();
  } catch (err) {
    if (err instanceof ApplicationFailure) throw err;
    throw ApplicationFailure.create({ message: `the statement cannot be computed: ${(err as Error).message}`, type: 'INVALID_DATA', nonRetryable: true });
  }
}
