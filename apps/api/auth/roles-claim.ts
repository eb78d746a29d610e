import { Role, ROLES } from './roles';

/**
 * The Tranche roles in an ID token's claims: `path` names the claim (`roles`) or a dotted path into it
 * (`realm_access.roles`); the value may be an array or a space-separated string. Unknown roles are dropped.
 */
export function rolesFromClaims(claims: Record<string, unknown>, path: string): Role[] {
  let value: unknown = claims;
  for (const key of path.split('.')) {
    value = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)[key] : undefined;
  }
  const names = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/\s+/) : [];
  const known = new Set<string>(ROLES);
  return [...new Set(names.filter((r): r is Role => typeof r === 'string' && known.has(r)))];
}
