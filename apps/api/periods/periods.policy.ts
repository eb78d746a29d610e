import { Role } from '../auth/roles';

/** Comp admins and finance close periods; any authenticated user reads the calendar. */
export const PERIOD_ROLES = {
  close: ['comp_admin', 'finance'],
} as const satisfies Record<string, readonly Role[]>;
