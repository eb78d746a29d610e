import { DataSource } from 'typeorm';
import { newDeal, REFERENCE_PLAN_PARAMS } from '../../libs/domain';
import { CompRepository } from '../../libs/persistence/comp.repository';
import { LedgerRepository } from '../../libs/persistence/ledger.repository';
import { freshDatabase } from '../support/database';

/** The rep and deal rows the workflows write, and "period closed" owned by those writes under the period lock. */
describe('workflow-written read-model rows (PostgreSQL)', () => {
  let db: DataSource;
  let comp: CompRepository;
  const profile = { id: 'rr-1', name: 'Rae', role: 'AE', hireDate: '2027-01-01', quarterlyDraw: '30000.00', planId: 'p', managerId: 'mgr-1' };

  beforeAll(async () => {
    ({ dataSource: db } = await freshDatabase('integration-rep-records'));
    comp = new CompRepository(db);
    await db.query(`INSERT INTO plans (id, effective_from, params, status, created_by) VALUES ('p', '2027-01-01', $1, 'PUBLISHED', 't')`, [JSON.stringify(REFERENCE_PLAN_PARAMS)]);
  }, 60_000);
  afterAll(async () => db?.destroy());

  it('inserts the rep once, with the columns the API used to write', async () => {
    await comp.createRep(profile, 'h1');
    await comp.createRep({ ...profile, name: 'Someone else' }, 'h2');
    expect(
      await db.query(`SELECT id, name, role, hire_date::text AS hire_date, quarterly_draw, plan_id, manager_id, status, request_hash FROM reps`),
    ).toEqual([{ id: 'rr-1', name: 'Rae', role: 'AE', hire_date: '2027-01-01', quarterly_draw: '30000.00', plan_id: 'p', manager_id: 'mgr-1', status: 'ACTIVE', request_hash: 'h1' }]);
  });

  it('refuses a hire, a departure and a plan move dated in a closing period, but not a retry of one already written', async () => {
    const departure = { effectiveDate: '2027-03-15', goodStanding: true, reassignments: [], recordedBy: 'hr' };
    const moves = [{ planId: 'p2', planEffectiveFrom: '2027-01-01', effectiveFrom: '2027-01-01', recordedBy: 'admin' }];
    await comp.recordPlanMoves(profile.id, moves, '2027-01-01');
    await comp.beginPeriodClose('2027-Q1', 'tester');
    await expect(comp.createRep({ ...profile, id: 'rr-late', hireDate: '2027-02-01' }, 'h')).rejects.toMatchObject({ code: 'PERIOD_CLOSED' });
    await expect(comp.recordDeparture(profile.id, departure)).rejects.toMatchObject({ code: 'PERIOD_CLOSED' });
    await expect(comp.recordPlanMoves(profile.id, [...moves, { ...moves[0], planId: 'p3' }], '2027-01-01')).rejects.toMatchObject({ code: 'PERIOD_CLOSED' });
    await comp.recordPlanMoves(profile.id, moves, '2027-01-01');
    expect(await db.query(`SELECT id, status, departure, plan_moves FROM reps ORDER BY id`)).toEqual([{ id: 'rr-1', status: 'ACTIVE', departure: null, plan_moves: moves }]);
    await comp.recordDeparture(profile.id, { ...departure, effectiveDate: '2027-04-01' });
    expect(await db.query(`SELECT status FROM reps WHERE id = 'rr-1'`)).toEqual([{ status: 'DEPARTED' }]);
  });

  it('projects the whole deal on every commit and keeps the request hash of the first', async () => {
    const ledger = new LedgerRepository(db);
    const deal = newDeal(
      { id: 'RR-D1', sponsor: 's', program: 'p', tcv: '1000000.00', dealType: 'NEW_BUSINESS', sourcedBy: 'rr-1', owner: 'rr-1', sourcedAt: '2027-04-10', splits: [{ repId: 'rr-1', role: 'AE', share: '1' }] },
      'p',
      REFERENCE_PLAN_PARAMS,
    );
    await ledger.commitDealChange({ deal, version: 1, requestHash: 'create-hash' });
    const descoped = { ...deal, tcv: '900000.00' };
    await ledger.commitDealChange({ deal: descoped, version: 2 });
    expect(await db.query(`SELECT version, request_hash, tcv, state FROM deals WHERE id = 'RR-D1'`)).toEqual([
      { version: 2, request_hash: 'create-hash', tcv: '900000.00', state: descoped },
    ]);
  });
});
