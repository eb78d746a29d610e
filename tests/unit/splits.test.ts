import { CreditSplit, eligibleSplits, isEligible, reassignSplits, splitProblems, splitRecipients } from '../../libs/domain';
import { Exact } from './fixtures';

const GATES = ['G1', 'G2', 'G3', 'G4', 'G5'];

function perGateSums(splits: CreditSplit[]): Record<string, string> {
  return Object.fromEntries(
    GATES.map((g) => [g, eligibleSplits(splits, g).reduce((acc, s) => acc.plus(s.share), new Exact(0)).toString()]),
  );
}

describe('eligibility', () => {
  it('no gates list means every gate', () => {
    const s: CreditSplit = { repId: 'ae-1', role: 'AE', share: '1' };
    expect(GATES.every((g) => isEligible(s, g))).toBe(true);
  });
  it('a gates list restricts the recipient to those gates', () => {
    const s: CreditSplit = { repId: 'bdr-1', role: 'BDR', share: '0.3', gates: ['G1', 'G2'] };
    expect(GATES.filter((g) => isEligible(s, g))).toEqual(['G1', 'G2']);
  });
});

describe('splitProblems', () => {
  it('accepts a single recipient at share 1', () => {
    expect(splitProblems([{ repId: 'ae-1', role: 'AE', share: '1' }], GATES)).toEqual([]);
    expect(splitProblems([{ repId: 'ae-1', role: 'AE', share: '1.00' }], GATES)).toEqual([]);
  });

  it('accepts gate-restricted recipients when each gate sums to exactly 1', () => {
    const splits: CreditSplit[] = [
      { repId: 'ae-1', role: 'AE', share: '0.7' },
      { repId: 'bdr-1', role: 'BDR', share: '0.3', gates: ['G1', 'G2'] },
      { repId: 'sl-1', role: 'SCIENTIFIC_LIAISON', share: '0.3', gates: ['G3', 'G4', 'G5'] },
    ];
    expect(splitProblems(splits, GATES)).toEqual([]);
    expect(perGateSums(splits)).toEqual({ G1: '1', G2: '1', G3: '1', G4: '1', G5: '1' });
  });

  it('sums in exact decimal: 0.1 + 0.2 + 0.7 is exactly 1, thirds of 0.3333 are not', () => {
    expect(
      splitProblems(
        [
          { repId: 'a', role: 'AE', share: '0.1' },
          { repId: 'b', role: 'BDR', share: '0.2' },
          { repId: 'c', role: 'SCIENTIFIC_LIAISON', share: '0.7' },
        ],
        GATES,
      ),
    ).toEqual([]);
    const thirds: CreditSplit[] = [
      { repId: 'a', role: 'AE', share: '0.3333' },
      { repId: 'b', role: 'BDR', share: '0.3333' },
      { repId: 'c', role: 'SCIENTIFIC_LIAISON', share: '0.3333' },
    ];
    expect(splitProblems(thirds, GATES)).toEqual(GATES.map((g) => `splits: shares eligible for ${g} sum to 0.9999, not 1`));
  });

  it('names every gate whose eligible shares miss 1', () => {
    const splits: CreditSplit[] = [
      { repId: 'ae-1', role: 'AE', share: '0.7' },
      { repId: 'bdr-1', role: 'BDR', share: '0.3', gates: ['G1', 'G2'] },
    ];
    expect(splitProblems(splits, GATES)).toEqual([
      'splits: shares eligible for G3 sum to 0.7, not 1',
      'splits: shares eligible for G4 sum to 0.7, not 1',
      'splits: shares eligible for G5 sum to 0.7, not 1',
    ]);
    const over: CreditSplit[] = [
      { repId: 'ae-1', role: 'AE', share: '1' },
      { repId: 'bdr-1', role: 'BDR', share: '0.5', gates: ['G1'] },
    ];
    expect(splitProblems(over, GATES)).toEqual(['splits: shares eligible for G1 sum to 1.5, not 1']);
  });

  it('refuses an empty list, out-of-range shares, unknown or empty gate lists and duplicates', () => {
    expect(splitProblems([], GATES)).toEqual([
      'splits: at least one recipient is required',
      ...GATES.map((g) => `splits: shares eligible for ${g} sum to 0, not 1`),
    ]);
    expect(
      splitProblems(
        [
          { repId: 'a', role: 'AE', share: '1.5' },
          { repId: 'b', role: 'BDR', share: '-0.5' },
        ],
        GATES,
      ),
    ).toEqual(['splits[0].share: must be in (0, 1]', 'splits[1].share: must be in (0, 1]']);
    expect(
      splitProblems(
        [
          { repId: 'a', role: 'AE', share: '1' },
          { repId: 'b', role: 'BDR', share: '0', gates: ['G1'] },
        ],
        GATES,
      ),
    ).toEqual(['splits[1].share: must be in (0, 1]']);
    expect(
      splitProblems(
        [
          { repId: 'a', role: 'AE', share: '1' },
          { repId: 'b', role: 'BDR', share: '0.5', gates: [] },
        ],
        GATES,
      ),
    ).toEqual(['splits[1].gates: omit it for every gate, or name at least one']);
    expect(splitProblems([{ repId: 'a', role: 'AE', share: '1', gates: ['G1', 'G2', 'G3', 'G4', 'G5', 'G9'] }], GATES)).toEqual([
      'splits[0].gates: unknown gate G9',
    ]);
    expect(
      splitProblems(
        [
          { repId: 'a', role: 'AE', share: '0.5' },
          { repId: 'a', role: 'AE', share: '0.5' },
        ],
        GATES,
      ),
    ).toEqual(['splits[1]: a appears twice with role AE']);
  });

  it('allows the same rep under two roles', () => {
    expect(
      splitProblems(
        [
          { repId: 'a', role: 'AE', share: '0.5' },
          { repId: 'a', role: 'ACCOUNT_MANAGER', share: '0.5' },
        ],
        GATES,
      ),
    ).toEqual([]);
  });
});

describe('reassignSplits', () => {
  it('replaces the departed rep with the new owner, keeping role, share and gates', () => {
    const splits: CreditSplit[] = [
      { repId: 'ae-1', role: 'AE', share: '0.6' },
      { repId: 'sl-1', role: 'SCIENTIFIC_LIAISON', share: '0.4', gates: ['G1', 'G2', 'G3', 'G4', 'G5'] },
    ];
    expect(reassignSplits(splits, 'ae-1', 'ae-9')).toEqual([
      { repId: 'ae-9', role: 'AE', share: '0.6' },
      { repId: 'sl-1', role: 'SCIENTIFIC_LIAISON', share: '0.4', gates: ['G1', 'G2', 'G3', 'G4', 'G5'] },
    ]);
  });

  it('merges with the new owner’s own split of the same role and gates', () => {
    const splits: CreditSplit[] = [
      { repId: 'ae-1', role: 'AE', share: '0.35' },
      { repId: 'ae-2', role: 'AE', share: '0.4' },
      { repId: 'sl-1', role: 'SCIENTIFIC_LIAISON', share: '0.25' },
    ];
    const out = reassignSplits(splits, 'ae-1', 'ae-2');
    expect(out).toEqual([
      { repId: 'ae-2', role: 'AE', share: '0.75' },
      { repId: 'sl-1', role: 'SCIENTIFIC_LIAISON', share: '0.25' },
    ]);
    expect(splitProblems(out, GATES)).toEqual([]);
  });

  it('merges gate-restricted splits naming the same gates in another order', () => {
    const splits: CreditSplit[] = [
      { repId: 'ae-1', role: 'AE', share: '0.5' },
      { repId: 'bdr-1', role: 'BDR', share: '0.25', gates: ['G2', 'G1'] },
      { repId: 'bdr-2', role: 'BDR', share: '0.25', gates: ['G1', 'G2'] },
      { repId: 'sl-1', role: 'SCIENTIFIC_LIAISON', share: '0.5', gates: ['G3', 'G4', 'G5'] },
    ];
    const out = reassignSplits(splits, 'bdr-1', 'bdr-2');
    expect(out).toEqual([
      { repId: 'ae-1', role: 'AE', share: '0.5' },
      { repId: 'bdr-2', role: 'BDR', share: '0.5', gates: ['G2', 'G1'] },
      { repId: 'sl-1', role: 'SCIENTIFIC_LIAISON', share: '0.5', gates: ['G3', 'G4', 'G5'] },
    ]);
    expect(perGateSums(out)).toEqual(perGateSums(splits));
  });

  it('keeps separate entries when role or gates differ, and the per-gate sums stay 1', () => {
    const splits: CreditSplit[] = [
      { repId: 'ae-1', role: 'AE', share: '0.5' },
      { repId: 'am-1', role: 'ACCOUNT_MANAGER', share: '0.5' },
    ];
    const out = reassignSplits(splits, 'ae-1', 'am-1');
    expect(out).toEqual([
      { repId: 'am-1', role: 'AE', share: '0.5' },
      { repId: 'am-1', role: 'ACCOUNT_MANAGER', share: '0.5' },
    ]);
    expect(splitProblems(out, GATES)).toEqual([]);
    expect(splitRecipients(out)).toEqual(['am-1']);
  });

  it('changes nothing when the departed rep holds no split, and never mutates its input', () => {
    const splits: CreditSplit[] = [
      { repId: 'ae-1', role: 'AE', share: '0.5' },
      { repId: 'ae-2', role: 'AE', share: '0.5' },
    ];
    const before = structuredClone(splits);
    expect(reassignSplits(splits, 'bdr-7', 'ae-9')).toEqual(splits);
    reassignSplits(splits, 'ae-1', 'ae-2');
    expect(splits).toEqual(before);
  });

  it('splitRecipients lists each rep once, in order', () => {
    expect(
      splitRecipients([
        { repId: 'b', role: 'AE', share: '0.5' },
        { repId: 'a', role: 'BDR', share: '0.25' },
        { repId: 'b', role: 'ACCOUNT_MANAGER', share: '0.25' },
      ]),
    ).toEqual(['b', 'a']);
  });
});
