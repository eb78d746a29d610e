import { Role } from '../auth/roles';

/** Comp admins write plan versions; any authenticated user reads them (a deal names its plan). */
export const PLAN_ROLES = {
  write: ['comp_admin'],
} as const satisfies Record<string, readonly Role[]>;
