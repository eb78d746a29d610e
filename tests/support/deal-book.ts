import { Harness } from './harness';

/**
 * The book the deal e2e files (tests/e2e/deal-*.test.ts) share, and their helpers: plans LC-2027 (from 2027-01-01,
 * commission 0.04) and LC-2028 (from 2028-01-01, commission 0.05) published, and the reps each file names (AE,
 * hired 2027-01-01 on LC-2027). Every test uses its own deals and reps, so the tests do not depend on each other.
 */
export const DEAL_BOOK_ACTORS: Readonly<Record<'admin' | 'manager' | 'desk' | 'finance', string>> = {
  admin: 'admin-1:comp_admin',
  manager: 'mgr-1:manager',
  desk: 'desk-1:deal_desk',
  finance: 'fin-1:finance',
};

/** Plans LC-2027 and LC-2028, published, and `reps` hired on LC-2027. */
export async function seedBook(h: Harness, reps: readonly string[]): Promise<void> {
  const { admin } = DEAL_BOOK_ACTORS;
  await h.ok('POST', '/plans', admin, { id: 'LC-2027', effectiveFrom: '2027-01-01', params: { commissionRate: '0.04' } }, [201]);
  await h.ok('POST', '/plans/LC-2027/publish', admin, undefined, [200]);
  await h.ok('POST', '/plans', admin, { id: 'LC-2028', effectiveFrom: '2028-01-01', params: { commissionRate: '0.05' } }, [201]);
  await h.ok('POST', '/plans/LC-2028/publish', admin, undefined, [200]);
  for (const id of reps) {
    await h.ok('POST', '/reps', admin, { id, name: id, role: 'AE', hireDate: '2027-01-01', quarterlyDraw: '10000.00', planId: 'LC-2027' }, [201]);
  }
}

/** The deal helpers over a harness that is started later (in beforeAll): `get` returns it. */
export function dealKit(get: () => Harness) {
  const { admin, desk } = DEAL_BOOK_ACTORS;

  /** Creates a deal (201) owned and sourced by `fields.owner` (default pin-ae) with a 100% AE split. */
  async function createDeal(id: string, fields: Record<string, unknown> = {}) {
    const owner = (fields.owner as string) ?? 'pin-ae';
    const body = {
      id,
      sponsor: 'Helix Bio',
      program: `${id} Phase II`,
      tcv: '1000000.00',
      dealType: 'NEW_BUSINESS',
      sourcedBy: owner,
      owner,
      sourcedAt: '2027-02-01',
      splits: [{ repId: owner, role: 'AE', share: '1.00' }],
      ...fields,
    };
    const res = await get().http('POST', '/deals', { as: admin, body });
    if (res.status !== 201) throw new Error(`create ${id} → ${res.status} ${JSON.stringify(res.body)}`);
    return { body, deal: res.body };
  }

  const artifact = (dealId: string, as: string, gate: string, documentType: string, effectiveDate: string, documentRef = `${dealId}-${gate}.pdf`) =>
    get().http('POST', `/deals/${dealId}/artifacts`, { as, body: { gate, documentType, documentRef, effectiveDate } });

  async function submit(dealId: string, as: string, gate: string, documentType: string, effectiveDate: string): Promise<string> {
    const res = await artifact(dealId, as, gate, documentType, effectiveDate);
    if (res.status !== 202) throw new Error(`artifact ${dealId} ${gate} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.approvalId;
  }

  async function bonus(dealId: string, as: string, body: Record<string, unknown>): Promise<string> {
    const res = await get().http('POST', `/deals/${dealId}/bonus-events`, { as, body: { evidenceRef: `${dealId}-evidence.pdf`, ...body } });
    if (res.status !== 202) throw new Error(`bonus ${dealId} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.approvalId;
  }

  const approve = (approvalId: string, as: string = desk, body: unknown = {}, headers?: Record<string, string>) =>
    get().http('POST', `/approvals/${approvalId}/approve`, { as, body, headers });

  async function approved(approvalId: string) {
    const res = await approve(approvalId);
    if (res.status !== 200) throw new Error(`approve ${approvalId} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async function retire(dealId: string, as: string, gate: string, documentType: string, effectiveDate: string) {
    return approved(await submit(dealId, as, gate, documentType, effectiveDate));
  }

  async function count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
    const [row] = await get().dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
    return row.n;
  }

  /** Row counts of every table a command writes: equal before and after means nothing was written. */
  async function tableCounts() {
    const tables = ['plans', 'reps', 'deals', 'approvals', 'ledger_entries', 'gate_retirements', 'revenue_entries', 'http_idempotency', 'design_win_totals'];
    return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(t)] as const)));
  }

  async function ledger(dealId: string): Promise<Array<[string, string, string, string]>> {
    const rows = await get().dataSource.query(`SELECT kind, rep_id, reference, amount::text AS amount FROM ledger_entries WHERE deal_id = $1 ORDER BY id`, [dealId]);
    return rows.map((r: any) => [r.kind, r.rep_id, r.reference, r.amount]);
  }

  async function approvalRow(approvalId: string) {
    const [row] = await get().dataSource.query(`SELECT status, decided_by, decision_reason FROM approvals WHERE approval_id = $1`, [approvalId]);
    return row;
  }

  const ok: Harness['ok'] = (...args) => get().ok(...args);

  return { ok, createDeal, artifact, submit, bonus, approve, approved, retire, count, tableCounts, ledger, approvalRow };
}
