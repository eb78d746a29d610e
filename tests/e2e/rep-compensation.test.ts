import { expectProblem } from '../support/api';
import { saveReplayFixture } from '../support/fixtures';
import { Harness, startHarness } from '../support/harness';
import { withoutLineIds } from '../support/statements';

/**
 * Issue 4: a rep's pay over a whole tenure, end to end over HTTP against the real dev server and PostgreSQL:
 * departure with reassignment, trailing commission, recovery and write-off; the exit treatments; period
 * closing; who may read statements; attainment with ramp relief.
 *
 * One harness (database + namespace) for the file, so the period calendar is shared: each test lives in its
 * own years (2027-29, 2030-32, 2033-34, 2035, 2036-38, 2039-41) and first closes whatever earlier period is still open.
 */
describe('rep compensation (issue 4)', () => {
  let h: Harness;
  const admin = 'rc-admin:comp_admin';
  const desk = 'rc-desk:deal_desk';
  const finance = 'rc-fin:finance';
  const hr = 'rc-hr:hr';

  beforeAll(async () => {
    h = await startHarness(__filename);
  }, 60_000);
  afterAll(async () => h?.stop(), 60_000);

  // Statements are compared whole; their line ids are pinned in statement-lines.test.ts.
  const ok: Harness['ok'] = async (...args) => withoutLineIds(await h.ok(...args));
  const refused = async (method: string, path: string, as: string, body: unknown, status: number, code: string) => {
    const res = await h.http(method, path, { as, body });
    expect({ method, path, status: res.status, code: res.body?.code }).toEqual({ method, path, status, code });
    expectProblem(res, status, code);
    return res.body;
  };
  const publishPlan = async (id: string, effectiveFrom: string, params: Record<string, unknown> = {}) => {
    await ok('POST', '/plans', admin, { id, effectiveFrom, params });
    return ok('POST', `/plans/${id}/publish`, admin);
  };
  const hire = (id: string, hireDate: string, quarterlyDraw: string, planId: string, managerId?: string) =>
    ok('POST', '/reps', admin, { id, name: `Rep ${id}`, role: 'AE', hireDate, quarterlyDraw, planId, ...(managerId ? { managerId } : {}) });
  const newDeal = (id: string, tcv: string, dealType: 'NEW_BUSINESS' | 'EXPANSION', owner: string, sourcedAt: string, splits?: unknown[]) =>
    ok('POST', '/deals', admin, {
      id, sponsor: `Sponsor of ${id}`, program: `Program ${id}`, tcv, dealType, sourcedBy: owner, owner, sourcedAt,
      splits: splits ?? [{ repId: owner, role: 'AE', share: '1.00' }],
    });
  const approve = async (submission: { approvalId: string }) => ok('POST', `/approvals/${submission.approvalId}/approve`, desk, { note: 'evidence checked' });
  const gate = async (dealId: string, key: string, documentType: string, effectiveDate: string, as = admin) =>
    approve(await ok('POST', `/deals/${dealId}/artifacts`, as, { gate: key, documentType, documentRef: `${dealId}-${key}.pdf`, effectiveDate }));
  const bonus = async (dealId: string, type: string, effectiveDate: string, quantity?: number, as = admin) =>
    approve(await ok('POST', `/deals/${dealId}/bonus-events`, as, { type, ...(quantity ? { quantity } : {}), evidenceRef: `${dealId}-${type}.pdf`, effectiveDate }));
  const revenue = (dealId: string, period: string, amount: string) => ok('POST', `/deals/${dealId}/revenue`, finance, { period, amount });
  const close = (period: string) => ok('POST', `/periods/${period}/close`, finance, {});
  /** Closes, in order, every period of the calendar still open up to and including `last`. */
  const closeThrough = async (last: string) => {
    for (;;) {
      const periods: Array<{ period: string; status: string }> = await ok('GET', '/periods', finance);
      const next = periods.find((p) => p.status !== 'CLOSED');
      if (!next || next.period > last) return;
      await close(next.period);
    }
  };
  const statements = (repId: string) => ok('GET', `/reps/${repId}/statements`, admin);
  /** Polls a read until it satisfies `done` (for effects applied asynchronously after a 202). */
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      const value = await read();
      if (done(value) || attempt >= 200) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  /** docs/api.md: every line says `late`; a gate or bonus line also carries its business date (`effectiveDate`). */
  const v2Line = (l: any) => ({ late: false, ...(['GATE_COMMISSION', 'DESIGN_WIN_BONUS', 'DESIGN_WIN_CAPPED'].includes(l.kind) ? { effectiveDate: expect.any(String) } : {}), ...l });
  /** A statement with every docs/api.md field; unspecified figures are 0.00. */
  const stmt = (repId: string, period: string, figures: Partial<Record<string, string | boolean>>, lines: unknown[]) => ({
    repId,
    period,
    commission: '0.00',
    netCommissionPay: '0.00',
    drawPaid: '0.00',
    recovery: '0.00',
    designWinBonus: '0.00',
    designWinCapped: '0.00',
    retentionBonus: '0.00',
    retentionForfeited: '0.00',
    trailingCommission: '0.00',
    drawWrittenOff: '0.00',
    adjustments: '0.00',
    totalPayout: '0.00',
    unrecoveredDrawBalance: '0.00',
    performanceReview: false,
    ...figures,
    lines: lines.map(v2Line),
    // docs/rules.md 17: nobody signs in this file, so every statement stays CLOSED
    hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    status: 'CLOSED',
    signoffs: [],
    onHold: null,
  });
  const money = (s: string) => Math.round(Number(s) * 100);
  /** docs/api.md: drawPaid = max(0, netCommissionPay − commission); totalPayout = net + design win + retention + trailing − recovery from trailing. */
  const expectStatementIdentities = (s: any) => {
    expect(money(s.drawPaid)).toBe(Math.max(0, money(s.netCommissionPay) - money(s.commission)));
    const fromTrailing = s.lines.filter((l: any) => l.kind === 'TRAILING_RECOVERY').reduce((a: number, l: any) => a - money(l.amount), 0);
    expect(money(s.totalPayout)).toBe(money(s.netCommissionPay) + money(s.designWinBonus) + money(s.retentionBonus) + money(s.trailingCommission) - fromTrailing);
  };

  /**
   * The departure scenario, shifted by `years` so that each variant has periods of its own. Dates in the comments
   * are those of the unshifted run (years = 0).
   */
  async function departureScenario(opts: { tag: string; years: number; planId: string; planParams?: Record<string, unknown>; goodStanding: boolean; trailingPeriods: number }) {
    const y = (s: string) => `${Number(s.slice(0, 4)) + opts.years}${s.slice(4)}`;
    const rep = `${opts.tag}-rep`;
    const heir = `${opts.tag}-heir`;
    const dealA = `${opts.tag}-A`;
    const dealB = `${opts.tag}-B`;
    const refs: Record<string, string> = {};

    await publishPlan(opts.planId, y('2027-01-01'), opts.planParams);
    await hire(rep, y('2027-01-01'), '50000.00', opts.planId);
    await hire(heir, y('2027-01-01'), '0.00', opts.planId);
    await newDeal(dealA, '2000000.00', 'NEW_BUSINESS', rep, y('2027-02-01'));
    await newDeal(dealB, '1234567.89', 'NEW_BUSINESS', rep, y('2027-09-01'));
    await closeThrough(y('2027-Q1'));

    const g1a = await gate(dealA, 'G1', 'AWARD_LETTER', y('2027-06-10'), `${rep}:rep`);
    expect(g1a.gatePostings).toEqual([expect.objectContaining({ repId: rep, credit: '400000.00', commission: '16000.00' })]);
    await closeThrough(y('2027-Q2'));

    refs.designIn = (await bonus(dealA, 'PROTOCOL_DESIGN_IN', y('2027-08-05'), undefined, `${rep}:rep`)).approvalId;
    await closeThrough(y('2027-Q4'));

    const g2a = await gate(dealA, 'G2', 'SIGNED_WORK_ORDER', y('2028-02-20'), `${rep}:rep`);
    expect(g2a.gatePostings).toEqual([expect.objectContaining({ repId: rep, credit: '600000.00', commission: '24000.00' })]);
    await closeThrough(y('2028-Q2'));

    // The departure quarter: earned before the departure, then the departure, then retired after it.
    const g1b = await gate(dealB, 'G1', 'LOI', y('2028-07-20'), `${rep}:rep`);
    expect(g1b.gatePostings).toEqual([expect.objectContaining({ repId: rep, credit: '246913.58', commission: '9876.54' })]);
    refs.irb = (await bonus(dealB, 'IRB_APPROVAL', y('2028-07-25'), undefined, `${rep}:rep`)).approvalId;
    await revenue(dealA, y('2028-Q3'), '500000.00'); // the departure period itself pays no trailing (k = 0)
    const departed = await ok('POST', `/reps/${rep}/departure`, hr, {
      effectiveDate: y('2028-08-15'),
      goodStanding: opts.goodStanding,
      reassignments: [{ dealId: dealA, newOwner: heir }, { dealId: dealB, newOwner: heir }],
    });
    expect(departed).toMatchObject({ repId: rep, status: 'DEPARTED', departure: { effectiveDate: y('2028-08-15'), goodStanding: opts.goodStanding } });
    await refused('POST', `/reps/${rep}/departure`, hr, { effectiveDate: y('2028-08-20'), goodStanding: true, reassignments: [] }, 409, 'REP_DEPARTED');

    const g2b = await gate(dealB, 'G2', 'SIGNED_WORK_ORDER', y('2028-09-10'));
    expect(g2b.gatePostings).toEqual([{ repId: heir, role: 'AE', share: '1.00', credit: '370370.37', commission: '14814.81' }]);
    const sites = await bonus(dealA, 'SITE_ACTIVATION', y('2028-09-20'), 2);
    expect(sites.bonusPostings).toEqual([{ repId: heir, amount: '50000.00', paid: '50000.00', capped: '0.00' }]);
    for (const dealId of [dealA, dealB]) {
      const deal = await ok('GET', `/deals/${dealId}`, admin);
      expect(deal).toMatchObject({ sourcedBy: rep, owner: heir, splits: [{ repId: heir, role: 'AE', share: '1.00' }] });
    }
    expect(await ok('GET', `/deals?sourcedBy=${rep}`, admin)).toEqual([
      expect.objectContaining({ id: dealA, sourcedBy: rep, owner: heir }),
      expect.objectContaining({ id: dealB, sourcedBy: rep, owner: heir }),
    ]);
    await closeThrough(y('2028-Q3'));

    // Finance recognizes revenue on the sourced deals in the 4 periods after the departure period (and a 5th).
    const trailingRevenue: Array<Array<[string, string]>> = [
      [[dealA, '300000.00'], [dealB, '123456.78']],
      [[dealA, '66667.00'], [dealB, '98765.43']],
      [[dealA, '250000.00']],
      [[dealA, '200000.00'], [dealB, '55555.55']],
      [[dealA, '100000.00']],
    ];
    const trailingPeriods = ['2028-Q4', '2029-Q1', '2029-Q2', '2029-Q3', '2029-Q4'].map(y);
    for (let k = 0; k < opts.trailingPeriods; k++) {
      for (const [dealId, amount] of trailingRevenue[k]) await revenue(dealId, trailingPeriods[k], amount);
      await closeThrough(trailingPeriods[k]);
    }
    return { rep, heir, dealA, dealB, refs, y };
  }

  /*
   * Departure in good standing, plan defaults (RECOVER_FROM_TRAILING, trailing 0.02 × revenue × [1.00, 0.75, 0.50, 0.25]).
   * dep-rep hired 2027-01-01, quarterly draw D = 50000.00; ramp = 2027-Q1..Q4. Deals sourced and owned by dep-rep (share 1):
   * A (TCV 2000000.00, sourced 2027-02-01), B (TCV 1234567.89, sourced 2027-09-01). Departs 2028-08-15 in good standing,
   * A and B reassigned to dep-heir. Commission = weight × TCV × 0.04; retention years 2 (2029-01-01) and 3 (2030-01-01)
   * both fall after the departure: forfeited 100000 + 150000.
   *
   * Draw netting: ramp → pay max(C, D); later, C < D → pay D, B += D − C; C ≥ D → r = min(B, C − D); D = 0 from the departure quarter.
   * total = net pay + design win + retention + trailing − recovery from trailing.
   *
   * | period  | C        | D     | net pay | drawPaid | recovery        | trailing | design win | forfeited | written off | total     | B after  |
   * |---------|----------|-------|---------|----------|-----------------|----------|------------|-----------|-------------|-----------|----------|
   * | 2027-Q1 | 0.00     | 50000 | 50000   | 50000    | 0               | 0        | 0          | 0         | 0           | 50000.00  | 0.00     |
   * | 2027-Q2 | 16000.00 | 50000 | 50000   | 34000    | 0               | 0        | 0          | 0         | 0           | 50000.00  | 0.00     |
   * | 2027-Q3 | 0.00     | 50000 | 50000   | 50000    | 0               | 0        | 50000      | 0         | 0           | 100000.00 | 0.00     |
   * | 2027-Q4 | 0.00     | 50000 | 50000   | 50000    | 0               | 0        | 0          | 0         | 0           | 50000.00  | 0.00     |
   * | 2028-Q1 | 24000.00 | 50000 | 50000   | 26000    | 0               | 0        | 0          | 0         | 0           | 50000.00  | 26000.00 |
   * | 2028-Q2 | 0.00     | 50000 | 50000   | 50000    | 0               | 0        | 0          | 0         | 0           | 50000.00  | 76000.00 |
   * | 2028-Q3 | 9876.54  | 0     | 0       | 0        | 9876.54 (C)     | 0        | 40000      | 250000    | 0           | 40000.00  | 66123.46 |
   * | 2028-Q4 | 0.00     | 0     | 0       | 0        | 8469.14 (trail) | 8469.14  | 0          | 0         | 0           | 0.00      | 57654.32 |
   * | 2029-Q1 | 0.00     | 0     | 0       | 0        | 2481.48 (trail) | 2481.48  | 0          | 0         | 0           | 0.00      | 55172.84 |
   * | 2029-Q2 | 0.00     | 0     | 0       | 0        | 2500.00 (trail) | 2500.00  | 0          | 0         | 0           | 0.00      | 52672.84 |
   * | 2029-Q3 | 0.00     | 0     | 0       | 0        | 1277.78 (trail) | 1277.78  | 0          | 0         | 51395.06    | 0.00      | 0.00     |
   * | 2029-Q4 | no statement: the rep is FINISHED                                                                                        |
   *
   * Where the figures come from:
   * - 2027-Q2 A G1 (06-10): 0.20 × 2000000 × 0.04 = 16000.00; ramp pays D, the 34000 shortfall is forgiven (B unchanged).
   * - 2027-Q3 A PROTOCOL_DESIGN_IN (08-05): 50000.00 on top of the draw.
   * - 2028-Q1 A G2 (02-20): 0.30 × 2000000 × 0.04 = 24000.00 < D → pay 50000, B = 26000. 2028-Q2: nothing → B = 76000.
   * - 2028-Q3 B G1 (07-20): 0.20 × 1234567.89 × 0.04 = 9876.54312 → 9876.54 (credit 246913.578 → 246913.58); B IRB_APPROVAL
   *   (07-25): 40000.00. Departs 08-15: D = 0, so C nets against B: r = min(76000, 9876.54) → B = 66123.46. After the
   *   departure, B G2 (09-10) credits the heir: 0.30 × 1234567.89 × 0.04 = 14814.81468 → 14814.81, and SITE_ACTIVATION × 2 on A
   *   (09-20) pays the heir 50000.00. Retention year 2 (2029-01-01) 100000 and year 3 (2030-01-01) 150000 are forfeited.
   *   Revenue of 500000.00 on A in this (departure) period is k = 0: no trailing.
   * - 2028-Q4, k = 1 (share 1.00): A 0.02 × 300000.00 = 6000.00; B 0.02 × 123456.78 = 2469.1356 → 2469.14; 8469.14 recovered.
   * - 2029-Q1, k = 2 (0.75): A 0.02 × 66667.00 × 0.75 = 1000.005 → 1000.00 (half-even); B 0.02 × 98765.43 × 0.75 = 1481.48145
   *   → 1481.48; 2481.48 recovered.
   * - 2029-Q2, k = 3 (0.50): A 0.02 × 250000.00 × 0.50 = 2500.00 recovered (no revenue on B).
   * - 2029-Q3, k = 4 (0.25): A 0.02 × 200000.00 × 0.25 = 1000.00; B 0.02 × 55555.55 × 0.25 = 277.77775 → 277.78; 1277.78
   *   recovered; B = 51395.06 is left after the last trailing period and written off; final statement, status FINISHED.
   * - 2029-Q4: revenue 100000.00 on A (k = 5) pays nothing; the rep gets no statement.
   * Performance review never trips: B ≤ 2 × 50000 throughout.
   */
  const mainScenarioStatements = (rep: string, dealA: string, dealB: string, refs: Record<string, string>, y: (s: string) => string) => {
    const ramp = 'ramp guarantee, non-recoverable';
    const forfeited = [
      { kind: 'RETENTION_FORFEITED', reference: 'year-2', amount: '100000.00', note: `departed ${y('2028-08-15')}, before the anniversary ${y('2029-01-01')}` },
      { kind: 'RETENTION_FORFEITED', reference: 'year-3', amount: '150000.00', note: `departed ${y('2028-08-15')}, before the anniversary ${y('2030-01-01')}` },
    ];
    return [
      stmt(rep, y('2027-Q1'), { netCommissionPay: '50000.00', drawPaid: '50000.00', totalPayout: '50000.00' }, [{ kind: 'DRAW', amount: '50000.00', note: ramp }]),
      stmt(rep, y('2027-Q2'), { commission: '16000.00', netCommissionPay: '50000.00', drawPaid: '34000.00', totalPayout: '50000.00' }, [
        { kind: 'GATE_COMMISSION', dealId: dealA, reference: 'G1', amount: '16000.00' },
        { kind: 'DRAW', amount: '34000.00', note: ramp },
      ]),
      stmt(rep, y('2027-Q3'), { netCommissionPay: '50000.00', drawPaid: '50000.00', designWinBonus: '50000.00', totalPayout: '100000.00' }, [
        { kind: 'DRAW', amount: '50000.00', note: ramp },
        { kind: 'DESIGN_WIN_BONUS', dealId: dealA, reference: `PROTOCOL_DESIGN_IN:${refs.designIn}`, amount: '50000.00' },
      ]),
      stmt(rep, y('2027-Q4'), { netCommissionPay: '50000.00', drawPaid: '50000.00', totalPayout: '50000.00' }, [{ kind: 'DRAW', amount: '50000.00', note: ramp }]),
      stmt(rep, y('2028-Q1'), { commission: '24000.00', netCommissionPay: '50000.00', drawPaid: '26000.00', totalPayout: '50000.00', unrecoveredDrawBalance: '26000.00' }, [
        { kind: 'GATE_COMMISSION', dealId: dealA, reference: 'G2', amount: '24000.00' },
        { kind: 'DRAW', amount: '26000.00', note: 'recoverable draw' },
      ]),
      stmt(rep, y('2028-Q2'), { netCommissionPay: '50000.00', drawPaid: '50000.00', totalPayout: '50000.00', unrecoveredDrawBalance: '76000.00' }, [
        { kind: 'DRAW', amount: '50000.00', note: 'recoverable draw' },
      ]),
      stmt(
        rep,
        y('2028-Q3'),
        { commission: '9876.54', recovery: '9876.54', designWinBonus: '40000.00', retentionForfeited: '250000.00', totalPayout: '40000.00', unrecoveredDrawBalance: '66123.46' },
        [
          { kind: 'GATE_COMMISSION', dealId: dealB, reference: 'G1', amount: '9876.54' },
          { kind: 'DRAW_RECOVERY', amount: '-9876.54', note: 'recovered from commission' },
          { kind: 'DESIGN_WIN_BONUS', dealId: dealB, reference: `IRB_APPROVAL:${refs.irb}`, amount: '40000.00' },
          ...forfeited,
        ],
      ),
      stmt(rep, y('2028-Q4'), { recovery: '8469.14', trailingCommission: '8469.14', unrecoveredDrawBalance: '57654.32' }, [
        { kind: 'TRAILING_COMMISSION', dealId: dealA, amount: '6000.00', note: 'k=1 on revenue 300000.00' },
        { kind: 'TRAILING_COMMISSION', dealId: dealB, amount: '2469.14', note: 'k=1 on revenue 123456.78' },
        { kind: 'TRAILING_RECOVERY', amount: '-8469.14', note: 'recovered from trailing commission' },
      ]),
      stmt(rep, y('2029-Q1'), { recovery: '2481.48', trailingCommission: '2481.48', unrecoveredDrawBalance: '55172.84' }, [
        { kind: 'TRAILING_COMMISSION', dealId: dealA, amount: '1000.00', note: 'k=2 on revenue 66667.00' },
        { kind: 'TRAILING_COMMISSION', dealId: dealB, amount: '1481.48', note: 'k=2 on revenue 98765.43' },
        { kind: 'TRAILING_RECOVERY', amount: '-2481.48', note: 'recovered from trailing commission' },
      ]),
      stmt(rep, y('2029-Q2'), { recovery: '2500.00', trailingCommission: '2500.00', unrecoveredDrawBalance: '52672.84' }, [
        { kind: 'TRAILING_COMMISSION', dealId: dealA, amount: '2500.00', note: 'k=3 on revenue 250000.00' },
        { kind: 'TRAILING_RECOVERY', amount: '-2500.00', note: 'recovered from trailing commission' },
      ]),
      stmt(rep, y('2029-Q3'), { recovery: '1277.78', trailingCommission: '1277.78', drawWrittenOff: '51395.06', unrecoveredDrawBalance: '0.00' }, [
        { kind: 'TRAILING_COMMISSION', dealId: dealA, amount: '1000.00', note: 'k=4 on revenue 200000.00' },
        { kind: 'TRAILING_COMMISSION', dealId: dealB, amount: '277.78', note: 'k=4 on revenue 55555.55' },
        { kind: 'TRAILING_RECOVERY', amount: '-1277.78', note: 'recovered from trailing commission' },
        { kind: 'DRAW_WRITE_OFF', amount: '51395.06', note: 'exit treatment RECOVER_FROM_TRAILING' },
      ]),
    ];
  };

  it('departure in good standing: reassignment, trailing commission recovering the draw balance, write-off, FINISHED', async () => {
    const { rep, heir, dealA, dealB, refs, y } = await departureScenario({ tag: 'dep', years: 0, planId: 'rc-2027', goodStanding: true, trailingPeriods: 5 });
    const expected = mainScenarioStatements(rep, dealA, dealB, refs, y);

    const all = await statements(rep);
    expect(all).toEqual(expected);
    all.forEach(expectStatementIdentities);
    for (const s of expected) expect(await ok('GET', `/reps/${rep}/statements/${s.period}`, `${rep}:rep`)).toEqual(s);

    // After the 4th trailing period the rep gets no more statements.
    await refused('GET', `/reps/${rep}/statements/2029-Q4`, `${rep}:rep`, undefined, 404, 'NOT_FOUND');
    expect(await ok('GET', `/reps/${rep}`, admin)).toMatchObject({ id: rep, status: 'FINISHED', unrecoveredDrawBalance: '0.00', performanceReview: false, lastClosedPeriod: '2029-Q3' });
    expect((await h.client.workflow.getHandle(`rep:${rep}`).describe()).status.name).toBe('COMPLETED');
    await refused('POST', `/reps/${rep}/departure`, hr, { effectiveDate: '2030-01-15', goodStanding: true, reassignments: [] }, 409, 'REP_DEPARTED');

    // The new owner, not the departed rep, was credited for what retired after the departure.
    const heirQ3 = await ok('GET', `/reps/${heir}/statements/2028-Q3`, `${heir}:rep`);
    expect(heirQ3).toEqual(
      stmt(heir, '2028-Q3', { commission: '14814.81', netCommissionPay: '14814.81', designWinBonus: '50000.00', totalPayout: '64814.81' }, [
        { kind: 'GATE_COMMISSION', dealId: dealB, reference: 'G2', amount: '14814.81' },
        { kind: 'DESIGN_WIN_BONUS', dealId: dealA, reference: expect.stringMatching(/^SITE_ACTIVATION:/), amount: '50000.00' },
      ]),
    );
    // Trailing was paid in k = 1..4 only: not on the departure period's revenue (k = 0), nor on 2029-Q4's (k = 5).
    const trailingPaid = await h.dataSource.query(
      `SELECT period, sum(amount)::text AS amount FROM ledger_entries WHERE rep_id = $1 AND kind = 'TRAILING_COMMISSION' GROUP BY period ORDER BY period`,
      [rep],
    );
    expect(trailingPaid).toEqual([
      { period: '2028-Q4', amount: '8469.14' },
      { period: '2029-Q1', amount: '2481.48' },
      { period: '2029-Q2', amount: '2500.00' },
      { period: '2029-Q3', amount: '1277.78' },
    ]);
    const heirAttainment = await ok('GET', `/reps/${heir}/attainment?year=2028`, `${heir}:rep`);
    expect(heirAttainment.credit).toEqual({ newBusiness: '370370.37', expansion: '0.00' });
    const repAttainment = await ok('GET', `/reps/${rep}/attainment?year=2028`, admin);
    expect(repAttainment.credit).toEqual({ newBusiness: '846913.58', expansion: '0.00' });

    await saveReplayFixture(h.client, `rep:${rep}`, 'rep-departure');
  }, 300_000);

  it('departure under a FORGIVE plan: B written off in the departure period, trailing paid in full', async () => {
    const params = { draw: { rampQuarters: 4, capQuarters: 2, exitTreatment: 'FORGIVE' } };
    const { rep, dealA, dealB, refs, y } = await departureScenario({ tag: 'fgv', years: 3, planId: 'rc-forgive', planParams: params, goodStanding: true, trailingPeriods: 5 });
    const main = mainScenarioStatements(rep, dealA, dealB, refs, y);
    const all = await statements(rep);
    expect(all.slice(0, 6)).toEqual(main.slice(0, 6));
    // 2031-Q3: the commission nets against B (D = 0), then what is left of B, 66123.46, is forgiven.
    expect(all[6]).toEqual({
      ...main[6],
      drawWrittenOff: '66123.46',
      unrecoveredDrawBalance: '0.00',
      lines: [...main[6].lines, { kind: 'DRAW_WRITE_OFF', amount: '66123.46', note: 'exit treatment FORGIVE', late: false }],
    });
    // Trailing k=1..4 is paid in full; nothing is recovered or written off any more.
    expect(all.slice(7)).toEqual([
      stmt(rep, y('2028-Q4'), { trailingCommission: '8469.14', totalPayout: '8469.14' }, main[7].lines.slice(0, 2)),
      stmt(rep, y('2029-Q1'), { trailingCommission: '2481.48', totalPayout: '2481.48' }, main[8].lines.slice(0, 2)),
      stmt(rep, y('2029-Q2'), { trailingCommission: '2500.00', totalPayout: '2500.00' }, main[9].lines.slice(0, 1)),
      stmt(rep, y('2029-Q3'), { trailingCommission: '1277.78', totalPayout: '1277.78' }, main[10].lines.slice(0, 2)),
    ]);
    all.forEach(expectStatementIdentities);
    await refused('GET', `/reps/${rep}/statements/${y('2029-Q4')}`, admin, undefined, 404, 'NOT_FOUND');
    expect(await ok('GET', `/reps/${rep}`, admin)).toMatchObject({ status: 'FINISHED', unrecoveredDrawBalance: '0.00' });
  }, 300_000);

  it('departure not in good standing: no trailing, B written off, no statements after the departure period', async () => {
    const { rep, dealA, dealB, refs, y } = await departureScenario({ tag: 'ngs', years: 6, planId: 'rc-2033', goodStanding: false, trailingPeriods: 1 });
    const main = mainScenarioStatements(rep, dealA, dealB, refs, y);
    const all = await statements(rep);
    expect(all).toEqual([
      ...main.slice(0, 6),
      {
        ...main[6],
        drawWrittenOff: '66123.46',
        unrecoveredDrawBalance: '0.00',
        lines: [...main[6].lines, { kind: 'DRAW_WRITE_OFF', amount: '66123.46', note: 'departed not in good standing', late: false }],
      },
    ]);
    all.forEach(expectStatementIdentities);
    await refused('GET', `/reps/${rep}/statements/${y('2028-Q4')}`, admin, undefined, 404, 'NOT_FOUND');
    expect(await ok('GET', `/reps/${rep}`, admin)).toMatchObject({ status: 'FINISHED', unrecoveredDrawBalance: '0.00', lastClosedPeriod: y('2028-Q3') });
    const [{ count }] = await h.dataSource.query(`SELECT count(*)::int AS count FROM ledger_entries WHERE rep_id = $1 AND kind = 'TRAILING_COMMISSION'`, [rep]);
    expect(count).toBe(0);
  }, 300_000);

  it('periods: closed in order, idempotently; a closed period refuses every event dated in it; statements appear once closed', async () => {
    await publishPlan('rc-2035', '2035-01-01');
    await hire('pc-rep', '2035-01-01', '10000.00', 'rc-2035');
    await hire('pc-heir', '2035-01-01', '0.00', 'rc-2035');
    await newDeal('pc-D', '1000000.00', 'NEW_BUSINESS', 'pc-rep', '2035-01-15');
    await closeThrough('2034-Q4');
    const before: Array<{ period: string; status: string }> = await ok('GET', '/periods', 'pc-rep:rep');
    expect(before.find((p) => p.period === '2035-Q1')).toEqual({ period: '2035-Q1', status: 'OPEN' });
    expect(before.filter((p) => p.period < '2035-Q1').every((p) => p.status === 'CLOSED')).toBe(true);
    expect(before.filter((p) => p.status === 'CLOSED').every((p: any) => typeof p.closedAt === 'string' && typeof p.statementCount === 'number')).toBe(true);

    await gate('pc-D', 'G1', 'AWARD_LETTER', '2035-02-10', 'pc-rep:rep');
    const pendingG2 = await ok('POST', '/deals/pc-D/artifacts', 'pc-rep:rep', { gate: 'G2', documentType: 'SIGNED_WORK_ORDER', documentRef: 'wo.pdf', effectiveDate: '2035-03-20' });
    // Not closed yet: no statement.
    await refused('GET', '/reps/pc-rep/statements/2035-Q1', 'pc-rep:rep', undefined, 404, 'NOT_FOUND');
    expect(await ok('GET', '/reps/pc-rep/statements', 'pc-rep:rep')).toEqual(expect.not.arrayContaining([expect.objectContaining({ period: '2035-Q1' })]));
    // Out of order, and before the calendar: refused, nothing recorded.
    await refused('POST', '/periods/2035-Q2/close', finance, {}, 409, 'PERIOD_OUT_OF_ORDER');
    await refused('POST', '/periods/2026-Q4/close', admin, {}, 409, 'PERIOD_BEFORE_CALENDAR');
    await refused('POST', '/periods/2035-Q1/close', 'pc-rep:rep', {}, 403, 'FORBIDDEN');
    expect((await ok('GET', '/periods', finance)).filter((p: any) => p.status !== 'CLOSED')).toEqual([{ period: '2035-Q1', status: 'OPEN' }]);

    const first = await close('2035-Q1');
    const pcStatement = stmt('pc-rep', '2035-Q1', { commission: '8000.00', netCommissionPay: '10000.00', drawPaid: '2000.00', totalPayout: '10000.00' }, [
      { kind: 'GATE_COMMISSION', dealId: 'pc-D', reference: 'G1', amount: '8000.00' },
      { kind: 'DRAW', amount: '2000.00', note: 'ramp guarantee, non-recoverable' },
    ]);
    expect(first).toMatchObject({ period: '2035-Q1', status: 'CLOSED', closedBy: 'rc-fin', alreadyClosed: false });
    expect(first.statements).toContainEqual(pcStatement);
    expect(first.statements).toContainEqual(stmt('pc-heir', '2035-Q1', {}, []));
    // Closing again (admin this time) is a 200 with the very same statements.
    const again = await ok('POST', '/periods/2035-Q1/close', admin, {}, [200]);
    expect(again).toMatchObject({ period: '2035-Q1', status: 'CLOSED', closedBy: 'rc-fin', alreadyClosed: true });
    expect(again.statements).toEqual(first.statements);
    expect(await ok('GET', '/reps/pc-rep/statements/2035-Q1', 'pc-rep:rep')).toEqual(pcStatement);
    const after: Array<{ period: string; status: string; statementCount?: number }> = await ok('GET', '/periods', finance);
    expect(after.find((p) => p.period === '2035-Q1')).toMatchObject({ status: 'CLOSED', statementCount: first.statements.length });
    expect(after.find((p) => p.period === '2035-Q2')).toEqual({ period: '2035-Q2', status: 'OPEN' });
    expect(after[after.length - 1].period).toBe('2035-Q2');

    // Every event dated in the closed period is refused with 409 PERIOD_CLOSED, and nothing is written.
    // docs/rules.md "Late approvals": an item pending when its period closed stays decidable (approved, it would post in
    // 2035-Q2: tests/e2e/late-approvals.test.ts); the close lists it, and here it is rejected.
    expect(first.pendingApprovals.map((p: any) => p.approvalId)).toContain(pendingG2.approvalId);
    await ok('POST', `/approvals/${pendingG2.approvalId}/reject`, desk, { reason: 'dated in a closed period; resubmit with the correction date' });
    const snapshot = async () => ({
      deal: await ok('GET', '/deals/pc-D', admin),
      rep: await ok('GET', '/reps/pc-rep', admin),
      counts: (
        await h.dataSource.query(
          `SELECT (SELECT count(*) FROM ledger_entries)::int AS ledger, (SELECT count(*) FROM approvals)::int AS approvals,
                  (SELECT count(*) FROM revenue_entries)::int AS revenue, (SELECT count(*) FROM reps)::int AS reps,
                  (SELECT count(*) FROM statements)::int AS statements, (SELECT max(version) FROM deals WHERE id = 'pc-D') AS version`,
        )
      )[0],
    });
    const unchanged = await snapshot();
    await refused('POST', '/deals/pc-D/artifacts', 'pc-rep:rep', { gate: 'G2', documentType: 'SIGNED_WORK_ORDER', documentRef: 'wo-2.pdf', effectiveDate: '2035-03-25' }, 409, 'PERIOD_CLOSED');
    await refused('POST', '/deals/pc-D/bonus-events', 'pc-rep:rep', { type: 'PROTOCOL_DESIGN_IN', evidenceRef: 'protocol.pdf', effectiveDate: '2035-03-01' }, 409, 'PERIOD_CLOSED');
    await refused('POST', '/deals/pc-D/descope', admin, { newTcv: '800000.00', reason: 'arm dropped', effectiveDate: '2035-03-31' }, 409, 'PERIOD_CLOSED');
    // dated after G1 (2035-02-10): a kill dated on or before it would be KILL_BEFORE_RETIRED_GATE (docs/rules.md "Kill by date")
    await refused('POST', '/deals/pc-D/kill', admin, { reason: 'sponsor stopped', effectiveDate: '2035-02-15' }, 409, 'PERIOD_CLOSED');
    await refused('POST', '/deals/pc-D/revenue', finance, { period: '2035-Q1', amount: '1000.00' }, 409, 'PERIOD_CLOSED');
    await refused('POST', '/reps/pc-rep/departure', hr, { effectiveDate: '2035-03-15', goodStanding: true, reassignments: [{ dealId: 'pc-D', newOwner: 'pc-heir' }] }, 409, 'PERIOD_CLOSED');
    await refused('POST', '/reps', admin, { id: 'pc-late', name: 'Late Hire', role: 'AE', hireDate: '2035-02-01', quarterlyDraw: '1.00', planId: 'rc-2035' }, 409, 'PERIOD_CLOSED');
    expect(await snapshot()).toEqual(unchanged);
    expect(unchanged.deal).toMatchObject({ status: 'ACTIVE', tcv: '1000000.00', pending: [], revenueRecognized: '0.00', owner: 'pc-rep' });
    expect(unchanged.rep).toMatchObject({ status: 'ACTIVE', departure: null });

    // The correction goes into the open period.
    const descoped = await ok('POST', '/deals/pc-D/descope', admin, { newTcv: '800000.00', reason: 'arm dropped', effectiveDate: '2035-04-01' });
    expect(descoped.tcv).toBe('800000.00');
    expect((await ok('POST', '/deals/pc-D/revenue', finance, { period: '2035-Q2', amount: '1000.00' })).revenueRecognized).toBe('1000.00');
  }, 300_000);

  it('a departed rep is no longer flagged for performance review; reassignment goes to active reps only and skips closed deals', async () => {
    // No ramp and capQuarters 1: B = 20000 after two draw-only quarters exceeds 1 × 10000.
    await publishPlan('rc-2035-review', '2035-04-01', { draw: { rampQuarters: 0, capQuarters: 1, exitTreatment: 'RECOVER_FROM_TRAILING' } });
    await hire('pr-rep', '2035-04-01', '10000.00', 'rc-2035-review');
    await hire('pr-gone', '2035-04-01', '0.00', 'rc-2035-review');
    await hire('pr-heir', '2035-04-01', '0.00', 'rc-2035-review');
    await newDeal('pr-D', '500000.00', 'NEW_BUSINESS', 'pr-rep', '2035-05-01');
    await newDeal('pr-C', '300000.00', 'NEW_BUSINESS', 'pr-rep', '2035-05-01');
    await ok('POST', '/deals/pr-C/close', finance);
    await closeThrough('2035-Q3');
    const draw = [{ kind: 'DRAW', amount: '10000.00', note: 'recoverable draw' }];
    expect(await statements('pr-rep')).toEqual([
      stmt('pr-rep', '2035-Q2', { netCommissionPay: '10000.00', drawPaid: '10000.00', totalPayout: '10000.00', unrecoveredDrawBalance: '10000.00' }, draw),
      stmt('pr-rep', '2035-Q3', { netCommissionPay: '10000.00', drawPaid: '10000.00', totalPayout: '10000.00', unrecoveredDrawBalance: '20000.00', performanceReview: true }, draw),
    ]);
    expect(await ok('GET', '/reps/pr-rep', admin)).toMatchObject({ status: 'ACTIVE', unrecoveredDrawBalance: '20000.00', performanceReview: true });

    await ok('POST', '/reps/pr-gone/departure', hr, { effectiveDate: '2035-10-01', goodStanding: true, reassignments: [] });
    const toDeparted = { effectiveDate: '2035-10-15', goodStanding: true, reassignments: [{ dealId: 'pr-D', newOwner: 'pr-gone' }] };
    await refused('POST', '/reps/pr-rep/departure', hr, toDeparted, 409, 'REP_DEPARTED');
    expect(await ok('GET', '/reps/pr-rep', admin)).toMatchObject({ status: 'ACTIVE', departure: null });
    expect(await ok('GET', '/deals/pr-D', admin)).toMatchObject({ owner: 'pr-rep', splits: [{ repId: 'pr-rep', role: 'AE', share: '1.00' }] });
    // A closed deal listed among the reassignments: nothing retires on it any more, so it stays as it was.
    const departed = await ok('POST', '/reps/pr-rep/departure', hr, {
      ...toDeparted,
      reassignments: [{ dealId: 'pr-C', newOwner: 'pr-heir' }, { dealId: 'pr-D', newOwner: 'pr-heir' }],
    });
    expect(departed).toMatchObject({ status: 'DEPARTED' });
    // The deal workflows apply the reassignment after the 202 (a signal each).
    expect(await eventually(() => ok('GET', '/deals/pr-D', admin), (d) => d.owner === 'pr-heir')).toMatchObject({ owner: 'pr-heir', sourcedBy: 'pr-rep' });
    expect(await ok('GET', '/deals/pr-C', admin)).toMatchObject({ status: 'CLOSED', owner: 'pr-rep' });
    await closeThrough('2035-Q4');

    // B is still owed (recovered from trailing later), but nobody reviews a rep who has left.
    expect(await ok('GET', '/reps/pr-rep/statements/2035-Q4', admin)).toEqual(
      stmt('pr-rep', '2035-Q4', { retentionForfeited: '250000.00', unrecoveredDrawBalance: '20000.00', performanceReview: false }, [
        { kind: 'RETENTION_FORFEITED', reference: 'year-2', amount: '100000.00', note: 'departed 2035-10-15, before the anniversary 2037-04-01' },
        { kind: 'RETENTION_FORFEITED', reference: 'year-3', amount: '150000.00', note: 'departed 2035-10-15, before the anniversary 2038-04-01' },
      ]),
    );
    expect(await ok('GET', '/reps/pr-rep', admin)).toMatchObject({ status: 'DEPARTED', unrecoveredDrawBalance: '20000.00', performanceReview: false });
  }, 300_000);

  it('access to statements and attainment with ramp relief and the new-business/expansion split', async () => {
    await publishPlan('rc-2036', '2036-01-01');
    await hire('ax-rep', '2036-03-15', '20000.00', 'rc-2036', 'ax-mgr');
    await hire('ax-other', '2036-03-15', '20000.00', 'rc-2036', 'ax-mgr2');
    await newDeal('ax-NB', '3000000.00', 'NEW_BUSINESS', 'ax-rep', '2036-04-01');
    await newDeal('ax-EX', '1000000.00', 'EXPANSION', 'ax-rep', '2036-05-01', [
      { repId: 'ax-rep', role: 'AE', share: '0.60' },
      { repId: 'ax-other', role: 'ACCOUNT_MANAGER', share: '0.40' },
    ]);
    await closeThrough('2036-Q1');

    const own = stmt('ax-rep', '2036-Q1', { netCommissionPay: '20000.00', drawPaid: '20000.00', totalPayout: '20000.00' }, [
      { kind: 'DRAW', amount: '20000.00', note: 'ramp guarantee, non-recoverable' },
    ]);
    const readers = ['ax-rep:rep', 'ax-mgr:manager', 'rc-fin:finance', 'rc-admin:comp_admin'];
    for (const as of readers) {
      expect(await ok('GET', '/reps/ax-rep/statements/2036-Q1', as, undefined, [200])).toEqual(own);
      expect(await ok('GET', '/reps/ax-rep/statements', as, undefined, [200])).toEqual([own]);
    }
    // Not their statements: another rep, another team's manager, a manager id without the manager role.
    for (const as of ['ax-other:rep', 'ax-mgr2:manager', 'ax-mgr:rep']) {
      await refused('GET', '/reps/ax-rep/statements/2036-Q1', as, undefined, 404, 'NOT_FOUND');
      await refused('GET', '/reps/ax-rep/statements', as, undefined, 404, 'NOT_FOUND');
      await refused('GET', '/reps/ax-rep/attainment?year=2036', as, undefined, 404, 'NOT_FOUND');
    }
    // Roles that read no one's statements (docs/api.md lists the rep, their manager, comp_admin, finance): 403.
    for (const as of [hr, desk]) {
      await refused('GET', '/reps/ax-rep/statements/2036-Q1', as, undefined, 403, 'FORBIDDEN');
      await refused('GET', '/reps/ax-rep/statements', as, undefined, 403, 'FORBIDDEN');
    }
    expect(await ok('GET', '/reps/ax-rep', hr, undefined, [200])).toMatchObject({ id: 'ax-rep', managerId: 'ax-mgr', status: 'ACTIVE' });
    expect((await h.http('GET', '/reps/ax-rep/statements/2036-Q1')).status).toBe(401);
    expect(await ok('GET', '/reps/ax-other/statements/2036-Q1', 'ax-other:rep', undefined, [200])).toMatchObject({ repId: 'ax-other', netCommissionPay: '20000.00' });
    expect(await ok('GET', '/reps/ax-other/statements', 'ax-mgr2:manager', undefined, [200])).toHaveLength(1);

    /*
     * Attainment, hired 2036-03-15; quota 4000000 new business / 2000000 expansion × the ramp factor of the whole
     * months of tenure on 1 January: 2036 hired in the year → month 0 → 0.40; 2037: 9 months (< 12) → 0.40;
     * 2038: 21 months → 0.70. Credit = weight × TCV × share by effective date; ax-EX is EXPANSION (ax-rep 0.60).
     * | year | factor | quota NB / EX       | credit NB                  | credit EX                  | attainment NB / EX      |
     * | 2036 | 0.40   | 1600000 / 800000    | G1 0.20×3000000 = 600000   | G1 0.20×1000000×0.6=120000 | 0.3750 / 0.1500         |
     * | 2037 | 0.40   | 1600000 / 800000    | G2 0.30×3000000 = 900000   | G2 0.30×1000000×0.6=180000 | 0.5625 / 0.2250         |
     * | 2038 | 0.70   | 2800000 / 1400000   | G3 0.25×3000000 = 750000   | G3 0.25×1000000×0.6=150000 | 0.2679 / 0.1071         |
     * (750000 / 2800000 = 0.267857…, 150000 / 1400000 = 0.107142…, to 4 places)
     */
    await gate('ax-NB', 'G1', 'AWARD_LETTER', '2036-06-01', 'ax-rep:rep');
    await gate('ax-EX', 'G1', 'LOI', '2036-07-01', 'ax-rep:rep');
    await gate('ax-NB', 'G2', 'SIGNED_WORK_ORDER', '2037-02-01', 'ax-rep:rep');
    await gate('ax-EX', 'G2', 'SIGNED_WORK_ORDER', '2037-03-01', 'ax-other:rep');
    await gate('ax-NB', 'G3', 'IRB_APPROVAL_LETTER', '2038-01-10', 'ax-rep:rep');
    await gate('ax-EX', 'G3', 'SYSTEM_GO_LIVE_RECORD', '2038-02-01', 'ax-rep:rep');
    const attainment = (year: number, as = 'ax-rep:rep') => ok('GET', `/reps/ax-rep/attainment?year=${year}`, as, undefined, [200]);
    expect(await attainment(2036)).toEqual({
      year: 2036,
      rampFactor: '0.40',
      quota: { newBusiness: '1600000.00', expansion: '800000.00' },
      credit: { newBusiness: '600000.00', expansion: '120000.00' },
      attainment: { newBusiness: '0.3750', expansion: '0.1500' },
    });
    expect(await attainment(2037, 'ax-mgr:manager')).toEqual({
      year: 2037,
      rampFactor: '0.40',
      quota: { newBusiness: '1600000.00', expansion: '800000.00' },
      credit: { newBusiness: '900000.00', expansion: '180000.00' },
      attainment: { newBusiness: '0.5625', expansion: '0.2250' },
    });
    expect(await attainment(2038, finance)).toEqual({
      year: 2038,
      rampFactor: '0.70',
      quota: { newBusiness: '2800000.00', expansion: '1400000.00' },
      credit: { newBusiness: '750000.00', expansion: '150000.00' },
      attainment: { newBusiness: '0.2679', expansion: '0.1071' },
    });
    // The 0.40 expansion share of ax-other counts toward their expansion sub-quota only.
    expect(await ok('GET', '/reps/ax-other/attainment?year=2036', 'ax-other:rep')).toMatchObject({
      credit: { newBusiness: '0.00', expansion: '80000.00' },
      attainment: { newBusiness: '0.0000', expansion: '0.1000' },
    });
    await refused('GET', '/reps/ax-rep/attainment?year=abc', 'ax-rep:rep', undefined, 400, 'VALIDATION_FAILED');
  }, 300_000);

  it('a comp admin moves a rep to a newer plan from a 1 January: later statements and attainment follow it, earlier ones do not', async () => {
    // pm-2039 keeps the draw non-recoverable for 8 quarters; pm-2040 for 4, with a larger new-business quota.
    await publishPlan('pm-2039', '2039-01-01', { draw: { rampQuarters: 8, capQuarters: 2, exitTreatment: 'RECOVER_FROM_TRAILING' } });
    await publishPlan('pm-2040', '2040-01-01', { quota: { newBusiness: '8000000.00', expansion: '1000000.00' } });
    await publishPlan('pm-2041', '2041-01-01');
    await ok('POST', '/plans', admin, { id: 'pm-draft', effectiveFrom: '2039-06-01', params: {} });
    await hire('pm-rep', '2039-01-01', '30000.00', 'pm-2039');
    await hire('pm-gone', '2039-01-01', '0.00', 'pm-2039');
    await closeThrough('2039-Q1');

    const move = (body: unknown, as = admin) => h.http('POST', '/reps/pm-rep/plan', { as, body });
    // Refused, and nothing recorded: not a 1 January, a draft or unknown plan, not newer, not yet in force, a closed
    // period, a role other than comp_admin, a departed rep.
    await refused('POST', '/reps/pm-rep/plan', admin, { planId: 'pm-2040', effectiveFrom: '2040-02-01' }, 400, 'VALIDATION_FAILED');
    await refused('POST', '/reps/pm-rep/plan', admin, { planId: 'pm-draft', effectiveFrom: '2040-01-01' }, 422, 'PLAN_NOT_PUBLISHED');
    await refused('POST', '/reps/pm-rep/plan', admin, { planId: 'pm-none', effectiveFrom: '2040-01-01' }, 422, 'PLAN_NOT_PUBLISHED');
    await refused('POST', '/reps/pm-rep/plan', admin, { planId: 'pm-2039', effectiveFrom: '2040-01-01' }, 409, 'PLAN_NOT_NEWER');
    await refused('POST', '/reps/pm-rep/plan', admin, { planId: 'pm-2041', effectiveFrom: '2040-01-01' }, 422, 'PLAN_NOT_IN_FORCE');
    await refused('POST', '/reps/pm-rep/plan', admin, { planId: 'pm-2041', effectiveFrom: '2039-01-01' }, 409, 'PERIOD_CLOSED');
    for (const as of [hr, finance, 'pm-rep:rep']) await refused('POST', '/reps/pm-rep/plan', as, { planId: 'pm-2040', effectiveFrom: '2040-01-01' }, 403, 'FORBIDDEN');
    await refused('POST', '/reps/pm-nobody/plan', admin, { planId: 'pm-2040', effectiveFrom: '2040-01-01' }, 404, 'NOT_FOUND');
    await ok('POST', '/reps/pm-gone/departure', hr, { effectiveDate: '2039-05-01', goodStanding: true, reassignments: [] }, [202]);
    await refused('POST', '/reps/pm-gone/plan', admin, { planId: 'pm-2040', effectiveFrom: '2040-01-01' }, 409, 'REP_DEPARTED');
    expect(await ok('GET', '/reps/pm-rep', admin)).toMatchObject({ planId: 'pm-2039', hirePlanId: 'pm-2039', planMoves: [] });

    // Moved from 2040-01-01, with an Idempotency-Key: a repeat returns the first result.
    const key = { 'Idempotency-Key': 'pm-move-2040' };
    const first = await h.http('POST', '/reps/pm-rep/plan', { as: admin, body: { planId: 'pm-2040', effectiveFrom: '2040-01-01' }, headers: key });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: 'pm-rep', hirePlanId: 'pm-2039', planMoves: [{ planId: 'pm-2040', planEffectiveFrom: '2040-01-01', effectiveFrom: '2040-01-01', recordedBy: 'rc-admin' }] });
    const again = await h.http('POST', '/reps/pm-rep/plan', { as: admin, body: { planId: 'pm-2040', effectiveFrom: '2040-01-01' }, headers: key });
    expect({ status: again.status, replayed: again.headers.get('idempotent-replayed'), body: again.body }).toEqual({ status: 200, replayed: 'true', body: first.body });
    // The same move without a key changes nothing either; a later move is appended; an earlier one after it is refused.
    expect((await move({ planId: 'pm-2040', effectiveFrom: '2040-01-01' })).body.planMoves).toEqual(first.body.planMoves);
    const both = (await move({ planId: 'pm-2041', effectiveFrom: '2041-01-01' })).body.planMoves;
    expect(both.map((m: any) => [m.planId, m.effectiveFrom])).toEqual([['pm-2040', '2040-01-01'], ['pm-2041', '2041-01-01']]);
    await refused('POST', '/reps/pm-rep/plan', admin, { planId: 'pm-2040', effectiveFrom: '2040-01-01' }, 409, 'PLAN_MOVE_OUT_OF_ORDER');
    expect((await ok('GET', '/reps/pm-rep', admin)).planMoves).toEqual(both);

    /*
     * Hired 2039-Q1 with a 30000.00 draw. Under pm-2039 the draw is a ramp guarantee for 8 quarters (through
     * 2040-Q4); from 2040-01-01 pm-2040 governs, whose ramp is 4 quarters, so 2040-Q1 (the 5th) is a recoverable
     * draw: no commission, 30000.00 paid and owed back.
     */
    await closeThrough('2040-Q1');
    const byPeriod = new Map((await statements('pm-rep')).map((s: any) => [s.period, s]));
    expect(byPeriod.get('2039-Q4')).toMatchObject({ drawPaid: '30000.00', unrecoveredDrawBalance: '0.00', lines: [{ kind: 'DRAW', amount: '30000.00', note: 'ramp guarantee, non-recoverable' }] });
    expect(byPeriod.get('2040-Q1')).toMatchObject({ drawPaid: '30000.00', unrecoveredDrawBalance: '30000.00', lines: [{ kind: 'DRAW', amount: '30000.00', note: 'recoverable draw' }] });

    // Quota follows the plan in force on 1 January of the year; ramp factor 0.40 in 2039 (month 0), 0.70 in 2040 (month 12).
    const quota = async (year: number) => (await ok('GET', `/reps/pm-rep/attainment?year=${year}`, admin)).quota;
    expect(await quota(2039)).toEqual({ newBusiness: '1600000.00', expansion: '800000.00' });
    expect(await quota(2040)).toEqual({ newBusiness: '5600000.00', expansion: '700000.00' });
    expect(await quota(2041)).toEqual({ newBusiness: '4000000.00', expansion: '2000000.00' });

    await saveReplayFixture(h.client, 'rep:pm-rep', 'rep-plan-move');
  }, 300_000);
});
