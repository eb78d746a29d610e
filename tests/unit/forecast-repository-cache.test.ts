/**
 * libs/persistence/forecast.repository.ts over a fake database: the first as-of date at a revision is priced
 * directly, the next ones through the scope's index, every answer equals forecastBook on the book of that
 * revision, and a new revision is never answered from the old book.
 */
import { DataSource } from 'typeorm';
import { ForecastDeal, forecastBook, periodRange } from '../../libs/domain';
import { ForecastRepository } from '../../libs/persistence/forecast.repository';
import { referencePlan } from './fixtures';

const plan = referencePlan();

function row(id: string, owner: string, sourcedAt: string, tcv: string) {
  return {
    id,
    owner,
    status: 'ACTIVE',
    tcv,
    original_tcv: tcv,
    descopes: null,
    killed: null,
    sourced_at: sourcedAt,
    plan_id: 'p1',
    gates: plan.gates.map((g, i) => ({ key: g.key, status: i === 0 && id.endsWith('1') ? 'RETIRED' : 'OPEN', ...(i === 0 && id.endsWith('1') ? { retiredAt: '2027-03-01' } : {}) })),
    slip: null,
    pending: [],
    recipients: [owner],
  };
}

class FakeDb {
  revision = 1;
  deals = [row('D-1', 'r1', '2027-01-15', '1000000.00'), row('D-2', 'r2', '2027-05-02', '2500000.00'), row('D-3', 'r1', '2026-06-30', '730000.00')];
  dealReads = 0;
  async query(sql: string): Promise<unknown[]> {
    if (sql.includes('deal_book_revisions')) return [{ revision: String(this.revision) }];
    if (sql.includes('FROM periods')) return [{ period: null }];
    if (sql.includes('FROM plans')) return [{ params: plan }];
    if (sql.includes('FROM deals')) {
      this.dealReads += 1;
      return structuredClone(this.deals);
    }
    throw new Error(`unexpected query ${sql}`);
  }
}

const asForecastDeals = (db: FakeDb, owner?: string): ForecastDeal[] =>
  db.deals
    .filter((d) => !owner || d.owner === owner)
    .map((d) => ({ id: d.id, status: 'ACTIVE', tcv: d.tcv, originalTcv: d.original_tcv, sourcedAt: d.sourced_at, plan, gates: d.gates as ForecastDeal['gates'], slip: undefined, pendingGates: [] }));

describe('ForecastRepository: priced once per revision and scope', () => {
  const periods = periodRange('2027-Q1', '2029-Q4');
  const asOfs = ['2026-11-23', '2027-02-01', '2027-08-15', '2028-01-31', '2028-06-01'];

  it('answers every as-of date as forecastBook does, for the book and for one owner, and reads the book once per revision', async () => {
    const db = new FakeDb();
    const repo = new ForecastRepository(db as unknown as DataSource);
    for (const asOf of asOfs) {
      expect(await repo.forecast('2027-Q1', '2029-Q4', asOf)).toEqual(forecastBook(asForecastDeals(db), periods, asOf));
      expect(await repo.forecast('2027-Q1', '2029-Q4', asOf, 'r1')).toEqual(forecastBook(asForecastDeals(db, 'r1'), periods, asOf));
    }
    const teams = await repo.forecastForOwners('2027-Q1', '2029-Q4', '2027-09-09', ['r1', 'r2']);
    expect(teams.get('r2')).toEqual(forecastBook(asForecastDeals(db, 'r2'), periods, '2027-09-09'));
    expect(db.dealReads).toBe(1);
  });

  it('a new revision is answered from the new book, never from the index of the old one', async () => {
    const db = new FakeDb();
    const repo = new ForecastRepository(db as unknown as DataSource);
    for (const asOf of asOfs) await repo.forecast('2027-Q1', '2029-Q4', asOf); // the index of revision 1 is built
    db.deals[1] = row('D-2', 'r2', '2027-05-02', '9900000.00');
    db.revision = 2;
    for (const asOf of [...asOfs, '2027-12-24']) {
      expect(await repo.forecast('2027-Q1', '2029-Q4', asOf)).toEqual(forecastBook(asForecastDeals(db), periods, asOf));
    }
    expect(db.dealReads).toBe(2);
  });
});
