import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AuthConfig, Me } from './api/models';
import { Problem } from './api/client';

/** The signed-in person from the session cookie; null when there is no session (401). */
export async function fetchMe(): Promise<Me | null> {
  const res = await fetch('/auth/me', { credentials: 'same-origin' });
  if (res.status === 401) return null;
  if (!res.ok) throw new Problem({ status: res.status, detail: `could not read the session (${res.status})` });
  return (await res.json()) as Me;
}

export function useMe() {
  return useQuery({ queryKey: ['me'], queryFn: fetchMe, staleTime: 60_000, retry: false });
}

export function useAuthConfig() {
  return useQuery({
    queryKey: ['auth-config'],
    queryFn: async (): Promise<AuthConfig> => {
      const res = await fetch('/auth/config', { credentials: 'same-origin' });
      if (!res.ok) throw new Problem({ status: res.status, detail: 'sign-in is not configured on this server' });
      return (await res.json()) as AuthConfig;
    },
    // The banner's first open period moves when a period closes.
    staleTime: 60_000,
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return async () => {
    await fetch('/auth/logout', { method: 'POST', credentials: 'same-origin' });
    client.clear();
    window.location.assign('/console/');
  };
}

export async function devLogin(username: string): Promise<void> {
  const res = await fetch('/auth/dev-login', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!res.ok) throw new Problem({ status: res.status, ...(await res.json().catch(() => ({}))) });
}

export type Role = 'deal_desk' | 'hr' | 'finance' | 'manager' | 'comp_admin' | 'rep';

/** The navigation each role gets; a person with several roles sees the union, in this order. */
export const NAV: Array<{ to: string; label: string; roles: Role[] }> = [
  { to: '/queue', label: 'Approval queue', roles: ['deal_desk'] },
  { to: '/deals', label: 'Deals', roles: ['deal_desk', 'manager', 'comp_admin', 'finance'] },
  { to: '/reps', label: 'Reps', roles: ['hr', 'comp_admin', 'finance'] },
  { to: '/periods', label: 'Periods', roles: ['finance', 'comp_admin'] },
  { to: '/statements', label: 'Statements', roles: ['finance', 'comp_admin'] },
  { to: '/adjustments', label: 'Adjustments', roles: ['comp_admin', 'finance'] },
  { to: '/payroll', label: 'Payroll', roles: ['finance', 'comp_admin'] },
  { to: '/disputes', label: 'Disputes', roles: ['comp_admin', 'manager'] },
  { to: '/accounting', label: 'Accounting', roles: ['finance', 'comp_admin'] },
  { to: '/team', label: 'My team', roles: ['manager'] },
  { to: '/plans', label: 'Plans', roles: ['comp_admin'] },
  { to: '/webhooks', label: 'Webhooks', roles: ['comp_admin'] },
  { to: '/deals/new', label: 'New deal', roles: ['comp_admin', 'manager'] },
  { to: '/me/statements', label: 'My statements', roles: ['rep'] },
  { to: '/me/deals', label: 'My deals', roles: ['rep'] },
  { to: '/me/attainment', label: 'My attainment', roles: ['rep'] },
  { to: '/me/plan', label: 'My plan', roles: ['rep'] },
  { to: '/me/disputes', label: 'My disputes', roles: ['rep'] },
  { to: '/alerts', label: 'Alerts', roles: ['comp_admin', 'deal_desk', 'manager', 'rep'] },
];

export const navFor = (roles: string[]) => NAV.filter((n) => n.roles.some((r) => roles.includes(r)));
export const has = (me: Me | null | undefined, ...roles: Role[]) => !!me && roles.some((r) => me.roles.includes(r));
