import { Role } from '../auth/roles';

/** docs/rules.md "Commission expense (ASC 340-40)" is finance's book; comp admins read it too. */
export const ACCOUNTING_ROLES = {
  read: ['finance', 'comp_admin'],
} as const satisfies Record<string, readonly Role[]>;
