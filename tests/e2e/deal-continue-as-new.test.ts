import { TemporalGateway } from '../../apps/api/temporal/temporal.gateway';
import { approveUpdate, dealWorkflowId, submitBonusEventUpdate } from '../../libs/contracts';
import { DEAL_BOOK_ACTORS, dealKit, seedBook } from '../support/deal-book';
import { saveReplayFixture } from '../support/fixtures';
import { Harness, startHarness } from '../support/harness';

/**
 * Issue 3, the deal lifecycle of docs/rules.md "Deals and gates" end to end over HTTP against the real dev server and
 * PostgreSQL (moved from deal-lifecycle.test.ts). A long deal: thousands of events across continue-as-new (records
 * the replay fixture deal-continue-as-new under REFRESH_FIXTURES=1). The book is tests/support/deal-book.ts'
 * seedBook.
 */
describe('deal lifecycle (issue 3): continue-as-new', () => {
  let h: Harness;
  const { admin } = DEAL_BOOK_ACTORS;
  const { ok, createDeal, count } = dealKit(() => h);

  beforeAll(async () => {
    h = await startHarness(__filename);
    await seedBook(h, ['long-ae']);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  it('a deal with 2,000 enrollment events continues as new, keeps every event in its history and caps the bonus per year', async () => {
    const started = Date.now();
    await createDeal('LC-LONG', { owner: 'long-ae', sourcedAt: '2027-01-15' });
    // straight to Temporal (no HTTP), through the API's gateway: it retries commands a draining run refuses
    const temporal = new TemporalGateway(h.client);
    const rep = { id: 'long-ae', roles: ['rep'] };
    const deskActor = { id: 'desk-1', roles: ['deal_desk'] };
    const TOTAL = 2000;
    const PARALLEL = 8;
    // 1000 in 2027 and 1000 in 2028: the cap applies per calendar year
    const dateOf = (i: number) => (i < TOTAL / 2 ? `2027-${String(2 + (i % 10)).padStart(2, '0')}-15` : `2028-${String(1 + (i % 12)).padStart(2, '0')}-10`);
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < TOTAL; i = next++) {
        const { approvalId } = await temporal.update(
          dealWorkflowId('LC-LONG'),
          submitBonusEventUpdate,
          { type: 'PATIENT_ENROLLMENT', quantity: 1, evidenceRef: `patient-${i}`, effectiveDate: dateOf(i), actor: rep },
          `long-submit-${i}`,
        );
        await temporal.update(dealWorkflowId('LC-LONG'), approveUpdate, { approvalId, actor: deskActor }, `long-approve-${i}`);
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, lane));
    const driven = Date.now() - started;

    const timeline = (await ok('GET', '/deals/LC-LONG/history', admin)) as Array<{ type: string; actor: string | null }>;
    const countOf = (type: string) => timeline.filter((e) => e.type === type).length;
    expect(countOf('BONUS_EVENT_SUBMITTED')).toBe(TOTAL);
    expect(countOf('APPROVED')).toBe(TOTAL);
    expect(countOf('POSTING')).toBe(TOTAL);
    expect(countOf('CONTINUED_AS_NEW')).toBeGreaterThanOrEqual(1);
    expect(timeline.filter((e) => e.type === 'APPROVED').every((e) => e.actor === 'desk-1')).toBe(true);

    const raw = await ok('GET', '/deals/LC-LONG/history?format=temporal', admin);
    expect(raw.length).toBeGreaterThanOrEqual(2);
    expect(raw.length).toBe(countOf('CONTINUED_AS_NEW') + 1);
    for (const run of raw) expect(run.history.events.length).toBeLessThan(10_000);

    const rows = await h.dataSource.query(
      `SELECT kind, extract(year FROM effective_date)::int AS year, count(*)::int AS n, sum(amount)::text AS total
       FROM ledger_entries WHERE deal_id = 'LC-LONG' GROUP BY kind, year ORDER BY year, kind`,
    );
    // per year: 1000 × 2000.00 = 2000000.00 asked, 300000.00 paid (150 events), 1700000.00 capped (850 events)
    expect(rows).toEqual([
      { kind: 'DESIGN_WIN_BONUS', year: 2027, n: 1000, total: '300000.00' },
      { kind: 'DESIGN_WIN_CAPPED', year: 2027, n: 850, total: '1700000.00' },
      { kind: 'DESIGN_WIN_BONUS', year: 2028, n: 1000, total: '300000.00' },
      { kind: 'DESIGN_WIN_CAPPED', year: 2028, n: 850, total: '1700000.00' },
    ]);
    expect(await count('approvals', `deal_id = 'LC-LONG' AND status = 'APPROVED'`)).toBe(TOTAL);
    const deal = await ok('GET', '/deals/LC-LONG', admin);
    expect(deal).toMatchObject({ status: 'ACTIVE', pending: [], creditRetired: '0.00' });

    await saveReplayFixture(h.client, 'deal:LC-LONG', 'deal-continue-as-new', 2); // two runs cover the continue-as-new boundary
    console.log(`long deal: ${TOTAL} events submitted and approved in ${driven} ms over ${raw.length} runs (${raw.map((r: any) => r.history.events.length).join(', ')} events); whole test ${Date.now() - started} ms`);
    // 4,000 Updates: more than 5 minutes on a slow or shared 2-core machine. A limit against a hang, not a speed target.
  }, 900_000);
});
