import { Dec } from '../../libs/domain';
import { expectProblem } from '../support/api';
import { eventually } from '../support/eventually';
import { Harness, startHarness } from '../support/harness';
import { rowCounts } from '../support/security-book';

/**
 * Issue 12, probe findings #6 (managers acted book-wide) and #8 (a departed rep could still submit evidence), docs/rules.md
 * v2 "Access scope" and "After the departure", against the real API, worker, Temporal dev server and PostgreSQL.
 *
 * The book: sa-mgr manages sa-ae1, sa-sl and sa-gone; sa-mgr2 manages sa-ae2 and sa-ae3. Deals SA-1 (sa-ae1),
 * SA-2 (sa-ae2), SA-3 (owned by sa-ae3, 30% to sa-sl, so on both teams) and SA-G (sourced and owned by sa-gone, who
 * departs on 2026-06-30, before today, reassigning it to sa-ae1).
 */
describe('access scope (issue 12): managers act on their team; departed reps', () => {
  let h: Harness;
  const admin = 'sa-admin:comp_admin';
  const mgr = 'sa-mgr:manager';
  const mgr2 = 'sa-mgr2:manager';
  const gone = 'sa-gone:rep';
  const DEPARTURE = '2026-06-30';

  const deal = (id: string, owner: string, tcv: string, splits = [{ repId: owner, role: 'AE', share: '1.00' }]) => ({
    id, sponsor: 'Sponsor', program: id, tcv, dealType: 'NEW_BUSINESS', sourcedBy: owner, owner, sourcedAt: '2026-02-01', splits,
  });
  const artifact = (effectiveDate: string, gate = 'G1') => ({ gate, documentType: 'AWARD_LETTER', documentRef: `award-${effectiveDate}.pdf`, effectiveDate });
  const ids = async (as: string, query = '') => ((await h.ok('GET', `/deals${query}`, as, undefined, [200])) as any[]).map((d) => d.id);

  beforeAll(async () => {
    h = await startHarness(__filename);
    await h.ok('POST', '/plans', admin, { id: 'SA-P', effectiveFrom: '2026-01-01', params: {} }, [201]);
    await h.ok('POST', '/plans/SA-P/publish', admin, undefined, [200]);
    for (const [id, managerId] of [['sa-ae1', 'sa-mgr'], ['sa-sl', 'sa-mgr'], ['sa-gone', 'sa-mgr'], ['sa-ae2', 'sa-mgr2'], ['sa-ae3', 'sa-mgr2']]) {
      await h.ok('POST', '/reps', admin, { id, name: id, role: 'AE', hireDate: '2026-01-01', quarterlyDraw: '10000.00', planId: 'SA-P', managerId }, [201]);
    }
    await h.ok('POST', '/deals', admin, deal('SA-1', 'sa-ae1', '1000000.00'), [201]);
    await h.ok('POST', '/deals', admin, deal('SA-2', 'sa-ae2', '2000000.00'), [201]);
    await h.ok('POST', '/deals', admin, deal('SA-3', 'sa-ae3', '4000000.00', [{ repId: 'sa-ae3', role: 'AE', share: '0.70' }, { repId: 'sa-sl', role: 'SCIENTIFIC_LIAISON', share: '0.30' }]), [201]);
    await h.ok('POST', '/deals', admin, deal('SA-G', 'sa-gone', '8000000.00'), [201]);
    await h.ok('POST', '/reps/sa-gone/departure', 'sa-hr:hr', { effectiveDate: DEPARTURE, goodStanding: true, reassignments: [{ dealId: 'SA-G', newOwner: 'sa-ae1' }] }, [202]);
    await eventually(async () => expect((await h.ok('GET', '/deals/SA-G', admin, undefined, [200])).owner).toBe('sa-ae1'), 30_000);
  }, 180_000);
  afterAll(async () => h?.stop(), 60_000);

  describe('#6: a manager acts only on their team', () => {
    it("GET /deals lists only the team's deals (owner or a split recipient on the team)", async () => {
      expect(await ids(mgr)).toEqual(['SA-1', 'SA-3', 'SA-G']);
      expect(await ids(mgr2)).toEqual(['SA-2', 'SA-3']);
      expect(await ids(mgr, '?owner=sa-ae2')).toEqual([]);
      expect(await ids('sa-nobody:manager')).toEqual([]);
      expect(await ids(admin)).toEqual(['SA-1', 'SA-2', 'SA-3', 'SA-G']);
    });

    it("another team's deal does not exist for a manager: reads and commands are 404 and write nothing", async () => {
      const before = await rowCounts(h);
      for (const path of ['/deals/SA-2', '/deals/SA-2/history']) expectProblem(await h.http('GET', path, { as: mgr }), 404, 'NOT_FOUND');
      const commands: Array<[string, unknown]> = [
        ['/deals/SA-2/descope', { newTcv: '1.00', reason: 'probe', effectiveDate: '2026-09-01' }],
        ['/deals/SA-2/kill', { reason: 'probe', effectiveDate: '2026-09-01' }],
        ['/deals/SA-2/slip', { expectedDate: '2027-09-01', reason: 'probe' }],
        ['/deals/SA-2/artifacts', artifact('2026-09-01')],
        ['/deals/SA-2/bonus-events', { type: 'PROTOCOL_DESIGN_IN', evidenceRef: 'probe.pdf', effectiveDate: '2026-09-01' }],
      ];
      for (const [path, body] of commands) expectProblem(await h.http('POST', path, { as: mgr, body }), 404, 'NOT_FOUND');
      expect(await rowCounts(h)).toEqual(before);
      expect(await h.ok('GET', '/deals/SA-2', admin, undefined, [200])).toMatchObject({ tcv: '2000000.00', status: 'ACTIVE' });
      expect((await h.ok('GET', '/deals/SA-2', admin, undefined, [200])).slip).toBeUndefined();
    });

    it("a manager reads and commands their team's deals, a split recipient's included", async () => {
      expect((await h.http('GET', '/deals/SA-1', { as: mgr })).status).toBe(200);
      expect((await h.http('GET', '/deals/SA-1/history', { as: mgr })).status).toBe(200);
      await h.ok('POST', '/deals/SA-3/slip', mgr, { expectedDate: '2027-03-01', reason: 'sponsor budget' }, [200]);
      await h.ok('POST', '/deals/SA-3/slip', mgr2, { expectedDate: '2027-04-01', reason: 'sponsor budget' }, [200]);
      expect((await h.ok('GET', '/deals/SA-3', admin)).slip).toMatchObject({ expectedDate: '2027-04-01' });
    });

    it("POST /deals by a manager: only for an owner on their team (403 otherwise, existing rep or not; nothing written)", async () => {
      const before = await rowCounts(h);
      for (const owner of ['sa-ae2', 'no-such-rep']) {
        expectProblem(await h.http('POST', '/deals', { as: mgr, body: deal('SA-OUT', owner, '500000.00') }), 403, 'FORBIDDEN');
      }
      expect(await rowCounts(h)).toEqual(before);
      expectProblem(await h.http('GET', '/deals/SA-OUT', { as: admin }), 404, 'NOT_FOUND');
      expect(await h.ok('POST', '/deals', mgr, deal('SA-NEW', 'sa-ae1', '500000.00'), [201])).toMatchObject({ owner: 'sa-ae1' });
    });

    it("reps outside the team are 404 to a manager: profile, statements, attainment, portfolio", async () => {
      for (const path of ['/reps/sa-ae2', '/reps/sa-ae2/statements', '/reps/sa-ae2/attainment?year=2026', '/reps/sa-ae2/portfolio']) {
        expectProblem(await h.http('GET', path, { as: mgr }), 404, 'NOT_FOUND');
        expect((await h.http('GET', path, { as: mgr2 })).status).toBe(200);
      }
    });

    it("GET /forecast for a manager covers their team's deals; ?owner= off the team is 404", async () => {
      const window = '?from=2026-Q1&to=2035-Q4';
      const total = async (as: string, query = '') => {
        const res = await h.ok('GET', `/forecast${window}${query}`, as, undefined, [200]);
        return (res.periods as any[]).reduce((acc, p) => acc.plus(p.bestCase.credit), new Dec(0)).toFixed(2);
      };
      const team = new Dec(await total(admin, '&owner=sa-ae1')).plus(await total(admin, '&owner=sa-ae3')).toFixed(2);
      expect(await total(mgr)).toBe(team); // SA-1, SA-G, SA-NEW (sa-ae1) and SA-3 (sa-sl's split)
      expect(team).toBe('13500000.00');
      expect(await total(admin)).toBe('15500000.00');
      expect(await total(mgr, '&owner=sa-ae1')).toBe(await total(admin, '&owner=sa-ae1'));
      expectProblem(await h.http('GET', `/forecast${window}&owner=sa-ae2`, { as: mgr }), 404, 'NOT_FOUND');
      expectProblem(await h.http('GET', '/forecast/accuracy?owner=sa-ae2', { as: mgr }), 404, 'NOT_FOUND');
      expect((await h.http('GET', '/forecast/accuracy', { as: mgr })).status).toBe(200);
    });

    it('a manager who also holds a book-wide role keeps the wider view; a command only their manager role grants stays on the team', async () => {
      expect(await ids('sa-mgr:manager,finance')).toEqual(['SA-1', 'SA-2', 'SA-3', 'SA-G', 'SA-NEW']);
      expect((await h.http('GET', '/deals/SA-2', { as: 'sa-mgr:manager,deal_desk' })).status).toBe(200);
      expectProblem(await h.http('POST', '/deals/SA-2/slip', { as: 'sa-mgr:manager,deal_desk', body: { expectedDate: '2027-09-01', reason: 'x' } }), 403, 'FORBIDDEN');
      await h.ok('POST', '/deals/SA-2/slip', 'sa-mgr:manager,comp_admin', { expectedDate: '2027-09-01', reason: 'book-wide admin' }, [200]);
    });
  });

  describe('#8: a departed rep', () => {
    it('submissions dated on or after the departure are 409 REP_DEPARTED, on any deal, and write nothing', async () => {
      const before = await rowCounts(h);
      for (const [dealId, date] of [['SA-G', DEPARTURE], ['SA-G', '2026-07-15'], ['SA-1', '2026-08-01'], ['NO-SUCH-DEAL', '2026-08-01']]) {
        expectProblem(await h.http('POST', `/deals/${dealId}/artifacts`, { as: gone, body: artifact(date) }), 409, 'REP_DEPARTED');
        expectProblem(
          await h.http('POST', `/deals/${dealId}/bonus-events`, { as: gone, body: { type: 'PROTOCOL_DESIGN_IN', evidenceRef: 'late.pdf', effectiveDate: date } }),
          409,
          'REP_DEPARTED',
        );
      }
      expect(await rowCounts(h)).toEqual(before);
    });

    it('a submission dated before the departure is still accepted on a deal they were on', async () => {
      const res = await h.http('POST', '/deals/SA-G/artifacts', { as: gone, body: artifact('2026-06-01') });
      expect({ status: res.status, code: res.body?.code }).toEqual({ status: 202, code: undefined });
    });

    it('after the departure date they read only their own statements', async () => {
      expect(await ids(gone)).toEqual([]);
      for (const path of ['/deals/SA-G', '/reps/sa-gone', '/reps/sa-gone/attainment?year=2026', '/reps/sa-gone/portfolio']) {
        expectProblem(await h.http('GET', path, { as: gone }), 404, 'NOT_FOUND');
      }
      expect((await h.http('GET', '/reps/sa-gone/statements', { as: gone })).status).toBe(200);
      // their manager and the staff still see them
      expect((await h.http('GET', '/reps/sa-gone', { as: mgr })).status).toBe(200);
    });
  });
});
