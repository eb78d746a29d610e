import { Role } from '../auth/roles';

/**
 * Who may call the sign-off route (docs/api.md "Statement sign-off and payroll batches"): the rep's manager (their team only,
 * 404 outside it, by RepsPolicy.visibleRep) and finance. That neither is the rep is the sign-off rule itself
 * (decideSignoff, 403 SEGREGATION_OF_DUTIES).
 */
export const SIGNOFF_ROLES_ALLOWED = {
  sign: ['manager', 'finance'],
} as const satisfies Record<string, readonly Role[]>;
