import {
  capitalizedGatesOf,
  commissionAssetFor,
  commissionAssetTotals,
  commissionJournal,
  DealPeriodFacts,
  descope,
  journalCsv,
  journalTotals,
  planProblems,
  REFERENCE_PLAN_PARAMS,
  resolvePlanParams,
  rollsForward,
  tcvInForceOn,
  withPlanDefaults,
} from '../../libs/domain';
import { referenceDeal } from './fixtures';

const facts = (over: Partial<DealPeriodFacts>): DealPeriodFacts => ({
  dealId: 'D-1',
  opening: '0.00',
  additions: '0.00',
  revenue: '0.00',
  revenueBefore: '0.00',
  tcv: '1000000.00',
  closedByFinance: false,
  ...over,
});

describe('commission asset (docs/rules.md "Commission expense (ASC 340-40)")', () => {
  it('amortizes A × revenue / remaining, rounded half-even to cents once', () => {
    // A = 24000.00, revenue 333333.33 of a remaining 3000000.00: 24000 × 333333.33 / 3000000 = 2666.66664 → 2666.67
    expect(commissionAssetFor('2027-Q1', facts({ additions: '24000.00', revenue: '333333.33', tcv: '3000000.00' }))).toEqual({
      dealId: 'D-1', opening: '0.00', additions: '24000.00', amortization: '2666.67', impairment: '0.00', closing: '21333.33',
    });
    // ties go to the even cent: 1.00 × 1 / 8 = 0.125 → 0.12; 3.00 × 1 / 8 = 0.375 → 0.38
    expect(commissionAssetFor('2027-Q1', facts({ opening: '1.00', revenue: '1.00', tcv: '8.00' })).amortization).toBe('0.12');
    expect(commissionAssetFor('2027-Q1', facts({ opening: '3.00', revenue: '1.00', tcv: '8.00' })).amortization).toBe('0.38');
  });

  it('remaining is the TCV in force less revenue recorded before the period; a descope makes later periods expense faster', () => {
    // A = 46583.33; remaining = 2400000.00 − 833333.33 = 1566666.67; 46583.33 × 400000 / 1566666.67 = 11893.6161… → 11893.62
    const row = commissionAssetFor('2027-Q3', facts({ opening: '46583.33', revenue: '400000.00', revenueBefore: '833333.33', tcv: '2400000.00' }));
    expect(row).toMatchObject({ amortization: '11893.62', closing: '34689.71' });
  });

  it('expenses everything when revenue reaches what remains, when finance closed the deal, and never on negative revenue', () => {
    expect(commissionAssetFor('2027-Q1', facts({ opening: '500.00', revenue: '10.00', revenueBefore: '999990.00' })).closing).toBe('0.00');
    expect(commissionAssetFor('2027-Q1', facts({ opening: '500.00', revenueBefore: '999990.00', tcv: '900000.00' })).amortization).toBe('500.00');
    expect(commissionAssetFor('2027-Q1', facts({ opening: '500.00', closedByFinance: true })).amortization).toBe('500.00');
    expect(commissionAssetFor('2027-Q1', facts({ opening: '500.00', revenue: '-40.00', revenueBefore: '100.00' }))).toMatchObject({ amortization: '0.00', closing: '500.00' });
  });

  it('impairs the whole balance in the period of the kill and after, not before', () => {
    const f = facts({ opening: '16000.00', revenue: '50000.00', revenueBefore: '250000.00', killedOn: '2027-08-15' });
    expect(commissionAssetFor('2027-Q2', f)).toMatchObject({ amortization: '1066.67', impairment: '0.00', closing: '14933.33' }); // 16000 × 50000 / 750000
    expect(commissionAssetFor('2027-Q3', f)).toMatchObject({ amortization: '0.00', impairment: '16000.00', closing: '0.00' });
    expect(commissionAssetFor('2027-Q4', { ...f, opening: '0.00', additions: '120.00' })).toMatchObject({ impairment: '120.00', closing: '0.00' });
  });

  it('counts a reversal as a negative addition; a balance a lone reversal took below zero is expensed, never carried', () => {
    expect(commissionAssetFor('2027-Q2', facts({ opening: '100.00', additions: '-30.00', revenue: '0.00' })).closing).toBe('70.00');
    expect(commissionAssetFor('2027-Q2', facts({ opening: '10.00', additions: '-100.00', revenue: '5.00' }))).toMatchObject({ amortization: '-90.00', closing: '0.00' });
  });

  it('writes one debit/credit pair per deal and movement; a negative movement swaps the sides; debits equal credits', () => {
    const rows = [
      { dealId: 'B', opening: '0.00', additions: '-50.00', amortization: '0.00', impairment: '10.00', closing: '0.00' },
      { dealId: 'A', opening: '0.00', additions: '24000.00', amortization: '2666.67', impairment: '0.00', closing: '21333.33' },
    ];
    const journal = commissionJournal('2027-Q1', rows);
    expect(journal.map((l) => [l.dealId, l.account, l.debit, l.credit])).toEqual([
      ['A', 'DEFERRED_COMMISSION', '24000.00', '0.00'],
      ['A', 'COMMISSION_PAYABLE', '0.00', '24000.00'],
      ['A', 'COMMISSION_EXPENSE', '2666.67', '0.00'],
      ['A', 'DEFERRED_COMMISSION', '0.00', '2666.67'],
      ['B', 'COMMISSION_PAYABLE', '50.00', '0.00'],
      ['B', 'DEFERRED_COMMISSION', '0.00', '50.00'],
      ['B', 'COMMISSION_EXPENSE', '10.00', '0.00'],
      ['B', 'DEFERRED_COMMISSION', '0.00', '10.00'],
    ]);
    expect(journalTotals(journal)).toEqual({ debit: '26726.67', credit: '26726.67' });
    expect(commissionAssetTotals(rows)).toEqual({ opening: '0.00', additions: '23950.00', amortization: '2666.67', impairment: '10.00', closing: '21333.33' });
    expect(rollsForward(commissionAssetTotals(rows))).toBe(false); // B's row above is made up and does not roll forward
    expect(rollsForward(rows[1])).toBe(true);
  });

  it('renders the journal as CSV with a header row, CRLF lines and quoted memos where needed', () => {
    const csv = journalCsv('2027-Q1', [{ account: 'COMMISSION_EXPENSE', debit: '1.00', credit: '0.00', dealId: 'A', memo: 'a, "b"' }]);
    expect(csv).toBe('period,account,debit,credit,dealId,memo\r\n2027-Q1,COMMISSION_EXPENSE,1.00,0.00,A,"a, ""b"""\r\n');
  });
});

describe('plan parameter accounting.capitalizedGates and the TCV in force', () => {
  it('defaults to G1, G2; stored plans without it read the default; names must be gates and unique', () => {
    expect(resolvePlanParams({}).accounting).toEqual({ capitalizedGates: ['G1', 'G2'] });
    const { accounting: _omitted, ...stored } = REFERENCE_PLAN_PARAMS;
    expect(withPlanDefaults(stored).accounting).toEqual({ capitalizedGates: ['G1', 'G2'] });
    expect(capitalizedGatesOf({ gates: [{ key: 'G2', name: 'X', weight: '1', artifactTypes: ['A'] }] })).toEqual(['G2']);
    expect(planProblems(resolvePlanParams({ accounting: { capitalizedGates: ['G1', 'G3'] } }))).toEqual([]);
    expect(planProblems(resolvePlanParams({ accounting: { capitalizedGates: [] } }))).toEqual([]);
    expect(planProblems(resolvePlanParams({ accounting: { capitalizedGates: ['G1', 'G9', 'G1'] } }))).toEqual([
      'accounting.capitalizedGates[1]: no such gate G9',
      'accounting.capitalizedGates: each gate at most once',
    ]);
  });

  it('keeps each descope with its date: the TCV in force on a date is the latest descope on or before it', () => {
    const deal = referenceDeal();
    const once = descope(deal, '800000.00', '2027-08-01');
    const twice = descope(once, '600000.00', '2027-11-15');
    expect(tcvInForceOn(twice, '2027-07-31')).toBe(deal.originalTcv);
    expect(tcvInForceOn(twice, '2027-09-30')).toBe('800000.00');
    expect(tcvInForceOn(twice, '2027-12-31')).toBe('600000.00');
    // a deal descoped before dates were kept: its current TCV
    expect(tcvInForceOn({ ...deal, tcv: '700000.00', descopes: undefined }, '2027-01-01')).toBe('700000.00');
  });
});
