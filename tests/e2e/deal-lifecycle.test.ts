import jwt from 'jsonwebtoken';
import { TemporalGateway } from '../../apps/api/modules/temporal.gateway';
import { approveUpdate, dealSnapshotQuery, dealWorkflowId, submitBonusEventUpdate } from '../../libs/contracts';
import { dealView } from '../../apps/api/modules/deal-view';
import { saveReplayFixture } from '../support/fixtures';
import { Harness, HttpResult, startHarness } from '../support/harness';

/**
 * Issue 3: the deal lifecycle of RULES.md "Deals and gates", end to end over HTTP against the real dev server and
 * PostgreSQL. Plans LC-2027 (from 2027-01-01, commission 0.04) and LC-2028 (from 2028-01-01, commission 0.05) are
 * published up front; every test uses its own deals and reps so the tests do not depend on each other.
 */
describe('deal lifecycle (issue 3)', () => {
  let h: Harness;
  const admin = 'admin-1:comp_admin';
  const manager = 'mgr-1:manager';
  const desk = 'desk-1:deal_desk';
  const finance = 'fin-1:finance';

  const REPS = [
    'pin-ae', 'sod-src', 'sod-own', 'sod-split', 'ord-ae', 'idem-ae', 'idem-sl', 'sp-ae', 'sp-sl', 'sp-bdr', 'sp-am',
    'bn-ae', 'bn-sl', 'ds-ae', 'kl-ae', 'ls-a', 'ls-b', 'hi-ae', 'bad-ae', 'long-ae',
  ];

  beforeAll(async () => {
    h = await startHarness(__filename);
    await ok('POST', '/plans', admin, { id: 'LC-2027', effectiveFrom: '2027-01-01', params: { commissionRate: '0.04' } }, [201]);
    await ok('POST', '/plans/LC-2027/publish', admin, undefined, [200]);
    await ok('POST', '/plans', admin, { id: 'LC-2028', effectiveFrom: '2028-01-01', params: { commissionRate: '0.05' } }, [201]);
    await ok('POST', '/plans/LC-2028/publish', admin, undefined, [200]);
    for (const id of REPS) {
      await ok('POST', '/reps', admin, { id, name: id, role: 'AE', hireDate: '2027-01-01', quarterlyDraw: '10000.00', planId: 'LC-2027' }, [201]);
    }
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  // ---------------------------------------------------------------------------------------------------------------
  // helpers

  const ok: Harness['ok'] = (...args) => h.ok(...args);

  function expectProblem(res: HttpResult, status: number, code: string) {
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String), code });
  }

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
    const res = await h.http('POST', '/deals', { as: admin, body });
    if (res.status !== 201) throw new Error(`create ${id} → ${res.status} ${JSON.stringify(res.body)}`);
    return { body, deal: res.body };
  }

  const artifact = (dealId: string, as: string, gate: string, documentType: string, effectiveDate: string, documentRef = `${dealId}-${gate}.pdf`) =>
    h.http('POST', `/deals/${dealId}/artifacts`, { as, body: { gate, documentType, documentRef, effectiveDate } });

  async function submit(dealId: string, as: string, gate: string, documentType: string, effectiveDate: string): Promise<string> {
    const res = await artifact(dealId, as, gate, documentType, effectiveDate);
    if (res.status !== 202) throw new Error(`artifact ${dealId} ${gate} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.approvalId;
  }

  async function bonus(dealId: string, as: string, body: Record<string, unknown>): Promise<string> {
    const res = await h.http('POST', `/deals/${dealId}/bonus-events`, { as, body: { evidenceRef: `${dealId}-evidence.pdf`, ...body } });
    if (res.status !== 202) throw new Error(`bonus ${dealId} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.approvalId;
  }

  const approve = (approvalId: string, as = desk, body: unknown = {}, headers?: Record<string, string>) =>
    h.http('POST', `/approvals/${approvalId}/approve`, { as, body, headers });

  async function approved(approvalId: string) {
    const res = await approve(approvalId);
    if (res.status !== 200) throw new Error(`approve ${approvalId} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async function retire(dealId: string, as: string, gate: string, documentType: string, effectiveDate: string) {
    return approved(await submit(dealId, as, gate, documentType, effectiveDate));
  }

  async function count(table: string, where = 'true', params: unknown[] = []): Promise<number> {
    const [row] = await h.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params);
    return row.n;
  }

  async function tableCounts() {
    const tables = ['plans', 'reps', 'deals', 'approvals', 'ledger_entries', 'gate_retirements', 'revenue_entries', 'http_idempotency', 'design_win_totals'];
    return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(t)] as const)));
  }

  async function ledger(dealId: string): Promise<Array<[string, string, string, string]>> {
    const rows = await h.dataSource.query(
      `SELECT kind, rep_id, reference, amount::text AS amount FROM ledger_entries WHERE deal_id = $1 ORDER BY id`,
      [dealId],
    );
    return rows.map((r: any) => [r.kind, r.rep_id, r.reference, r.amount]);
  }

  async function approvalRow(approvalId: string) {
    const [row] = await h.dataSource.query(`SELECT status, decided_by, decision_reason FROM approvals WHERE approval_id = $1`, [approvalId]);
    return row;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // plans

  it('plans: params {} take the reference defaults (201); same id and body again is 200; a change after publish is 409 PLAN_PUBLISHED', async () => {
    const created = await h.http('POST', '/plans', { as: admin, body: { id: 'LC-DEFAULTS', effectiveFrom: '2035-01-01', params: {} } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'LC-DEFAULTS', effectiveFrom: '2035-01-01', status: 'DRAFT', publishedAt: null });
    const p = created.body.params;
    expect(p.gates.map((g: any) => [g.key, g.name, g.weight, g.artifactTypes])).toEqual([
      ['G1', 'VERBAL_AWARD', '0.20', ['AWARD_LETTER', 'LOI']],
      ['G2', 'EXECUTED_CONTRACT', '0.30', ['SIGNED_WORK_ORDER']],
      ['G3', 'STUDY_STARTUP', '0.25', ['IRB_APPROVAL_LETTER', 'SYSTEM_GO_LIVE_RECORD']],
      ['G4', 'FIRST_PATIENT_IN', '0.15', ['FIRST_PATIENT_IN_CONFIRMATION']],
      ['G5', 'MID_EXECUTION', '0.10', ['ENROLLMENT_REPORT', 'DATABASE_LOCK_RECORD']],
    ]);
    expect(p).toMatchObject({
      commissionRate: '0.04',
      bonuses: { PROTOCOL_DESIGN_IN: '50000.00', IRB_APPROVAL: '40000.00', SITE_ACTIVATION: '25000.00', PATIENT_ENROLLMENT: '2000.00', ACCOUNT_EXPANSION: '100000.00' },
      designWinAnnualCap: '300000.00',
      draw: { rampQuarters: 4, capQuarters: 2, exitTreatment: 'RECOVER_FROM_TRAILING' },
      retention: { years: [{ year: 2, amount: '100000.00' }, { year: 3, amount: '150000.00' }], gatesTarget: 2 },
      trailing: { rate: '0.02', shares: ['1.00', '0.75', '0.50', '0.25'] },
      quota: { newBusiness: '4000000.00', expansion: '2000000.00' },
      forecast: { gateProbability: { G1: '0.35', G2: '0.85', G3: '0.90', G4: '0.90', G5: '0.95' }, monthsFromPrevious: { G1: 6, G2: 6, G3: 7, G4: 3, G5: 10 } },
    });

    const again = await h.http('POST', '/plans', { as: admin, body: { id: 'LC-DEFAULTS', effectiveFrom: '2035-01-01', params: {} } });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(created.body);

    // a draft with another body is a plain conflict
    expectProblem(await h.http('POST', '/plans', { as: admin, body: { id: 'LC-DEFAULTS', effectiveFrom: '2035-01-01', params: { commissionRate: '0.05' } } }), 409, 'CONFLICT');

    const published = await h.http('POST', '/plans/LC-DEFAULTS/publish', { as: admin });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ id: 'LC-DEFAULTS', status: 'PUBLISHED', publishedAt: expect.any(String) });
    expect((await h.http('POST', '/plans', { as: admin, body: { id: 'LC-DEFAULTS', effectiveFrom: '2035-01-01', params: {} } })).status).toBe(200);

    const before = await tableCounts();
    expectProblem(await h.http('POST', '/plans', { as: admin, body: { id: 'LC-DEFAULTS', effectiveFrom: '2035-01-01', params: { commissionRate: '0.05' } } }), 409, 'PLAN_PUBLISHED');
    expectProblem(await h.http('POST', '/plans', { as: admin, body: { id: 'LC-DEFAULTS', effectiveFrom: '2036-01-01', params: {} } }), 409, 'PLAN_PUBLISHED');
    expect(await tableCounts()).toEqual(before);
    const stored = await ok('GET', '/plans/LC-DEFAULTS', admin);
    expect(stored.params.commissionRate).toBe('0.04');
    expect(stored.effectiveFrom).toBe('2035-01-01');
    // publishing again changes nothing
    expect(await ok('POST', '/plans/LC-DEFAULTS/publish', admin, undefined, [200])).toEqual(stored);
  });

  it('plans: invalid params are 400 VALIDATION_FAILED with errors, and nothing is written', async () => {
    const before = await tableCounts();
    const weights = await h.http('POST', '/plans', {
      as: admin,
      body: {
        id: 'LC-BAD-1',
        effectiveFrom: '2035-01-01',
        params: {
          gates: [
            { key: 'G1', name: 'VERBAL_AWARD', weight: '0.50', artifactTypes: ['AWARD_LETTER'] },
            { key: 'G2', name: 'EXECUTED_CONTRACT', weight: '0.40', artifactTypes: ['SIGNED_WORK_ORDER'] },
          ],
          forecast: { gateProbability: { G1: '0.35', G2: '0.85' }, monthsFromPrevious: { G1: 6, G2: 6 } },
        },
      },
    });
    expectProblem(weights, 400, 'VALIDATION_FAILED');
    expect(weights.body.errors).toEqual([{ path: 'params.gates', message: 'gates: weights must sum to exactly 1 (they sum to 0.9)' }]);

    const number = await h.http('POST', '/plans', { as: admin, body: { id: 'LC-BAD-2', effectiveFrom: '2035-01-01', params: { commissionRate: 0.04 } } });
    expectProblem(number, 400, 'VALIDATION_FAILED');
    expect(number.body.errors).toEqual([expect.objectContaining({ path: 'params.commissionRate' })]);

    const moneyNumber = await h.http('POST', '/plans', { as: admin, body: { id: 'LC-BAD-3', effectiveFrom: '2035-01-01', params: { designWinAnnualCap: 300000 } } });
    expectProblem(moneyNumber, 400, 'VALIDATION_FAILED');
    expect(moneyNumber.body.errors).toEqual([expect.objectContaining({ path: 'params.designWinAnnualCap' })]);

    const unknown = await h.http('POST', '/plans', { as: admin, body: { id: 'LC-BAD-4', effectiveFrom: '2035-01-01', params: { commissionRate: '0.04', clawback: true } } });
    expectProblem(unknown, 400, 'VALIDATION_FAILED');
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'params', message: expect.stringContaining('clawback') })]);

    const forbidden = await h.http('POST', '/plans', { as: manager, body: { id: 'LC-BAD-5', effectiveFrom: '2035-01-01', params: {} } });
    expectProblem(forbidden, 403, 'FORBIDDEN');

    expect(await tableCounts()).toEqual(before);
    for (const id of ['LC-BAD-1', 'LC-BAD-2', 'LC-BAD-3', 'LC-BAD-4', 'LC-BAD-5']) expectProblem(await h.http('GET', `/plans/${id}`, { as: admin }), 404, 'NOT_FOUND');
  });

  it('plans: a deal is pinned to the plan in force on sourcedAt and keeps its rate whatever is published later', async () => {
    const a = await createDeal('LC-PIN-A', { owner: 'pin-ae', sourcedAt: '2027-06-01', tcv: '1000000.00' });
    const b = await createDeal('LC-PIN-B', { owner: 'pin-ae', sourcedAt: '2028-02-01', tcv: '1000000.00' });
    expect(a.deal.planId).toBe('LC-2027');
    expect(b.deal.planId).toBe('LC-2028');
    expect((await ok('GET', '/deals/LC-PIN-A', admin)).planId).toBe('LC-2027');

    // G1 of the 2027 deal is approved in 2028, when LC-2028 is in force: still LC-2027's 0.04
    const g1a = await retire('LC-PIN-A', 'pin-ae:rep', 'G1', 'LOI', '2028-03-01');
    expect(g1a).toMatchObject({ status: 'APPROVED', gate: 'G1', period: '2028-Q1', dealCredit: '200000.00' });
    expect(g1a.gatePostings).toEqual([{ repId: 'pin-ae', role: 'AE', share: '1.00', credit: '200000.00', commission: '8000.00' }]);
    const g1b = await retire('LC-PIN-B', 'pin-ae:rep', 'G1', 'AWARD_LETTER', '2028-03-01');
    expect(g1b.gatePostings).toEqual([{ repId: 'pin-ae', role: 'AE', share: '1.00', credit: '200000.00', commission: '10000.00' }]);

    expect(await ledger('LC-PIN-A')).toEqual([
      ['QUOTA_CREDIT', 'pin-ae', 'G1', '200000.00'],
      ['GATE_COMMISSION', 'pin-ae', 'G1', '8000.00'],
    ]);
    expect(await ledger('LC-PIN-B')).toEqual([
      ['QUOTA_CREDIT', 'pin-ae', 'G1', '200000.00'],
      ['GATE_COMMISSION', 'pin-ae', 'G1', '10000.00'],
    ]);
    const list = await ok('GET', '/deals?owner=pin-ae', admin);
    expect(list.map((d: any) => [d.id, d.planId])).toEqual([
      ['LC-PIN-A', 'LC-2027'],
      ['LC-PIN-B', 'LC-2028'],
    ]);
  });

  // ---------------------------------------------------------------------------------------------------------------
  // segregation of duties

  it('segregation of duties: the submitter, sourcedBy, owner and split recipients may not decide; deal_desk is required', async () => {
    await createDeal('LC-SOD', {
      sourcedBy: 'sod-src',
      owner: 'sod-own',
      splits: [
        { repId: 'sod-own', role: 'AE', share: '0.70' },
        { repId: 'sod-split', role: 'SCIENTIFIC_LIAISON', share: '0.30' },
      ],
    });
    const approvalId = await submit('LC-SOD', 'sod-mgr:manager,deal_desk', 'G1', 'AWARD_LETTER', '2027-05-01');
    const before = await tableCounts();

    const refusals: Array<[string, string, RegExp]> = [
      ['sod-mgr:manager,deal_desk', 'SEGREGATION_OF_DUTIES', /submitted/],
      ['sod-src:rep,deal_desk', 'SEGREGATION_OF_DUTIES', /sourced/],
      ['sod-own:rep,deal_desk', 'SEGREGATION_OF_DUTIES', /owns/],
      ['sod-split:rep,deal_desk', 'SEGREGATION_OF_DUTIES', /credit-split recipient/],
    ];
    for (const [as, code, detail] of refusals) {
      const res = await approve(approvalId, as, { note: 'looks fine to me' });
      expectProblem(res, 403, code);
      expect(res.body.detail).toMatch(detail);
      expectProblem(await h.http('POST', `/approvals/${approvalId}/reject`, { as, body: { reason: 'no' } }), 403, code);
    }
    for (const as of ['desk-2:rep', 'desk-3:manager,comp_admin,finance']) {
      expectProblem(await approve(approvalId, as), 403, 'FORBIDDEN');
      expectProblem(await h.http('POST', `/approvals/${approvalId}/reject`, { as, body: { reason: 'no' } }), 403, 'FORBIDDEN');
    }
    expect(await tableCounts()).toEqual(before);
    expect(await approvalRow(approvalId)).toEqual({ status: 'PENDING', decided_by: null, decision_reason: null });
    expect(await ledger('LC-SOD')).toEqual([]);
    expect((await ok('GET', '/deals/LC-SOD', admin)).gates[0]).toMatchObject({ key: 'G1', status: 'PENDING' });

    const res = await approve(approvalId, 'desk-9:deal_desk', { note: 'award letter checked' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ approvalId, dealId: 'LC-SOD', status: 'APPROVED', kind: 'GATE', gate: 'G1', period: '2027-Q2', decidedBy: 'desk-9', dealCredit: '200000.00' });
    expect(res.body.gatePostings).toEqual([
      { repId: 'sod-own', role: 'AE', share: '0.70', credit: '140000.00', commission: '5600.00' },
      { repId: 'sod-split', role: 'SCIENTIFIC_LIAISON', share: '0.30', credit: '60000.00', commission: '2400.00' },
    ]);
    expect(await ledger('LC-SOD')).toEqual([
      ['QUOTA_CREDIT', 'sod-own', 'G1', '140000.00'],
      ['GATE_COMMISSION', 'sod-own', 'G1', '5600.00'],
      ['QUOTA_CREDIT', 'sod-split', 'G1', '60000.00'],
      ['GATE_COMMISSION', 'sod-split', 'G1', '2400.00'],
    ]);
    expect(await approvalRow(approvalId)).toEqual({ status: 'APPROVED', decided_by: 'desk-9', decision_reason: 'award letter checked' });
  });

  // ---------------------------------------------------------------------------------------------------------------
  // gates in order

  it('gates retire in order: out of order 409, a second pending artifact 409, a wrong document 422, a rejected artifact may be resubmitted', async () => {
    await createDeal('LC-ORDER', { owner: 'ord-ae' });
    const rep = 'ord-ae:rep';
    let before = await tableCounts();
    expectProblem(await artifact('LC-ORDER', rep, 'G2', 'SIGNED_WORK_ORDER', '2027-04-01'), 409, 'GATE_OUT_OF_ORDER');
    expectProblem(await artifact('LC-ORDER', rep, 'G1', 'SIGNED_WORK_ORDER', '2027-04-01'), 422, 'ARTIFACT_TYPE_NOT_ALLOWED');
    expectProblem(await artifact('LC-ORDER', rep, 'G9', 'LOI', '2027-04-01'), 422, 'UNKNOWN_GATE');
    expectProblem(await artifact('LC-ORDER', rep, 'G1', 'LOI', '2027-01-15'), 400, 'VALIDATION_FAILED'); // before sourcedAt
    expectProblem(await artifact('LC-ORDER', 'ls-a:rep', 'G1', 'LOI', '2027-04-01'), 404, 'NOT_FOUND'); // not on the deal
    expect(await tableCounts()).toEqual(before);

    const first = await submit('LC-ORDER', rep, 'G1', 'LOI', '2027-04-01');
    expect(first).toBe('LC-ORDER-A1');
    before = await tableCounts();
    expectProblem(await artifact('LC-ORDER', rep, 'G1', 'AWARD_LETTER', '2027-04-02'), 409, 'ARTIFACT_PENDING');
    expectProblem(await artifact('LC-ORDER', rep, 'G2', 'SIGNED_WORK_ORDER', '2027-04-02'), 409, 'GATE_OUT_OF_ORDER');
    expect(await tableCounts()).toEqual(before);

    const rejected = await h.http('POST', `/approvals/${first}/reject`, { as: desk, body: { reason: 'LOI is unsigned' } });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ approvalId: first, status: 'REJECTED', kind: 'GATE', gate: 'G1', decidedBy: 'desk-1', reason: 'LOI is unsigned' });
    expect(await approvalRow(first)).toEqual({ status: 'REJECTED', decided_by: 'desk-1', decision_reason: 'LOI is unsigned' });
    expect((await ok('GET', '/deals/LC-ORDER', rep)).gates[0]).toMatchObject({ key: 'G1', status: 'OPEN' });
    expectProblem(await approve(first), 409, 'APPROVAL_NOT_PENDING');

    const second = await submit('LC-ORDER', rep, 'G1', 'AWARD_LETTER', '2027-04-10');
    expect(second).toBe('LC-ORDER-A2');
    const g1 = await approved(second);
    expect(g1.gatePostings).toEqual([{ repId: 'ord-ae', role: 'AE', share: '1.00', credit: '200000.00', commission: '8000.00' }]);
    expectProblem(await artifact('LC-ORDER', rep, 'G1', 'LOI', '2027-05-01'), 409, 'GATE_ALREADY_RETIRED');
    expectProblem(await artifact('LC-ORDER', rep, 'G3', 'IRB_APPROVAL_LETTER', '2027-05-01'), 409, 'GATE_OUT_OF_ORDER');
    const g2 = await retire('LC-ORDER', rep, 'G2', 'SIGNED_WORK_ORDER', '2027-05-01');
    expect(g2.gatePostings[0]).toMatchObject({ credit: '300000.00', commission: '12000.00' });

    const deal = await ok('GET', '/deals/LC-ORDER', rep);
    expect(deal.gates.map((g: any) => [g.key, g.status, g.retiredAt ?? null, g.credit ?? null])).toEqual([
      ['G1', 'RETIRED', '2027-04-10', '200000.00'],
      ['G2', 'RETIRED', '2027-05-01', '300000.00'],
      ['G3', 'OPEN', null, null],
      ['G4', 'OPEN', null, null],
      ['G5', 'OPEN', null, null],
    ]);
    expect(deal.creditRetired).toBe('500000.00');
    expect(await count('ledger_entries', 'deal_id = $1', ['LC-ORDER'])).toBe(4);
  });

  // ---------------------------------------------------------------------------------------------------------------
  // idempotency

  it('idempotency: a repeated approval with the same key is replayed and posts once; another body is 409; POST /deals is 200/409', async () => {
    const { body: dealBody } = await createDeal('LC-IDEM', {
      owner: 'idem-ae',
      splits: [
        { repId: 'idem-ae', role: 'AE', share: '0.50' },
        { repId: 'idem-sl', role: 'SCIENTIFIC_LIAISON', share: '0.50' },
      ],
    });
    const again = await h.http('POST', '/deals', { as: admin, body: dealBody });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: 'LC-IDEM', planId: 'LC-2027', status: 'ACTIVE', tcv: '1000000.00' });
    const before = await tableCounts();
    expectProblem(await h.http('POST', '/deals', { as: admin, body: { ...dealBody, tcv: '2000000.00' } }), 409, 'CONFLICT');
    expect(await tableCounts()).toEqual(before);

    const submitKey = { 'idempotency-key': 'idem-submit-1' };
    const artifactBody = { gate: 'G1', documentType: 'LOI', documentRef: 'loi.pdf', effectiveDate: '2027-03-01' };
    const s1 = await h.http('POST', '/deals/LC-IDEM/artifacts', { as: 'idem-ae:rep', body: artifactBody, headers: submitKey });
    const s2 = await h.http('POST', '/deals/LC-IDEM/artifacts', { as: 'idem-ae:rep', body: artifactBody, headers: submitKey });
    expect([s1.status, s2.status]).toEqual([202, 202]);
    expect(s2.body).toEqual(s1.body);
    expect(s2.headers.get('idempotent-replayed')).toBe('true');
    expect(await count('approvals', 'deal_id = $1', ['LC-IDEM'])).toBe(1);

    const key = { 'idempotency-key': 'idem-approve-1' };
    const a1 = await approve(s1.body.approvalId, desk, { note: 'ok' }, key);
    const a2 = await approve(s1.body.approvalId, desk, { note: 'ok' }, key);
    expect([a1.status, a2.status]).toEqual([200, 200]);
    expect(a1.headers.get('idempotent-replayed')).toBeNull();
    expect(a2.headers.get('idempotent-replayed')).toBe('true');
    expect(a2.body).toEqual(a1.body);
    expect(a1.body.gatePostings).toEqual([
      { repId: 'idem-ae', role: 'AE', share: '0.50', credit: '100000.00', commission: '4000.00' },
      { repId: 'idem-sl', role: 'SCIENTIFIC_LIAISON', share: '0.50', credit: '100000.00', commission: '4000.00' },
    ]);

    const afterApproval = await tableCounts();
    expectProblem(await approve(s1.body.approvalId, desk, { note: 'changed my mind' }, key), 409, 'CONFLICT');
    expectProblem(await approve(s1.body.approvalId, desk, { note: 'ok' }, { 'idempotency-key': 'idem-approve-2' }), 409, 'APPROVAL_NOT_PENDING');
    expectProblem(await approve(s1.body.approvalId, 'desk-2:deal_desk', { note: 'ok' }), 409, 'APPROVAL_NOT_PENDING');
    expect(await tableCounts()).toEqual(afterApproval);

    const rows = await h.dataSource.query(
      `SELECT kind, rep_id, count(*)::int AS n, sum(amount)::text AS total FROM ledger_entries WHERE deal_id = 'LC-IDEM' GROUP BY kind, rep_id ORDER BY kind, rep_id`,
    );
    expect(rows).toEqual([
      { kind: 'GATE_COMMISSION', rep_id: 'idem-ae', n: 1, total: '4000.00' },
      { kind: 'GATE_COMMISSION', rep_id: 'idem-sl', n: 1, total: '4000.00' },
      { kind: 'QUOTA_CREDIT', rep_id: 'idem-ae', n: 1, total: '100000.00' },
      { kind: 'QUOTA_CREDIT', rep_id: 'idem-sl', n: 1, total: '100000.00' },
    ]);
    expect(await count('gate_retirements', `deal_id = 'LC-IDEM'`)).toBe(1);

    // a replayed create answers with the deal as it is now, not as it was created
    const replayed = await h.http('POST', '/deals', { as: admin, body: dealBody });
    expect(replayed.status).toBe(200);
    expect(replayed.body).toMatchObject({ id: 'LC-IDEM', creditRetired: '200000.00' });
  });

  // ---------------------------------------------------------------------------------------------------------------
  // splits

  it('splits: per-gate eligibility, each recipient credited weight × tcv × share and paid × rate, each rounded once (half-even)', async () => {
    const splits = [
      { repId: 'sp-ae', role: 'AE', share: '0.50' },
      { repId: 'sp-sl', role: 'SCIENTIFIC_LIAISON', share: '0.30' },
      { repId: 'sp-bdr', role: 'BDR', share: '0.20', gates: ['G1'] },
      { repId: 'sp-am', role: 'ACCOUNT_MANAGER', share: '0.20', gates: ['G2', 'G3', 'G4', 'G5'] },
    ];
    const { deal } = await createDeal('LC-SPLIT', { tcv: '1000001.25', sourcedBy: 'sp-bdr', owner: 'sp-ae', splits });
    expect(deal.splits).toEqual(splits);

    // G1: 0.20 × 1000001.25 = 200000.25; AE 100000.125 → .12 and 4000.005 → 4000.00 (half-even, rounded once)
    const g1 = await retire('LC-SPLIT', 'sp-ae:rep', 'G1', 'AWARD_LETTER', '2027-04-01');
    expect(g1.dealCredit).toBe('200000.25');
    expect(g1.gatePostings).toEqual([
      { repId: 'sp-ae', role: 'AE', share: '0.50', credit: '100000.12', commission: '4000.00' },
      { repId: 'sp-sl', role: 'SCIENTIFIC_LIAISON', share: '0.30', credit: '60000.08', commission: '2400.00' },
      { repId: 'sp-bdr', role: 'BDR', share: '0.20', credit: '40000.05', commission: '1600.00' },
    ]);
    // G2: 0.30 × 1000001.25 = 300000.375 → .38; the BDR is not eligible, the account manager is
    const g2 = await retire('LC-SPLIT', 'sp-sl:rep', 'G2', 'SIGNED_WORK_ORDER', '2027-07-01');
    expect(g2.dealCredit).toBe('300000.38');
    expect(g2.gatePostings).toEqual([
      { repId: 'sp-ae', role: 'AE', share: '0.50', credit: '150000.19', commission: '6000.01' },
      { repId: 'sp-sl', role: 'SCIENTIFIC_LIAISON', share: '0.30', credit: '90000.11', commission: '3600.00' },
      { repId: 'sp-am', role: 'ACCOUNT_MANAGER', share: '0.20', credit: '60000.08', commission: '2400.00' },
    ]);
    const totals = await h.dataSource.query(
      `SELECT rep_id, kind, sum(amount)::text AS total FROM ledger_entries WHERE deal_id = 'LC-SPLIT' GROUP BY rep_id, kind ORDER BY rep_id, kind`,
    );
    expect(totals).toEqual([
      { rep_id: 'sp-ae', kind: 'GATE_COMMISSION', total: '10000.01' },
      { rep_id: 'sp-ae', kind: 'QUOTA_CREDIT', total: '250000.31' },
      { rep_id: 'sp-am', kind: 'GATE_COMMISSION', total: '2400.00' },
      { rep_id: 'sp-am', kind: 'QUOTA_CREDIT', total: '60000.08' },
      { rep_id: 'sp-bdr', kind: 'GATE_COMMISSION', total: '1600.00' },
      { rep_id: 'sp-bdr', kind: 'QUOTA_CREDIT', total: '40000.05' },
      { rep_id: 'sp-sl', kind: 'GATE_COMMISSION', total: '6000.00' },
      { rep_id: 'sp-sl', kind: 'QUOTA_CREDIT', total: '150000.19' },
    ]);
    expect((await ok('GET', '/deals/LC-SPLIT', admin)).creditRetired).toBe('500000.63');
    // the period of each posting is that of the artifact's effectiveDate
    expect(await h.dataSource.query(`SELECT DISTINCT reference, period FROM ledger_entries WHERE deal_id = 'LC-SPLIT' ORDER BY reference`)).toEqual([
      { reference: 'G1', period: '2027-Q2' },
      { reference: 'G2', period: '2027-Q3' },
    ]);
  });

  it('splits: a split set whose eligible shares do not sum to 1 for some gate is 400 VALIDATION_FAILED naming the gate; nothing is written', async () => {
    const before = await tableCounts();
    const res = await h.http('POST', '/deals', {
      as: admin,
      body: {
        id: 'LC-SPLIT-BAD', sponsor: 'Helix Bio', program: 'bad', tcv: '1000000.00', dealType: 'NEW_BUSINESS', sourcedBy: 'sp-ae', owner: 'sp-ae', sourcedAt: '2027-02-01',
        splits: [
          { repId: 'sp-ae', role: 'AE', share: '0.60' },
          { repId: 'sp-sl', role: 'SCIENTIFIC_LIAISON', share: '0.40' },
          { repId: 'sp-bdr', role: 'BDR', share: '0.50', gates: ['G1'] },
        ],
      },
    });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ path: 'splits', message: 'splits: shares eligible for G1 sum to 1.5, not 1' }]);

    const dup = await h.http('POST', '/deals', {
      as: admin,
      body: {
        id: 'LC-SPLIT-BAD', sponsor: 'Helix Bio', program: 'bad', tcv: '1000000.00', dealType: 'NEW_BUSINESS', sourcedBy: 'sp-ae', owner: 'sp-ae', sourcedAt: '2027-02-01',
        splits: [
          { repId: 'sp-ae', role: 'AE', share: '0.60' },
          { repId: 'sp-sl', role: 'SCIENTIFIC_LIAISON', share: '0.30', gates: ['G2', 'G7'] },
        ],
      },
    });
    expectProblem(dup, 400, 'VALIDATION_FAILED');
    expect(dup.body.errors.map((e: any) => e.message)).toEqual([
      'splits[1].gates: unknown gate G7',
      'splits: shares eligible for G1 sum to 0.6, not 1',
      'splits: shares eligible for G2 sum to 0.9, not 1',
      'splits: shares eligible for G3 sum to 0.6, not 1',
      'splits: shares eligible for G4 sum to 0.6, not 1',
      'splits: shares eligible for G5 sum to 0.6, not 1',
    ]);
    const unknownRep = await h.http('POST', '/deals', {
      as: admin,
      body: {
        id: 'LC-SPLIT-BAD', sponsor: 'Helix Bio', program: 'bad', tcv: '1000000.00', dealType: 'NEW_BUSINESS', sourcedBy: 'sp-ae', owner: 'sp-ae', sourcedAt: '2027-02-01',
        splits: [{ repId: 'nobody', role: 'AE', share: '1.00' }],
      },
    });
    expectProblem(unknownRep, 422, 'UNKNOWN_REP');
    expect(await tableCounts()).toEqual(before);
    expectProblem(await h.http('GET', '/deals/LC-SPLIT-BAD', { as: admin }), 404, 'NOT_FOUND');
  });

  // ---------------------------------------------------------------------------------------------------------------
  // design-win bonuses

  it('design-win bonuses: unit × quantity, shares to named recipients, the annual cap records the excess as capped, a new year resets', async () => {
    await createDeal('LC-BONUS', {
      owner: 'bn-ae',
      splits: [
        { repId: 'bn-ae', role: 'AE', share: '0.60' },
        { repId: 'bn-sl', role: 'SCIENTIFIC_LIAISON', share: '0.40' },
      ],
    });
    const rep = 'bn-ae:rep';

    const sites = await bonus('LC-BONUS', rep, { type: 'SITE_ACTIVATION', quantity: 3, effectiveDate: '2027-03-10' });
    const queue = await ok('GET', '/approvals?status=PENDING&dealId=LC-BONUS', desk);
    expect(queue).toEqual([
      expect.objectContaining({ approvalId: sites, dealId: 'LC-BONUS', kind: 'BONUS', type: 'SITE_ACTIVATION', quantity: 3, documentType: 'SITE_ACTIVATION', submittedBy: 'bn-ae', amountIfApproved: '75000.00' }),
    ]);
    const s = await approved(sites);
    expect(s).toMatchObject({ status: 'APPROVED', kind: 'BONUS', type: 'SITE_ACTIVATION', period: '2027-Q1' });
    expect(s.bonusPostings).toEqual([{ repId: 'bn-ae', amount: '75000.00', paid: '75000.00', capped: '0.00' }]);

    const irb = await approved(await bonus('LC-BONUS', rep, { type: 'IRB_APPROVAL', recipients: [{ repId: 'bn-ae', share: '0.25' }, { repId: 'bn-sl', share: '0.75' }], effectiveDate: '2027-04-01' }));
    expect(irb.bonusPostings).toEqual([
      { repId: 'bn-ae', amount: '10000.00', paid: '10000.00', capped: '0.00' },
      { repId: 'bn-sl', amount: '30000.00', paid: '30000.00', capped: '0.00' },
    ]);

    // refused recipients / quantities: 400, nothing written
    const before = await tableCounts();
    const shares = await h.http('POST', '/deals/LC-BONUS/bonus-events', { as: rep, body: { type: 'IRB_APPROVAL', recipients: [{ repId: 'bn-ae', share: '0.50' }, { repId: 'bn-sl', share: '0.40' }], evidenceRef: 'x', effectiveDate: '2027-04-02' } });
    expectProblem(shares, 400, 'VALIDATION_FAILED');
    expect(shares.body.errors).toEqual([{ path: 'recipients', message: 'recipients: shares sum to 0.9, not 1' }]);
    const stranger = await h.http('POST', '/deals/LC-BONUS/bonus-events', { as: rep, body: { type: 'IRB_APPROVAL', recipients: [{ repId: 'ds-ae', share: '1.00' }], evidenceRef: 'x', effectiveDate: '2027-04-02' } });
    expectProblem(stranger, 400, 'VALIDATION_FAILED');
    expect(stranger.body.errors).toEqual([{ path: 'recipients', message: 'recipients[0].repId: ds-ae is not a split recipient of the deal' }]);
    expectProblem(await h.http('POST', '/deals/LC-BONUS/bonus-events', { as: rep, body: { type: 'SITE_ACTIVATION', evidenceRef: 'x', effectiveDate: '2027-04-02' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/deals/LC-BONUS/bonus-events', { as: rep, body: { type: 'IRB_APPROVAL', quantity: 2, evidenceRef: 'x', effectiveDate: '2027-04-02' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/deals/LC-BONUS/bonus-events', { as: rep, body: { type: 'SITE_ACTIVATION', quantity: 1.5, evidenceRef: 'x', effectiveDate: '2027-04-02' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/deals/LC-BONUS/bonus-events', { as: rep, body: { type: 'FIRST_DINNER', evidenceRef: 'x', effectiveDate: '2027-04-02' } }), 400, 'VALIDATION_FAILED');
    expect(await tableCounts()).toEqual(before);

    // bn-ae has 85000.00 in 2027: 8 sites (200000.00) → 285000.00; the design-in (50000.00) crosses the cap
    const more = await approved(await bonus('LC-BONUS', rep, { type: 'SITE_ACTIVATION', quantity: 8, effectiveDate: '2027-06-01' }));
    expect(more.bonusPostings).toEqual([{ repId: 'bn-ae', amount: '200000.00', paid: '200000.00', capped: '0.00' }]);
    const crossing = await approved(await bonus('LC-BONUS', rep, { type: 'PROTOCOL_DESIGN_IN', effectiveDate: '2027-09-01' }));
    expect(crossing.bonusPostings).toEqual([{ repId: 'bn-ae', amount: '50000.00', paid: '15000.00', capped: '35000.00' }]);
    // shared: bn-ae is over the cap (nothing paid), bn-sl is not
    const shared = await approved(await bonus('LC-BONUS', rep, { type: 'ACCOUNT_EXPANSION', recipients: [{ repId: 'bn-sl', share: '0.40' }, { repId: 'bn-ae', share: '0.60' }], effectiveDate: '2027-12-31' }));
    expect(shared.bonusPostings).toEqual([
      { repId: 'bn-ae', amount: '60000.00', paid: '0.00', capped: '60000.00' },
      { repId: 'bn-sl', amount: '40000.00', paid: '40000.00', capped: '0.00' },
    ]);
    // a new calendar year starts a new cap
    const nextYear = await approved(await bonus('LC-BONUS', rep, { type: 'PATIENT_ENROLLMENT', quantity: 25, effectiveDate: '2028-01-02' }));
    expect(nextYear).toMatchObject({ period: '2028-Q1' });
    expect(nextYear.bonusPostings).toEqual([{ repId: 'bn-ae', amount: '50000.00', paid: '50000.00', capped: '0.00' }]);

    const rows = await h.dataSource.query(
      `SELECT kind, rep_id, extract(year FROM effective_date)::int AS year, count(*)::int AS n, sum(amount)::text AS total
       FROM ledger_entries WHERE deal_id = 'LC-BONUS' GROUP BY kind, rep_id, year ORDER BY year, rep_id, kind`,
    );
    expect(rows).toEqual([
      { kind: 'DESIGN_WIN_BONUS', rep_id: 'bn-ae', year: 2027, n: 5, total: '300000.00' },
      { kind: 'DESIGN_WIN_CAPPED', rep_id: 'bn-ae', year: 2027, n: 2, total: '95000.00' },
      { kind: 'DESIGN_WIN_BONUS', rep_id: 'bn-sl', year: 2027, n: 2, total: '70000.00' },
      { kind: 'DESIGN_WIN_BONUS', rep_id: 'bn-ae', year: 2028, n: 1, total: '50000.00' },
    ]);
    expect(await h.dataSource.query(`SELECT rep_id, year, paid::text, capped::text FROM design_win_totals WHERE rep_id LIKE 'bn-%' ORDER BY rep_id, year`)).toEqual([
      { rep_id: 'bn-ae', year: 2027, paid: '300000.00', capped: '95000.00' },
      { rep_id: 'bn-ae', year: 2028, paid: '50000.00', capped: '0.00' },
      { rep_id: 'bn-sl', year: 2027, paid: '70000.00', capped: '0.00' },
    ]);
    // bonuses are not quota credit
    expect(await count('ledger_entries', `deal_id = 'LC-BONUS' AND kind IN ('QUOTA_CREDIT', 'GATE_COMMISSION')`)).toBe(0);
  });

  // ---------------------------------------------------------------------------------------------------------------
  // descope

  it('descope: only a reduction is accepted; retired credit is unchanged and the next gate uses the new TCV', async () => {
    await createDeal('LC-DESCOPE', { owner: 'ds-ae', tcv: '2000000.00' });
    const g1 = await retire('LC-DESCOPE', 'ds-ae:rep', 'G1', 'LOI', '2027-04-01');
    expect(g1.gatePostings[0]).toMatchObject({ credit: '400000.00', commission: '16000.00' });
    const g2 = await submit('LC-DESCOPE', 'ds-ae:rep', 'G2', 'SIGNED_WORK_ORDER', '2027-08-01');
    expect((await ok('GET', '/approvals?dealId=LC-DESCOPE', desk))[0]).toMatchObject({ approvalId: g2, amountIfApproved: '600000.00' });

    const before = await tableCounts();
    const same = await h.http('POST', '/deals/LC-DESCOPE/descope', { as: admin, body: { newTcv: '2000000.00', reason: 'no change', effectiveDate: '2027-07-01' } });
    expectProblem(same, 422, 'DESCOPE_NOT_A_REDUCTION');
    expectProblem(await h.http('POST', '/deals/LC-DESCOPE/descope', { as: admin, body: { newTcv: '2500000.00', reason: 'more arms', effectiveDate: '2027-07-01' } }), 422, 'DESCOPE_NOT_A_REDUCTION');
    expectProblem(await h.http('POST', '/deals/LC-DESCOPE/descope', { as: admin, body: { newTcv: '0.00', reason: 'gone', effectiveDate: '2027-07-01' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/deals/LC-DESCOPE/descope', { as: admin, body: { newTcv: 1500000, reason: 'number', effectiveDate: '2027-07-01' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/deals/LC-DESCOPE/descope', { as: 'ds-ae:rep', body: { newTcv: '1500000.00', reason: 'rep', effectiveDate: '2027-07-01' } }), 403, 'FORBIDDEN');
    expect(await tableCounts()).toEqual(before);

    const descoped = await ok('POST', '/deals/LC-DESCOPE/descope', manager, { newTcv: '1500000.00', reason: 'one arm dropped', effectiveDate: '2027-07-01' }, [200]);
    expect(descoped).toMatchObject({ tcv: '1500000.00', originalTcv: '2000000.00', creditRetired: '400000.00' });
    expect(descoped.gates[0]).toMatchObject({ key: 'G1', status: 'RETIRED', credit: '400000.00' });
    // the pending G2 is now worth 0.30 × 1500000
    expect((await ok('GET', '/approvals?dealId=LC-DESCOPE', desk))[0]).toMatchObject({ approvalId: g2, amountIfApproved: '450000.00' });
    expect(descoped.pending[0]).toMatchObject({ approvalId: g2, amountIfApproved: '450000.00' });

    const r2 = await approved(g2);
    expect(r2).toMatchObject({ dealCredit: '450000.00' });
    expect(r2.gatePostings).toEqual([{ repId: 'ds-ae', role: 'AE', share: '1.00', credit: '450000.00', commission: '18000.00' }]);
    // a second descope below the first
    await ok('POST', '/deals/LC-DESCOPE/descope', admin, { newTcv: '1000000.00', reason: 'second arm dropped', effectiveDate: '2027-09-01' }, [200]);
    const g3 = await retire('LC-DESCOPE', 'ds-ae:rep', 'G3', 'SYSTEM_GO_LIVE_RECORD', '2027-10-01');
    expect(g3.gatePostings[0]).toMatchObject({ credit: '250000.00', commission: '10000.00' });

    const deal = await ok('GET', '/deals/LC-DESCOPE', 'ds-ae:rep');
    expect(deal).toMatchObject({ tcv: '1000000.00', originalTcv: '2000000.00', creditRetired: '1100000.00' });
    expect(deal.gates.map((g: any) => g.credit ?? null)).toEqual(['400000.00', '450000.00', '250000.00', null, null]);
    expect(await ledger('LC-DESCOPE')).toEqual([
      ['QUOTA_CREDIT', 'ds-ae', 'G1', '400000.00'],
      ['GATE_COMMISSION', 'ds-ae', 'G1', '16000.00'],
      ['QUOTA_CREDIT', 'ds-ae', 'G2', '450000.00'],
      ['GATE_COMMISSION', 'ds-ae', 'G2', '18000.00'],
      ['QUOTA_CREDIT', 'ds-ae', 'G3', '250000.00'],
      ['GATE_COMMISSION', 'ds-ae', 'G3', '10000.00'],
    ]);
  });

  // ---------------------------------------------------------------------------------------------------------------
  // kill and close

  it('kill: pending items are rejected DEAL_KILLED, nothing more retires, revenue is recorded until close, retired credit never changes', async () => {
    await createDeal('LC-KILL', { owner: 'kl-ae' });
    const rep = 'kl-ae:rep';
    await retire('LC-KILL', rep, 'G1', 'AWARD_LETTER', '2027-04-01');
    const g2 = await submit('LC-KILL', rep, 'G2', 'SIGNED_WORK_ORDER', '2027-06-01');
    const irb = await bonus('LC-KILL', rep, { type: 'IRB_APPROVAL', effectiveDate: '2027-06-02' });
    const retiredLedger = await ledger('LC-KILL');
    expect(retiredLedger).toEqual([
      ['QUOTA_CREDIT', 'kl-ae', 'G1', '200000.00'],
      ['GATE_COMMISSION', 'kl-ae', 'G1', '8000.00'],
    ]);

    expectProblem(await h.http('POST', '/deals/LC-KILL/kill', { as: 'kl-ae:rep', body: { reason: 'x', effectiveDate: '2027-07-01' } }), 403, 'FORBIDDEN');
    const killed = await ok('POST', '/deals/LC-KILL/kill', admin, { reason: 'sponsor terminated the program', effectiveDate: '2027-07-01' }, [200]);
    expect(killed).toMatchObject({ status: 'KILLED', creditRetired: '200000.00', pending: [], killed: { effectiveDate: '2027-07-01', reason: 'sponsor terminated the program' } });
    expect(killed.gates.map((g: any) => [g.key, g.status])).toEqual([
      ['G1', 'RETIRED'],
      ['G2', 'CANCELLED'],
      ['G3', 'CANCELLED'],
      ['G4', 'CANCELLED'],
      ['G5', 'CANCELLED'],
    ]);

    const rejected = await ok('GET', '/approvals?status=REJECTED&dealId=LC-KILL', desk);
    expect(rejected.map((a: any) => [a.approvalId, a.kind, a.status, a.reason, a.decidedBy])).toEqual([
      [g2, 'GATE', 'REJECTED', 'DEAL_KILLED', 'admin-1'],
      [irb, 'BONUS', 'REJECTED', 'DEAL_KILLED', 'admin-1'],
    ]);
    expect(await ok('GET', '/approvals?status=PENDING&dealId=LC-KILL', desk)).toEqual([]);

    const before = await tableCounts();
    // the kill rejected them: they are no longer pending (docs/DECISIONS.md); anything new is DEAL_KILLED
    expectProblem(await approve(g2), 409, 'APPROVAL_NOT_PENDING');
    expectProblem(await approve(irb), 409, 'APPROVAL_NOT_PENDING');
    expectProblem(await h.http('POST', `/approvals/${g2}/reject`, { as: desk, body: { reason: 'late' } }), 409, 'APPROVAL_NOT_PENDING');
    expectProblem(await artifact('LC-KILL', rep, 'G2', 'SIGNED_WORK_ORDER', '2027-08-01'), 409, 'DEAL_KILLED');
    expectProblem(await h.http('POST', '/deals/LC-KILL/bonus-events', { as: rep, body: { type: 'IRB_APPROVAL', evidenceRef: 'x', effectiveDate: '2027-08-01' } }), 409, 'DEAL_KILLED');
    expectProblem(await h.http('POST', '/deals/LC-KILL/descope', { as: admin, body: { newTcv: '10.00', reason: 'x', effectiveDate: '2027-08-01' } }), 409, 'DEAL_KILLED');
    expectProblem(await h.http('POST', '/deals/LC-KILL/kill', { as: admin, body: { reason: 'again', effectiveDate: '2027-08-01' } }), 409, 'DEAL_KILLED');
    expectProblem(await h.http('POST', '/deals/LC-KILL/slip', { as: admin, body: { expectedDate: '2028-01-01', reason: 'x' } }), 409, 'DEAL_KILLED');
    expect(await tableCounts()).toEqual(before);

    // finance still records revenue for delivered work
    expectProblem(await h.http('POST', '/deals/LC-KILL/revenue', { as: admin, body: { period: '2027-Q3', amount: '125000.50' } }), 403, 'FORBIDDEN');
    const revenue = await ok('POST', '/deals/LC-KILL/revenue', finance, { period: '2027-Q3', amount: '125000.50' }, [200]);
    expect(revenue).toMatchObject({ status: 'KILLED', revenueRecognized: '125000.50', creditRetired: '200000.00' });
    await ok('POST', '/deals/LC-KILL/revenue', finance, { period: '2027-Q4', amount: '0.50' }, [200]);
    expect(await h.dataSource.query(`SELECT period, amount::text, recorded_by FROM revenue_entries WHERE deal_id = 'LC-KILL' ORDER BY period`)).toEqual([
      { period: '2027-Q3', amount: '125000.50', recorded_by: 'fin-1' },
      { period: '2027-Q4', amount: '0.50', recorded_by: 'fin-1' },
    ]);

    expectProblem(await h.http('POST', '/deals/LC-KILL/close', { as: admin, body: {} }), 403, 'FORBIDDEN');
    const closed = await ok('POST', '/deals/LC-KILL/close', finance, {}, [200]);
    expect(closed).toMatchObject({ status: 'CLOSED', creditRetired: '200000.00', revenueRecognized: '125001.00' });
    const afterClose = await tableCounts();
    expectProblem(await h.http('POST', '/deals/LC-KILL/revenue', { as: finance, body: { period: '2027-Q4', amount: '1.00' } }), 409, 'DEAL_CLOSED');
    expectProblem(await h.http('POST', '/deals/LC-KILL/close', { as: finance, body: {} }), 409, 'DEAL_CLOSED');
    expectProblem(await artifact('LC-KILL', rep, 'G2', 'SIGNED_WORK_ORDER', '2027-08-01'), 409, 'DEAL_CLOSED');
    expectProblem(await h.http('POST', '/deals/LC-KILL/bonus-events', { as: rep, body: { type: 'IRB_APPROVAL', evidenceRef: 'x', effectiveDate: '2027-08-01' } }), 409, 'DEAL_CLOSED');
    expectProblem(await h.http('POST', '/deals/LC-KILL/kill', { as: admin, body: { reason: 'again', effectiveDate: '2027-08-01' } }), 409, 'DEAL_CLOSED');
    expectProblem(await approve(g2), 409, 'APPROVAL_NOT_PENDING');
    expect(await tableCounts()).toEqual(afterClose);

    const deal = await ok('GET', '/deals/LC-KILL', rep);
    expect(deal).toMatchObject({ status: 'CLOSED', creditRetired: '200000.00', revenueRecognized: '125001.00' });
    expect(deal.gates[0]).toMatchObject({ key: 'G1', status: 'RETIRED', credit: '200000.00' });
    expect(await ledger('LC-KILL')).toEqual(retiredLedger);
    expect((await ok('GET', '/deals?status=CLOSED', admin)).map((d: any) => d.id)).toContain('LC-KILL');
  });

  // ---------------------------------------------------------------------------------------------------------------
  // listing and visibility

  it('GET /deals filters by status, owner and sourcedBy; a rep sees only deals they are on', async () => {
    await createDeal('LC-LIST-1', { sourcedBy: 'ls-a', owner: 'ls-a', splits: [{ repId: 'ls-a', role: 'AE', share: '1.00' }] });
    await createDeal('LC-LIST-2', { sourcedBy: 'ls-a', owner: 'ls-b', splits: [{ repId: 'ls-b', role: 'AE', share: '1.00' }] });
    await createDeal('LC-LIST-3', { sourcedBy: 'ls-b', owner: 'ls-b', splits: [{ repId: 'ls-b', role: 'AE', share: '1.00' }] });
    await ok('POST', '/deals/LC-LIST-3/kill', admin, { reason: 'futility', effectiveDate: '2027-03-01' }, [200]);

    const ids = async (query: string, as = admin) => (await ok('GET', `/deals${query}`, as)).map((d: any) => d.id);
    expect(await ids('?owner=ls-b')).toEqual(['LC-LIST-2', 'LC-LIST-3']);
    expect(await ids('?sourcedBy=ls-a')).toEqual(['LC-LIST-1', 'LC-LIST-2']);
    expect(await ids('?status=ACTIVE&owner=ls-b')).toEqual(['LC-LIST-2']);
    expect(await ids('?status=KILLED&sourcedBy=ls-b')).toEqual(['LC-LIST-3']);
    expect(await ids('?status=CLOSED&owner=ls-a')).toEqual([]);
    expect(await ids('?owner=ls-b&limit=1&offset=1')).toEqual(['LC-LIST-3']);
    const listed = (await ok('GET', '/deals?sourcedBy=ls-b', manager))[0];
    expect(listed).toMatchObject({ id: 'LC-LIST-3', status: 'KILLED', owner: 'ls-b', sourcedBy: 'ls-b', planId: 'LC-2027', tcv: '1000000.00', creditRetired: '0.00' });
    expectProblem(await h.http('GET', '/deals?status=OPEN', { as: admin }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('GET', '/deals?colour=red', { as: admin }), 400, 'VALIDATION_FAILED');

    // ls-a is on LC-LIST-1 (owner) and LC-LIST-2 (sourcedBy); ls-b on LC-LIST-2 and LC-LIST-3
    expect(await ids('', 'ls-a:rep')).toEqual(['LC-LIST-1', 'LC-LIST-2']);
    expect(await ids('', 'ls-b:rep')).toEqual(['LC-LIST-2', 'LC-LIST-3']);
    expect(await ids('?owner=ls-a', 'ls-b:rep')).toEqual([]);
    expect(await ids('?owner=pin-ae', 'ls-b:rep')).toEqual([]);
    expect((await ok('GET', '/deals/LC-LIST-1', 'ls-a:rep')).id).toBe('LC-LIST-1');
    expectProblem(await h.http('GET', '/deals/LC-LIST-1', { as: 'ls-b:rep' }), 404, 'NOT_FOUND');
    expectProblem(await h.http('GET', '/deals/LC-LIST-3', { as: 'ls-a:rep' }), 404, 'NOT_FOUND');
    expectProblem(await h.http('GET', '/deals/LC-NOPE', { as: admin }), 404, 'NOT_FOUND');
    // a rep may not read the history of a deal
    expectProblem(await h.http('GET', '/deals/LC-LIST-1/history', { as: 'ls-a:rep' }), 403, 'FORBIDDEN');
  });

  // ---------------------------------------------------------------------------------------------------------------
  // history

  it('GET /deals/{id} and the approval queue: answers repeated while nothing is committed; every change shows on the next read', async () => {
    await createDeal('LC-VIEW');
    const read = async () => (await ok('GET', '/deals/LC-VIEW', admin)) as any;
    const snapshot = () => h.client.workflow.getHandle(dealWorkflowId('LC-VIEW')).query(dealSnapshotQuery);
    const committedVersion = async () => (await h.dataSource.query(`SELECT version FROM deals WHERE id = 'LC-VIEW'`))[0].version;

    const first = await read();
    expect(await read()).toEqual(first);
    expect((await snapshot()).version).toBe(await committedVersion());
    expect(dealView((await snapshot()).deal)).toEqual(first);

    for (const expectedDate of ['2027-09-01', '2027-10-15', '2027-09-01']) {
      await ok('POST', '/deals/LC-VIEW/slip', manager, { expectedDate, reason: `customer moved to ${expectedDate}` }, [200]);
      expect((await read()).slip).toEqual({ gate: 'G1', expectedDate, reason: `customer moved to ${expectedDate}` });
    }
    const queue = async (status: string) => ((await ok('GET', `/approvals?status=${status}&dealId=LC-VIEW`, desk)) as any[]).map((a) => a.approvalId);
    expect(await queue('PENDING')).toEqual([]);
    const approvalId = await submit('LC-VIEW', 'pin-ae:rep', 'G1', 'LOI', '2027-03-01');
    expect((await read()).pending.map((p: any) => p.approvalId)).toEqual([approvalId]);
    expect(await queue('PENDING')).toEqual([approvalId]); // the same query as before the change: a fresh answer
    await approved(approvalId);
    expect(await queue('PENDING')).toEqual([]);
    expect(await queue('APPROVED')).toEqual([approvalId]);
    const last = await read();
    expect(last.pending).toEqual([]);
    expect(last.gates[0]).toMatchObject({ key: 'G1', status: 'RETIRED', credit: '200000.00' });
    expect((await snapshot()).version).toBe(await committedVersion());
    expect(dealView((await snapshot()).deal)).toEqual(last);
  });

  it('GET /deals/{id}/history: oldest first, who did what and why, every posting; ?format=temporal gives the raw histories', async () => {
    await createDeal('LC-HIST', { owner: 'hi-ae', tcv: '3000000.00' });
    const rep = 'hi-ae:rep';
    const first = await submit('LC-HIST', rep, 'G1', 'LOI', '2027-03-01');
    await ok('POST', `/approvals/${first}/reject`, 'desk-7:deal_desk', { reason: 'LOI not countersigned' }, [200]);
    const second = await submit('LC-HIST', rep, 'G1', 'AWARD_LETTER', '2027-03-15');
    await ok('POST', `/approvals/${second}/approve`, 'desk-8:deal_desk', { note: 'award letter on file' }, [200]);
    await ok('POST', '/deals/LC-HIST/descope', manager, { newTcv: '2000000.00', reason: 'fewer sites', effectiveDate: '2027-05-01' }, [200]);
    const site = await bonus('LC-HIST', rep, { type: 'SITE_ACTIVATION', quantity: 2, effectiveDate: '2027-05-02' });
    await ok('POST', `/approvals/${site}/approve`, 'desk-8:deal_desk', {}, [200]);
    await submit('LC-HIST', rep, 'G2', 'SIGNED_WORK_ORDER', '2027-06-01');
    await ok('POST', '/deals/LC-HIST/kill', admin, { reason: 'safety signal', effectiveDate: '2027-07-01' }, [200]);

    const res = await h.http('GET', '/deals/LC-HIST/history', { as: desk });
    expect(res.status).toBe(200);
    const timeline = res.body as Array<{ at: string; type: string; actor: string | null; summary: string; details: any }>;
    expect(timeline.map((e) => [e.type, e.actor])).toEqual([
      ['DEAL_CREATED', 'admin-1'],
      ['ARTIFACT_SUBMITTED', 'hi-ae'],
      ['REJECTED', 'desk-7'],
      ['ARTIFACT_SUBMITTED', 'hi-ae'],
      ['APPROVED', 'desk-8'],
      ['POSTING', 'desk-8'],
      ['DESCOPED', 'mgr-1'],
      ['BONUS_EVENT_SUBMITTED', 'hi-ae'],
      ['APPROVED', 'desk-8'],
      ['POSTING', 'desk-8'],
      ['ARTIFACT_SUBMITTED', 'hi-ae'],
      ['KILLED', 'admin-1'],
    ]);
    const at = timeline.map((e) => e.at);
    expect([...at].sort()).toEqual(at);
    expect(at.every((t) => !Number.isNaN(Date.parse(t)))).toBe(true);
    const byType = (type: string) => timeline.filter((e) => e.type === type);
    expect(byType('REJECTED')[0].summary).toBe(`${first} rejected: LOI not countersigned`);
    expect(byType('REJECTED')[0].details.request).toMatchObject({ approvalId: first, reason: 'LOI not countersigned' });
    expect(byType('APPROVED')[0].summary).toBe(`${second} approved (G1, credit 600000.00)`);
    expect(byType('POSTING').map((e) => e.summary)).toEqual([
      'hi-ae: credit 600000.00, commission 24000.00 (G1, 2027-Q1)',
      'hi-ae: design-win bonus 50000.00 paid, 0.00 capped (SITE_ACTIVATION, 2027-Q2)',
    ]);
    expect(byType('DESCOPED')[0].summary).toBe('TCV descoped to 2000000.00 (effective 2027-05-01): fewer sites');
    expect(byType('KILLED')[0].summary).toBe('trial killed (effective 2027-07-01): safety signal');
    expect(byType('DEAL_CREATED')[0].details.deal).toMatchObject({ id: 'LC-HIST', tcv: '3000000.00', planId: 'LC-2027' });

    const raw = await h.http('GET', '/deals/LC-HIST/history?format=temporal', { as: admin });
    expect(raw.status).toBe(200);
    expect(raw.body).toHaveLength(1);
    expect(raw.body[0]).toEqual({ runId: expect.any(String), history: { events: expect.any(Array) } });
    const events = raw.body[0].history.events;
    expect(events[0]).toMatchObject({ eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED' });
    expect(events.filter((e: any) => e.eventType === 'EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED')).toHaveLength(9);

    expectProblem(await h.http('GET', '/deals/LC-HIST/history', { as: 'hi-ae:rep' }), 403, 'FORBIDDEN');
    expectProblem(await h.http('GET', '/deals/LC-NOPE/history', { as: admin }), 404, 'NOT_FOUND');
  });

  // ---------------------------------------------------------------------------------------------------------------
  // bad input

  it('bad input is refused with problem+json and nothing is written', async () => {
    await createDeal('LC-BAD', { owner: 'bad-ae' });
    const before = await tableCounts();
    const valid = {
      id: 'LC-BAD-NEW', sponsor: 'Helix Bio', program: 'p', tcv: '1000000.00', dealType: 'NEW_BUSINESS', sourcedBy: 'bad-ae', owner: 'bad-ae',
      sourcedAt: '2027-02-01', splits: [{ repId: 'bad-ae', role: 'AE', share: '1.00' }],
    };

    const noToken = await h.http('POST', '/deals', { body: valid });
    expectProblem(noToken, 401, 'UNAUTHENTICATED');
    const otherSecret = jwt.sign({ sub: 'admin-1', roles: ['comp_admin'] }, 'not-the-secret', { algorithm: 'HS256' });
    expectProblem(await h.http('POST', '/deals', { body: valid, headers: { authorization: `Bearer ${otherSecret}` } }), 401, 'UNAUTHENTICATED');
    expectProblem(await h.http('POST', '/deals', { body: valid, headers: { authorization: 'Bearer not.a.jwt' } }), 401, 'UNAUTHENTICATED');
    const none = jwt.sign({ sub: 'admin-1', roles: ['comp_admin'] }, '', { algorithm: 'none' });
    expectProblem(await h.http('POST', '/deals', { body: valid, headers: { authorization: `Bearer ${none}` } }), 401, 'UNAUTHENTICATED');
    const expired = jwt.sign({ sub: 'admin-1', roles: ['comp_admin'], exp: Math.floor(Date.now() / 1000) - 60 }, 'tranche-test-secret', { algorithm: 'HS256' });
    expectProblem(await h.http('POST', '/deals', { body: valid, headers: { authorization: `Bearer ${expired}` } }), 401, 'UNAUTHENTICATED');
    expectProblem(await h.http('GET', '/deals/LC-BAD', {}), 401, 'UNAUTHENTICATED');

    expectProblem(await h.http('POST', '/deals', { as: admin, raw: '{"id": "LC-BAD-NEW", "tcv": ' }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/deals/LC-BAD/artifacts', { as: 'bad-ae:rep', raw: '{gate: G1}' }), 400, 'VALIDATION_FAILED');

    const number = await h.http('POST', '/deals', { as: admin, body: { ...valid, tcv: 1000000 } });
    expectProblem(number, 400, 'VALIDATION_FAILED');
    expect(number.body.errors).toEqual([expect.objectContaining({ path: 'tcv' })]);
    const share = await h.http('POST', '/deals', { as: admin, body: { ...valid, splits: [{ repId: 'bad-ae', role: 'AE', share: 1 }] } });
    expectProblem(share, 400, 'VALIDATION_FAILED');
    expect(share.body.errors).toEqual([expect.objectContaining({ path: 'splits.0.share' })]);
    const threeDecimals = await h.http('POST', '/deals', { as: admin, body: { ...valid, tcv: '1000000.005' } });
    expectProblem(threeDecimals, 400, 'VALIDATION_FAILED');
    const unknown = await h.http('POST', '/deals', { as: admin, body: { ...valid, discount: '0.10' } });
    expectProblem(unknown, 400, 'VALIDATION_FAILED');
    expect(unknown.body.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('discount') })]);
    expectProblem(await h.http('POST', '/deals', { as: admin, body: { ...valid, sourcedAt: '2027-02-30' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/deals', { as: admin, body: { ...valid, dealType: 'RENEWAL' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/deals/LC-BAD/artifacts', { as: 'bad-ae:rep', body: { gate: 'G1', documentType: 'LOI', documentRef: 'x', effectiveDate: '2027-03-01', amount: 5 } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/deals/LC-BAD/revenue', { as: finance, body: { period: '2027-Q3', amount: 100 } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/deals/LC-BAD/revenue', { as: finance, body: { period: '2027-Q5', amount: '100.00' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/approvals/LC-BAD-A1/approve', { as: desk, body: { note: 42 } }), 400, 'VALIDATION_FAILED');
    expectProblem(await h.http('POST', '/approvals/LC-BAD-A99/approve', { as: desk, body: {} }), 404, 'NOT_FOUND');
    expectProblem(await h.http('POST', '/deals', { as: manager, raw: 'id=LC-BAD-NEW', headers: { 'content-type': 'text/plain' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');

    expectProblem(await h.http('GET', '/no-such-route', { as: admin }), 404, 'NOT_FOUND');
    expectProblem(await h.http('POST', '/deals/LC-BAD/teleport', { as: admin, body: {} }), 404, 'NOT_FOUND');
    expectProblem(await h.http('POST', '/deals/LC-NOPE/artifacts', { as: admin, body: { gate: 'G1', documentType: 'LOI', documentRef: 'x', effectiveDate: '2027-03-01' } }), 404, 'NOT_FOUND');
    expectProblem(await h.http('POST', '/deals/LC-BAD/kill', { as: 'bad-ae:rep', body: { reason: 'x', effectiveDate: '2027-03-01' } }), 403, 'FORBIDDEN');

    expect(await tableCounts()).toEqual(before);
    expect((await ok('GET', '/deals/LC-BAD', admin)).pending).toEqual([]);
  });

  // ---------------------------------------------------------------------------------------------------------------
  // a long deal: thousands of events across continue-as-new

  it('a deal with 2,000 enrollment events continues as new, keeps every event in its history and caps the bonus per year', async () => {
    const started = Date.now();
    await createDeal('LC-LONG', { owner: 'long-ae', sourcedAt: '2027-01-15' });
    // straight to Temporal (no HTTP), through the API's gateway: it retries commands a draining run refuses
    const temporal = new TemporalGateway(h.client);
    const rep = { id: 'long-ae', roles: ['rep'] };
    const deskActor = { id: 'desk-1', roles: ['deal_desk'] };
    const TOTAL = 2000;
    const PARALLEL = 8;
    // 1000 in 2027 and 1000 in 2028: the cap applies per calendar year
    const dateOf = (i: number) => (i < TOTAL / 2 ? `2027-${String(2 + (i % 10)).padStart(2, '0')}-15` : `2028-${String(1 + (i % 12)).padStart(2, '0')}-10`);
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < TOTAL; i = next++) {
        const { approvalId } = await temporal.update(
          dealWorkflowId('LC-LONG'),
          submitBonusEventUpdate,
          { type: 'PATIENT_ENROLLMENT', quantity: 1, evidenceRef: `patient-${i}`, effectiveDate: dateOf(i), actor: rep },
          `long-submit-${i}`,
        );
        await temporal.update(dealWorkflowId('LC-LONG'), approveUpdate, { approvalId, actor: deskActor }, `long-approve-${i}`);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, lane));
    const driven = Date.now() - started;

    const timeline = (await ok('GET', '/deals/LC-LONG/history', admin)) as Array<{ type: string; actor: string | null }>;
    const countOf = (type: string) => timeline.filter((e) => e.type === type).length;
    expect(countOf('BONUS_EVENT_SUBMITTED')).toBe(TOTAL);
    expect(countOf('APPROVED')).toBe(TOTAL);
    expect(countOf('POSTING')).toBe(TOTAL);
    expect(countOf('CONTINUED_AS_NEW')).toBeGreaterThanOrEqual(1);
    expect(timeline.filter((e) => e.type === 'APPROVED').every((e) => e.actor === 'desk-1')).toBe(true);

    const raw = await ok('GET', '/deals/LC-LONG/history?format=temporal', admin);
    expect(raw.length).toBeGreaterThanOrEqual(2);
    expect(raw.length).toBe(countOf('CONTINUED_AS_NEW') + 1);
    for (const run of raw) expect(run.history.events.length).toBeLessThan(10_000);

    const rows = await h.dataSource.query(
      `SELECT kind, extract(year FROM effective_date)::int AS year, count(*)::int AS n, sum(amount)::text AS total
       FROM ledger_entries WHERE deal_id = 'LC-LONG' GROUP BY kind, year ORDER BY year, kind`,
    );
    // per year: 1000 × 2000.00 = 2000000.00 asked, 300000.00 paid (150 events), 1700000.00 capped (850 events)
    expect(rows).toEqual([
      { kind: 'DESIGN_WIN_BONUS', year: 2027, n: 1000, total: '300000.00' },
      { kind: 'DESIGN_WIN_CAPPED', year: 2027, n: 850, total: '1700000.00' },
      { kind: 'DESIGN_WIN_BONUS', year: 2028, n: 1000, total: '300000.00' },
      { kind: 'DESIGN_WIN_CAPPED', year: 2028, n: 850, total: '1700000.00' },
    ]);
    expect(await count('approvals', `deal_id = 'LC-LONG' AND status = 'APPROVED'`)).toBe(TOTAL);
    const deal = await ok('GET', '/deals/LC-LONG', admin);
    expect(deal).toMatchObject({ status: 'ACTIVE', pending: [], creditRetired: '0.00' });

    await saveReplayFixture(h.client, 'deal:LC-LONG', 'deal-continue-as-new', 2); // two runs cover the continue-as-new boundary
    console.log(`long deal: ${TOTAL} events submitted and approved in ${driven} ms over ${raw.length} runs (${raw.map((r: any) => r.history.events.length).join(', ')} events); whole test ${Date.now() - started} ms`);
  }, 300_000);
});
