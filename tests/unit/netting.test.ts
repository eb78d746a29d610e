import { Dec, Money, needsPerformanceReview, netDraw } from '../../libs/domain';

const d = (s: string) => new Dec(s);
function net(draw: string, commission: string, balance: string, inRamp: boolean) {
  const r = netDraw({ draw: d(draw), commission: d(commission), balance: d(balance), inRamp });
  return {
    pay: Money.format(r.pay),
    recovery: Money.format(r.recovery),
    balanceAfter: Money.format(r.balanceAfter),
    forgiven: Money.format(r.forgiven),
  };
}

describe('netDraw: ramp quarters (guarantee)', () => {
  it('pays the draw when commission is short and forgives the shortfall; B unchanged', () => {
    expect(net('35000.00', '0.00', '0.00', true)).toEqual({ pay: '35000.00', recovery: '0.00', balanceAfter: '0.00', forgiven: '35000.00' });
    expect(net('35000.00', '12000.50', '0.00', true)).toEqual({ pay: '35000.00', recovery: '0.00', balanceAfter: '0.00', forgiven: '22999.50' });
  });

  it('pays the commission when it beats the draw; nothing forgiven, nothing recovered', () => {
    expect(net('35000.00', '36000.00', '0.00', true)).toEqual({ pay: '36000.00', recovery: '0.00', balanceAfter: '0.00', forgiven: '0.00' });
    expect(net('35000.00', '35000.00', '0.00', true)).toEqual({ pay: '35000.00', recovery: '0.00', balanceAfter: '0.00', forgiven: '0.00' });
  });

  it('never recovers an existing balance in ramp, nor adds to it', () => {
    expect(net('35000.00', '90000.00', '10000.00', true)).toEqual({ pay: '90000.00', recovery: '0.00', balanceAfter: '10000.00', forgiven: '0.00' });
    expect(net('35000.00', '0.00', '10000.00', true)).toEqual({ pay: '35000.00', recovery: '0.00', balanceAfter: '10000.00', forgiven: '35000.00' });
  });
});

describe('netDraw: later quarters', () => {
  it('C ≥ D: recovers min(B, C − D) and pays C − r', () => {
    expect(net('35000.00', '54000.00', '0.00', false)).toEqual({ pay: '54000.00', recovery: '0.00', balanceAfter: '0.00', forgiven: '0.00' });
    expect(net('35000.00', '54000.00', '35000.00', false)).toEqual({ pay: '35000.00', recovery: '19000.00', balanceAfter: '16000.00', forgiven: '0.00' });
    expect(net('35000.00', '54000.00', '10000.00', false)).toEqual({ pay: '44000.00', recovery: '10000.00', balanceAfter: '0.00', forgiven: '0.00' });
    expect(net('35000.00', '35000.00', '35000.00', false)).toEqual({ pay: '35000.00', recovery: '0.00', balanceAfter: '35000.00', forgiven: '0.00' });
  });

  it('C < D: pays D and adds D − C to the balance', () => {
    expect(net('35000.00', '0.00', '0.00', false)).toEqual({ pay: '35000.00', recovery: '0.00', balanceAfter: '35000.00', forgiven: '0.00' });
    expect(net('35000.00', '21000.00', '35000.00', false)).toEqual({ pay: '35000.00', recovery: '0.00', balanceAfter: '49000.00', forgiven: '0.00' });
    expect(net('35000.00', '34999.99', '0.00', false)).toEqual({ pay: '35000.00', recovery: '0.00', balanceAfter: '0.01', forgiven: '0.00' });
  });

  it('D = 0 (departure quarter): the commission first recovers B, the rest is paid', () => {
    expect(net('0', '10000.00', '84000.00', false)).toEqual({ pay: '0.00', recovery: '10000.00', balanceAfter: '74000.00', forgiven: '0.00' });
    expect(net('0', '10000.00', '4000.00', false)).toEqual({ pay: '6000.00', recovery: '4000.00', balanceAfter: '0.00', forgiven: '0.00' });
    expect(net('0', '0.00', '4000.00', false)).toEqual({ pay: '0.00', recovery: '0.00', balanceAfter: '4000.00', forgiven: '0.00' });
    expect(net('0', '10000.00', '0.00', true)).toEqual({ pay: '10000.00', recovery: '0.00', balanceAfter: '0.00', forgiven: '0.00' });
  });
});

describe('needsPerformanceReview', () => {
  it('flags when B exceeds capQuarters × D, strictly', () => {
    expect(needsPerformanceReview(d('84000'), d('35000'), 2)).toBe(true);
    expect(needsPerformanceReview(d('70000'), d('35000'), 2)).toBe(false);
    expect(needsPerformanceReview(d('70000.01'), d('35000'), 2)).toBe(true);
    expect(needsPerformanceReview(d('49000'), d('35000'), 2)).toBe(false);
    expect(needsPerformanceReview(d('0'), d('35000'), 0)).toBe(false);
    expect(needsPerformanceReview(d('0.01'), d('35000'), 0)).toBe(true);
  });
});
