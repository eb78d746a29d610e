import { IsoDate } from './calendar';
import { Dec, Money } from './money';
import { capitalizedGatesOf, PlanParams, QUANTITY_BONUS_TYPES, requiresAcknowledgement } from './plan';

/** What the plan document is rendered from: the plan version and the rep's own terms on it. */
export interface PlanDocumentInput {
  rep: { id: string; name: string; role: string; hireDate: IsoDate; quarterlyDraw: string };
  plan: { id: string; effectiveFrom: IsoDate; params: PlanParams };
  /** The day the rep is on this version from: their hire date, or the 1 January of a move. */
  repOnFrom: IsoDate;
}

/**
 * docs/rules.md "Plan document and acknowledgement": the terms of a plan version with the rep's own draw, as Markdown.
 * Deterministic (the same input gives the same bytes, so the same hash): every amount is formatted from its decimal
 * string, every list in the plan's own order, nothing depends on the time it is rendered.
 */
export function renderPlanDocument({ rep, plan, repOnFrom }: PlanDocumentInput): string {
  const p = plan.params;
  const draw = Money.parse(Money.format(rep.quarterlyDraw));
  const lines: string[] = [
    `# Compensation plan ${plan.id}`,
    '',
    `Terms of plan version **${plan.id}** (in force from ${plan.effectiveFrom}) for **${rep.name}** (${rep.id}, ${rep.role}), hired ${rep.hireDate}, on this version from ${repOnFrom}.`,
    '',
    '## Your draw',
    '',
    `- Quarterly draw: ${usd(draw)}.`,
    `- Ramp: in your first ${p.draw.rampQuarters} quarters (the hire quarter counts as the first) the draw is a non-recoverable guarantee: you are paid the larger of your commission and the draw, and any shortfall is forgiven.`,
    '- After the ramp: a quarter whose commission is below the draw pays the draw and adds the difference to your unrecovered balance; a quarter above it first recovers that balance from the excess.',
    `- Cap: a performance review is flagged when your unrecovered balance exceeds ${p.draw.capQuarters} quarterly draws (${usd(draw.times(p.draw.capQuarters))}).`,
    `- On departure: ${EXIT_TEXT[p.draw.exitTreatment]}`,
    '',
    '## Gates and commission',
    '',
    `Commission rate: ${percent(p.commissionRate)} of the deal value each gate retires.`,
    '',
    '| gate | name | weight | commission per 1,000,000.00 of deal value | proof |',
    '|---|---|---|---|---|',
    ...p.gates.map(
      (g) => `| ${g.key} | ${g.name} | ${percent(g.weight)} | ${usd(new Dec('1000000').times(g.weight).times(p.commissionRate))} | ${g.artifactTypes.join(', ')} |`,
    ),
    '',
    `Capitalized gates (ASC 340-40): ${capitalizedGatesOf(p).join(', ') || 'none'}.`,
    '',
    '## Design-win bonuses',
    '',
    '| bonus | amount |',
    '|---|---|',
    ...Object.entries(p.bonuses).map(([type, amount]) => `| ${type} | ${usd(amount)}${QUANTITY_BONUS_TYPES.includes(type as never) ? ' per unit' : ''} |`),
    '',
    `Annual cap: at most ${usd(p.designWinAnnualCap)} of design-win bonus per calendar year.`,
    '',
    '## Retention',
    '',
    ...p.retention.years.map((y) => `- Work anniversary year ${y.year}: ${usd(y.amount)}.`),
    `- Full bonus with at least ${p.retention.gatesTarget} sourced gates retired in the year before the anniversary.`,
    '',
    '## Trailing commission after departure',
    '',
    `Rate: ${percent(p.trailing.rate)} of recognized revenue, paid at ${p.trailing.shares.map(percent).join(', ')} of that rate in the 1st to ${ordinal(p.trailing.shares.length)} quarter after the departure quarter.`,
    '',
    '## Quota',
    '',
    `- New business: ${usd(p.quota.newBusiness)} a year; expansion: ${usd(p.quota.expansion)} a year.`,
    `- Ramp relief: ${p.rampQuota.map((s) => `from month ${s.fromMonth} of tenure, ${percent(s.factor)} of quota`).join('; ')}.`,
    '',
    '## Acknowledgement',
    '',
    requiresAcknowledgement(p)
      ? 'This plan requires your acknowledgement: until you acknowledge this version, your statements for periods it governs are held out of payroll.'
      : 'Acknowledging this version is requested; it does not hold your pay.',
    '',
  ];
  return lines.join('\n');
}

const EXIT_TEXT = {
  RECOVER_FROM_TRAILING: 'an unrecovered balance is recovered from your trailing commission.',
  FORGIVE: 'an unrecovered balance is written off (forgiven).',
} as const;

/** `1234567.5` → `$1,234,567.50`, from the decimal itself (never a float). */
export function usd(value: Dec | string): string {
  const fixed = Money.format(value);
  const negative = fixed.startsWith('-');
  const [whole, cents] = fixed.replace('-', '').split('.');
  return `${negative ? '-' : ''}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** `0.04` → `4%`, `0.125` → `12.5%`: exact, without trailing zeros. */
export function percent(ratio: Dec | string): string {
  return `${new Dec(ratio).times(100).toString()}%`;
}

const ordinal = (n: number): string => `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;

/** The plan versions a rep is, was or will be on, each with the day they are on it from (hire plan first). */
export function repPlanVersions(hire: { planId: string; hireDate: IsoDate }, moves: ReadonlyArray<{ planId: string; effectiveFrom: IsoDate }>): Array<{ planId: string; from: IsoDate }> {
  const out = [{ planId: hire.planId, from: hire.hireDate }];
  for (const m of moves) if (!out.some((v) => v.planId === m.planId)) out.push({ planId: m.planId, from: m.effectiveFrom });
  return out;
}

/**
 * docs/rules.md "Plan document and acknowledgement": why a rep's statement is held out of payroll, or null. Held when
 * the version in force on the period's first day requires acknowledgement and none of the rep's acknowledgements of
 * it is of its current document hash.
 */
export function acknowledgementHold(planId: string, requires: boolean, currentHash: string, acknowledgedHashes: readonly string[]): string | null {
  if (!requires || acknowledgedHashes.includes(currentHash)) return null;
  return `plan ${planId} not acknowledged`;
}
