import { INestApplication } from '@nestjs/common';
import { AddressInfo } from 'node:net';
import { createApiApp } from '../../apps/api/app';
import { dateOfInstant } from '../../libs/domain';
import { loadConfig } from '../../libs/platform/config';
import { Harness, startHarness, TEST_JWT_SECRET } from '../support/harness';

/**
 * The business clock as GET /auth/config reports it (docs/api.md "Console and sign-in"), for the console's banner:
 * a manual stack and, on the same data, an API running BUSINESS_CLOCK=wall. The first open period follows the
 * calendar (earliest hire date) and the closes.
 */
describe('business clock on GET /auth/config (manual and wall)', () => {
  let h: Harness;
  const admin = 'bc-admin:comp_admin';
  const finance = 'bc-fin:finance';

  beforeAll(async () => {
    h = await startHarness(__filename);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  /** An API on the same data and Temporal client with BUSINESS_CLOCK=wall, for the length of `use`. */
  const withWallApi = async (use: (base: string) => Promise<void>) => {
    const config = loadConfig({ BUSINESS_CLOCK: 'wall', AUTH_JWT_SECRET: TEST_JWT_SECRET, DATABASE_URL: 'unused', LOG_LEVEL: 'silent' });
    const app: INestApplication = await createApiApp({ config, dataSource: h.dataSource, client: h.client });
    try {
      await app.listen(0, '127.0.0.1');
      await use(`http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`);
    } finally {
      await app.close();
    }
  };
  const clockOf = async (base: string) => {
    const res = await fetch(`${base}/auth/config`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { businessClock: unknown }).businessClock;
  };

  it('a manual stack says manual, the server date, and no open period before the first rep is hired', async () => {
    const today = dateOfInstant(Date.now());
    expect(await clockOf(h.baseUrl)).toEqual({ mode: 'manual', today, firstOpenPeriod: null });
  });

  it('the first open period is the earliest hire date\'s quarter, then the one after each close (also in the future under manual)', async () => {
    await h.ok('POST', '/plans', admin, { id: 'BC-2031', effectiveFrom: '2031-01-01', params: { commissionRate: '0.04' } }, [201]);
    await h.ok('POST', '/plans/BC-2031/publish', admin, undefined, [200]);
    await h.ok('POST', '/reps', admin, { id: 'bc-ae', name: 'bc-ae', role: 'AE', hireDate: '2031-02-10', quarterlyDraw: '10000.00', planId: 'BC-2031' }, [201]);
    expect(await clockOf(h.baseUrl)).toMatchObject({ mode: 'manual', firstOpenPeriod: '2031-Q1' });
    await h.ok('POST', '/periods/2031-Q1/close', finance, undefined, [200]);
    expect(await clockOf(h.baseUrl)).toMatchObject({ mode: 'manual', firstOpenPeriod: '2031-Q2' });
  });

  it('a wall-clock API says wall and the server date, which is then the latest business date it accepts', async () => {
    await withWallApi(async (base) => {
      expect(await clockOf(base)).toEqual({ mode: 'wall', today: dateOfInstant(Date.now()), firstOpenPeriod: '2031-Q2' });
      // A deal sourced in 2031 (the manual stack would take it) is refused here: the date lies after the server date.
      const deal = { id: 'BC-1', sponsor: 'Helix Bio', program: 'BC-1 Phase II', tcv: '1000000.00', dealType: 'NEW_BUSINESS', sourcedBy: 'bc-ae', owner: 'bc-ae', sourcedAt: '2031-03-01', splits: [{ repId: 'bc-ae', role: 'AE', share: '1.00' }] };
      const res = await fetch(`${base}/deals`, {
        method: 'POST',
        headers: { authorization: `Bearer ${h.token('bc-admin', 'comp_admin')}`, 'content-type': 'application/json', 'idempotency-key': 'bc-wall-deal' },
        body: JSON.stringify(deal),
      });
      expect(res.status).toBe(422);
      expect(((await res.json()) as { code: string }).code).toBe('FUTURE_DATE');
    });
    expect((await h.http('GET', '/deals/BC-1', { as: admin })).status).toBe(404);
  });
});
