import { SetMetadata } from '@nestjs/common';
import { Actor } from '../../../libs/contracts';

export const ROLES = ['comp_admin', 'deal_desk', 'hr', 'finance', 'manager', 'rep'] as const;
export type Role = (typeof ROLES)[number];

export const PUBLIC_KEY = 'tranche:public';
export const ROLES_KEY = 'tranche:roles';

/** No token needed (health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** Any of these roles may call the route; without it, any authenticated user may. */
export const Roles = (...roles: readonly Role[]) => SetMetadata(ROLES_KEY, roles);

export const hasRole = (actor: Actor, ...roles: readonly Role[]) => roles.some((r) => actor.roles.includes(r));
