import { businessDate, layoutTimeline, periodOfDate, TimelineEntry } from '../../apps/console/src/timeline/layout';

const entry = (type: string, at: string, details: Record<string, any> = {}, summary = type): TimelineEntry => ({ at, type, actor: 'someone', summary, details });

describe('console deal timeline layout', () => {
  const history: TimelineEntry[] = [
    entry('DEAL_CREATED', '2026-12-01T06:00:00Z', { deal: { id: 'D', sourcedAt: '2026-02-01', owner: 'ae-1', splits: [{ repId: 'ae-1', share: '1.00' }] } }),
    entry('ARTIFACT_SUBMITTED', '2026-12-01T06:01:00Z', { request: { gate: 'G1', effectiveDate: '2026-10-01' }, result: { approvalId: 'D-A1' } }),
    entry('APPROVED', '2026-12-01T06:02:00Z', { request: { approvalId: 'D-A1', note: 'ok' }, result: { approvalId: 'D-A1', kind: 'GATE', effectiveDate: '2026-10-01' } }),
    entry('POSTING', '2026-12-01T06:02:00Z', { repId: 'ae-1', credit: '900000.00', commission: '36000.00', approvalId: 'D-A1', period: '2026-Q4' }),
    entry('BONUS_EVENT_SUBMITTED', '2026-12-01T06:03:00Z', { request: { type: 'SITE_ACTIVATION', effectiveDate: '2026-11-15' }, result: { approvalId: 'D-A2' } }),
    entry('APPROVED', '2026-12-01T06:04:00Z', { request: { approvalId: 'D-A2' }, result: { approvalId: 'D-A2', kind: 'BONUS', effectiveDate: '2026-11-15' } }),
    entry('DESCOPED', '2026-12-01T06:05:00Z', { request: { newTcv: '100.00', effectiveDate: '2026-11-20' } }),
    entry('REASSIGNED', '2026-12-01T06:06:00Z', { request: { effectiveDate: '2026-11-21' } }),
    entry('APPROVE_REFUSED', '2026-12-01T06:07:00Z', { request: { approvalId: 'D-A3' } }),
  ];
  const layout = layoutTimeline({
    gates: [
      { key: 'G1', status: 'RETIRED', retiredAt: '2026-10-01' },
      { key: 'G2', status: 'OPEN' },
      { key: 'G3', status: 'OPEN', expectedDate: '2027-09-01' },
    ],
    history,
    today: '2026-12-01',
    slip: { expectedDate: '2027-05-01' },
  });

  it('spans one column per quarter from the earliest business date to the latest', () => {
    expect(layout.columns.map((c) => c.period)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4', '2027-Q1', '2027-Q2', '2027-Q3']);
  });

  it('places each event by its business date, not when it was recorded', () => {
    const created = layout.marks.find((m) => m.entry?.type === 'DEAL_CREATED')!;
    expect(created.date).toBe('2026-02-01');
    expect(created.x).toBeCloseTo(31 / 90, 5); // 2026-Q1 starts at column 0; 1 February is day 31 of a 90-day quarter
    const submitted = layout.marks.find((m) => m.entry?.type === 'ARTIFACT_SUBMITTED')!;
    expect(submitted.period).toBe('2026-Q4');
    expect(submitted.x).toBe(3);
  });

  it('puts each kind of event in its lane', () => {
    const laneOf = (type: string) => layout.marks.filter((m) => m.entry?.type === type).map((m) => m.lane);
    expect(laneOf('ARTIFACT_SUBMITTED')).toEqual(['gates']);
    expect(laneOf('BONUS_EVENT_SUBMITTED')).toEqual(['bonuses']);
    expect(laneOf('APPROVED')).toEqual(['decisions', 'bonuses']);
    expect(laneOf('DESCOPED')).toEqual(['scope']);
    expect(laneOf('REASSIGNED')).toEqual(['people']);
    expect(laneOf('DEAL_CREATED').sort()).toEqual(['people', 'scope']);
  });

  it('hangs the postings on the approval that made them and draws none of their own', () => {
    const approval = layout.marks.find((m) => m.entry?.type === 'APPROVED' && m.entry.details?.result?.approvalId === 'D-A1')!;
    expect(approval.postings.map((p) => p.details?.commission)).toEqual(['36000.00']);
    expect(layout.marks.some((m) => m.entry?.type === 'POSTING')).toBe(false);
  });

  it('shows gates retired, refused decisions, and the expected dates of open gates (the slip for the next one)', () => {
    const gate = (key: string) => layout.marks.find((m) => m.id === `gate-${key}`);
    expect(gate('G1')).toMatchObject({ status: 'done', date: '2026-10-01' });
    expect(gate('G2')).toMatchObject({ status: 'expected', date: '2027-05-01' });
    expect(gate('G3')).toMatchObject({ status: 'expected', date: '2027-09-01' });
    expect(layout.marks.find((m) => m.entry?.type === 'APPROVE_REFUSED')).toMatchObject({ status: 'refused', lane: 'decisions' });
  });

  it('keeps marks in business-date order', () => {
    const xs = layout.marks.map((m) => m.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it('reads the business date from the entry first, then its request, then when it was recorded', () => {
    expect(businessDate({ ...entry('X', '2026-12-01T00:00:00Z', { request: { effectiveDate: '2026-01-02' } }), effectiveDate: '2025-05-05' })).toBe('2025-05-05');
    expect(businessDate(entry('X', '2026-12-01T00:00:00Z', { request: { effectiveDate: '2026-01-02' } }))).toBe('2026-01-02');
    expect(businessDate(entry('X', '2026-12-01T00:00:00Z'))).toBe('2026-12-01');
    expect(periodOfDate('2026-12-31')).toBe('2026-Q4');
    expect(periodOfDate('2027-04-01')).toBe('2027-Q2');
  });
});
