import { ApplicationFailure } from '@temporalio/activity';
import { RefusalError } from '../libs/domain';
import { isDataError } from '../libs/persistence/data-errors';

/** Business refusals are final (no retry); anything else (a database outage, say) is retried by Temporal. */
export async function refusalsAreFinal<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof RefusalError) throw ApplicationFailure.nonRetryable(err.message, err.code);
    if (isDataError(err)) throw ApplicationFailure.nonRetryable((err as Error).message, 'INVALID_DATA');
    throw err;
  }
}
