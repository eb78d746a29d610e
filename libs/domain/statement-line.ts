import { Dec, Money, MoneyString } from './money';
import { StatementLine } from './statement';

/**
 * docs/rules.md "Why this line": the content a statement line's `lineId` is derived from. A line is named by what it
 * shows (its kind, deal and reference: the gate, `<bonus type>:<approval id>`, the adjustment id, the retention
 * year...) and by its place among the statement's lines with that same content, so two postings with the same
 * reference (a split holder's two roles, say) stay apart. Nothing in it depends on the amount or on when it is read.
 */
export function lineIdSources(lines: Array<Pick<StatementLine, 'kind' | 'dealId' | 'reference'>>): string[] {
  const seen = new Map<string, number>();
  return lines.map((l) => {
    const content = `${l.kind}|${l.dealId ?? ''}|${l.reference ?? ''}`;
    const n = seen.get(content) ?? 0;
    seen.set(content, n + 1);
    return `${content}|${n}`;
  });
}

/** The n-th line among those with the same kind, deal and reference (what `lineIdSources` counts). */
export function lineOccurrence(lines: Array<Pick<StatementLine, 'kind' | 'dealId' | 'reference'>>, index: number): number {
  const l = lines[index];
  return lines.slice(0, index).filter((o) => o.kind === l.kind && o.dealId === l.dealId && o.reference === l.reference).length;
}

export interface FormulaValue {
  name: string;
  value: string;
}

/** A line's arithmetic, spelled out: the expression, each value in it, the exact product, and the rounding to cents. */
export interface LineFormula {
  expression: string;
  values: FormulaValue[];
  exact: string;
  rounded: MoneyString;
  rounding: string;
  /** Whether the recomputed figure is the posting's amount (false: the inputs changed since, e.g. a later descope). */
  matchesPosting: boolean;
}

const ROUNDING = 'rounded once, half-even, to cents';

/** docs/rules.md: gate commission = weight × TCV × share × commission rate, rounded once. */
export function gateCommissionFormula(v: { weight: string; tcv: string; share: string; rate: string }, posted: MoneyString): LineFormula {
  const exact = new Dec(v.weight).times(v.tcv).times(v.share).times(v.rate);
  const rounded = Money.format(exact);
  return {
    expression: 'weight × tcv × share × rate',
    values: [
      { name: 'weight', value: v.weight },
      { name: 'tcv', value: v.tcv },
      { name: 'share', value: v.share },
      { name: 'rate', value: v.rate },
    ],
    exact: exact.toString(),
    rounded,
    rounding: ROUNDING,
    matchesPosting: new Dec(rounded).abs().equals(new Dec(posted).abs()),
  };
}

/** docs/rules.md: a design-win bonus = unit amount × quantity × share, of which what exceeds the annual cap is capped. */
export function designWinFormula(v: { unit: string; quantity: number; share: string; paid: MoneyString; capped: MoneyString }, posted: MoneyString): LineFormula {
  const exact = new Dec(v.unit).times(v.quantity).times(v.share);
  const rounded = Money.format(exact);
  return {
    expression: 'unit × quantity × share = paid + capped (paid: what is left of the annual cap)',
    values: [
      { name: 'unit', value: v.unit },
      { name: 'quantity', value: String(v.quantity) },
      { name: 'share', value: v.share },
      { name: 'paid', value: v.paid },
      { name: 'capped', value: v.capped },
    ],
    exact: exact.toString(),
    rounded,
    rounding: ROUNDING,
    matchesPosting: new Dec(rounded).equals(new Dec(v.paid).plus(v.capped)) && [v.paid, v.capped].some((x) => new Dec(x).abs().equals(new Dec(posted).abs())),
  };
}
