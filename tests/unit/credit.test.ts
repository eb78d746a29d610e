import {
  CreditSplit,
  REFERENCE_PLAN_PARAMS,
  allocateBonus,
  applyAnnualCap,
  bonusAmount,
  bonusRecipientProblems,
  isQuantityBonus,
  retireGate,
} from '../../libs/domain';
import { Exact, cents, productCents, referencePlan } from './fixtures';

const SOLO: CreditSplit[] = [{ repId: 'ae-1', role: 'AE', share: '1' }];

describe('retireGate: the reference deal D-4500', () => {
  const plan = REFERENCE_PLAN_PARAMS;
  it.each([
    ['G1', '4500000.00', '900000.00', '36000.00'],
    ['G2', '4500000.00', '1350000.00', '54000.00'],
    ['G3', '3500000.00', '875000.00', '35000.00'],
    ['G4', '3500000.00', '525000.00', '21000.00'],
    ['G5', '3500000.00', '350000.00', '14000.00'],
  ])('%s at TCV %s: credit %s, commission %s', (gate, tcv, credit, commission) => {
    expect(retireGate(plan, gate, tcv, SOLO)).toEqual({
      gateKey: gate,
      dealCredit: credit,
      postings: [{ repId: 'ae-1', role: 'AE', share: '1', credit, commission }],
    });
  });

  it('refuses a gate the plan does not have', () => {
    expect(() => retireGate(plan, 'G6', '100.00', SOLO)).toThrow(/no gate G6/);
  });
});

describe('retireGate: splits are rounded once per recipient', () => {
  it('pays each eligible recipient weight × tcv × share (× rate), and skips the others', () => {
    const splits: CreditSplit[] = [
      { repId: 'ae-1', role: 'AE', share: '0.7' },
      { repId: 'bdr-1', role: 'BDR', share: '0.3', gates: ['G1', 'G2'] },
      { repId: 'sl-1', role: 'SCIENTIFIC_LIAISON', share: '0.3', gates: ['G3', 'G4', 'G5'] },
    ];
    const g1 = retireGate(REFERENCE_PLAN_PARAMS, 'G1', '1000000.00', splits);
    expect(g1.dealCredit).toBe('200000.00');
    expect(g1.postings).toEqual([
      { repId: 'ae-1', role: 'AE', share: '0.7', credit: '140000.00', commission: '5600.00' },
      { repId: 'bdr-1', role: 'BDR', share: '0.3', credit: '60000.00', commission: '2400.00' },
    ]);
    const g3 = retireGate(REFERENCE_PLAN_PARAMS, 'G3', '1000000.00', splits);
    expect(g3.postings.map((p) => [p.repId, p.credit, p.commission])).toEqual([
      ['ae-1', '175000.00', '7000.00'],
      ['sl-1', '75000.00', '3000.00'],
    ]);
  });

  it('rounds the exact product once (reference rate 0.04): TCV 1001025.42, share 0.3334 → 2669.94, not 2669.93', () => {
    const splits: CreditSplit[] = [
      { repId: 'ae-1', role: 'AE', share: '0.3333' },
      { repId: 'sl-1', role: 'SCIENTIFIC_LIAISON', share: '0.3333' },
      { repId: 'bdr-1', role: 'BDR', share: '0.3334' },
    ];
    const r = retireGate(REFERENCE_PLAN_PARAMS, 'G1', '1001025.42', splits);
    // weight × tcv = 200205.084 exactly; the deal-level figure rounds to 200205.08.
    expect(r.dealCredit).toBe('200205.08');
    const bdr = r.postings.find((p) => p.repId === 'bdr-1')!;
    // exact: 200205.084 × 0.3334 = 66748.3750056 → 66748.38; × 0.04 = 2669.935000224 → 2669.94.
    expect(bdr.credit).toBe('66748.38');
    expect(bdr.commission).toBe('2669.94');
    // Rounding the parts (deal credit, then share, then rate) would have given a cent less.
    const parts = cents(new Exact(cents(new Exact(r.dealCredit).times('0.3334'))).times('0.04'));
    expect(parts).toBe('2669.93');
    const ae = r.postings.find((p) => p.repId === 'ae-1')!;
    expect(ae.credit).toBe(productCents('0.20', '1001025.42', '0.3333'));
    expect(ae.commission).toBe(productCents('0.20', '1001025.42', '0.3333', '0.04'));
    expect([ae.credit, ae.commission]).toEqual(['66728.35', '2669.13']);
  });

  it('rounds the exact product once (rate 0.035): TCV 1000002.15, share 0.3333 → 2333.11, not 2333.10', () => {
    const plan = referencePlan({ commissionRate: '0.035' });
    const splits: CreditSplit[] = [
      { repId: 'ae-1', role: 'AE', share: '0.3333' },
      { repId: 'sl-1', role: 'SCIENTIFIC_LIAISON', share: '0.3333' },
      { repId: 'bdr-1', role: 'BDR', share: '0.3334' },
    ];
    const r = retireGate(plan, 'G1', '1000002.15', splits);
    expect(r.dealCredit).toBe('200000.43');
    // exact credit 66660.143319 → 66660.14; exact commission 2333.105016165 → 2333.11.
    expect(r.postings).toEqual([
      { repId: 'ae-1', role: 'AE', share: '0.3333', credit: '66660.14', commission: '2333.11' },
      { repId: 'sl-1', role: 'SCIENTIFIC_LIAISON', share: '0.3333', credit: '66660.14', commission: '2333.11' },
      { repId: 'bdr-1', role: 'BDR', share: '0.3334', credit: '66680.14', commission: '2333.81' },
    ]);
    // credit rounded first, then × rate: 66660.14 × 0.035 = 2333.1049 → 2333.10, a cent short.
    expect(cents(new Exact('66660.14').times('0.035'))).toBe('2333.10');
  });

  it('rounds half-even at the cent: exact commission x.xx5 goes to the even cent', () => {
    const plan = referencePlan();
    expect(retireGate(plan, 'G1', '3.13', [{ repId: 'a', role: 'AE', share: '0.5' }, { repId: 'b', role: 'AE', share: '0.5' }]).postings.map((p) => p.credit)).toEqual([
      '0.31',
      '0.31',
    ]); // 0.313 each
    const r = retireGate(plan, 'G2', '12.50', [{ repId: 'a', role: 'AE', share: '0.5' }, { repId: 'b', role: 'BDR', share: '0.5' }]);
    // 0.30 × 12.50 × 0.5 = 1.875 → 1.88; × 0.04 = 0.075 → 0.08
    expect(r.postings[0]).toMatchObject({ credit: '1.88', commission: '0.08' });
    const r2 = retireGate(plan, 'G1', '31.25', [{ repId: 'a', role: 'AE', share: '0.5' }, { repId: 'b', role: 'BDR', share: '0.5' }]);
    // 0.20 × 31.25 × 0.5 = 3.125 → 3.12; × 0.04 = 0.125 → 0.12
    expect(r2.postings[0]).toMatchObject({ credit: '3.12', commission: '0.12' });
  });
});

describe('design-win bonuses', () => {
  const plan = REFERENCE_PLAN_PARAMS;

  it('amount = unit × quantity', () => {
    expect(bonusAmount(plan, 'SITE_ACTIVATION', 3).toString()).toBe('75000');
    expect(bonusAmount(plan, 'PATIENT_ENROLLMENT', 17).toString()).toBe('34000');
    expect(bonusAmount(plan, 'PROTOCOL_DESIGN_IN', 1).toString()).toBe('50000');
    expect(isQuantityBonus('SITE_ACTIVATION')).toBe(true);
    expect(isQuantityBonus('PATIENT_ENROLLMENT')).toBe(true);
    expect(isQuantityBonus('IRB_APPROVAL')).toBe(false);
    expect(isQuantityBonus('ACCOUNT_EXPANSION')).toBe(false);
  });

  it('goes to the owner when no recipients are named', () => {
    expect(allocateBonus(plan, 'SITE_ACTIVATION', 3, 'ae-1')).toEqual([{ repId: 'ae-1', amount: '75000.00' }]);
    expect(allocateBonus(plan, 'PROTOCOL_DESIGN_IN', 1, 'ae-1', [])).toEqual([{ repId: 'ae-1', amount: '50000.00' }]);
    expect(allocateBonus(plan, 'IRB_APPROVAL', 1, 'ae-1')).toEqual([{ repId: 'ae-1', amount: '40000.00' }]);
    expect(allocateBonus(plan, 'ACCOUNT_EXPANSION', 1, 'am-1')).toEqual([{ repId: 'am-1', amount: '100000.00' }]);
  });

  it('splits by the named shares, each unit × quantity × share rounded once', () => {
    expect(
      allocateBonus(plan, 'SITE_ACTIVATION', 3, 'ae-1', [
        { repId: 'ae-1', share: '0.6' },
        { repId: 'sl-1', share: '0.4' },
      ]),
    ).toEqual([
      { repId: 'ae-1', amount: '45000.00' },
      { repId: 'sl-1', amount: '30000.00' },
    ]);
    // 2000 × 7 × 0.333333 = 4666.662 → 4666.66; × 0.333334 = 4666.676 → 4666.68
    expect(
      allocateBonus(plan, 'PATIENT_ENROLLMENT', 7, 'ae-1', [
        { repId: 'a', share: '0.333333' },
        { repId: 'b', share: '0.333333' },
        { repId: 'c', share: '0.333334' },
      ]),
    ).toEqual([
      { repId: 'a', amount: '4666.66' },
      { repId: 'b', amount: '4666.66' },
      { repId: 'c', amount: '4666.68' },
    ]);
    // half-even at the cent: 2000 × 0.0000025 = 0.005 → 0.00; 2000 × 0.9999975 = 1999.995 → 2000.00
    expect(allocateBonus(plan, 'PATIENT_ENROLLMENT', 1, 'x', [{ repId: 'a', share: '0.0000025' }, { repId: 'b', share: '0.9999975' }])).toEqual([
      { repId: 'a', amount: '0.00' },
      { repId: 'b', amount: '2000.00' },
    ]);
  });

  it('bonusRecipientProblems: split recipients only, shares summing to exactly 1, each rep once', () => {
    const onDeal = ['ae-1', 'sl-1'];
    expect(bonusRecipientProblems([{ repId: 'ae-1', share: '0.5' }, { repId: 'sl-1', share: '0.5' }], onDeal)).toEqual([]);
    expect(bonusRecipientProblems([{ repId: 'ae-1', share: '0.5' }, { repId: 'sl-1', share: '0.4' }], onDeal)).toEqual([
      'recipients: shares sum to 0.9, not 1',
    ]);
    expect(bonusRecipientProblems([{ repId: 'ae-1', share: '0.5' }, { repId: 'zz', share: '0.5' }], onDeal)).toEqual([
      'recipients[1].repId: zz is not a split recipient of the deal',
    ]);
    expect(bonusRecipientProblems([{ repId: 'ae-1', share: '0.5' }, { repId: 'ae-1', share: '0.5' }], onDeal)).toEqual([
      'recipients: each rep at most once',
    ]);
    expect(bonusRecipientProblems([{ repId: 'ae-1', share: '1.5' }, { repId: 'sl-1', share: '-0.5' }], onDeal)).toEqual([
      'recipients[0].share: must be in (0, 1]',
      'recipients[1].share: must be in (0, 1]',
    ]);
  });
});

describe('applyAnnualCap', () => {
  it.each([
    ['300000.00', '280000.00', '50000.00', '20000.00', '30000.00'],
    ['300000.00', '0.00', '50000.00', '50000.00', '0.00'],
    ['300000.00', '250000.00', '50000.00', '50000.00', '0.00'],
    ['300000.00', '300000.00', '75000.00', '0.00', '75000.00'],
    ['300000.00', '350000.00', '10000.00', '0.00', '10000.00'],
    ['300000.00', '299999.99', '0.02', '0.01', '0.01'],
    ['0.00', '0.00', '40000.00', '0.00', '40000.00'],
    ['300000.00', '280000.00', '0.00', '0.00', '0.00'],
  ])('cap %s, already %s, amount %s → paid %s, capped %s', (cap, already, amount, paid, capped) => {
    expect(applyAnnualCap(cap, already, amount)).toEqual({ paid, capped });
  });
});
