import fc from 'fast-check';
import {
  Attribution,
  Deal,
  PostedEntry,
  approveBonus,
  approveGate,
  departureCoverage,
  holdersOn,
  reattributions,
  recipientsOn,
  replaceOnDeal,
  Replacement,
  reversalKey,
  submitArtifact,
  submitBonusEvent,
  successorOn,
} from '../../libs/domain';
import { PROOF, referenceDeal, sumCents } from './fixtures';

const team: Attribution = {
  owner: 'ae',
  splits: [
    { repId: 'ae', role: 'AE', share: '0.5' },
    { repId: 'msl', role: 'SCIENTIFIC_LIAISON', share: '0.3' },
    { repId: 'heir', role: 'AE', share: '0.2' },
  ],
  replacements: [],
};

describe('dated replacements (docs/rules.md "Departure replaces the rep", "Dated, not sequenced")', () => {
  const departs: Replacement = { departedRepId: 'ae', newOwner: 'heir', effectiveDate: '2028-03-01' };
  const withDeparture = { ...team, replacements: [departs] };

  it('keeps the departed rep before the effectiveDate and the replacement from it on, merging twin splits', () => {
    expect(holdersOn(withDeparture, '2028-02-29')).toEqual({ owner: 'ae', splits: team.splits });
    expect(holdersOn(withDeparture, '2028-03-01')).toEqual({
      owner: 'heir',
      splits: [
        { repId: 'heir', role: 'AE', share: '0.7' },
        { repId: 'msl', role: 'SCIENTIFIC_LIAISON', share: '0.3' },
      ],
    });
  });

  it('passes an unnamed split recipient\'s shares to the owner as it stands on the date', () => {
    const a = { ...team, replacements: [{ departedRepId: 'msl', effectiveDate: '2028-01-10' }, departs] };
    expect(successorOn(a, 'msl', '2028-01-09')).toBe('msl');
    expect(successorOn(a, 'msl', '2028-01-10')).toBe('ae');
    // The owner departs later: what msl held passed to ae, and from ae's departure on to heir.
    expect(successorOn(a, 'msl', '2028-03-01')).toBe('heir');
    expect(holdersOn(a, '2028-02-01').splits).toEqual([
      { repId: 'ae', role: 'AE', share: '0.5' },
      { repId: 'ae', role: 'SCIENTIFIC_LIAISON', share: '0.3' },
      { repId: 'heir', role: 'AE', share: '0.2' },
    ]);
  });

  it('follows a chain of departures whatever order they were recorded in', () => {
    const b = { departedRepId: 'heir', newOwner: 'third', effectiveDate: '2028-04-01' };
    for (const replacements of [[departs, b], [b, departs]]) {
      const a = { ...team, replacements };
      expect(successorOn(a, 'ae', '2028-04-05')).toBe('third');
      expect(successorOn(a, 'ae', '2028-03-05')).toBe('heir');
      expect(successorOn(a, 'ae', '2028-01-05')).toBe('ae');
      expect(successorOn(a, 'heir', '2028-04-01')).toBe('third');
    }
  });

  it('maps named bonus recipients as they stood on the event date and merges two that became one', () => {
    const named = [{ repId: 'ae', share: '0.6' }, { repId: 'heir', share: '0.4' }];
    expect(recipientsOn(withDeparture, named, '2028-02-01')).toEqual(named);
    expect(recipientsOn(withDeparture, named, '2028-03-01')).toEqual([{ repId: 'heir', share: '1' }]);
  });

  it('reverses and re-posts only what the departed rep holds on or after the date, with derived keys', () => {
    const live: PostedEntry[] = [
      { key: 'k-before', kind: 'GATE_COMMISSION', repId: 'ae', effectiveDate: '2028-02-28', amount: '100.00' },
      { key: 'k-on', kind: 'GATE_COMMISSION', repId: 'ae', effectiveDate: '2028-03-01', amount: '100.00' },
      { key: 'k-msl', kind: 'GATE_COMMISSION', repId: 'msl', effectiveDate: '2028-03-01', amount: '60.00' },
    ];
    const moves = reattributions(withDeparture, live);
    expect(moves).toEqual([
      {
        original: live[1],
        reversal: { ...live[1], key: reversalKey('k-on'), amount: '-100.00' },
        repost: { ...live[1], key: 'k-on:to:heir', repId: 'heir' },
      },
    ]);
  });
});

describe('what a departure must name (docs/rules.md "Departure replaces the rep")', () => {
  const split = (repId: string) => ({ repId, role: 'AE' as const, share: '1' });
  it('lists open deals the rep owns and does not name, and hands over those where they only hold a split', () => {
    const deals = [
      { id: 'owned-named', owner: 'ae', status: 'ACTIVE' as const, splits: [split('ae')] },
      { id: 'owned-killed', owner: 'ae', status: 'KILLED' as const, splits: [split('ae')] },
      { id: 'owned-closed', owner: 'ae', status: 'CLOSED' as const, splits: [split('ae')] },
      { id: 'split-only', owner: 'boss', status: 'ACTIVE' as const, splits: [split('boss'), { ...split('ae'), role: 'BDR' as const }] },
      { id: 'split-closed', owner: 'boss', status: 'CLOSED' as const, splits: [split('ae')] },
      { id: 'split-named', owner: 'boss', status: 'ACTIVE' as const, splits: [split('ae')] },
    ];
    expect(departureCoverage('ae', deals, ['owned-named', 'split-named'])).toEqual({ missing: ['owned-killed'], handovers: ['split-only'] });
  });
});

/**
 * The headline property (issue 12): statements are a function of the business facts. A deal sees gate approvals
 * dated on both sides of a departure, a bonus, and the departure, processed in every order; the net per rep of what
 * the ledger holds (postings, reversals, re-posts) is the same.
 */
describe('order independence of credit around a departure (property)', () => {
  type Event = { kind: 'approve'; gate: string; date: string } | { kind: 'bonus'; date: string } | { kind: 'depart' };
  const departure: Replacement = { departedRepId: 'ae', newOwner: 'heir', effectiveDate: '2027-09-01' };

  function play(order: Event[]): Map<string, string> {
    let deal: Deal = { ...referenceDeal(), owner: 'ae', sourcedBy: 'ae', splits: [{ repId: 'ae', role: 'AE', share: '0.6' }, { repId: 'msl', role: 'SCIENTIFIC_LIAISON', share: '0.4' }] };
    const ledger: PostedEntry[] = [];
    const reversed = new Set<string>();
    for (const e of order) {
      if (e.kind === 'depart') {
        deal = replaceOnDeal(deal, departure);
        const live = ledger.filter((x) => !x.key.endsWith(':reversal') && !reversed.has(x.key));
        for (const m of reattributions(deal.attribution!, live)) {
          ledger.push(m.reversal, m.repost);
          reversed.add(m.original.key);
        }
      } else if (e.kind === 'approve') {
        deal = submitArtifact(deal, { gate: e.gate, documentType: PROOF[e.gate], documentRef: e.gate, effectiveDate: e.date }, 'x', 't');
        const { deal: next, retirement } = approveGate(deal, deal.pending[deal.pending.length - 1].approvalId);
        deal = next;
        for (const p of retirement.postings) ledger.push({ key: `${e.gate}:${p.repId}:${p.role}`, kind: 'GATE_COMMISSION', repId: p.repId, effectiveDate: e.date, amount: p.commission });
      } else {
        deal = submitBonusEvent(deal, { type: 'IRB_APPROVAL', quantity: 1, evidenceRef: 'b', effectiveDate: e.date }, 'x', 't');
        const { deal: next, allocations } = approveBonus(deal, deal.pending[deal.pending.length - 1].approvalId);
        deal = next;
        for (const a of allocations) ledger.push({ key: `bonus:${a.repId}`, kind: 'DESIGN_WIN_BONUS', repId: a.repId, effectiveDate: e.date, amount: a.amount });
      }
    }
    const byRep = new Map<string, string>();
    for (const rep of new Set(ledger.map((x) => x.repId))) byRep.set(rep, sumCents(ledger.filter((x) => x.repId === rep).map((x) => x.amount)));
    return new Map([...byRep].filter(([, v]) => v !== '0.00').sort());
  }

  // Gates retire in order, so gate approvals keep their relative order; the departure and the bonus go anywhere.
  const gates: Event[] = [
    { kind: 'approve', gate: 'G1', date: '2027-05-10' },
    { kind: 'approve', gate: 'G2', date: '2027-08-31' },
    { kind: 'approve', gate: 'G3', date: '2027-09-01' },
    { kind: 'approve', gate: 'G4', date: '2027-12-01' },
  ];
  const orders = fc
    .tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 5 }), fc.constantFrom('2027-08-15', '2027-09-20'))
    .map(([d, b, bonusDate]) => {
      const withDeparture: Event[] = [...gates.slice(0, d), { kind: 'depart' }, ...gates.slice(d)];
      return { order: [...withDeparture.slice(0, b), { kind: 'bonus', date: bonusDate } as Event, ...withDeparture.slice(b)], bonusDate };
    });

  it('gives every rep the same net whatever the processing order', () => {
    fc.assert(
      fc.property(orders, ({ order, bonusDate }) => {
        const reference: Event[] = [{ kind: 'depart' }, { kind: 'bonus', date: bonusDate }, ...gates];
        expect(play(order)).toEqual(play(reference));
      }),
      { numRuns: 200 },
    );
  });

  it('credits G1 and G2 (dated before) to the departed rep and G3, G4 (on and after) to the heir', () => {
    const net = play([...gates, { kind: 'bonus', date: '2027-09-20' }, { kind: 'depart' }]);
    // TCV 4500000 × 0.04: G1 0.20 → 36000, G2 0.30 → 54000, G3 0.25 → 45000, G4 0.15 → 27000; ae holds 0.6.
    expect(net.get('ae')).toBe('54000.00'); // 0.6 × (36000 + 54000)
    expect(net.get('heir')).toBe('83200.00'); // 0.6 × (45000 + 27000) + IRB bonus 40000 to the owner
    expect(net.get('msl')).toBe('64800.00'); // 0.4 × 162000, never moved
  });
});
