import { BusinessClock } from '../../apps/api/clock/business-clock';
import { loadConfig } from '../../libs/platform/config';

/** docs/rules.md "Terms", business clock: under the wall clock a business date later than today is refused. */
describe('BusinessClock', () => {
  const clock = (BUSINESS_CLOCK: string) => new BusinessClock(loadConfig({ BUSINESS_CLOCK }));
  const code = (fn: () => void): string | undefined => {
    try {
      fn();
      return undefined;
    } catch (err) {
      return (err as { code?: string; getResponse?: () => { code?: string } }).getResponse?.().code ?? (err as { code?: string }).code;
    }
  };

  it('refuses a date after today under the wall clock (FUTURE_DATE), and accepts today', () => {
    const wall = clock('wall');
    expect(code(() => wall.refuseFutureDate('2999-01-01'))).toBe('FUTURE_DATE');
    expect(code(() => wall.refuseFutureDate(wall.today()))).toBeUndefined();
  });

  it('refuses revenue for a quarter that has not started under the wall clock', () => {
    const wall = clock('wall');
    expect(code(() => wall.refuseFuturePeriod('2999-Q1', 'revenue'))).toBe('FUTURE_DATE');
    expect(code(() => wall.refuseFuturePeriod('2000-Q1', 'revenue'))).toBeUndefined();
  });

  it('accepts any date under the manual clock (sandboxes, demos, tests)', () => {
    const manual = clock('manual');
    expect(code(() => manual.refuseFutureDate('2999-01-01'))).toBeUndefined();
    expect(code(() => manual.refuseFuturePeriod('2999-Q1', 'revenue'))).toBeUndefined();
  });
});
