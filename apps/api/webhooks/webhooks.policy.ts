import { Role } from '../auth/roles';

/** Webhook subscriptions reach outside the company with the book's events: comp admins alone manage and read them. */
export const WEBHOOK_ROLES = {
  manage: ['comp_admin'],
  read: ['comp_admin'],
} as const satisfies Record<string, readonly Role[]>;
