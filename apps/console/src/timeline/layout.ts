/**
 * The deal timeline over business time, as data: one column per quarter, one lane per kind of event, one mark per
 * event placed by its business date (not by when it was recorded). Pure: no React, no DOM, unit-tested with jest.
 */
export type LaneKey = 'gates' | 'bonuses' | 'scope' | 'people' | 'decisions';
export const LANES: ReadonlyArray<{ key: LaneKey; label: string }> = [
  { key: 'gates', label: 'Gates' },
  { key: 'bonuses', label: 'Bonuses' },
  { key: 'scope', label: 'Scope' },
  { key: 'people', label: 'People' },
  { key: 'decisions', label: 'Decisions' },
];

export interface TimelineEntry {
  at: string;
  type: string;
  actor: string | null;
  summary: string;
  details?: Record<string, any>;
  effectiveDate?: string;
  period?: string;
}
export interface TimelineGate {
  key: string;
  status: string;
  retiredAt?: string;
  expectedDate?: string;
  approvalId?: string;
}
export interface TimelineInput {
  gates: TimelineGate[];
  history: TimelineEntry[];
  today: string;
  slip?: { expectedDate: string } | null;
  killed?: { effectiveDate: string } | null;
}
export interface Mark {
  id: string;
  lane: LaneKey;
  date: string;
  period: string;
  /** Centre of the mark, in column units: quarter index from the first column, plus the fraction of the quarter. */
  x: number;
  label: string;
  status: 'done' | 'pending' | 'expected' | 'cancelled' | 'refused' | 'info';
  entry?: TimelineEntry;
  postings: TimelineEntry[];
}
export interface TimelineLayout {
  columns: Array<{ period: string; index: number }>;
  lanes: typeof LANES;
  marks: Mark[];
}

export const periodOfDate = (date: string): string => `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
const periodIndex = (p: string) => Number(p.slice(0, 4)) * 4 + Number(p.slice(6)) - 1;
const periodAt = (i: number) => `${Math.floor(i / 4)}-Q${(i % 4) + 1}`;

/** Days into the quarter over the quarter's length: 0 on its first day, just under 1 on its last. */
function fractionOfQuarter(date: string): number {
  const y = Number(date.slice(0, 4));
  const q = Math.floor((Number(date.slice(5, 7)) - 1) / 3);
  const start = Date.UTC(y, q * 3, 1);
  const end = Date.UTC(y, q * 3 + 3, 1);
  const day = Date.UTC(y, Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return (day - start) / (end - start);
}

/** The business date an entry speaks of: its effective date, else the deal's sourcing for its creation, else when it was recorded. */
export function businessDate(e: TimelineEntry): string {
  const d = e.details ?? {};
  return e.effectiveDate ?? d.request?.effectiveDate ?? d.result?.effectiveDate ?? d.deal?.sourcedAt ?? d.request?.expectedDate ?? e.at.slice(0, 10);
}

const LANE_OF: Record<string, LaneKey> = {
  ARTIFACT_SUBMITTED: 'gates',
  BONUS_EVENT_SUBMITTED: 'bonuses',
  DEAL_CREATED: 'scope',
  DESCOPED: 'scope',
  REVENUE_RECORDED: 'scope',
  KILLED: 'scope',
  CLOSED: 'scope',
  SLIPPED: 'scope',
  REASSIGNED: 'people',
  SPLITS_CHANGED: 'people',
};

function laneOf(e: TimelineEntry): LaneKey {
  if (e.type === 'APPROVED' && e.details?.result?.kind === 'BONUS') return 'bonuses';
  return LANE_OF[e.type] ?? (e.type.includes('REASSIGN') || e.type.includes('OWNER') ? 'people' : 'decisions');
}

function statusOf(e: TimelineEntry): Mark['status'] {
  if (e.type.endsWith('_REFUSED') || e.type === 'REJECTED') return 'refused';
  if (e.type === 'KILLED') return 'cancelled';
  if (e.type === 'APPROVED') return 'done';
  return 'info';
}

export function layoutTimeline(input: TimelineInput): TimelineLayout {
  const postingsByApproval = new Map<string, TimelineEntry[]>();
  for (const e of input.history) {
    if (e.type !== 'POSTING') continue;
    const id = String(e.details?.approvalId ?? '');
    postingsByApproval.set(id, [...(postingsByApproval.get(id) ?? []), e]);
  }
  const marks: Array<Omit<Mark, 'x' | 'period'>> = [];
  input.history.forEach((e, i) => {
    if (e.type === 'POSTING') return;
    const approvalId = e.details?.request?.approvalId ?? e.details?.result?.approvalId;
    marks.push({
      id: `h${i}`,
      lane: laneOf(e),
      date: businessDate(e),
      label: e.summary,
      status: statusOf(e),
      entry: e,
      postings: e.type === 'APPROVED' ? (postingsByApproval.get(String(approvalId)) ?? []) : [],
    });
    // A person joins the deal with its creation: the owner and every split recipient.
    if (e.type === 'DEAL_CREATED' && e.details?.deal) {
      const deal = e.details.deal;
      const people = (deal.splits ?? []).map((s: any) => `${s.repId} ${s.share}`).join(', ');
      marks.push({ id: `h${i}-people`, lane: 'people', date: businessDate(e), label: `owner ${deal.owner}; splits ${people}`, status: 'info', entry: e, postings: [] });
    }
  });
  let nextOpen = true;
  for (const g of input.gates) {
    if (g.status === 'RETIRED' && g.retiredAt) marks.push({ id: `gate-${g.key}`, lane: 'gates', date: g.retiredAt, label: `${g.key} retired`, status: 'done', postings: [] });
    if (g.status === 'CANCELLED' && input.killed) marks.push({ id: `gate-${g.key}`, lane: 'gates', date: input.killed.effectiveDate, label: `${g.key} cancelled`, status: 'cancelled', postings: [] });
    if (g.status === 'PENDING') {
      const submitted = input.history.find((e) => e.type === 'ARTIFACT_SUBMITTED' && e.details?.request?.gate === g.key && e.details?.result?.approvalId === g.approvalId);
      marks.push({ id: `gate-${g.key}`, lane: 'gates', date: submitted ? businessDate(submitted) : input.today, label: `${g.key} pending approval`, status: 'pending', postings: [] });
    }
    if (g.status === 'OPEN') {
      const expected = g.expectedDate ?? (nextOpen ? input.slip?.expectedDate : undefined);
      if (expected) marks.push({ id: `gate-${g.key}`, lane: 'gates', date: expected, label: `${g.key} expected ${expected}`, status: 'expected', postings: [] });
      nextOpen = false;
    }
  }
  const dates = [input.today, ...marks.map((m) => m.date)].filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d));
  const indexes = dates.map((d) => periodIndex(periodOfDate(d)));
  const first = Math.min(...indexes);
  const last = Math.max(...indexes);
  const columns = Array.from({ length: last - first + 1 }, (_, i) => ({ period: periodAt(first + i), index: i }));
  return {
    columns,
    lanes: LANES,
    marks: marks
      .filter((m) => /^\d{4}-\d{2}-\d{2}$/.test(m.date))
      .map((m) => ({ ...m, period: periodOfDate(m.date), x: periodIndex(periodOfDate(m.date)) - first + fractionOfQuarter(m.date) }))
      .sort((a, b) => a.x - b.x),
  };
}
