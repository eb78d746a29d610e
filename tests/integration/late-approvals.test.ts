import { DataSource } from 'typeorm';
import { allocateBonus, Deal, newDeal, REFERENCE_PLAN_PARAMS, retireGate } from '../../libs/domain';
import { CompRepository } from '../../libs/persistence/comp.repository';
import { LedgerRepository, projectDeal } from '../../libs/persistence/ledger.repository';
import { freshDatabase } from '../support/database';

/** docs/rules.md "Late approvals" in the ledger write (the owner of "period closed"), and the close's reports. */
describe('late approvals and the period close (PostgreSQL)', () => {
  let db: DataSource;
  let ledger: LedgerRepository;
  let comp: CompRepository;
  let deal: Deal;

  beforeAll(async () => {
    ({ dataSource: db } = await freshDatabase('integration-late-approvals'));
    ledger = new LedgerRepository(db);
    comp = new CompRepository(db);
    await db.query(`INSERT INTO plans (id, effective_from, params, status, created_by) VALUES ('p', '2027-01-01', $1, 'PUBLISHED', 't')`, [JSON.stringify(REFERENCE_PLAN_PARAMS)]);
    await db.query(`INSERT INTO reps (id, name, role, hire_date, quarterly_draw, plan_id, status, request_hash) VALUES ('r1','R','AE','2027-01-01',1000,'p','ACTIVE','h')`);
    deal = newDeal(
      { id: 'LA-1', sponsor: 's', program: 'p', tcv: '1000000.00', dealType: 'NEW_BUSINESS', sourcedBy: 'r1', owner: 'r1', sourcedAt: '2027-01-10', splits: [{ repId: 'r1', role: 'AE', share: '1' }] },
      'p',
      REFERENCE_PLAN_PARAMS,
    );
    await db.transaction((tx) => projectDeal(tx, deal, 0, 'h'));
    // 2027-Q1 closed, 2027-Q2 closing: the first open period is 2027-Q3.
    await db.query(`INSERT INTO periods (period, status, closed_by, closed_at) VALUES ('2027-Q1', 'CLOSED', 't', now()), ('2027-Q2', 'CLOSING', 't', NULL)`);
  }, 60_000);
  afterAll(async () => db?.destroy());

  const gate = (key: string, approvalId: string, effectiveDate: string, period: string) => {
    const r = retireGate(REFERENCE_PLAN_PARAMS, key, deal.tcv, deal.splits);
    return { gate: key, approvalId, effectiveDate, period, dealCredit: r.dealCredit, postings: r.postings };
  };

  it('posts an approval dated in a closed period in the first open period, keeping its effectiveDate', async () => {
    const result = await ledger.commitDealChange({ deal, version: 1, period: '2027-Q1', postInFirstOpenPeriod: true, gate: gate('G1', 'LA-1-A1', '2027-03-20', '2027-Q1') });
    expect(result.postedPeriod).toBe('2027-Q3');
    const rows = await db.query(`SELECT kind, period, effective_date::text AS d FROM ledger_entries WHERE deal_id = 'LA-1' ORDER BY kind`);
    expect(rows).toEqual([
      { kind: 'GATE_COMMISSION', period: '2027-Q3', d: '2027-03-20' },
      { kind: 'QUOTA_CREDIT', period: '2027-Q3', d: '2027-03-20' },
    ]);
    expect(await db.query(`SELECT period FROM gate_retirements WHERE deal_id = 'LA-1'`)).toEqual([{ period: '2027-Q3' }]);
  });

  it('applies the design-win cap of the effectiveDate\'s year to a late bonus', async () => {
    const bonus = { approvalId: 'LA-1-B1', type: 'PROTOCOL_DESIGN_IN', effectiveDate: '2027-02-01', period: '2027-Q1', annualCap: '300000.00', allocations: allocateBonus(REFERENCE_PLAN_PARAMS, 'PROTOCOL_DESIGN_IN', 1, 'r1') };
    const result = await ledger.commitDealChange({ deal, version: 2, period: '2027-Q1', postInFirstOpenPeriod: true, bonus });
    expect(result.postedPeriod).toBe('2027-Q3');
    expect(await db.query(`SELECT year, paid FROM design_win_totals WHERE rep_id = 'r1'`)).toEqual([{ year: 2027, paid: '50000.00' }]);
  });

  it('still refuses anything else dated in a closed or closing period (PERIOD_CLOSED)', async () => {
    await expect(ledger.commitDealChange({ deal, version: 3, period: '2027-Q2', gate: gate('G2', 'LA-1-A2', '2027-05-01', '2027-Q2') })).rejects.toMatchObject({ code: 'PERIOD_CLOSED' });
    await expect(ledger.commitDealChange({ deal, version: 3, period: '2027-Q1', revenue: { idempotencyKey: 'rv', period: '2027-Q1', amount: '5.00', recordedBy: 'f' } })).rejects.toMatchObject({ code: 'PERIOD_CLOSED' });
  });

  it('shows the late posting on the statement of the period it posted in, with late: true', async () => {
    const facts = await comp.repPeriodFacts('r1', '2027-Q3');
    expect(facts.commissions).toEqual([{ dealId: 'LA-1', reference: 'G1', amount: '8000.00', effectiveDate: '2027-03-20' }]);
    expect(facts.designWins).toEqual([expect.objectContaining({ paid: '50000.00', effectiveDate: '2027-02-01' })]);
  });

  it('counts a gate for retention only if it posted by the anniversary\'s period (approved before that period closed)', async () => {
    // G1 is dated 2027-03-20 but posted in 2027-Q3: a statement of 2027-Q2 (say, re-attempted after a failed close) does not count it.
    expect((await comp.repPeriodFacts('r1', '2027-Q2')).sourcedGateDates).toEqual([]);
    expect((await comp.repPeriodFacts('r1', '2027-Q3')).sourcedGateDates).toEqual(['2027-03-20']);
  });

  it('lists the approvals still pending and dated in a period', async () => {
    await ledger.commitDealChange({
      deal,
      version: 4,
      submitted: { approvalId: 'LA-1-A9', kind: 'GATE', gate: 'G2', documentType: 'SIGNED_WORK_ORDER', documentRef: 'x', effectiveDate: '2027-05-02', submittedBy: 'r1', submittedAt: '2027-05-03T00:00:00.000Z' },
    });
    expect(await comp.pendingApprovalsIn('2027-Q2')).toEqual([
      { approvalId: 'LA-1-A9', dealId: 'LA-1', kind: 'GATE', gate: 'G2', effectiveDate: '2027-05-02', submittedBy: 'r1', submittedAt: '2027-05-03T00:00:00.000Z' },
    ]);
    expect(await comp.pendingApprovalsIn('2027-Q3')).toEqual([]);
  });

  it('keeps a period CLOSING with its failures, and closes it once nothing fails', async () => {
    await comp.finishPeriodClose('2027-Q2', [{ repId: 'r1', code: 'INVALID_DATA', message: 'numeric field overflow' }]);
    expect(await db.query(`SELECT status, failures FROM periods WHERE period = '2027-Q2'`)).toEqual([
      { status: 'CLOSING', failures: [{ repId: 'r1', code: 'INVALID_DATA', message: 'numeric field overflow' }] },
    ]);
    await comp.finishPeriodClose('2027-Q2', []);
    expect(await db.query(`SELECT status, failures FROM periods WHERE period = '2027-Q2'`)).toEqual([{ status: 'CLOSED', failures: null }]);
  });
});
