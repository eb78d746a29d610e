import { DataSource } from 'typeorm';
import { newDeal, REFERENCE_PLAN_PARAMS, retireGate, allocateBonus, Deal } from '../../libs/domain';
import { CompRepository } from '../../libs/persistence/comp.repository';
import { LedgerRepository, projectDeal } from '../../libs/persistence/ledger.repository';
import { freshDatabase } from '../support/database';

/** The ledger against a real PostgreSQL: exactly-once postings, append-only rows, the cross-deal cap, the period lock. */
describe('ledger (PostgreSQL)', () => {
  let db: DataSource;
  let ledger: LedgerRepository;
  let deal: Deal;

  beforeAll(async () => {
    ({ dataSource: db } = await freshDatabase('integration-ledger'));
    ledger = new LedgerRepository(db);
    await db.query(`INSERT INTO plans (id, effective_from, params, status, created_by) VALUES ('p', '2027-01-01', $1, 'PUBLISHED', 't')`, [JSON.stringify(REFERENCE_PLAN_PARAMS)]);
    await db.query(`INSERT INTO reps (id, name, role, hire_date, quarterly_draw, plan_id, status, request_hash) VALUES ('r1','R','AE','2027-01-01',1000,'p','ACTIVE','h'), ('r2','S','AE','2027-01-01',1000,'p','ACTIVE','h')`);
    deal = newDeal(
      { id: 'L-1', sponsor: 's', program: 'p', tcv: '1000000.00', dealType: 'NEW_BUSINESS', sourcedBy: 'r1', owner: 'r1', sourcedAt: '2027-01-10', splits: [{ repId: 'r1', role: 'AE', share: '0.6' }, { repId: 'r2', role: 'BDR', share: '0.4' }] },
      'p',
      REFERENCE_PLAN_PARAMS,
    );
    await db.transaction((tx) => projectDeal(tx, deal, 0, 'h'));
  }, 60_000);
  afterAll(async () => db?.destroy());

  const gateChange = (version: number) => {
    const retirement = retireGate(REFERENCE_PLAN_PARAMS, 'G1', deal.tcv, deal.splits);
    return { deal, version, period: '2027-Q1', gate: { gate: 'G1', approvalId: 'L-1-A1', effectiveDate: '2027-02-01', period: '2027-Q1', dealCredit: retirement.dealCredit, postings: retirement.postings } };
  };

  it('posts a gate exactly once however often the activity runs', async () => {
    await Promise.all([ledger.commitDealChange(gateChange(1)), ledger.commitDealChange(gateChange(1)), ledger.commitDealChange(gateChange(2))]);
    const rows = await db.query(`SELECT kind, rep_id, amount FROM ledger_entries WHERE deal_id = 'L-1' ORDER BY kind, rep_id`);
    expect(rows).toEqual([
      { kind: 'GATE_COMMISSION', rep_id: 'r1', amount: '4800.00' },
      { kind: 'GATE_COMMISSION', rep_id: 'r2', amount: '3200.00' },
      { kind: 'QUOTA_CREDIT', rep_id: 'r1', amount: '120000.00' },
      { kind: 'QUOTA_CREDIT', rep_id: 'r2', amount: '80000.00' },
    ]);
    expect(await db.query(`SELECT count(*)::int AS n FROM gate_retirements`)).toEqual([{ n: 1 }]);
  });

  it('refuses to edit or delete a ledger row', async () => {
    await expect(db.query(`UPDATE ledger_entries SET amount = 0`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM ledger_entries`)).rejects.toThrow(/append-only/);
  });

  it('never pays past the annual cap, even when bonuses on different deals post at once', async () => {
    const events = Array.from({ length: 8 }, (_, i) => ({
      deal,
      version: 10 + i,
      period: '2027-Q2',
      bonus: { approvalId: `L-1-B${i}`, type: 'PROTOCOL_DESIGN_IN', effectiveDate: '2027-05-01', period: '2027-Q2', annualCap: '300000.00', allocations: allocateBonus(REFERENCE_PLAN_PARAMS, 'PROTOCOL_DESIGN_IN', 1, 'r1') },
    }));
    const results = await Promise.all(events.map((e) => ledger.commitDealChange(e)));
    const paid = results.flatMap((r) => r.bonusPostings!).reduce((sum, p) => sum + Number(p.paid.replace('.', '')), 0);
    expect(paid).toBe(30000000); // 300000.00 in cents: 6 × 50000 paid, the rest capped
    expect(await db.query(`SELECT paid, capped FROM design_win_totals WHERE rep_id = 'r1' AND year = 2027`)).toEqual([{ paid: '300000.00', capped: '100000.00' }]);
    const again = await ledger.commitDealChange(events[7]);
    expect(again.bonusPostings).toEqual(results[7].bonusPostings);
  });

  it('refuses a posting into a closing period, and waits for postings in flight before closing', async () => {
    const comp = new CompRepository(db);
    const begun = await comp.beginPeriodClose('2027-Q1', 'tester');
    expect(begun.repIds).toEqual(['r1', 'r2']);
    const late = { ...gateChange(99), gate: { ...gateChange(99).gate, gate: 'G2', approvalId: 'L-1-A9' } };
    await expect(ledger.commitDealChange(late)).rejects.toMatchObject({ code: 'PERIOD_CLOSED' });
    await expect(comp.beginPeriodClose('2027-Q3', 'tester')).rejects.toMatchObject({ code: 'PERIOD_OUT_OF_ORDER' });
  });

  it('keeps the read-model projection monotonic under out-of-order writes', async () => {
    await db.transaction((tx) => projectDeal(tx, { ...deal, tcv: '900000.00' }, 50));
    await db.transaction((tx) => projectDeal(tx, { ...deal, tcv: '800000.00' }, 40));
    expect(await db.query(`SELECT tcv, version FROM deals WHERE id = 'L-1'`)).toEqual([{ tcv: '900000.00', version: 50 }]);
  });
  it('raises the read-model revision with every committed change to a deal or an approval, and only once it commits', async () => {
    const revision = async () => BigInt((await db.query(`SELECT sum(revision)::text AS r FROM deal_book_revisions`))[0].r);
    const before = await revision();
    const runner = db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await projectDeal(runner.manager, { ...deal, id: 'L-REV' }, 1, 'h');
    expect(await revision()).toBe(before); // another session sees nothing before the commit
    await runner.commitTransaction();
    expect(await revision()).toBe(before + 1n);
    await runner.startTransaction();
    await projectDeal(runner.manager, { ...deal, id: 'L-REV', tcv: '900000.00' }, 2, 'h');
    await runner.rollbackTransaction();
    expect(await revision()).toBe(before + 1n); // a rolled-back change leaves it alone
    await runner.release();
    await db.transaction((tx) => projectDeal(tx, { ...deal, id: 'L-REV', tcv: '900000.00' }, 2, 'h'));
    expect(await revision()).toBe(before + 2n);
    // the approval queue is cached on the same revision: a change to approvals alone raises it too
    await db.query(
      `INSERT INTO approvals (approval_id, deal_id, kind, gate, document_type, document_ref, effective_date, submitted_by, submitted_at, status, amount_if_approved)
       VALUES ('L-REV-A1', 'L-REV', 'GATE', 'G1', 'LOI', 'loi.pdf', '2027-02-01', 'r1', now(), 'PENDING', '180000.00')`,
    );
    expect(await revision()).toBe(before + 3n);
    await db.query(`UPDATE approvals SET status = 'REJECTED' WHERE approval_id = 'L-REV-A1'`);
    expect(await revision()).toBe(before + 4n);
  });
});
