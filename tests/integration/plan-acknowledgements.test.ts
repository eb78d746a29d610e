import { DataSource } from 'typeorm';
import { resolvePlanParams } from '../../libs/domain';
import { PlanAcknowledgementsRepository, planDocumentOf } from '../../libs/persistence/plan-acknowledgements.repository';
import { PlansRepository } from '../../libs/persistence/plans.repository';
import { RepsRepository } from '../../libs/persistence/reps.repository';
import { freshDatabase } from '../support/database';

/** docs/rules.md "Plan document and acknowledgement": the payroll holds and the append-only rows (PostgreSQL). */
describe('plan acknowledgements and payroll holds (PostgreSQL)', () => {
  let db: DataSource;
  let acks: PlanAcknowledgementsRepository;
  const plan = (id: string, effectiveFrom: string, requireAcknowledgement: boolean) =>
    db.query(`INSERT INTO plans (id, effective_from, params, status, created_by) VALUES ($1, $2, $3, 'PUBLISHED', 't')`, [
      id,
      effectiveFrom,
      JSON.stringify(resolvePlanParams({ requireAcknowledgement })),
    ]);
  const rep = (id: string, planId: string, moves: unknown[] = [], departure: unknown = null) =>
    db.query(
      `INSERT INTO reps (id, name, role, hire_date, quarterly_draw, plan_id, plan_moves, departure, status, request_hash)
       VALUES ($1, $1, 'AE', '2027-01-01', '30000.00', $2, $3, $4, 'ACTIVE', 'h')`,
      [id, planId, JSON.stringify(moves), departure === null ? null : JSON.stringify(departure)],
    );
  const currentHash = async (repId: string, planId: string) =>
    planDocumentOf((await new RepsRepository(db).find(repId))!, (await new PlansRepository(db).find(planId))!)!.hash;

  beforeAll(async () => {
    ({ dataSource: db } = await freshDatabase('integration-plan-acks'));
    acks = new PlanAcknowledgementsRepository(db);
    await plan('REQ-27', '2027-01-01', true);
    await plan('REQ-28', '2028-01-01', true);
    await plan('FREE-28', '2028-01-01', false);
    await rep('ha-1', 'REQ-27');
    await rep('ha-2', 'REQ-27', [{ planId: 'FREE-28', planEffectiveFrom: '2028-01-01', effectiveFrom: '2028-01-01', recordedBy: 'a' }]);
    await rep('ha-3', 'REQ-27', [{ planId: 'REQ-28', planEffectiveFrom: '2028-01-01', effectiveFrom: '2028-01-01', recordedBy: 'a' }], {
      effectiveDate: '2027-06-30',
      goodStanding: true,
    });
  }, 60_000);
  afterAll(async () => db?.destroy());

  it('holds the reps whose version in force on the period\'s first day requires acknowledgement, with the reason', async () => {
    const reason = 'plan REQ-27 not acknowledged';
    expect(await acks.holds('2027-Q1', ['ha-1', 'ha-2', 'ha-3', 'unknown'])).toEqual(new Map([['ha-1', reason], ['ha-2', reason], ['ha-3', reason]]));
    // 2028: ha-2 moved to a plan that requires nothing; ha-3 departed in 2027 and keeps the version they left on.
    expect(await acks.holds('2028-Q1', ['ha-1', 'ha-2', 'ha-3'])).toEqual(new Map([['ha-1', reason], ['ha-3', reason]]));
  });

  it('an acknowledgement of another hash or another version does not release the hold; the current hash does', async () => {
    await acks.acknowledge('ha-1', 'REQ-27', 'a'.repeat(64), 'ha-1');
    await acks.acknowledge('ha-1', 'REQ-28', await currentHash('ha-1', 'REQ-27'), 'ha-1');
    expect((await acks.holds('2027-Q2', ['ha-1'])).get('ha-1')).toBe('plan REQ-27 not acknowledged');
    const first = await acks.acknowledge('ha-1', 'REQ-27', await currentHash('ha-1', 'REQ-27'), 'ha-1');
    expect(first.created).toBe(true);
    expect(await acks.holds('2027-Q2', ['ha-1'])).toEqual(new Map());
    const again = await acks.acknowledge('ha-1', 'REQ-27', await currentHash('ha-1', 'REQ-27'), 'ha-1');
    expect(again).toEqual({ created: false, record: first.record });
    expect(await acks.isAcknowledged('ha-1', 'REQ-27')).toBe(true);
    expect(await acks.isAcknowledged('ha-2', 'REQ-27')).toBe(false);
  });

  it('acknowledgements and reminders are append-only; a reminder is recorded once per week', async () => {
    await expect(db.query(`UPDATE plan_acknowledgements SET hash = $1`, ['b'.repeat(64)])).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM plan_acknowledgements`)).rejects.toThrow(/append-only/);
    expect(await acks.recordReminder('ha-2', 'REQ-27', 1, '2027-01-08T00:00:00.000Z')).toBe(true);
    expect(await acks.recordReminder('ha-2', 'REQ-27', 1, '2027-01-08T00:00:05.000Z')).toBe(false);
    expect(await acks.reminders('ha-2')).toEqual([{ planId: 'REQ-27', week: 1, sentAt: '2027-01-08T00:00:00.000Z' }]);
    await expect(db.query(`DELETE FROM plan_acknowledgement_reminders`)).rejects.toThrow(/append-only/);
  });
});
