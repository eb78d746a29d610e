import { Role } from '../auth/roles';

/** The deal desk reads the queue and decides; never the rep (segregation of duties is the deal workflow's rule). */
export const APPROVAL_ROLES = {
  decide: ['deal_desk'],
} as const satisfies Record<string, readonly Role[]>;
