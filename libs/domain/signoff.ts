import { Refusal } from './refusal';

/**
 * docs/rules.md "Statement sign-off": a closed period's statement is APPROVED once the rep's manager (skipped when the
 * rep has none) and then finance have signed its hash; neither may be the rep, and one person signs once.
 */
export const SIGNOFF_ROLES = ['manager', 'finance'] as const;
export type SignoffRole = (typeof SIGNOFF_ROLES)[number];

export interface Signoff {
  by: string;
  role: SignoffRole;
  at: string;
}

export type StatementStatus = 'CLOSED' | 'APPROVED' | 'PAID';

/** The status a statement has from its sign-offs and whether a paid batch carries it. */
export function statementStatus(signoffs: Signoff[], paid: boolean): StatementStatus {
  if (paid) return 'PAID';
  return signoffs.some((s) => s.role === 'finance') ? 'APPROVED' : 'CLOSED';
}

export interface SignoffRequest {
  repId: string;
  /** The rep's manager, or null when the rep has none (then finance signs alone). */
  managerId: string | null;
  actorId: string;
  /** The caller is this rep's manager and holds the manager role. */
  actorIsManager: boolean;
  actorIsFinance: boolean;
  signoffs: Signoff[];
}

/** What signing asks for: a new sign-off in `role`, or nothing (the same person already signed in it). */
export type SignoffDecision = { record: SignoffRole } | { already: Signoff } | { refusal: Refusal };

export function decideSignoff(r: SignoffRequest): SignoffDecision {
  if (r.actorId === r.repId) return { refusal: { code: 'SEGREGATION_OF_DUTIES', message: `${r.actorId} may not sign their own statement` } };
  const role: SignoffRole | null = r.actorIsManager ? 'manager' : r.actorIsFinance ? 'finance' : null;
  if (!role) return { refusal: { code: 'FORBIDDEN', message: `only ${r.repId}'s manager or finance signs their statement` } };
  const signed = r.signoffs.find((s) => s.role === role);
  if (signed) {
    if (signed.by === r.actorId) return { already: signed };
    return { refusal: { code: 'SIGNOFF_ALREADY_RECORDED', message: `${signed.by} already signed this statement as ${role} at ${signed.at}` } };
  }
  if (role === 'finance') {
    const manager = r.signoffs.find((s) => s.role === 'manager');
    if (r.managerId !== null && !manager) {
      return { refusal: { code: 'SIGNOFF_OUT_OF_ORDER', message: `the rep's manager ${r.managerId} signs before finance` } };
    }
    if (manager?.by === r.actorId) {
      return { refusal: { code: 'SEGREGATION_OF_DUTIES', message: `${r.actorId} signed as the manager: finance's sign-off must be another person's` } };
    }
  }
  return { record: role };
}

/** Keys whose values are not the statement's content: its state around it, and the read-time line identifier. */
const NOT_CONTENT = new Set(['hash', 'status', 'signoffs', 'onHold']);
const NOT_LINE_CONTENT = new Set(['lineId']);

/**
 * The canonical form a statement's hash is taken over (docs/rules.md "Statement sign-off"): the statement without
 * `hash`, `status`, `signoffs`, `onHold`, and without `lineId` on its lines, as JSON with object keys sorted by UTF-16
 * code unit at every level, arrays in their order, no whitespace, absent fields absent (never null).
 */
export function canonicalStatement(statement: object): string {
  const content = Object.fromEntries(Object.entries(statement).filter(([k]) => !NOT_CONTENT.has(k))) as Record<string, unknown>;
  if (Array.isArray(content.lines)) {
    content.lines = content.lines.map((line: object) => Object.fromEntries(Object.entries(line).filter(([k]) => !NOT_LINE_CONTENT.has(k))));
  }
  return canonicalJson(content);
}

/** JSON with sorted keys and no whitespace; undefined members are dropped like JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
