import {
  BonusEventInput,
  Deal,
  GateRetirement,
  Money,
  amountIfApproved,
  approveBonus,
  approveGate,
  checkApproval,
  checkArtifactSubmission,
  checkBonusSubmission,
  checkClose,
  checkDecision,
  checkDescope,
  checkKill,
  checkRevenue,
  checkSlip,
  closeDeal,
  descope,
  kill,
  newDeal,
  nextOpenGate,
  reassign,
  recordRevenue,
  rejectApproval,
  slip,
  submitArtifact,
  submitBonusEvent,
  BonusAllocation,
  Dec,
} from '../../libs/domain';
import { PROOF, REFERENCE_DEAL_INPUT, referenceDeal, referencePlan, teamDeal } from './fixtures';

const DESK = 'desk-1';
const AT = '2027-01-01T00:00:00Z';

function artifact(gate: string, effectiveDate: string, documentType = PROOF[gate]) {
  return { gate, documentType, documentRef: `doc-${gate}-${effectiveDate}`, effectiveDate };
}

/** Submits an artifact and approves it, asserting every guard lets it through. */
function prove(deal: Deal, gate: string, effectiveDate: string, submitter = 'mgr-1'): { deal: Deal; retirement: GateRetirement } {
  const input = artifact(gate, effectiveDate);
  expect(checkArtifactSubmission(deal, input)).toBeNull();
  const submitted = submitArtifact(deal, input, submitter, AT);
  const approvalId = submitted.pending[submitted.pending.length - 1].approvalId;
  expect(checkApproval(submitted, approvalId, DESK)).toBeNull();
  const { deal: next, retirement } = approveGate(submitted, approvalId);
  return { deal: next, retirement };
}

function awardBonus(deal: Deal, input: Omit<BonusEventInput, 'evidenceRef'>, submitter = 'mgr-1'): { deal: Deal; allocations: BonusAllocation[] } {
  const full = { ...input, evidenceRef: `ev-${input.type}` };
  expect(checkBonusSubmission(deal, full)).toBeNull();
  const submitted = submitBonusEvent(deal, full, submitter, AT);
  const approvalId = submitted.pending[submitted.pending.length - 1].approvalId;
  expect(checkApproval(submitted, approvalId, DESK)).toBeNull();
  const { deal: next, allocations } = approveBonus(submitted, approvalId);
  return { deal: next, allocations };
}

describe('newDeal', () => {
  it('starts ACTIVE with every plan gate OPEN and nothing retired', () => {
    const deal = referenceDeal();
    expect(deal.status).toBe('ACTIVE');
    expect(deal.tcv).toBe('4500000.00');
    expect(deal.originalTcv).toBe('4500000.00');
    expect(deal.creditRetired).toBe('0.00');
    expect(deal.revenueRecognized).toBe('0.00');
    expect(deal.pending).toEqual([]);
    expect(deal.planId).toBe('2027.1');
    expect(deal.gates).toEqual([
      { key: 'G1', name: 'VERBAL_AWARD', weight: '0.20', status: 'OPEN' },
      { key: 'G2', name: 'EXECUTED_CONTRACT', weight: '0.30', status: 'OPEN' },
      { key: 'G3', name: 'STUDY_STARTUP', weight: '0.25', status: 'OPEN' },
      { key: 'G4', name: 'FIRST_PATIENT_IN', weight: '0.15', status: 'OPEN' },
      { key: 'G5', name: 'MID_EXECUTION', weight: '0.10', status: 'OPEN' },
    ]);
    expect(nextOpenGate(deal)?.key).toBe('G1');
  });

  it('normalises the TCV to a money string', () => {
    expect(newDeal({ ...REFERENCE_DEAL_INPUT, tcv: '4500000' }, '2027.1', referencePlan()).tcv).toBe('4500000.00');
  });
});

describe('artifact submission guards', () => {
  it('gates retire in order: GATE_OUT_OF_ORDER names the first open gate', () => {
    const deal = referenceDeal();
    const refusal = checkArtifactSubmission(deal, artifact('G3', '2027-08-16'));
    expect(refusal?.code).toBe('GATE_OUT_OF_ORDER');
    expect(refusal?.message).toContain('G1');
    const afterG1 = prove(deal, 'G1', '2027-08-16').deal;
    expect(checkArtifactSubmission(afterG1, artifact('G3', '2027-09-01'))?.code).toBe('GATE_OUT_OF_ORDER');
    expect(checkArtifactSubmission(afterG1, artifact('G2', '2027-09-01'))).toBeNull();
  });

  it('a gate whose predecessor is only pending is still out of order', () => {
    const deal = submitArtifact(referenceDeal(), artifact('G1', '2027-08-16'), 'ae-1', AT);
    expect(deal.gates[0].status).toBe('PENDING');
    expect(checkArtifactSubmission(deal, artifact('G2', '2027-09-01'))?.code).toBe('GATE_OUT_OF_ORDER');
  });

  it('ARTIFACT_PENDING while another artifact for the gate awaits a decision', () => {
    const deal = submitArtifact(referenceDeal(), artifact('G1', '2027-08-16'), 'ae-1', AT);
    expect(checkArtifactSubmission(deal, artifact('G1', '2027-08-17', 'LOI'))?.code).toBe('ARTIFACT_PENDING');
  });

  it('ARTIFACT_TYPE_NOT_ALLOWED for a document that does not prove the gate', () => {
    const deal = referenceDeal();
    const refusal = checkArtifactSubmission(deal, artifact('G1', '2027-08-16', 'SIGNED_WORK_ORDER'));
    expect(refusal?.code).toBe('ARTIFACT_TYPE_NOT_ALLOWED');
    expect(refusal?.message).toContain('AWARD_LETTER, LOI');
    expect(checkArtifactSubmission(deal, artifact('G1', '2027-08-16', 'LOI'))).toBeNull();
    expect(checkArtifactSubmission(deal, artifact('G1', '2027-08-16', 'award_letter'))?.code).toBe('ARTIFACT_TYPE_NOT_ALLOWED');
    const at3 = prove(prove(deal, 'G1', '2027-08-16').deal, 'G2', '2028-02-14').deal;
    expect(checkArtifactSubmission(at3, artifact('G3', '2028-09-05', 'SYSTEM_GO_LIVE_RECORD'))).toBeNull();
    expect(checkArtifactSubmission(at3, artifact('G3', '2028-09-05', 'FIRST_PATIENT_IN_CONFIRMATION'))?.code).toBe('ARTIFACT_TYPE_NOT_ALLOWED');
  });

  it('GATE_ALREADY_RETIRED for a second artifact on a retired gate', () => {
    const deal = prove(referenceDeal(), 'G1', '2027-08-16').deal;
    expect(checkArtifactSubmission(deal, artifact('G1', '2027-08-20'))?.code).toBe('GATE_ALREADY_RETIRED');
  });

  it('UNKNOWN_GATE and an effective date before sourcing are refused', () => {
    const deal = referenceDeal();
    expect(checkArtifactSubmission(deal, { ...artifact('G1', '2027-08-16'), gate: 'G9' })?.code).toBe('UNKNOWN_GATE');
    expect(checkArtifactSubmission(deal, artifact('G1', '2027-01-31'))?.code).toBe('VALIDATION_FAILED');
    expect(checkArtifactSubmission(deal, artifact('G1', '2027-02-01'))).toBeNull();
  });

  it('a rejected artifact may be resubmitted', () => {
    const submitted = submitArtifact(referenceDeal(), artifact('G1', '2027-08-16'), 'ae-1', AT);
    const approvalId = submitted.pending[0].approvalId;
    const { deal, approval } = rejectApproval(submitted, approvalId);
    expect(approval.approvalId).toBe(approvalId);
    expect(deal.gates[0].status).toBe('OPEN');
    expect(deal.gates[0].approvalId).toBeUndefined();
    expect(deal.pending).toEqual([]);
    expect(deal.creditRetired).toBe('0.00');
    expect(checkArtifactSubmission(deal, artifact('G1', '2027-08-20', 'LOI'))).toBeNull();
    const again = submitArtifact(deal, artifact('G1', '2027-08-20', 'LOI'), 'ae-1', AT);
    expect(again.pending[0].approvalId).not.toBe(approvalId);
    expect(checkApproval(again, approvalId, DESK)?.code).toBe('APPROVAL_NOT_PENDING');
  });

  it('approval ids are unique per deal and sequential', () => {
    let deal = submitArtifact(referenceDeal(), artifact('G1', '2027-08-16'), 'ae-1', AT);
    deal = submitBonusEvent(deal, { type: 'PROTOCOL_DESIGN_IN', quantity: 1, evidenceRef: 'e', effectiveDate: '2027-05-20' }, 'ae-1', AT);
    expect(deal.pending.map((p) => p.approvalId)).toEqual(['D-4500-A1', 'D-4500-A2']);
    expect(deal.pending.map((p) => p.kind)).toEqual(['GATE', 'BONUS']);
  });
});

describe('approval guards', () => {
  const deal = teamDeal(); // sourcedBy bdr-1, owner ae-2, splits ae-2 0.6 + sl-1 0.4
  const submitted = submitArtifact(deal, artifact('G1', '2027-03-01'), 'mgr-1', AT);
  const id = submitted.pending[0].approvalId;

  it.each([
    ['the submitter', 'mgr-1', 'submitted'],
    ['the source', 'bdr-1', 'sourced'],
    ['the owner', 'ae-2', 'owns'],
    ['a split recipient', 'sl-1', 'credit-split recipient'],
  ])('SEGREGATION_OF_DUTIES refuses %s', (_who, actor, words) => {
    for (const check of [checkDecision, checkApproval]) {
      const refusal = check(submitted, id, actor);
      expect(refusal?.code).toBe('SEGREGATION_OF_DUTIES');
      expect(refusal?.message).toContain(words);
    }
  });

  it('lets an independent deal-desk user decide', () => {
    expect(checkDecision(submitted, id, DESK)).toBeNull();
    expect(checkApproval(submitted, id, DESK)).toBeNull();
  });

  it('applies the same segregation to bonus events', () => {
    const withBonus = submitBonusEvent(deal, { type: 'IRB_APPROVAL', quantity: 1, evidenceRef: 'e', effectiveDate: '2027-04-01' }, 'sl-1', AT);
    const bonusId = withBonus.pending[0].approvalId;
    expect(checkApproval(withBonus, bonusId, 'sl-1')?.code).toBe('SEGREGATION_OF_DUTIES');
    expect(checkApproval(withBonus, bonusId, 'mgr-1')).toBeNull();
  });

  it('APPROVAL_NOT_PENDING for an unknown or already-decided approval: posted exactly once', () => {
    expect(checkApproval(submitted, 'D-TEAM-A99', DESK)?.code).toBe('APPROVAL_NOT_PENDING');
    const { deal: approved } = approveGate(submitted, id);
    expect(checkApproval(approved, id, DESK)?.code).toBe('APPROVAL_NOT_PENDING');
    expect(approved.creditRetired).toBe('200000.00');
  });

  it('amountIfApproved: gate credit at the current TCV, bonus before any cap', () => {
    expect(amountIfApproved(submitted, submitted.pending[0])).toBe('200000.00');
    const bonus = submitBonusEvent(deal, { type: 'SITE_ACTIVATION', quantity: 13, evidenceRef: 'e', effectiveDate: '2027-04-01' }, 'ae-2', AT);
    expect(amountIfApproved(bonus, bonus.pending[0])).toBe('325000.00');
    const descoped = descope(submitted, '800000.00');
    expect(amountIfApproved(descoped, descoped.pending[0])).toBe('160000.00');
  });
});

describe('approving a gate', () => {
  it('credits weight × current TCV, split by share, in the artifact’s effective date', () => {
    const { deal, retirement } = prove(teamDeal(), 'G1', '2027-03-01');
    expect(retirement).toEqual({
      gateKey: 'G1',
      dealCredit: '200000.00',
      postings: [
        { repId: 'ae-2', role: 'AE', share: '0.6', credit: '120000.00', commission: '4800.00' },
        { repId: 'sl-1', role: 'SCIENTIFIC_LIAISON', share: '0.4', credit: '80000.00', commission: '3200.00' },
      ],
    });
    expect(deal.gates[0]).toMatchObject({ status: 'RETIRED', retiredAt: '2027-03-01', credit: '200000.00' });
    expect(deal.creditRetired).toBe('200000.00');
    expect(deal.pending).toEqual([]);
  });

  it('a gate artifact submitted before a descope and approved after it uses the new TCV', () => {
    const submitted = submitArtifact(teamDeal(), artifact('G1', '2027-03-01'), 'mgr-1', AT);
    expect(checkDescope(submitted, '600000.00')).toBeNull();
    const descoped = descope(submitted, '600000.00');
    const { retirement } = approveGate(descoped, descoped.pending[0].approvalId);
    expect(retirement.dealCredit).toBe('120000.00');
  });

  it('approving the slipped gate clears the slip; another gate keeps it', () => {
    let deal = teamDeal();
    expect(checkSlip(deal)).toBeNull();
    deal = slip(deal, '2027-12-01', 'sponsor budget review');
    expect(deal.slip).toEqual({ gate: 'G1', expectedDate: '2027-12-01', reason: 'sponsor budget review' });
    deal = prove(deal, 'G1', '2027-11-20').deal;
    expect(deal.slip).toBeUndefined();
  });
});

describe('credit rounding across gates', () => {
  it('each gate is posted as weight × TCV rounded once; the total may drift from the TCV by at most 2 cents', () => {
    let deal = teamDeal(undefined, { tcv: '1000000.06' });
    for (const gate of ['G1', 'G2', 'G3', 'G4', 'G5']) deal = prove(deal, gate, '2027-06-01').deal;
    // 200000.012, 300000.018, 250000.015, 150000.009, 100000.006 → each rounded half-even once
    expect(deal.gates.map((g) => g.credit)).toEqual(['200000.01', '300000.02', '250000.02', '150000.01', '100000.01']);
    const drift = new Dec(deal.creditRetired).minus(deal.originalTcv).abs();
    expect(drift.lte('0.02')).toBe(true);
  });
});

describe('descope', () => {
  const deal = prove(prove(referenceDeal(), 'G1', '2027-08-16').deal, 'G2', '2028-02-14').deal;

  it('must be a reduction and above 0', () => {
    expect(checkDescope(deal, '4500000.00')?.code).toBe('DESCOPE_NOT_A_REDUCTION');
    expect(checkDescope(deal, '5000000.00')?.code).toBe('DESCOPE_NOT_A_REDUCTION');
    expect(checkDescope(deal, '0')?.code).toBe('VALIDATION_FAILED');
    expect(checkDescope(deal, '0.00')?.code).toBe('VALIDATION_FAILED');
    expect(checkDescope(deal, '-100.00')?.code).toBe('VALIDATION_FAILED');
    expect(checkDescope(deal, '4499999.99')).toBeNull();
    expect(checkDescope(deal, '0.01')).toBeNull();
  });

  it('never changes retired credit; later gates use the new TCV', () => {
    const descoped = descope(deal, '3500000');
    expect(descoped.tcv).toBe('3500000.00');
    expect(descoped.originalTcv).toBe('4500000.00');
    expect(descoped.creditRetired).toBe('2250000.00');
    expect(descoped.gates.slice(0, 2).map((g) => g.credit)).toEqual(['900000.00', '1350000.00']);
    expect(descoped.gates.slice(0, 2)).toEqual(deal.gates.slice(0, 2));
    const { retirement } = prove(descoped, 'G3', '2028-09-05');
    expect(retirement.dealCredit).toBe('875000.00');
    // a second descope is measured against the current (already descoped) TCV
    expect(checkDescope(descoped, '4000000.00')?.code).toBe('DESCOPE_NOT_A_REDUCTION');
    expect(checkDescope(descoped, '3000000.00')).toBeNull();
  });
});

describe('kill', () => {
  it('cancels the gates not yet retired, rejects pending items, never claws back', () => {
    let deal = prove(referenceDeal(), 'G1', '2027-08-16').deal;
    deal = submitArtifact(deal, artifact('G2', '2028-02-14'), 'ae-1', AT);
    deal = submitBonusEvent(deal, { type: 'IRB_APPROVAL', quantity: 1, evidenceRef: 'irb', effectiveDate: '2028-03-01' }, 'ae-1', AT);
    expect(checkKill(deal)).toBeNull();
    const { deal: killed, rejected } = kill(deal, '2028-03-15', 'futility analysis');
    expect(rejected.map((p) => [p.kind, p.gate ?? p.type])).toEqual([
      ['GATE', 'G2'],
      ['BONUS', 'IRB_APPROVAL'],
    ]);
    expect(killed.status).toBe('KILLED');
    expect(killed.killed).toEqual({ effectiveDate: '2028-03-15', reason: 'futility analysis' });
    expect(killed.pending).toEqual([]);
    expect(killed.creditRetired).toBe('900000.00');
    expect(killed.gates.map((g) => g.status)).toEqual(['RETIRED', 'CANCELLED', 'CANCELLED', 'CANCELLED', 'CANCELLED']);
    expect(killed.gates[0]).toEqual(deal.gates[0]);
    expect(nextOpenGate(killed)).toBeUndefined();
  });

  it('after a kill everything that would retire or change scope is refused with DEAL_KILLED', () => {
    const pendingDeal = submitArtifact(prove(referenceDeal(), 'G1', '2027-08-16').deal, artifact('G2', '2028-02-14'), 'ae-1', AT);
    const pendingId = pendingDeal.pending[0].approvalId;
    const { deal: killed } = kill(pendingDeal, '2028-03-15', 'futility');
    expect(checkArtifactSubmission(killed, artifact('G2', '2028-04-01'))?.code).toBe('DEAL_KILLED');
    expect(checkArtifactSubmission(killed, artifact('G1', '2028-04-01'))?.code).toBe('DEAL_KILLED');
    expect(checkBonusSubmission(killed, { type: 'IRB_APPROVAL', quantity: 1, evidenceRef: 'e', effectiveDate: '2028-04-01' })?.code).toBe('DEAL_KILLED');
    expect(checkDescope(killed, '100.00')?.code).toBe('DEAL_KILLED');
    expect(checkKill(killed)?.code).toBe('DEAL_KILLED');
    expect(checkSlip(killed)?.code).toBe('DEAL_KILLED');
    // the pending item was rejected by the kill: it can no longer be approved
    expect(['DEAL_KILLED', 'APPROVAL_NOT_PENDING']).toContain(checkApproval(killed, pendingId, DESK)?.code);
  });

  it('revenue for delivered work may still be recorded until finance closes the deal', () => {
    const { deal: killed } = kill(prove(referenceDeal(), 'G1', '2027-08-16').deal, '2028-03-15', 'futility');
    expect(checkRevenue(killed, '125000.50')).toBeNull();
    const withRevenue = recordRevenue(recordRevenue(killed, '125000.50'), '0.50');
    expect(withRevenue.revenueRecognized).toBe('125001.00');
    expect(checkRevenue(killed, '0')?.code).toBe('VALIDATION_FAILED');
    expect(checkClose(withRevenue)).toBeNull();
    const { deal: closed } = closeDeal(withRevenue);
    expect(closed.status).toBe('CLOSED');
    expect(checkRevenue(closed, '10.00')?.code).toBe('DEAL_CLOSED');
    expect(checkClose(closed)?.code).toBe('DEAL_CLOSED');
    expect(closed.creditRetired).toBe('900000.00');
  });

  it('closing an active deal cancels open gates and rejects pending items', () => {
    const deal = submitArtifact(referenceDeal(), artifact('G1', '2027-08-16'), 'ae-1', AT);
    const { deal: closed, rejected } = closeDeal(deal);
    expect(rejected).toHaveLength(1);
    expect(closed.gates.every((g) => g.status === 'CANCELLED')).toBe(true);
    expect(checkArtifactSubmission(closed, artifact('G1', '2027-08-16'))?.code).toBe('DEAL_CLOSED');
  });
});

describe('bonus events on a deal', () => {
  it('recipients must be split recipients; effective date not before sourcing', () => {
    const deal = teamDeal();
    expect(
      checkBonusSubmission(deal, { type: 'SITE_ACTIVATION', quantity: 2, recipients: [{ repId: 'zz-9', share: '1' }], evidenceRef: 'e', effectiveDate: '2027-05-01' })
        ?.code,
    ).toBe('VALIDATION_FAILED');
    expect(checkBonusSubmission(deal, { type: 'SITE_ACTIVATION', quantity: 2, evidenceRef: 'e', effectiveDate: '2027-01-14' })?.code).toBe('VALIDATION_FAILED');
  });

  it('pays the owner, or the named recipients by share', () => {
    const deal = teamDeal();
    expect(awardBonus(deal, { type: 'SITE_ACTIVATION', quantity: 3, effectiveDate: '2027-05-01' }).allocations).toEqual([{ repId: 'ae-2', amount: '75000.00' }]);
    expect(
      awardBonus(deal, {
        type: 'PATIENT_ENROLLMENT',
        quantity: 40,
        recipients: [
          { repId: 'ae-2', share: '0.25' },
          { repId: 'sl-1', share: '0.75' },
        ],
        effectiveDate: '2027-05-01',
      }).allocations,
    ).toEqual([
      { repId: 'ae-2', amount: '20000.00' },
      { repId: 'sl-1', amount: '60000.00' },
    ]);
  });
});

describe('reassignment after a departure', () => {
  it('the new owner replaces the departed rep in the splits and as owner; sourcedBy never changes', () => {
    const deal = teamDeal([
      { repId: 'bdr-1', role: 'BDR', share: '0.2', gates: ['G1'] },
      { repId: 'ae-2', role: 'AE', share: '0.8', gates: ['G1'] },
      { repId: 'ae-2', role: 'AE', share: '1', gates: ['G2', 'G3', 'G4', 'G5'] },
    ]);
    const moved = reassign(deal, 'ae-2', 'ae-9');
    expect(moved.owner).toBe('ae-9');
    expect(moved.sourcedBy).toBe('bdr-1');
    expect(moved.splits).toEqual([
      { repId: 'bdr-1', role: 'BDR', share: '0.2', gates: ['G1'] },
      { repId: 'ae-9', role: 'AE', share: '0.8', gates: ['G1'] },
      { repId: 'ae-9', role: 'AE', share: '1', gates: ['G2', 'G3', 'G4', 'G5'] },
    ]);
    expect(moved.departedReps).toEqual(['ae-2']);
    expect(reassign(moved, 'ae-2', 'ae-9').departedReps).toEqual(['ae-2']);

    // the source departs: not owner, sourcedBy stays (retention and trailing follow the source)
    const sourceGone = reassign(moved, 'bdr-1', 'ae-9');
    expect(sourceGone.sourcedBy).toBe('bdr-1');
    expect(sourceGone.owner).toBe('ae-9');
    expect(sourceGone.splits[0]).toEqual({ repId: 'ae-9', role: 'BDR', share: '0.2', gates: ['G1'] });
  });

  it('gates retiring after the departure credit the new owner; earlier credit stays with the departed rep', () => {
    const first = prove(referenceDeal(), 'G1', '2027-08-16');
    expect(first.retirement.postings.map((p) => p.repId)).toEqual(['ae-1']);
    const moved = reassign(first.deal, 'ae-1', 'ae-7');
    expect(moved.sourcedBy).toBe('ae-1');
    expect(moved.owner).toBe('ae-7');
    expect(moved.gates[0]).toEqual(first.deal.gates[0]);
    const second = prove(moved, 'G2', '2028-02-14');
    expect(second.retirement.postings).toEqual([{ repId: 'ae-7', role: 'AE', share: '1', credit: '1350000.00', commission: '54000.00' }]);
    // bonus events now go to the new owner
    expect(awardBonus(second.deal, { type: 'IRB_APPROVAL', quantity: 1, effectiveDate: '2028-03-01' }).allocations).toEqual([{ repId: 'ae-7', amount: '40000.00' }]);
    // the departed source still may not decide the deal's approvals; the new owner may not either
    const pending = submitArtifact(second.deal, artifact('G3', '2028-09-05'), 'mgr-1', AT);
    expect(checkApproval(pending, pending.pending[0].approvalId, 'ae-1')?.code).toBe('SEGREGATION_OF_DUTIES');
    expect(checkApproval(pending, pending.pending[0].approvalId, 'ae-7')?.code).toBe('SEGREGATION_OF_DUTIES');
  });

  it('renames the departed rep in the recipients of a pending bonus event', () => {
    const deal = submitBonusEvent(
      teamDeal(),
      {
        type: 'SITE_ACTIVATION',
        quantity: 2,
        recipients: [
          { repId: 'ae-2', share: '0.5' },
          { repId: 'sl-1', share: '0.5' },
        ],
        evidenceRef: 'e',
        effectiveDate: '2027-06-01',
      },
      'mgr-1',
      AT,
    );
    const moved = reassign(deal, 'sl-1', 'sl-2');
    expect(moved.pending[0].recipients).toEqual([
      { repId: 'ae-2', share: '0.5' },
      { repId: 'sl-2', share: '0.5' },
    ]);
    expect(approveBonus(moved, moved.pending[0].approvalId).allocations).toEqual([
      { repId: 'ae-2', amount: '25000.00' },
      { repId: 'sl-2', amount: '25000.00' },
    ]);
  });
});

describe('the deal side of the docs/rules.md reference scenario', () => {
  it('plays D-4500 from sourcing to the kill: total credit 3650000.00', () => {
    let deal = referenceDeal();
    const postings: Array<{ date: string; repId: string; credit?: string; commission?: string; bonus?: string }> = [];

    const design = awardBonus(deal, { type: 'PROTOCOL_DESIGN_IN', quantity: 1, effectiveDate: '2027-05-20' }, 'ae-1');
    deal = design.deal;
    design.allocations.forEach((a) => postings.push({ date: '2027-05-20', repId: a.repId, bonus: a.amount }));

    for (const [gate, date] of [
      ['G1', '2027-08-16'],
      ['G2', '2028-02-14'],
    ]) {
      const r = prove(deal, gate, date, 'ae-1');
      deal = r.deal;
      r.retirement.postings.forEach((p) => postings.push({ date, repId: p.repId, credit: p.credit, commission: p.commission }));
    }
    expect(deal.creditRetired).toBe('2250000.00');

    expect(checkDescope(deal, '3500000.00')).toBeNull();
    const beforeDescope = deal;
    deal = descope(deal, '3500000.00');
    expect(deal.creditRetired).toBe(beforeDescope.creditRetired);
    expect(deal.gates).toEqual(beforeDescope.gates);

    let r = prove(deal, 'G3', '2028-09-05', 'ae-1');
    deal = r.deal;
    r.retirement.postings.forEach((p) => postings.push({ date: '2028-09-05', repId: p.repId, credit: p.credit, commission: p.commission }));

    const sites = awardBonus(deal, { type: 'SITE_ACTIVATION', quantity: 3, effectiveDate: '2028-10-10' }, 'ae-1');
    deal = sites.deal;
    sites.allocations.forEach((a) => postings.push({ date: '2028-10-10', repId: a.repId, bonus: a.amount }));

    r = prove(deal, 'G4', '2028-12-01', 'ae-1');
    deal = r.deal;
    r.retirement.postings.forEach((p) => postings.push({ date: '2028-12-01', repId: p.repId, credit: p.credit, commission: p.commission }));

    expect(postings).toEqual([
      { date: '2027-05-20', repId: 'ae-1', bonus: '50000.00' },
      { date: '2027-08-16', repId: 'ae-1', credit: '900000.00', commission: '36000.00' },
      { date: '2028-02-14', repId: 'ae-1', credit: '1350000.00', commission: '54000.00' },
      { date: '2028-09-05', repId: 'ae-1', credit: '875000.00', commission: '35000.00' },
      { date: '2028-10-10', repId: 'ae-1', bonus: '75000.00' },
      { date: '2028-12-01', repId: 'ae-1', credit: '525000.00', commission: '21000.00' },
    ]);
    expect(deal.creditRetired).toBe('3650000.00');
    expect(deal.gates.map((g) => [g.key, g.status, g.retiredAt, g.credit])).toEqual([
      ['G1', 'RETIRED', '2027-08-16', '900000.00'],
      ['G2', 'RETIRED', '2028-02-14', '1350000.00'],
      ['G3', 'RETIRED', '2028-09-05', '875000.00'],
      ['G4', 'RETIRED', '2028-12-01', '525000.00'],
      ['G5', 'OPEN', undefined, undefined],
    ]);

    expect(checkKill(deal)).toBeNull();
    const { deal: killed, rejected } = kill(deal, '2029-04-02', 'sponsor terminated the trial');
    expect(rejected).toEqual([]);
    expect(killed.creditRetired).toBe('3650000.00');
    expect(killed.gates[4].status).toBe('CANCELLED');
    expect(checkArtifactSubmission(killed, artifact('G5', '2029-05-01'))?.code).toBe('DEAL_KILLED');
    expect(Money.sum(killed.gates.filter((g) => g.credit).map((g) => g.credit!)).toString()).toBe('3650000');
  });
});
