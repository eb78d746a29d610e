import { RefusalCode } from '../../../libs/domain';

/** An RFC 9457 problem; every error the API returns has this shape and `application/problem+json`. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: Array<{ path: string; message: string }>;
  instance?: string;
}

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: RefusalCode,
    detail: string,
    readonly errors?: Array<{ path: string; message: string }>,
  ) {
    super(detail);
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The HTTP status of every refusal code: no default, so a code added to RefusalCode and not mapped here fails the build. */
export const STATUS_BY_CODE: Record<RefusalCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  SEGREGATION_OF_DUTIES: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  GATE_OUT_OF_ORDER: 409,
  GATE_ALREADY_RETIRED: 409,
  ARTIFACT_PENDING: 409,
  APPROVAL_NOT_PENDING: 409,
  ADJUSTMENT_NOT_PENDING: 409,
  DISPUTE_NOT_OPEN: 409,
  DEAL_KILLED: 409,
  DEAL_CLOSED: 409,
  PERIOD_CLOSED: 409,
  PERIOD_OUT_OF_ORDER: 409,
  PERIOD_NOT_ENDED: 409,
  PERIOD_BEFORE_CALENDAR: 409,
  PERIOD_NOT_CLOSED: 409,
  STATEMENT_HASH_MISMATCH: 409,
  SIGNOFF_OUT_OF_ORDER: 409,
  SIGNOFF_ALREADY_RECORDED: 409,
  NOTHING_TO_BATCH: 409,
  PAYROLL_BATCH_PAID: 409,
  PLAN_PUBLISHED: 409,
  NO_OPEN_GATE: 409,
  REP_DEPARTED: 409,
  DEPARTURE_IN_EFFECT: 409,
  PLAN_NOT_NEWER: 409,
  PLAN_MOVE_OUT_OF_ORDER: 409,
  PLAN_DOCUMENT_CHANGED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  SIGN_IN_FAILED: 400,
  SIGN_IN_NOT_CONFIGURED: 503,
  UNKNOWN_GATE: 422,
  ARTIFACT_TYPE_NOT_ALLOWED: 422,
  UNKNOWN_ARTIFACT: 422,
  DESCOPE_NOT_A_REDUCTION: 422,
  DESCOPE_BEFORE_RETIRED_GATE: 409,
  KILL_BEFORE_RETIRED_GATE: 409,
  REVENUE_BELOW_ZERO: 422,
  PERIOD_CLOSE_INCOMPLETE: 422,
  FUTURE_DATE: 422,
  NO_PUBLISHED_PLAN: 422,
  PLAN_NOT_PUBLISHED: 422,
  PLAN_NOT_IN_FORCE: 422,
  UNKNOWN_REP: 422,
  UNKNOWN_DEAL: 422,
  REASSIGNMENT_REQUIRED: 422,
  INVALID_DATA: 422,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
  CONTINUING_AS_NEW: 503,
};

export function statusForCode(code: RefusalCode): number {
  return STATUS_BY_CODE[code];
}

export function problemBody(status: number, code: RefusalCode, detail: string, errors?: ProblemBody['errors']): ProblemBody {
  const body: ProblemBody = {
    type: `https://tranche.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
  };
  if (errors && errors.length > 0) body.errors = errors;
  return body;
}

export const refuse = (code: RefusalCode, detail: string, errors?: ProblemBody['errors']) =>
  new ProblemError(statusForCode(code), code, detail, errors);
