import { expectProblem } from '../support/api';
import { saveReplayFixture } from '../support/fixtures';
import { dealKit } from '../support/deal-book';
import { Harness, startHarness } from '../support/harness';

/**
 * docs/rules.md "Disputes" and docs/api.md "Disputes": a rep (their own statement) or their manager opens a dispute on
 * a closed period's statement; a comp admin who is not the disputant resolves it once: UPHELD proposes a
 * DISPUTE_RESOLUTION adjustment that a second person approves and that the next statement pays, DENIED says why.
 * The SLA timer itself is tested on the time-skipping server (tests/workflow/dispute-sla.test.ts).
 */
describe('disputes (docs/rules.md "Disputes")', () => {
  let h: Harness;
  const admin = 'dsp-adm:comp_admin';
  const finance = 'dsp-fin:finance';
  const desk = 'desk-1:deal_desk';
  const rep = 'dsp-ae:rep';
  const { createDeal, submit, approve, count } = dealKit(() => h);
  const ids: Record<string, string> = {};
  let gateLine: { lineId: string; dealId: string };

  const open = (body: Record<string, unknown>, as = rep, headers?: Record<string, string>) => h.http('POST', '/disputes', { as, body, headers });
  const resolve = (id: string, body: Record<string, unknown>, as = admin) => h.http('POST', `/disputes/${id}/resolve`, { as, body });
  const counts = async () => ({ disputes: await count('disputes'), adjustments: await count('adjustments'), idempotency: await count('http_idempotency') });

  beforeAll(async () => {
    h = await startHarness(__filename);
    const draw = { rampQuarters: 0, capQuarters: 2, exitTreatment: 'FORGIVE' };
    await h.ok('POST', '/plans', admin, { id: 'DSP-2027', effectiveFrom: '2027-01-01', params: { commissionRate: '0.04', draw, disputeSlaDays: 7 } }, [201]);
    await h.ok('POST', '/plans/DSP-2027/publish', admin, undefined, [200]);
    for (const [id, managerId] of [['dsp-ae', 'dsp-mgr'], ['dsp-other', 'dsp-mgr2']]) {
      await h.ok('POST', '/reps', admin, { id, name: id, role: 'AE', hireDate: '2027-01-01', quarterlyDraw: '10000.00', planId: 'DSP-2027', managerId }, [201]);
    }
    await createDeal('DSP-D1', { owner: 'dsp-ae' });
    const approvalId = await submit('DSP-D1', admin, 'G1', 'AWARD_LETTER', '2027-03-01');
    expect((await approve(approvalId, desk)).status).toBe(200);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('a period that is not closed cannot be disputed (409 PERIOD_NOT_CLOSED), and nothing is written', async () => {
    const before = await counts();
    expectProblem(await open({ repId: 'dsp-ae', period: '2027-Q1', reason: 'MISSING_CREDIT', message: 'where is my G2?' }), 409, 'PERIOD_NOT_CLOSED');
    expect((await counts()).disputes).toBe(before.disputes);
    await h.ok('POST', '/periods/2027-Q1/close', finance, undefined, [200]);
    const statement = await h.ok('GET', '/reps/dsp-ae/statements/2027-Q1', rep);
    gateLine = statement.lines.find((l: any) => l.kind === 'GATE_COMMISSION');
    expect(gateLine).toMatchObject({ dealId: 'DSP-D1', lineId: expect.stringMatching(/^ln-[0-9a-f]{20}$/) });
  }, 120_000);

  it('a rep opens a dispute on a line of their own statement: a workflow dispute-<id> holds it, with the plan\'s SLA', async () => {
    const res = await open({ repId: 'dsp-ae', period: '2027-Q1', lineId: gateLine.lineId, reason: 'WRONG_AMOUNT', message: 'G1 should be on the full TCV' }, rep, { 'idempotency-key': 'dsp-open-1' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ repId: 'dsp-ae', period: '2027-Q1', lineId: gateLine.lineId, dealId: 'DSP-D1', reason: 'WRONG_AMOUNT', status: 'OPEN', overdue: false, openedBy: 'dsp-ae', slaDays: 7 });
    expect(Date.parse(res.body.dueAt) - Date.parse(res.body.openedAt)).toBe(7 * 86_400_000);
    ids.upheld = res.body.id;
    const again = await open({ repId: 'dsp-ae', period: '2027-Q1', lineId: gateLine.lineId, reason: 'WRONG_AMOUNT', message: 'G1 should be on the full TCV' }, rep, { 'idempotency-key': 'dsp-open-1' });
    expect(again.body.id).toBe(ids.upheld);
    const { status } = await h.client.workflow.getHandle(`dispute-${ids.upheld}`).describe();
    expect(status.name).toBe('RUNNING');
    // their manager may open one too
    const byManager = await open({ repId: 'dsp-ae', period: '2027-Q1', reason: 'DRAW_NETTING', message: 'the draw looks double counted' }, 'dsp-mgr:manager');
    expect(byManager.status).toBe(201);
    ids.denied = byManager.body.id;
  });

  it('another rep\'s statement is 403, so is a manager of another team; neither writes anything', async () => {
    const before = await counts();
    expectProblem(await open({ repId: 'dsp-other', period: '2027-Q1', reason: 'OTHER', message: 'not mine' }, rep), 403, 'FORBIDDEN');
    expectProblem(await open({ repId: 'dsp-ae', period: '2027-Q1', reason: 'OTHER', message: 'not my team' }, 'dsp-mgr2:manager'), 403, 'FORBIDDEN');
    expectProblem(await open({ repId: 'dsp-ae', period: '2027-Q1', reason: 'OTHER', message: 'not a disputant role' }, admin), 403, 'FORBIDDEN');
    expect(await counts()).toEqual(before);
  });

  it('bad input is 400 (or 422) and changes nothing', async () => {
    const before = await counts();
    const base = { repId: 'dsp-ae', period: '2027-Q1', reason: 'OTHER', message: 'x' };
    const bad: Array<[Record<string, unknown>, number, string]> = [
      [{ ...base, reason: 'ANGRY' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, message: '  ' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, message: undefined }, 400, 'VALIDATION_FAILED'],
      [{ ...base, period: '2027-Q5' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, lineId: 'line-1' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, lineId: 'ln-00000000000000000000' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, lineId: gateLine.lineId, dealId: 'OTHER-DEAL' }, 400, 'VALIDATION_FAILED'],
      [{ ...base, dealId: 'NO-SUCH-DEAL' }, 422, 'UNKNOWN_DEAL'],
      [{ ...base, extra: true }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of bad) expectProblem(await open(body, rep, { 'idempotency-key': `dsp-bad-${JSON.stringify(body).length}-${status}` }), status, code);
    expectProblem(await resolve(ids.upheld, { outcome: 'UPHELD', note: 'no amount' }), 400, 'VALIDATION_FAILED');
    expectProblem(await resolve(ids.upheld, { outcome: 'DENIED' }), 400, 'VALIDATION_FAILED');
    expectProblem(await resolve(ids.upheld, { outcome: 'UPHELD', adjustment: { amount: '0.00', period: '2027-Q2' } }), 400, 'VALIDATION_FAILED');
    expectProblem(await resolve(ids.upheld, { outcome: 'MAYBE', note: 'x' }), 400, 'VALIDATION_FAILED');
    // an adjustment into the closed period is refused by the adjustments path: the dispute stays open
    expectProblem(await resolve(ids.upheld, { outcome: 'UPHELD', adjustment: { amount: '250.00', period: '2027-Q1' } }), 409, 'PERIOD_CLOSED');
    expectProblem(await h.http('GET', '/disputes?overdue=maybe', { as: admin }), 400, 'VALIDATION_FAILED');
    expect(await counts()).toEqual(before);
    expect((await h.ok('GET', `/disputes/${ids.upheld}`, admin)).status).toBe('OPEN');
  });

  it('a comp admin sees every dispute, a manager their team\'s, a rep their own; filters by status, rep and overdue', async () => {
    expect((await h.ok('GET', '/disputes', admin)).map((d: any) => d.id)).toEqual([ids.upheld, ids.denied]);
    expect((await h.ok('GET', '/disputes?status=OPEN&repId=dsp-ae&overdue=false', admin))).toHaveLength(2);
    expect(await h.ok('GET', '/disputes?overdue=true', admin)).toEqual([]);
    expect((await h.ok('GET', '/disputes', 'dsp-mgr:manager'))).toHaveLength(2);
    expect(await h.ok('GET', '/disputes', 'dsp-mgr2:manager')).toEqual([]);
    expect((await h.ok('GET', '/disputes', rep))).toHaveLength(2);
    expect(await h.ok('GET', '/disputes', 'dsp-other:rep')).toEqual([]);
    expectProblem(await h.http('GET', `/disputes/${ids.upheld}`, { as: 'dsp-other:rep' }), 404, 'NOT_FOUND');
    expectProblem(await h.http('GET', '/disputes', { as: finance }), 403, 'FORBIDDEN');
  });

  it('the disputant may not resolve (403 SEGREGATION_OF_DUTIES), nor a rep or manager (403)', async () => {
    const res = await open({ repId: 'dsp-ae', period: '2027-Q1', reason: 'OTHER', message: 'opened by a manager who is also comp admin' }, 'dsp-mgr:manager,comp_admin');
    expect(res.status).toBe(201);
    expectProblem(await resolve(res.body.id, { outcome: 'DENIED', note: 'mine' }, 'dsp-mgr:manager,comp_admin'), 403, 'SEGREGATION_OF_DUTIES');
    expectProblem(await resolve(ids.upheld, { outcome: 'DENIED', note: 'no' }, rep), 403, 'FORBIDDEN');
    expectProblem(await resolve(ids.upheld, { outcome: 'DENIED', note: 'no' }, 'dsp-mgr:manager'), 403, 'FORBIDDEN');
    expect((await h.ok('POST', `/disputes/${res.body.id}/resolve`, admin, { outcome: 'DENIED', note: 'duplicate of an open dispute' }, [200])).status).toBe('DENIED');
  });

  it('UPHELD proposes a DISPUTE_RESOLUTION adjustment that a second person approves; resolving twice is 409', async () => {
    const upheld = await h.ok('POST', `/disputes/${ids.upheld}/resolve`, admin, { outcome: 'UPHELD', note: 'G1 was computed on the descoped TCV', adjustment: { amount: '250.00', period: '2027-Q2' } }, [200]);
    expect(upheld).toMatchObject({ status: 'UPHELD', resolvedBy: 'dsp-adm', adjustmentId: expect.any(String) });
    ids.adjustment = upheld.adjustmentId;
    const proposal = await h.ok('GET', `/adjustments/${ids.adjustment}`, admin);
    expect(proposal).toMatchObject({ repId: 'dsp-ae', period: '2027-Q2', amount: '250.00', kind: 'DISPUTE_RESOLUTION', disputeId: ids.upheld, dealId: 'DSP-D1', status: 'PENDING', proposedBy: 'dsp-adm' });
    expectProblem(await h.http('POST', `/adjustments/${ids.adjustment}/approve`, { as: admin, body: {} }), 403, 'SEGREGATION_OF_DUTIES');
    expect((await h.ok('POST', `/adjustments/${ids.adjustment}/approve`, finance, {}, [200])).status).toBe('APPROVED');

    expectProblem(await resolve(ids.upheld, { outcome: 'DENIED', note: 'changed my mind' }), 409, 'DISPUTE_NOT_OPEN');
    expectProblem(await resolve(ids.upheld, { outcome: 'UPHELD', adjustment: { amount: '1.00', period: '2027-Q2' } }, 'dsp-adm2:comp_admin'), 409, 'DISPUTE_NOT_OPEN');
    expect(await h.ok('GET', `/adjustments?repId=dsp-ae&period=2027-Q2`, admin)).toHaveLength(1);

    const denied = await h.ok('POST', `/disputes/${ids.denied}/resolve`, admin, { outcome: 'DENIED', note: 'the draw is netted once, see the DRAW line' }, [200]);
    expect(denied).toMatchObject({ status: 'DENIED', note: 'the draw is netted once, see the DRAW line' });
    expect(denied.adjustmentId).toBeUndefined();
    const { status } = await h.client.workflow.getHandle(`dispute-${ids.upheld}`).describe();
    expect(status.name).toBe('COMPLETED');
  });

  it('the dispute and its outcome are in the deal\'s and the rep\'s history; the adjustment is paid on the next statement', async () => {
    const history = await h.ok('GET', '/deals/DSP-D1/history', admin);
    const types = history.filter((e: any) => e.details?.disputeId === ids.upheld).map((e: any) => e.type);
    expect(types).toEqual(['DISPUTE_OPENED', 'DISPUTE_UPHELD']);
    const repHistory = await h.ok('GET', '/reps/dsp-ae/history', rep);
    expect(repHistory.filter((e: any) => e.details?.disputeId === ids.upheld).map((e: any) => e.type)).toEqual(['DISPUTE_OPENED', 'ADJUSTMENT_PROPOSED', 'DISPUTE_UPHELD', 'ADJUSTMENT_APPROVED']);
    expect(repHistory.find((e: any) => e.type === 'DISPUTE_DENIED' && e.details.disputeId === ids.denied)).toMatchObject({ actor: 'dsp-adm', summary: expect.stringContaining('the draw is netted once') });
    expectProblem(await h.http('GET', '/reps/dsp-ae/history', { as: 'dsp-other:rep' }), 404, 'NOT_FOUND');
    await saveReplayFixture(h.client, `dispute-${ids.upheld}`, 'dispute-upheld');
    const close = await h.ok('POST', '/periods/2027-Q2/close', finance, undefined, [200]);
    const q2 = close.statements.find((s: any) => s.repId === 'dsp-ae');
    expect(q2.adjustments).toBe('250.00');
    expect(q2.lines).toContainEqual(expect.objectContaining({ kind: 'ADJUSTMENT', reference: ids.adjustment, amount: '250.00', dealId: 'DSP-D1' }));
  }, 120_000);

  it('opening and resolving a dispute are webhook events, appended in the transaction that changed it', async () => {
    const disputes: Array<{ id: string; status: string; overdue: boolean }> = await h.dataSource.query(`SELECT id, status, overdue FROM disputes`);
    expect(disputes.some((d) => d.status === 'UPHELD')).toBe(true);
    const expected = disputes.flatMap((d) => [
      `tranche.dispute.opened dispute/${d.id}`,
      ...(d.overdue ? [`tranche.dispute.overdue dispute/${d.id}`] : []),
      ...(d.status !== 'OPEN' ? [`tranche.dispute.resolved dispute/${d.id}`] : []),
    ]);
    const events: Array<{ type: string; subject: string; data: { repId: string; message?: string } }> = await h.dataSource.query(
      `SELECT type, subject, data FROM webhook_outbox WHERE type LIKE 'tranche.dispute.%'`,
    );
    expect(events.map((e) => `${e.type} ${e.subject}`).sort()).toEqual(expected.sort());
    // The rep's own words stay in Tranche.
    expect(events.every((e) => e.data.repId !== undefined && e.data.message === undefined)).toBe(true);
  });
});
