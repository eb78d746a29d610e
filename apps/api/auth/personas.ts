import demoUsers from '../../../infra/oidc/demo-users.json';
import { Role, ROLES } from './roles';

/** A demo user the persona picker offers (never its password). */
export interface Persona {
  username: string;
  name: string;
  roles: Role[];
}

/**
 * The local OpenID provider's demo users (infra/oidc/demo-users.json), one per role: the persona picker signs in as
 * them without a password, so it exists only when AUTH_DEV_SECRET is set outside production.
 */
export const PERSONAS: readonly Persona[] = demoUsers.users.map((u) => ({
  username: u.username,
  name: u.name,
  roles: u.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
}));

export const findPersona = (username: string): Persona | undefined => PERSONAS.find((p) => p.username === username);
