/**
 * The one refusal vocabulary: every stable code the engine may answer with. The API maps each code to its HTTP
 * status in one table typed `Record<RefusalCode, number>` (apps/api/http/problem.ts), so a code added here and not
 * mapped there fails the build.
 */
export const REFUSAL_CODES = [
  // request shape and identity
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'METHOD_NOT_ALLOWED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  // sign-in (OpenID Connect, apps/api/auth)
  'SIGN_IN_FAILED',
  'SIGN_IN_NOT_CONFIGURED',
  // deals and gates (owned by the deal workflow)
  'SEGREGATION_OF_DUTIES',
  'GATE_OUT_OF_ORDER',
  'GATE_ALREADY_RETIRED',
  'ARTIFACT_PENDING',
  'APPROVAL_NOT_PENDING',
  'DEAL_KILLED',
  'DEAL_CLOSED',
  'NO_OPEN_GATE',
  'UNKNOWN_GATE',
  'ARTIFACT_TYPE_NOT_ALLOWED',
  'UNKNOWN_ARTIFACT',
  'DESCOPE_NOT_A_REDUCTION',
  'DESCOPE_BEFORE_RETIRED_GATE',
  'KILL_BEFORE_RETIRED_GATE',
  'REVENUE_BELOW_ZERO',
  // adjustments (owned by the rep workflow)
  'ADJUSTMENT_NOT_PENDING',
  // disputes (owned by the dispute workflow)
  'DISPUTE_NOT_OPEN',
  // periods (owned by the ledger write and the period close)
  'PERIOD_CLOSED',
  'PERIOD_OUT_OF_ORDER',
  'PERIOD_NOT_ENDED',
  'PERIOD_BEFORE_CALENDAR',
  'PERIOD_CLOSE_INCOMPLETE',
  'PERIOD_NOT_CLOSED',
  // statement sign-off and payroll batches
  'STATEMENT_HASH_MISMATCH',
  'SIGNOFF_OUT_OF_ORDER',
  'SIGNOFF_ALREADY_RECORDED',
  'NOTHING_TO_BATCH',
  'PAYROLL_BATCH_PAID',
  // plans and reps
  'PLAN_PUBLISHED',
  'PLAN_NOT_PUBLISHED',
  'PLAN_NOT_IN_FORCE',
  'PLAN_NOT_NEWER',
  'PLAN_MOVE_OUT_OF_ORDER',
  'PLAN_DOCUMENT_CHANGED',
  'NO_PUBLISHED_PLAN',
  'REP_DEPARTED',
  'REASSIGNMENT_REQUIRED',
  'DEPARTURE_IN_EFFECT',
  'UNKNOWN_REP',
  'UNKNOWN_DEAL',
  // business time and stored data
  'FUTURE_DATE',
  'INVALID_DATA',
  // the server's own trouble: safe to retry
  'CONTINUING_AS_NEW',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;

export type RefusalCode = (typeof REFUSAL_CODES)[number];

export function isRefusalCode(value: unknown): value is RefusalCode {
  return typeof value === 'string' && (REFUSAL_CODES as readonly string[]).includes(value);
}

/** A business rule a command broke; `code` is the stable word the API returns. */
export interface Refusal {
  code: RefusalCode;
  message: string;
}
