import { Dec } from '../../libs/domain';
import { DEAL_BOOK_ACTORS } from '../support/deal-book';
import { Harness, startHarness } from '../support/harness';

/**
 * Issue 12's headline acceptance, docs/rules.md "Business time and attribution": statements are a function of the
 * business facts. One book is played in six processing orders, each with its own reps and deals (prefix `o<n>-`):
 * the departure recorded before and after the approvals whose dates straddle it, approvals of different deals
 * shuffled, a late approval (pending when 2027-Q1 closed) approved before and after unrelated events, revenue and its
 * correction, a descope dated between deal B's two gates, and adjustments (a SPIFF for the departing rep, a negative correction for another, each approved by a
 * second person) proposed before and after the departure and the close of 2027-Q1. Every order's statements for 2027-Q2 and 2027-Q3 are the same, figure for figure; their lines are the
 * same once a reversal pair (recorded late) is netted.
 *
 * The book, per order: reps ae (departs 2027-05-01, good standing), heir, own (hired 2027-01-01, draw 10000).
 * Deal A owned by ae (AE 1.00), named in the departure → heir. Deal B owned by own, ae holds a BDR split 0.40 (not
 * named: passes to own). Deal C owned by own, unrelated: its G1 dated 2027-03-25 is pending when 2027-Q1 closes.
 */
describe('order independence of statements around a departure (issue 12 acceptance)', () => {
  let h: Harness;
  const { admin, desk, finance } = DEAL_BOOK_ACTORS;
  const hr = 'hr-1:hr';

  beforeAll(async () => {
    h = await startHarness(__filename);
    await h.ok('POST', '/plans', admin, { id: 'OI-2027', effectiveFrom: '2027-01-01', params: { commissionRate: '0.04' } }, [201]);
    await h.ok('POST', '/plans/OI-2027/publish', admin, undefined, [200]);
  }, 120_000);
  afterAll(async () => h?.stop(), 60_000);

  type Step = 'depart' | 'A2' | 'B1' | 'B2' | 'bonus' | 'late' | 'revenue' | 'correction' | 'adjustment' | 'descope';
  /** Where each order records its steps: some before 2027-Q1 closes, the rest after. Gate and revenue order per deal is kept. */
  const ORDERS: Array<{ beforeQ1Close: Step[]; afterQ1Close: Step[] }> = [
    { beforeQ1Close: ['depart'], afterQ1Close: ['A2', 'B1', 'descope', 'B2', 'bonus', 'late', 'revenue', 'correction', 'adjustment'] },
    { beforeQ1Close: ['adjustment', 'descope'], afterQ1Close: ['A2', 'B1', 'B2', 'bonus', 'late', 'revenue', 'correction', 'depart'] },
    { beforeQ1Close: [], afterQ1Close: ['late', 'B1', 'A2', 'depart', 'adjustment', 'bonus', 'descope', 'B2', 'revenue', 'correction'] },
    { beforeQ1Close: ['B1'], afterQ1Close: ['adjustment', 'descope', 'B2', 'revenue', 'late', 'A2', 'bonus', 'correction', 'depart'] },
    { beforeQ1Close: ['bonus', 'adjustment', 'A2'], afterQ1Close: ['revenue', 'depart', 'correction', 'descope', 'B1', 'late', 'B2'] },
    { beforeQ1Close: ['revenue', 'B1', 'descope', 'B2'], afterQ1Close: ['depart', 'correction', 'A2', 'adjustment', 'bonus', 'late'] },
  ];
  const prefix = (n: number) => `o${n}-`;

  async function retire(dealId: string, gate: string, documentType: string, effectiveDate: string) {
    const submitted = await h.ok('POST', `/deals/${dealId}/artifacts`, admin, { gate, documentType, documentRef: `${dealId}-${gate}.pdf`, effectiveDate }, [202]);
    return h.ok('POST', `/approvals/${submitted.approvalId}/approve`, desk, {}, [200]);
  }

  async function setUp(p: string): Promise<string> {
    for (const rep of ['ae', 'heir', 'own']) {
      await h.ok('POST', '/reps', admin, { id: `${p}${rep}`, name: rep, role: 'AE', hireDate: '2027-01-01', quarterlyDraw: '10000.00', planId: 'OI-2027' }, [201]);
    }
    const deal = (id: string, owner: string, splits: unknown[]) =>
      h.ok('POST', '/deals', admin, { id: `${p}${id}`, sponsor: 'Helix', program: id, tcv: '1000000.00', dealType: 'NEW_BUSINESS', sourcedBy: owner, owner, sourcedAt: '2027-02-01', splits }, [201]);
    await deal('A', `${p}ae`, [{ repId: `${p}ae`, role: 'AE', share: '1.00' }]);
    await deal('B', `${p}own`, [{ repId: `${p}own`, role: 'AE', share: '0.60' }, { repId: `${p}ae`, role: 'BDR', share: '0.40' }]);
    await deal('C', `${p}own`, [{ repId: `${p}own`, role: 'AE', share: '1.00' }]);
    await retire(`${p}A`, 'G1', 'LOI', '2027-03-10');
    const late = await h.ok('POST', `/deals/${p}C/artifacts`, admin, { gate: 'G1', documentType: 'LOI', documentRef: 'c.pdf', effectiveDate: '2027-03-25' }, [202]);
    return late.approvalId;
  }

  async function run(p: string, step: Step, lateApproval: string) {
    switch (step) {
      case 'depart':
        return h.ok('POST', `/reps/${p}ae/departure`, hr, { effectiveDate: '2027-05-01', goodStanding: true, reassignments: [{ dealId: `${p}A`, newOwner: `${p}heir` }] }, [202]);
      case 'A2':
        return retire(`${p}A`, 'G2', 'SIGNED_WORK_ORDER', '2027-05-20');
      case 'B1':
        return retire(`${p}B`, 'G1', 'LOI', '2027-04-20');
      case 'B2':
        return retire(`${p}B`, 'G2', 'SIGNED_WORK_ORDER', '2027-06-10');
      case 'bonus': {
        const b = await h.ok('POST', `/deals/${p}A/bonus-events`, admin, { type: 'IRB_APPROVAL', evidenceRef: 'irb.pdf', effectiveDate: '2027-05-25' }, [202]);
        return h.ok('POST', `/approvals/${b.approvalId}/approve`, desk, {}, [200]);
      }
      case 'late':
        return h.ok('POST', `/approvals/${lateApproval}/approve`, desk, {}, [200]);
      case 'revenue':
        return h.ok('POST', `/deals/${p}A/revenue`, finance, { period: '2027-Q3', amount: '300000.00' }, [200]);
      case 'correction':
        return h.ok('POST', `/deals/${p}A/revenue`, finance, { period: '2027-Q3', amount: '-50000.00' }, [200]);
      case 'descope':
        // docs/rules.md "Descope by date": B's G1 (04-20) keeps the original TCV, its G2 (06-10) uses the new one, whichever
        // is recorded first (recorded after G2 retired it would be refused, so no allowed order has that)
        return h.ok('POST', `/deals/${p}B/descope`, admin, { newTcv: '800000.00', reason: 'one arm dropped', effectiveDate: '2027-05-15' }, [200]);
      case 'adjustment': {
        // docs/rules.md "Adjustments": proposed by a comp admin, approved by a second person, posted once in 2027-Q2
        const spiff = await h.ok('POST', '/adjustments', admin, { repId: `${p}ae`, period: '2027-Q2', amount: '1500.00', kind: 'SPIFF', reason: 'launch spiff' }, [201]);
        await h.ok('POST', `/adjustments/${spiff.id}/approve`, finance, {}, [200]);
        const fix = await h.ok('POST', '/adjustments', admin, { repId: `${p}own`, period: '2027-Q2', amount: '-700.00', kind: 'CORRECTION', reason: 'overpaid expenses' }, [201]);
        return h.ok('POST', `/adjustments/${fix.id}/approve`, finance, {}, [200]);
      }
    }
  }

  /** A statement with the order's prefix taken out; lines netted by what they are about (a reversal pair nets to nothing). */
  function normalized(statement: any, p: string) {
    const strip = (v: unknown) => (typeof v === 'string' ? v.split(p).join('') : v);
    // The hash covers the rep and deal ids, which differ per order by their prefix: the figures and lines are compared.
    const { lines, repId, hash: _hash, ...figures } = statement;
    const net = new Map<string, Dec>();
    for (const l of lines) {
      // an adjustment's reference is its id, made from the request's key: the same adjustment has another id in each order
      const reference = l.kind === 'ADJUSTMENT' ? 'adjustment' : String(strip(l.reference) ?? '').replace(/:.*$/, '');
      const about = JSON.stringify([l.kind.replace(/_REVERSAL$/, ''), strip(l.dealId), reference, l.effectiveDate, l.late, l.note]);
      net.set(about, (net.get(about) ?? new Dec(0)).plus(l.amount));
    }
    const netLines = [...net].filter(([, amount]) => !amount.isZero()).map(([about, amount]) => `${about} ${amount.toFixed(2)}`).sort();
    return { repId: strip(repId), figures, lines: netLines };
  }

  it('gives the same statements in six processing orders', async () => {
    const lateApprovals: string[] = [];
    for (const [i, order] of ORDERS.entries()) {
      const p = prefix(i + 1);
      lateApprovals.push(await setUp(p));
      for (const step of order.beforeQ1Close) await run(p, step, lateApprovals[i]);
    }
    await h.ok('POST', '/periods/2027-Q1/close', finance, undefined, [200]);
    for (const [i, order] of ORDERS.entries()) {
      for (const step of order.afterQ1Close) await run(prefix(i + 1), step, lateApprovals[i]);
    }
    const byOrder: Array<Record<string, unknown>> = ORDERS.map(() => ({}));
    for (const period of ['2027-Q2', '2027-Q3']) {
      const closed = await h.ok('POST', `/periods/${period}/close`, finance, undefined, [200]);
      for (const [i] of ORDERS.entries()) {
        const p = prefix(i + 1);
        for (const s of closed.statements.filter((x: any) => x.repId.startsWith(p))) byOrder[i][`${period} ${s.repId.slice(p.length)}`] = normalized(s, p);
      }
    }

    // The figures of the book (order 1, the departure recorded first), so the comparison cannot pass on empty statements.
    const q2 = (rep: string) => (byOrder[0][`2027-Q2 ${rep}`] as any).figures;
    // ae: B G1 (04-20) 0.40 × 0.20 × 1000000 × 0.04 = 3200, netted with D = 0.
    // plus the approved SPIFF 1500, paid on top.
    expect(q2('ae')).toMatchObject({ commission: '3200.00', drawPaid: '0.00', adjustments: '1500.00', totalPayout: '4700.00' });
    // heir: A G2 0.30 × 1000000 × 0.04 = 12000 and the IRB bonus 40000.
    expect(q2('heir')).toMatchObject({ commission: '12000.00', designWinBonus: '40000.00', totalPayout: '52000.00' });
    // own: B G1 0.60 × 8000 = 4800, B G2 (06-10, after the descope to 800000) 0.30 × 800000 × 0.04 = 9600 (AE 0.60 +
    // BDR 0.40 passed from ae), C G1 late 8000; less the approved correction of 700.
    expect(q2('own')).toMatchObject({ commission: '22400.00', adjustments: '-700.00', totalPayout: '21700.00' });
    expect((byOrder[0]['2027-Q2 own'] as any).lines).toEqual(expect.arrayContaining([expect.stringContaining('"ADJUSTMENT",null,"adjustment"')]));
    expect((byOrder[0]['2027-Q2 own'] as any).lines).toEqual(expect.arrayContaining([expect.stringContaining('"GATE_COMMISSION","C","G1","2027-03-25",true')]));
    // ae's trailing (k = 1, share 1.00) on the net revenue: 0.02 × 250000 = 5000.
    expect((byOrder[0]['2027-Q3 ae'] as any).figures).toMatchObject({ trailingCommission: '5000.00' });

    for (const [i] of ORDERS.entries()) expect({ order: i + 1, statements: byOrder[i] }).toEqual({ order: i + 1, statements: byOrder[0] });
    // The late departures left a reversal pair on the departed rep's 2027-Q2 lines (order 2: recorded last).
    const raw = await h.ok('GET', '/reps/o2-ae/statements/2027-Q2', finance);
    expect(raw.lines.map((l: any) => l.kind)).toEqual(expect.arrayContaining(['GATE_COMMISSION_REVERSAL']));
  }, 600_000);
});
