import { barHeight, barMoney, fromCents, toCents } from '../../apps/console/src/money';

describe('console money: exact from the API string to the chart tooltip', () => {
  it.each(['0.00', '0.10', '-0.05', '1234567.89', '999999999999.99', '-4000.00'])('%s survives cents and back', (amount) => {
    expect(fromCents(toCents(amount))).toBe(amount);
  });

  it('turns a bar height back into the exact amount it was drawn from', () => {
    for (const amount of ['0.07', '12345.67', '580000.00', '999999999999.99', '-1350000.01']) {
      expect(barMoney(barHeight(amount))).toBe(new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(amount as unknown as number));
    }
    expect(barMoney(barHeight('12345.67'))).toBe('$12,345.67');
  });
});
