import Decimal from 'decimal.js';

/** decimal.js configured for money: generous precision, banker's rounding, never exponent notation. */
export const Dec = Decimal.clone({
  precision: 60,
  rounding: Decimal.ROUND_HALF_EVEN,
  toExpNeg: -30,
  toExpPos: 40,
});
export type Dec = Decimal;

/** A money amount as it crosses every boundary: a decimal string with exactly two fractional digits. */
export type MoneyString = string;

const MONEY_PATTERN = /^-?\d{1,16}(\.\d{1,2})?$/;
const DECIMAL_PATTERN = /^-?\d{1,16}(\.\d{1,12})?$/;

export const Money = {
  zero: (): Dec => new Dec(0),

  /** Parses a money string (at most 2 fractional digits); throws on anything else, numbers included. */
  parse(value: unknown): Dec {
    if (typeof value !== 'string' || !MONEY_PATTERN.test(value)) {
      throw new Error(`not a money string: ${JSON.stringify(value)}`);
    }
    return new Dec(value);
  },

  isMoneyString(value: unknown): value is string {
    return typeof value === 'string' && MONEY_PATTERN.test(value);
  },

  /** Rounds half-even to cents once, and formats with exactly two fractional digits. */
  format(value: Dec | string | number): MoneyString {
    return formatFixed(new Dec(value), 2);
  },

  sum(values: Array<Dec | string>): Dec {
    return values.reduce<Dec>((acc, v) => acc.plus(v), new Dec(0));
  },

  min(a: Dec, b: Dec): Dec {
    return a.lessThan(b) ? a : b;
  },

  max(a: Dec, b: Dec): Dec {
    return a.greaterThan(b) ? a : b;
  },
};

/** A non-money decimal such as a rate, share or factor. */
export const Ratio = {
  isDecimalString(value: unknown): value is string {
    return typeof value === 'string' && DECIMAL_PATTERN.test(value);
  },
  parse(value: unknown): Dec {
    if (!Ratio.isDecimalString(value)) throw new Error(`not a decimal string: ${JSON.stringify(value)}`);
    return new Dec(value);
  },
  format(value: Dec, places = 4): string {
    return formatFixed(value, places);
  },
};

function formatFixed(value: Dec, places: number): string {
  const rounded = value.toDecimalPlaces(places, Decimal.ROUND_HALF_EVEN);
  const negative = rounded.isNegative() && !rounded.isZero();
  const [whole, fraction = ''] = rounded.abs().toString().split('.');
  const fixed = places > 0 ? `${whole}.${(fraction + '0'.repeat(places)).slice(0, places)}` : whole;
  return negative ? `-${fixed}` : fixed;
}
