/**
 * docs/rules.md "Kill by date" and "Who is credited" (v2): a kill and a descope act by business date. Items dated before
 * a kill may still be submitted and approved after it; a descope applies to gates whose artifact is dated on or after
 * it; neither may be dated on or before what already retired.
 */
import fc from 'fast-check';
import {
  Deal,
  Dec,
  approveBonus,
  approveGate,
  checkApproval,
  checkArtifactSubmission,
  checkBonusSubmission,
  checkDescope,
  checkKill,
  checkSlip,
  closeDeal,
  descope,
  killByDate,
  latestTcv,
  rejectApproval,
  submitArtifact,
  submitBonusEvent,
  tcvInForceOn,
} from '../../libs/domain';
import { PROOF, referenceDeal } from './fixtures';

const DESK = 'desk-1';
const AT = '2027-01-01T00:00:00Z';
const artifact = (gate: string, effectiveDate: string) => ({ gate, documentType: PROOF[gate], documentRef: `doc-${gate}`, effectiveDate });
const irb = (effectiveDate: string) => ({ type: 'IRB_APPROVAL' as const, quantity: 1, evidenceRef: 'irb', effectiveDate });
const lastId = (deal: Deal) => deal.pending[deal.pending.length - 1].approvalId;

function submitGate(deal: Deal, gate: string, date: string): Deal {
  expect(checkArtifactSubmission(deal, artifact(gate, date))).toBeNull();
  return submitArtifact(deal, artifact(gate, date), 'ae-1', AT);
}

function approve(deal: Deal, approvalId: string) {
  expect(checkApproval(deal, approvalId, DESK)).toBeNull();
  return approveGate(deal, approvalId);
}

function prove(deal: Deal, gate: string, date: string) {
  const submitted = submitGate(deal, gate, date);
  return approve(submitted, lastId(submitted));
}

describe('kill by date (v2)', () => {
  const g1 = prove(referenceDeal(), 'G1', '2027-08-16').deal;

  it('keeps pending items dated before the kill and rejects those dated on or after it', () => {
    let deal = submitGate(g1, 'G2', '2028-02-14');
    deal = submitBonusEvent(deal, irb('2028-03-15'), 'ae-1', AT);
    deal = submitBonusEvent(deal, irb('2028-03-01'), 'ae-1', AT);
    const { deal: killed, rejected } = killByDate(deal, '2028-03-15', 'futility');
    expect(rejected.map((p) => p.effectiveDate)).toEqual(['2028-03-15']);
    expect(killed.pending.map((p) => p.effectiveDate)).toEqual(['2028-02-14', '2028-03-01']);
    expect(killed.status).toBe('KILLED');
    expect(killed.gates.map((g) => g.status)).toEqual(['RETIRED', 'PENDING', 'CANCELLED', 'CANCELLED', 'CANCELLED']);
    // approving what the kill kept posts as it would have before the kill
    const g2 = killed.pending[0].approvalId;
    const { deal: after, retirement } = approve(killed, g2);
    expect(retirement.dealCredit).toBe('1350000.00');
    expect(after.gates[1]).toMatchObject({ status: 'RETIRED', retiredAt: '2028-02-14', credit: '1350000.00' });
    expect(checkApproval(after, killed.pending[1].approvalId, DESK)).toBeNull();
    expect(checkApproval(after, rejected[0].approvalId, DESK)?.code).toBe('APPROVAL_NOT_PENDING');
  });

  it('after a kill, an artifact or bonus event dated before it may be submitted and approved; one dated on or after it is DEAL_KILLED', () => {
    const { deal: killed } = killByDate(g1, '2028-03-15', 'futility');
    expect(checkArtifactSubmission(killed, artifact('G2', '2028-03-15'))?.code).toBe('DEAL_KILLED');
    expect(checkArtifactSubmission(killed, artifact('G2', '2028-04-01'))?.code).toBe('DEAL_KILLED');
    expect(checkBonusSubmission(killed, irb('2028-03-15'))?.code).toBe('DEAL_KILLED');
    expect(checkArtifactSubmission(killed, artifact('G3', '2028-03-14'))?.code).toBe('GATE_OUT_OF_ORDER');
    const { deal: g2, retirement } = prove(killed, 'G2', '2028-03-14');
    expect(retirement.dealCredit).toBe('1350000.00');
    expect(g2.status).toBe('KILLED');
    expect(checkBonusSubmission(g2, irb('2028-03-14'))).toBeNull();
    const withBonus = submitBonusEvent(g2, irb('2028-03-14'), 'ae-1', AT);
    expect(checkApproval(withBonus, lastId(withBonus), DESK)).toBeNull();
    expect(approveBonus(withBonus, lastId(withBonus)).allocations.map((a) => a.amount)).toEqual(['40000.00']);
    // a killed deal is not slipped, descoped or killed again
    expect(checkSlip(g2)?.code).toBe('DEAL_KILLED');
    expect(checkDescope(g2, '100.00', '2028-03-10')?.code).toBe('DEAL_KILLED');
    expect(checkKill(g2, '2028-04-01')?.code).toBe('DEAL_KILLED');
  });

  it('a rejected artifact on a killed deal leaves its gate CANCELLED', () => {
    const { deal: killed } = killByDate(submitGate(g1, 'G2', '2028-02-14'), '2028-03-15', 'futility');
    const { deal } = rejectApproval(killed, killed.pending[0].approvalId);
    expect(deal.gates[1]).toMatchObject({ key: 'G2', status: 'CANCELLED' });
    expect(deal.gates[1].approvalId).toBeUndefined();
  });

  it('a kill dated on or before a retired gate or an approved bonus event is refused KILL_BEFORE_RETIRED_GATE', () => {
    expect(checkKill(g1, '2027-08-16')?.code).toBe('KILL_BEFORE_RETIRED_GATE');
    expect(checkKill(g1, '2027-05-01')?.code).toBe('KILL_BEFORE_RETIRED_GATE');
    expect(checkKill(g1, '2027-08-17')).toBeNull();
    const withBonus = submitBonusEvent(g1, irb('2027-10-01'), 'ae-1', AT);
    const { deal } = approveBonus(withBonus, lastId(withBonus));
    expect(deal.latestBonusApproved).toBe('2027-10-01');
    expect(checkKill(deal, '2027-10-01')?.code).toBe('KILL_BEFORE_RETIRED_GATE');
    expect(checkKill(deal, '2027-09-01')?.code).toBe('KILL_BEFORE_RETIRED_GATE');
    expect(checkKill(deal, '2027-10-02')).toBeNull();
    // a pending (not yet approved) item does not stop a kill: it is rejected when dated on or after it
    expect(checkKill(submitBonusEvent(g1, irb('2027-12-01'), 'ae-1', AT), '2027-11-01')).toBeNull();
  });

  it('closing a killed deal rejects what is still pending and is final', () => {
    const { deal: killed } = killByDate(submitGate(g1, 'G2', '2028-02-14'), '2028-03-15', 'futility');
    const { deal: closed, rejected } = closeDeal(killed);
    expect(rejected).toHaveLength(1);
    expect(closed.pending).toEqual([]);
    expect(checkArtifactSubmission(closed, artifact('G2', '2028-02-01'))?.code).toBe('DEAL_CLOSED');
    expect(checkBonusSubmission(closed, irb('2028-02-01'))?.code).toBe('DEAL_CLOSED');
  });

  it('property: approving an item dated before the kill gives the same credit whether the kill was recorded before or after it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 400 }), (artifactDay, killGap) => {
        const day = (n: number) => new Date(Date.UTC(2027, 7, 17) + n * 86_400_000).toISOString().slice(0, 10);
        const artifactDate = day(artifactDay);
        const killDate = day(artifactDay + killGap);
        const submitted = submitGate(g1, 'G2', artifactDate);
        const id = lastId(submitted);
        const approvedFirst = killByDate(approve(submitted, id).deal, killDate, 'x').deal;
        const killedFirst = approve(killByDate(submitted, killDate, 'x').deal, id).deal;
        expect(killedFirst.gates).toEqual(approvedFirst.gates);
        expect(killedFirst.creditRetired).toBe(approvedFirst.creditRetired);
      }),
      { numRuns: 100 },
    );
  });
});

describe('descope by date (v2)', () => {
  const g2 = prove(prove(referenceDeal(), 'G1', '2027-08-16').deal, 'G2', '2028-02-14').deal;

  it('applies to gates whose artifact is dated on or after it; an earlier artifact uses the TCV then in force', () => {
    const pending = submitGate(g2, 'G3', '2028-06-01');
    const descoped = descope(pending, '3500000.00', '2028-06-30');
    expect(descoped.tcv).toBe('3500000.00');
    expect(tcvInForceOn(descoped, '2028-06-29')).toBe('4500000.00');
    expect(tcvInForceOn(descoped, '2028-06-30')).toBe('3500000.00');
    // G3 dated before the descope, approved after it: the TCV in force on its date
    expect(approve(descoped, lastId(descoped)).retirement.dealCredit).toBe('1125000.00');
    // dated on the descope's date: the new TCV
    expect(prove(descope(g2, '3500000.00', '2028-06-30'), 'G3', '2028-06-30').retirement.dealCredit).toBe('875000.00');
  });

  it('the new TCV must be below the TCV in force on the descope\'s date', () => {
    const once = descope(g2, '3500000.00', '2028-06-30');
    expect(checkDescope(once, '4000000.00', '2028-06-30')?.code).toBe('DESCOPE_NOT_A_REDUCTION');
    expect(checkDescope(once, '3000000.00', '2028-07-01')).toBeNull();
    // dated before the first descope: measured against the original TCV, applies until the later descope's date
    expect(checkDescope(once, '4000000.00', '2028-03-01')).toBeNull();
    const earlier = descope(once, '4000000.00', '2028-03-01');
    expect(earlier.tcv).toBe('3500000.00');
    expect(latestTcv(earlier)).toBe('3500000.00');
    expect(tcvInForceOn(earlier, '2028-04-01')).toBe('4000000.00');
    expect(tcvInForceOn(earlier, '2028-07-01')).toBe('3500000.00');
  });

  it('a descope dated on or before a retired gate is refused DESCOPE_BEFORE_RETIRED_GATE; a killed deal is not descoped', () => {
    expect(checkDescope(g2, '3500000.00', '2028-02-14')?.code).toBe('DESCOPE_BEFORE_RETIRED_GATE');
    expect(checkDescope(g2, '3500000.00', '2027-01-01')?.code).toBe('DESCOPE_BEFORE_RETIRED_GATE');
    expect(checkDescope(g2, '3500000.00', '2028-02-15')).toBeNull();
    expect(checkDescope(killByDate(g2, '2028-03-01', 'x').deal, '3500000.00', '2028-06-30')?.code).toBe('DEAL_KILLED');
  });

  it('property: a gate\'s credit depends on its artifact\'s date, not on whether the descope was recorded before or after it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 449 }), (artifactDay, descopeDay, tcvTenK) => {
        const day = (n: number) => new Date(Date.UTC(2028, 1, 14) + n * 86_400_000).toISOString().slice(0, 10);
        const newTcv = `${tcvTenK * 10000}.00`;
        const submitted = submitGate(g2, 'G3', day(artifactDay));
        expect(checkDescope(submitted, newTcv, day(descopeDay))).toBeNull();
        const descopedFirst = approve(descope(submitted, newTcv, day(descopeDay)), lastId(submitted)).retirement;
        const approvedFirst = approve(submitted, lastId(submitted));
        // once G3 retired, a descope dated on or before it is refused; otherwise the credit is the same either way
        if (descopeDay <= artifactDay) {
          expect(checkDescope(approvedFirst.deal, newTcv, day(descopeDay))?.code).toBe('DESCOPE_BEFORE_RETIRED_GATE');
          expect(descopedFirst.dealCredit).toBe(new Dec(tcvTenK).times(10000).times('0.25').toFixed(2));
        } else {
          expect(checkDescope(approvedFirst.deal, newTcv, day(descopeDay))).toBeNull();
          expect(descopedFirst.dealCredit).toBe(approvedFirst.retirement.dealCredit);
        }
      }),
      { numRuns: 100 },
    );
  });
});
