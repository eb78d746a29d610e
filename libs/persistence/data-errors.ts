/**
 * A PostgreSQL data error (SQLSTATE class 22: a figure a column cannot hold, bad encoding, an out-of-range date...):
 * the same statement fails the same way on every retry.
 */
export function isDataError(err: unknown): boolean {
  const sqlState = (err as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (err as { code?: string }).code;
  return typeof sqlState === 'string' && sqlState.startsWith('22');
}
