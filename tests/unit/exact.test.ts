import fc from 'fast-check';
import { ExactDecimal, ExactSum, exactToMoney, Money } from '../../libs/domain';
import { Exact, cents } from './fixtures';

const decimalArb = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 12 }))
  .map(([negative, units, scale]) => {
    const digits = units.toString().padStart(scale + 1, '0');
    const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
    return negative ? `-${text}` : text;
  });

describe('ExactDecimal: BigInt units at a power-of-ten scale', () => {
  it.each([
    ['0.125', '0.12'],
    ['0.135', '0.14'],
    ['-0.125', '-0.12'],
    ['-1.015', '-1.02'],
    ['-0.004', '0.00'],
    ['999.995', '1000.00'],
    ['7', '7.00'],
    ['0.1250000001', '0.13'],
  ])('%s rounds half-even to %s, like Money.format', (input, expected) => {
    expect(exactToMoney(ExactDecimal.parse(input))).toBe(expected);
    expect(Money.format(input)).toBe(expected);
  });

  it('toDec gives the same number within money precision', () => {
    expect(ExactDecimal.toDec(ExactDecimal.times(ExactDecimal.parse('4500000.00'), ExactDecimal.parse('0.2975'))).toString()).toBe('1338750');
    expect(ExactDecimal.toDec(ExactDecimal.parse('-0.000123')).toString()).toBe('-0.000123');
  });

  it('refuses what is not a plain decimal string', () => {
    for (const bad of ['', '1e3', '1.', '.5', '+1', '1,5', 'NaN', ' 1']) expect(() => ExactDecimal.parse(bad)).toThrow(/not a decimal/);
  });

  it('products and sums are exact and round once, as a 120-digit decimal does', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(decimalArb, decimalArb, decimalArb), { minLength: 1, maxLength: 20 }), (terms) => {
        const sum = new ExactSum();
        let oracle = new Exact(0);
        for (const [a, b, c] of terms) {
          sum.add(ExactDecimal.times(ExactDecimal.times(ExactDecimal.parse(a), ExactDecimal.parse(b)), ExactDecimal.parse(c)));
          oracle = oracle.plus(new Exact(a).times(b).times(c));
        }
        expect(sum.toMoney()).toBe(cents(oracle));
        const total = sum.total();
        expect(new Exact(total.units.toString()).dividedBy(new Exact(10).pow(total.scale)).equals(oracle)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
