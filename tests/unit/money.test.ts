import fc from 'fast-check';
import { Dec, Money, Ratio } from '../../libs/domain';
import { cents } from './fixtures';

describe('Money.format: half-even to cents, once', () => {
  it.each([
    ['0.125', '0.12'],
    ['0.135', '0.14'],
    ['0.145', '0.14'],
    ['0.155', '0.16'],
    ['2.5', '2.50'],
    ['0.005', '0.00'],
    ['0.015', '0.02'],
    ['0.1250000001', '0.13'],
    ['0.1249999999', '0.12'],
    ['1', '1.00'],
    ['0', '0.00'],
    ['4500000', '4500000.00'],
    ['999.995', '1000.00'],
    ['1000.005', '1000.00'],
    ['1000.015', '1000.02'],
  ])('%s → %s', (input, expected) => {
    expect(Money.format(input)).toBe(expected);
  });

  it.each([
    ['-0.125', '-0.12'],
    ['-0.135', '-0.14'],
    ['-1.005', '-1.00'],
    ['-1.015', '-1.02'],
    ['-35000', '-35000.00'],
    ['-0.004', '0.00'],
    ['-0.005', '0.00'],
  ])('negative %s → %s (no "-0.00")', (input, expected) => {
    expect(Money.format(input)).toBe(expected);
  });

  it('formats big values without exponent notation', () => {
    expect(Money.format('9999999999999999.99')).toBe('9999999999999999.99');
    expect(Money.format('123456789012345678901234567890.125')).toBe('123456789012345678901234567890.12');
    expect(Money.format('99999999999999999999.995')).toBe('100000000000000000000.00');
    expect(Money.format(new Dec('1e21'))).toBe('1000000000000000000000.00');
    expect(Money.format(new Dec('-1e25').minus('0.005'))).toBe('-10000000000000000000000000.00');
  });

  it('formats tiny values without exponent notation', () => {
    expect(Money.format('0.0000000000000000000000000000001')).toBe('0.00');
    expect(Money.format(new Dec('1e-40'))).toBe('0.00');
  });

  it('rounds the exact value once, not digit by digit (0.1449 is 0.14, not 0.15)', () => {
    expect(Money.format('0.1449')).toBe('0.14');
    expect(Money.format('0.4445')).toBe('0.44');
  });

  it('rounds a Dec computed exactly (3 × 0.125 = 0.375 → 0.38)', () => {
    expect(Money.format(new Dec('0.125').times(3))).toBe('0.38');
    expect(Money.format(new Dec(1).dividedBy(3))).toBe('0.33');
    expect(Money.format(new Dec(2).dividedBy(3))).toBe('0.67');
  });

  it('always has exactly two fractional digits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 6 }), (units, scale) => {
        const value = new Dec(units.toString()).dividedBy(new Dec(10).pow(scale));
        const out = Money.format(value);
        expect(out).toMatch(/^-?\d+\.\d{2}$/);
        expect(out).toBe(cents(value.toFixed()));
        expect(out).not.toBe('-0.00');
      }),
      { numRuns: 300 },
    );
  });
});

describe('Money.parse', () => {
  it.each(['4500000.00', '0.1', '12', '-35000.00', '0.00', '9999999999999999.99'])('accepts %s', (s) => {
    expect(Money.parse(s).toString()).toBe(new Dec(s).toString());
    expect(Money.isMoneyString(s)).toBe(true);
  });

  it('keeps the exact value', () => {
    expect(Money.parse('0.10').plus(Money.parse('0.20')).equals(Money.parse('0.30'))).toBe(true);
  });

  it.each([
    [4500000],
    [0.1],
    [0],
    [NaN],
    [null],
    [undefined],
    [{}],
    [['1.00']],
    [Symbol.for('1')],
  ])('refuses non-strings: %p', (v) => {
    expect(() => Money.parse(v)).toThrow(/not a money string/);
    expect(Money.isMoneyString(v)).toBe(false);
  });

  it.each(['0.125', '1.001', '4500000.000', '1e5', '1.', '.5', '+1.00', ' 1.00', '1.00 ', '1,000.00', '', 'abc', 'Infinity', 'NaN', '12345678901234567.00', '0x10'])(
    'refuses %p',
    (s) => {
      expect(() => Money.parse(s)).toThrow();
      expect(Money.isMoneyString(s)).toBe(false);
    },
  );

  it('round-trips with format', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 17n) + 1n, max: 10n ** 17n - 1n }), (c) => {
        const s = Money.format(new Dec(c.toString()).dividedBy(100));
        expect(Money.format(Money.parse(s))).toBe(s);
      }),
      { numRuns: 200 },
    );
  });
});

describe('Money helpers and Ratio', () => {
  it('sum adds exactly (0.1 + 0.2 = 0.3)', () => {
    expect(Money.sum(['0.10', '0.20']).toString()).toBe('0.3');
    expect(Money.format(Money.sum([]))).toBe('0.00');
    expect(Money.format(Money.sum(['0.005', '0.005', new Dec('0.005')]))).toBe('0.02');
  });

  it('min / max / zero', () => {
    expect(Money.min(new Dec('1.01'), new Dec('1.1')).toString()).toBe('1.01');
    expect(Money.max(new Dec('-5'), new Dec('0')).toString()).toBe('0');
    expect(Money.zero().isZero()).toBe(true);
  });

  it('Ratio parses decimal strings only and formats half-even', () => {
    expect(Ratio.parse('0.3333').toString()).toBe('0.3333');
    expect(() => Ratio.parse(0.5)).toThrow();
    expect(() => Ratio.parse('1/3')).toThrow();
    expect(Ratio.isDecimalString('0.123456789012')).toBe(true);
    expect(Ratio.isDecimalString('0.1234567890123')).toBe(false);
    expect(Ratio.format(new Dec('0.98214285'))).toBe('0.9821');
    expect(Ratio.format(new Dec('0.00005'))).toBe('0.0000');
    expect(Ratio.format(new Dec('0.00015'))).toBe('0.0002');
    expect(Ratio.format(new Dec('1'), 2)).toBe('1.00');
  });
});
