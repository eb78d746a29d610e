import { Role } from '../auth/roles';

/**
 * Who may call each payroll route (docs/api.md "Statement sign-off and payroll batches"): finance creates, exports and pays
 * batches; comp admins read them. A batch spans every team, so managers and reps have no access.
 */
export const PAYROLL_ROLES = {
  create: ['finance'],
  read: ['finance', 'comp_admin'],
  pay: ['finance'],
} as const satisfies Record<string, readonly Role[]>;
