import { expectProblem } from '../support/api';
import { dealKit } from '../support/deal-book';
import { Harness, startHarness } from '../support/harness';

/**
 * docs/rules.md "Why this line" and docs/api.md: every statement line has a stable `lineId`, and
 * GET /reps/{id}/statements/{period}/lines/{lineId} answers its posting, approval and evidence, plan version, the
 * formula with its numbers and the deal history behind it. One closed quarter: a G1 gate, a design-win bonus and
 * an approved adjustment on plan WTL-2027 (rate 0.04, G1 weight 0.20, PROTOCOL_DESIGN_IN unit from the plan).
 */
describe('why this line (docs/rules.md "Why this line")', () => {
  let h: Harness;
  const admin = 'wtl-adm:comp_admin';
  const finance = 'wtl-fin:finance';
  const desk = 'desk-1:deal_desk';
  const rep = 'wtl-ae:rep';
  const { createDeal, submit, approve, bonus } = dealKit(() => h);
  let statement: any;
  let gateApproval: string;
  let bonusApproval: string;
  let adjustmentId: string;
  const line = (kind: string) => statement.lines.find((l: any) => l.kind === kind);
  const explain = (lineId: string, as = rep, repId = 'wtl-ae') => h.http('GET', `/reps/${repId}/statements/2027-Q1/lines/${lineId}`, { as });

  beforeAll(async () => {
    h = await startHarness(__filename);
    await h.ok('POST', '/plans', admin, { id: 'WTL-2027', effectiveFrom: '2027-01-01', params: { commissionRate: '0.04', draw: { rampQuarters: 0, capQuarters: 2, exitTreatment: 'FORGIVE' } } }, [201]);
    await h.ok('POST', '/plans/WTL-2027/publish', admin, undefined, [200]);
    for (const [id, managerId] of [['wtl-ae', 'wtl-mgr'], ['wtl-other', 'wtl-mgr2']]) {
      await h.ok('POST', '/reps', admin, { id, name: id, role: 'AE', hireDate: '2027-01-01', quarterlyDraw: '10000.00', planId: 'WTL-2027', managerId }, [201]);
    }
    await createDeal('WTL-D1', { owner: 'wtl-ae', tcv: '1234567.89' });
    gateApproval = await submit('WTL-D1', admin, 'G1', 'AWARD_LETTER', '2027-02-10');
    expect((await approve(gateApproval, desk, { note: 'award letter checked' })).status).toBe(200);
    bonusApproval = await bonus('WTL-D1', 'wtl-ae:rep', { type: 'PROTOCOL_DESIGN_IN', effectiveDate: '2027-02-20' });
    expect((await approve(bonusApproval, desk)).status).toBe(200);
    adjustmentId = (await h.ok('POST', '/adjustments', admin, { repId: 'wtl-ae', period: '2027-Q1', amount: '123.45', kind: 'SPIFF', reason: 'launch spiff' }, [201])).id;
    await h.ok('POST', `/adjustments/${adjustmentId}/approve`, finance, {}, [200]);
    await h.ok('POST', '/periods/2027-Q1/close', finance, undefined, [200]);
    statement = await h.ok('GET', '/reps/wtl-ae/statements/2027-Q1', rep);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('every line has a lineId, unique on the statement and the same on every read', async () => {
    const ids = statement.lines.map((l: any) => l.lineId);
    expect(ids.every((id: string) => /^ln-[0-9a-f]{20}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect((await h.ok('GET', '/reps/wtl-ae/statements/2027-Q1', 'wtl-mgr:manager')).lines.map((l: any) => l.lineId)).toEqual(ids);
    expect((await h.ok('GET', '/reps/wtl-ae/statements', finance))[0].lines.map((l: any) => l.lineId)).toEqual(ids);
  });

  it('a gate commission line: its posting, the approval with its evidence, the plan and weight × tcv × share × rate', async () => {
    const g = line('GATE_COMMISSION');
    const res = await explain(g.lineId);
    expect(res.status).toBe(200);
    const why = res.body;
    expect(why.line).toEqual(g);
    expect(why.posting).toMatchObject({ key: 'deal:WTL-D1:gate:G1:rep:wtl-ae:AE:commission', kind: 'GATE_COMMISSION', amount: g.amount, period: '2027-Q1', effectiveDate: '2027-02-10', late: false });
    expect(why.approval).toMatchObject({ approvalId: gateApproval, kind: 'GATE', gate: 'G1', documentType: 'AWARD_LETTER', documentRef: 'WTL-D1-G1.pdf', submittedBy: 'wtl-adm', decidedBy: 'desk-1', status: 'APPROVED' });
    expect(why.plan).toEqual({ planId: 'WTL-2027', pinnedBy: 'deal' });
    // 0.20 × 1,234,567.89 × 1 × 0.04 = 9,876.54312 → 9,876.54
    expect(why.formula).toMatchObject({
      expression: 'weight × tcv × share × rate',
      values: [{ name: 'weight', value: '0.20' }, { name: 'tcv', value: '1234567.89' }, { name: 'share', value: '1.00' }, { name: 'rate', value: '0.04' }],
      exact: '9876.54312',
      rounded: '9876.54',
      matchesPosting: true,
    });
    expect(g.amount).toBe('9876.54');
    expect(why.dealHistory.map((e: any) => e.type)).toEqual(expect.arrayContaining(['ARTIFACT_SUBMITTED', 'APPROVED', 'POSTING']));
  });

  it('a design-win bonus line: the bonus approval and unit × quantity × share, paid within the cap', async () => {
    const b = line('DESIGN_WIN_BONUS');
    const why = await h.ok('GET', `/reps/wtl-ae/statements/2027-Q1/lines/${b.lineId}`, rep);
    expect(why.posting).toMatchObject({ kind: 'DESIGN_WIN_BONUS', amount: b.amount, effectiveDate: '2027-02-20' });
    expect(why.approval).toMatchObject({ approvalId: bonusApproval, kind: 'BONUS', type: 'PROTOCOL_DESIGN_IN', submittedBy: 'wtl-ae' });
    expect(why.formula).toMatchObject({ rounded: b.amount, matchesPosting: true });
    expect(why.formula.values).toEqual(expect.arrayContaining([{ name: 'quantity', value: '1' }, { name: 'share', value: '1' }, { name: 'paid', value: b.amount }]));
    expect(why.dealHistory.some((e: any) => e.type === 'APPROVED' && e.details?.request?.approvalId === bonusApproval)).toBe(true);
  });

  it('an adjustment line: its posting adjustment:<id>, who proposed and who approved it, no formula', async () => {
    const a = line('ADJUSTMENT');
    const why = await h.ok('GET', `/reps/wtl-ae/statements/2027-Q1/lines/${a.lineId}`, 'wtl-mgr:manager');
    expect(why.posting).toMatchObject({ key: `adjustment:${adjustmentId}`, kind: 'ADJUSTMENT', amount: '123.45' });
    expect(why.adjustment).toMatchObject({ id: adjustmentId, kind: 'SPIFF', reason: 'launch spiff', proposedBy: 'wtl-adm', decidedBy: 'wtl-fin' });
    expect(why.formula).toBeNull();
    expect(why.plan).toEqual({ planId: 'WTL-2027', pinnedBy: 'rep' });
    expect(why.explanation).toMatch(/proposed by wtl-adm and approved by wtl-fin/);
  });

  it('the draw line names the posting the statement wrote for it', async () => {
    const d = line('DRAW');
    const why = await h.ok('GET', `/reps/wtl-ae/statements/2027-Q1/lines/${d.lineId}`, admin);
    expect(why.posting).toMatchObject({ kind: 'DRAW', amount: d.amount, key: expect.stringMatching(/^rep:wtl-ae:period:2027-Q1:DRAW:\d+$/) });
  });

  it('read like the statement: an unknown line is 404, another rep or another team 404, HR 403', async () => {
    const g = line('GATE_COMMISSION');
    expectProblem(await explain('ln-00000000000000000000'), 404, 'NOT_FOUND');
    expectProblem(await explain('not-a-line'), 400, 'VALIDATION_FAILED');
    expectProblem(await explain(g.lineId, 'wtl-other:rep'), 404, 'NOT_FOUND');
    expectProblem(await explain(g.lineId, 'wtl-mgr2:manager'), 404, 'NOT_FOUND');
    expectProblem(await explain(g.lineId, 'hr-1:hr'), 403, 'FORBIDDEN');
    expectProblem(await h.http('GET', `/reps/wtl-ae/statements/2027-Q2/lines/${g.lineId}`, { as: rep }), 404, 'NOT_FOUND');
  });
});
