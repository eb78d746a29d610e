import { Harness } from './harness';

/**
 * The book the security e2e files (tests/e2e/security-*.test.ts) share: plans SP1 (2027) and SP2 (2028), reps
 * sec-ae1 (manager sec-mgr), sec-ae2, sec-dd (a split recipient of SD-1 who also works the deal desk) and sec-fz
 * (departs only if a malformed departure slips through), deals SD-1 (sec-ae1 80% / sec-dd 20%), SD-2 and SD-FZ,
 * period 2027-Q1 closed, and two approvals pending on SD-1: a G1 artifact (submitted by sec-ae1) and a design-in
 * bonus (submitted by sec-sub, who is comp_admin and deal_desk).
 */

export type Role = 'comp_admin' | 'deal_desk' | 'hr' | 'finance' | 'manager' | 'rep';
export const ROLES: Role[] = ['comp_admin', 'deal_desk', 'hr', 'finance', 'manager', 'rep'];

/** The caller each role's matrix token carries: the rep is on SD-1 and sec-mgr manages them, so row rules never interfere. */
export const CALLER: Record<Role, string> = {
  comp_admin: 'm-admin:comp_admin',
  deal_desk: 'm-desk:deal_desk',
  hr: 'm-hr:hr',
  finance: 'm-fin:finance',
  manager: 'sec-mgr:manager',
  rep: 'sec-ae1:rep',
};

export interface SecurityIds {
  planId: string;
  repId: string;
  departingRepId: string;
  managerId: string;
  dealId: string;
  closedPeriod: string;
  openPeriod: string;
  /** The pending G1 artifact of SD-1, submitted by sec-ae1. */
  approvalId: string;
  /** The pending design-in bonus of SD-1, submitted by sec-sub. */
  approvalId2: string;
}

/** The tables any command writes; equal counts before and after mean nothing was written. */
export const SECURITY_TABLES = [
  'plans', 'reps', 'deals', 'approvals', 'ledger_entries', 'gate_retirements',
  'revenue_entries', 'periods', 'statements', 'http_idempotency', 'design_win_totals', 'adjustments',
  'statement_signoffs', 'payroll_batches', 'payroll_batch_payments',
];

export async function rowCounts(h: Harness): Promise<Record<string, number>> {
  const [row] = await h.dataSource.query(`SELECT ${SECURITY_TABLES.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}`);
  return row as Record<string, number>;
}

/** Loads the book (see above) and answers the concrete ids the suites use for path parameters. */
export async function seedSecurityBook(h: Harness): Promise<SecurityIds> {
  const ok = (method: string, path: string, as: string, body?: unknown) => h.ok(method, path, as, body, [200, 201, 202]);
  const admin = 'setup-admin:comp_admin';
  await ok('POST', '/plans', admin, { id: 'SP1', effectiveFrom: '2027-01-01', params: {} });
  await ok('POST', '/plans/SP1/publish', admin);
  await ok('POST', '/plans', admin, { id: 'SP2', effectiveFrom: '2028-01-01', params: {} });
  await ok('POST', '/plans/SP2/publish', admin);
  const rep = (id: string, managerId: string) =>
    ok('POST', '/reps', admin, { id, name: `Rep ${id}`, role: 'AE', hireDate: '2027-01-01', quarterlyDraw: '30000.00', planId: 'SP1', managerId });
  await rep('sec-ae1', 'sec-mgr');
  await rep('sec-ae2', 'sec-mgr2');
  await rep('sec-dd', 'sec-mgr2'); // also works the deal desk: a split recipient who must not decide
  await rep('sec-fz', 'sec-mgr2'); // departs only if a malformed departure slips through
  const deal = (id: string, owner: string, splits: unknown[]) =>
    ok('POST', '/deals', admin, { id, sponsor: 'Sponsor', program: id, tcv: '2000000.00', dealType: 'NEW_BUSINESS', sourcedBy: owner, owner, sourcedAt: '2027-02-01', splits });
  await deal('SD-1', 'sec-ae1', [
    { repId: 'sec-ae1', role: 'AE', share: '0.80' },
    { repId: 'sec-dd', role: 'SCIENTIFIC_LIAISON', share: '0.20' },
  ]);
  await deal('SD-2', 'sec-ae2', [{ repId: 'sec-ae2', role: 'AE', share: '1.00' }]);
  await deal('SD-FZ', 'sec-fz', [{ repId: 'sec-fz', role: 'AE', share: '1.00' }]);
  await ok('POST', '/periods/2027-Q1/close', 'setup-fin:finance', {});
  const a1 = await ok('POST', '/deals/SD-1/artifacts', 'sec-ae1:rep', { gate: 'G1', documentType: 'AWARD_LETTER', documentRef: 'award.pdf', effectiveDate: '2027-05-10' });
  const a2 = await ok('POST', '/deals/SD-1/bonus-events', 'sec-sub:comp_admin,deal_desk', { type: 'PROTOCOL_DESIGN_IN', evidenceRef: 'protocol.pdf', effectiveDate: '2027-05-20' });
  return {
    planId: 'SP1',
    repId: 'sec-ae1',
    departingRepId: 'sec-fz',
    managerId: 'sec-mgr',
    dealId: 'SD-1',
    closedPeriod: '2027-Q1',
    openPeriod: '2027-Q2',
    approvalId: a1.approvalId,
    approvalId2: a2.approvalId,
  };
}
