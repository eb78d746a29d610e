import { ApplicationFailure } from '@temporalio/activity';
import { RefusalError } from '../libs/domain';

/** Business refusals are final (no retry); anything else (a database outage, say) is retried by Temporal. */
export async function refusalsAreFinal<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof RefusalError) throw ApplicationFailure.nonRetryable(err.message, err.code);
    // PostgreSQL data errors (class 22: bad encoding, out-of-range dates...) fail the same way on every retry.
    const sqlState = (err as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (err as { code?: string }).code;
    if (typeof sqlState === 'string' && sqlState.startsWith('22')) throw ApplicationFailure.nonRetryable((err as Error).message, 'INVALID_DATA');
    throw err;
  }
}
