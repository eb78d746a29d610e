import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { Refusal } from '../libs/domain';

export function refuseIf(refusal: Refusal | null): void {
  if (refusal) throw ApplicationFailure.create({ message: refusal.message, type: refusal.code, nonRetryable: true });
}

/** A business refusal raised by an activity fails the update with the same code instead of the workflow. */
export async function withActivityRefusals<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.nonRetryable) {
      throw ApplicationFailure.create({ message: err.cause.message, type: err.cause.type ?? undefined, nonRetryable: true });
    }
    throw err;
  }
}
