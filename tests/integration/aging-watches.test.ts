import { DataSource } from 'typeorm';
import { AgingWatch, agingWatchId } from '../../libs/contracts';
import { AlertsRepository, insertAgingWatches } from '../../libs/persistence/alerts.repository';
import { freshDatabase } from '../support/database';

/** docs/rules.md "Aging alerts": the aging_watches rows the deal's commit writes and the sweeper settles (PostgreSQL). */
describe('aging watches (PostgreSQL)', () => {
  let db: DataSource;
  let alerts: AlertsRepository;
  const approval = (n: number, dueAt: string): AgingWatch => ({ kind: 'APPROVAL_AGING', dealId: 'W-1', approvalId: `W-1-A${n}`, submittedAt: '2027-01-01T00:00:00.000Z', agingDays: 5, dueAt });
  const gate: AgingWatch = { kind: 'GATE_AGING', dealId: 'W-2', gate: 'G1', since: '2027-01-01', monthsFromPrevious: 6, alertOn: '2027-10-01', dueAt: '2027-10-01T00:00:00.000Z' };

  beforeAll(async () => {
    ({ dataSource: db } = await freshDatabase('integration-aging-watches'));
    alerts = new AlertsRepository(db);
  }, 60_000);
  afterAll(async () => db?.destroy());

  it('writes each watch once, pages the due ones longest overdue first, keeps the first outcome and tells the next due time', async () => {
    const watches = [approval(3, '2027-03-03T00:00:00.000Z'), approval(1, '2027-03-01T00:00:00.000Z'), approval(2, '2027-03-02T00:00:00.000Z'), gate];
    expect(await db.transaction((tx) => insertAgingWatches(tx, watches))).toBe(4);
    // Again, with another due time for one of them: the row written first stands.
    expect(await alerts.insertWatches([{ ...approval(1, '2027-04-01T00:00:00.000Z') }, gate])).toBe(0);
    expect(await alerts.nextWatchDue()).toBe('2027-03-01T00:00:00.000Z');

    const page = await alerts.dueWatches('2027-03-02T00:00:00.000Z', 200);
    expect(page.map((w) => w.id)).toEqual(['approval-aging:W-1-A1', 'approval-aging:W-1-A2']);
    expect(page[0].watch).toEqual(approval(1, '2027-03-01T00:00:00.000Z'));
    expect((await alerts.dueWatches('2027-12-31T00:00:00.000Z', 2)).map((w) => w.id)).toEqual(['approval-aging:W-1-A1', 'approval-aging:W-1-A2']);

    await alerts.settleWatches([{ id: page[0].id, outcome: 'RAISED' }, { id: page[1].id, outcome: 'SETTLED' }], '2027-03-02T00:00:00.000Z');
    // A retried page settles nothing twice.
    await alerts.settleWatches([{ id: page[0].id, outcome: 'SETTLED' }], '2027-03-05T00:00:00.000Z');
    const rows = await db.query(`SELECT id, settled_at, outcome FROM aging_watches WHERE settled_at IS NOT NULL ORDER BY id`);
    expect(rows.map((r: { id: string; settled_at: Date; outcome: string }) => [r.id, r.settled_at.toISOString(), r.outcome])).toEqual([
      ['approval-aging:W-1-A1', '2027-03-02T00:00:00.000Z', 'RAISED'],
      ['approval-aging:W-1-A2', '2027-03-02T00:00:00.000Z', 'SETTLED'],
    ]);
    expect((await alerts.dueWatches('2027-12-31T00:00:00.000Z', 200)).map((w) => w.id)).toEqual(['approval-aging:W-1-A3', agingWatchId(gate)]);
    expect(await alerts.nextWatchDue()).toBe('2027-03-03T00:00:00.000Z');
    await alerts.settleWatches([{ id: 'approval-aging:W-1-A3', outcome: 'SETTLED' }, { id: agingWatchId(gate), outcome: 'SETTLED' }], '2027-12-31T00:00:00.000Z');
    expect(await alerts.nextWatchDue()).toBeNull();
  });
});
