import { acknowledgementHold, percent, REFERENCE_PLAN_PARAMS, renderPlanDocument, repPlanVersions, resolvePlanParams, usd } from '../../libs/domain';
import { planDocumentHash } from '../../libs/persistence/plan-acknowledgements.repository';
import { planDocumentPdf } from '../../apps/api/plan-documents/plan-document-pdf';

const input = {
  rep: { id: 'rep-ana', name: 'Ana Ruiz', role: 'AE', hireDate: '2027-01-01', quarterlyDraw: '30000.00' },
  plan: { id: '2027.1', effectiveFrom: '2027-01-01', params: REFERENCE_PLAN_PARAMS },
  repOnFrom: '2027-01-01',
};

describe('plan document (docs/rules.md "Plan document and acknowledgement")', () => {
  it('renders the plan terms with the rep\'s own draw, money formatted exactly from its decimal string', () => {
    const markdown = renderPlanDocument({ ...input, rep: { ...input.rep, quarterlyDraw: '1234567.89' } });
    expect(markdown).toContain('# Compensation plan 2027.1');
    expect(markdown).toContain('- Quarterly draw: $1,234,567.89.');
    expect(markdown).toContain('exceeds 2 quarterly draws ($2,469,135.78)');
    expect(markdown).toContain('| G1 | VERBAL_AWARD | 20% | $8,000.00 | AWARD_LETTER, LOI |');
    expect(markdown).toContain('| SITE_ACTIVATION | $25,000.00 per unit |');
    expect(markdown).toContain('Annual cap: at most $300,000.00');
    expect(markdown).toContain('- Work anniversary year 3: $150,000.00.');
    expect(markdown).toContain('Rate: 2% of recognized revenue, paid at 100%, 75%, 50%, 25% of that rate in the 1st to 4th quarter');
    expect(markdown).toContain('- New business: $4,000,000.00 a year; expansion: $2,000,000.00 a year.');
    expect(markdown).toContain('an unrecovered balance is recovered from your trailing commission.');
    expect(usd('0.1')).toBe('$0.10');
    expect(usd('-1000')).toBe('-$1,000.00');
    expect(percent('0.125')).toBe('12.5%');
  });

  it('is deterministic: the same terms give the same hash, another draw or plan parameter another', () => {
    const a = planDocumentHash(renderPlanDocument(input));
    expect(planDocumentHash(renderPlanDocument(JSON.parse(JSON.stringify(input))))).toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(planDocumentHash(renderPlanDocument({ ...input, rep: { ...input.rep, quarterlyDraw: '30000.01' } }))).not.toBe(a);
    const forgive = resolvePlanParams({ draw: { rampQuarters: 4, capQuarters: 2, exitTreatment: 'FORGIVE' } });
    expect(planDocumentHash(renderPlanDocument({ ...input, plan: { ...input.plan, params: forgive } }))).not.toBe(a);
  });

  it('says whether the plan requires acknowledgement before payroll', () => {
    expect(renderPlanDocument(input)).toContain('it does not hold your pay');
    const required = { ...input, plan: { ...input.plan, params: resolvePlanParams({ requireAcknowledgement: true }) } };
    expect(renderPlanDocument(required)).toContain('until you acknowledge this version, your statements for periods it governs are held out of payroll');
  });

  it('holds only a rep on a plan requiring acknowledgement who has not acknowledged its current hash', () => {
    expect(acknowledgementHold('2027.1', false, 'h', [])).toBeNull();
    expect(acknowledgementHold('2027.1', true, 'h', ['old'])).toBe('plan 2027.1 not acknowledged');
    expect(acknowledgementHold('2027.1', true, 'h', ['old', 'h'])).toBeNull();
  });

  it('lists the versions a rep is on, from their hire and each move', () => {
    expect(repPlanVersions({ planId: 'a', hireDate: '2027-03-01' }, [{ planId: 'b', effectiveFrom: '2028-01-01' }])).toEqual([
      { planId: 'a', from: '2027-03-01' },
      { planId: 'b', from: '2028-01-01' },
    ]);
  });

  it('renders the PDF with pdfkit, its hash in the text and in the document info', async () => {
    const markdown = renderPlanDocument(input);
    const hash = planDocumentHash(markdown);
    const pdf = await planDocumentPdf({ repId: 'rep-ana', planId: '2027.1', hash, markdown });
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    // Info values are indirect objects: /Subject n 0 R ... n 0 obj (sha256:<hash>) endobj.
    expect(text).toContain(`(sha256:${hash})`);
    expect(text).toMatch(/\/DocumentHash \d+ 0 R/);
    expect(text).toContain(`\n(${hash})\n`);
    // The printed line (uncompressed; Courier has no kerning, so the hash is one hex string in the content stream).
    expect(text).toContain(Buffer.from(`Document hash (sha256): ${hash}`).toString('hex'));
    expect((await planDocumentPdf({ repId: 'rep-ana', planId: '2027.1', hash, markdown })).equals(pdf)).toBe(true);
  });
});
