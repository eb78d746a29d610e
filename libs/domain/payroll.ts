import { Dec, Money, MoneyString } from './money';
import { Period } from './calendar';
import { Statement } from './statement';

/**
 * docs/rules.md "Payroll batches": how a statement's totalPayout is handed to payroll, one line per earning code.
 * The split is exact: a rep's lines sum to their totalPayout to the cent (property test in tests/unit/payroll.test.ts).
 */
export const EARNING_CODES = ['COMMISSION', 'DRAW', 'DESIGN_WIN', 'RETENTION', 'TRAILING', 'ADJUSTMENT'] as const;
export type EarningCode = (typeof EARNING_CODES)[number];

export interface PayrollLine {
  key: string;
  repId: string;
  code: EarningCode;
  amount: MoneyString;
}

/** The stable key of a payroll line: one per period, rep and earning code, whatever batch carries it. */
export const payrollLineKey = (period: Period, repId: string, code: EarningCode) => `payroll:${period}:${repId}:${code}`;

const lineSum = (s: Statement, kind: string) => Money.sum(s.lines.filter((l) => l.kind === kind).map((l) => l.amount));

/** The payout of one statement by earning code, zeros included, in EARNING_CODES order. */
export function payrollSplit(s: Statement): Record<EarningCode, Dec> {
  const drawPaid = new Dec(s.drawPaid);
  // TRAILING_RECOVERY lines are negative: the trailing commission net of what it recovered of the draw balance.
  const trailing = new Dec(s.trailingCommission).plus(lineSum(s, 'TRAILING_RECOVERY'));
  // Negative adjustments beyond the payout were carried to the draw balance (ADJUSTMENT_CARRIED): the payout took the rest.
  const adjustment = new Dec(s.adjustments ?? '0').plus(lineSum(s, 'ADJUSTMENT_CARRIED'));
  return {
    COMMISSION: new Dec(s.netCommissionPay).minus(drawPaid),
    DRAW: drawPaid,
    DESIGN_WIN: new Dec(s.designWinBonus),
    RETENTION: new Dec(s.retentionBonus),
    TRAILING: trailing,
    ADJUSTMENT: adjustment,
  };
}

/**
 * The payroll lines of one statement: every earning code with a non-zero amount, keyed `payroll:<period>:<repId>:<code>`.
 * Throws when they would not sum to totalPayout (a stored statement that breaks the netting identity is not paid).
 */
export function payrollLines(s: Statement): PayrollLine[] {
  const split = payrollSplit(s);
  const total = Money.sum(Object.values(split));
  if (!total.equals(new Dec(s.totalPayout))) {
    throw new Error(`the statement of ${s.repId} for ${s.period} does not split into its totalPayout ${s.totalPayout} (lines sum to ${Money.format(total)})`);
  }
  return EARNING_CODES.filter((code) => !split[code].isZero()).map((code) => ({
    key: payrollLineKey(s.period, s.repId, code),
    repId: s.repId,
    code,
    amount: Money.format(split[code]),
  }));
}

export const payrollTotal = (lines: Array<{ amount: MoneyString }>): MoneyString => Money.format(Money.sum(lines.map((l) => l.amount)));

/** Why a statement is held out of payroll, from every hold source, one reason per rep (several joined by "; "). */
export function mergeHolds(sources: Array<Map<string, string>>): Map<string, string> {
  const merged = new Map<string, string>();
  for (const source of sources) {
    for (const [repId, reason] of source) merged.set(repId, merged.has(repId) ? `${merged.get(repId)}; ${reason}` : reason);
  }
  return merged;
}

// ---------------------------------------------------------------------------------------------------------
// The CSV export (docs/api.md "Payroll batches")
// ---------------------------------------------------------------------------------------------------------

export const PAYROLL_CSV_HEADER = ['batch_id', 'period', 'rep_id', 'rep_name', 'earning_code', 'amount', 'key'] as const;

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One text cell: a text that a spreadsheet would read as a formula gets a leading apostrophe (OWASP), then RFC 4180
 * quoting (a cell with a comma, quote or line break is quoted, quotes doubled). Amounts are not text cells: they are
 * money strings (`-?digits.cc`) and stay numbers.
 */
export function csvTextCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) || safe !== value ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export interface PayrollCsvBatch {
  id: string;
  period: Period;
  lines: PayrollLine[];
}

/** RFC 4180 (CRLF, header row) in the documented column layout; a spreadsheet opens it as is. */
export function payrollCsv(batch: PayrollCsvBatch, repNames: Map<string, string>): string {
  const rows = batch.lines.map((l) => {
    if (!Money.isMoneyString(l.amount)) throw new Error(`not a money amount: ${l.amount}`);
    return [csvTextCell(batch.id), csvTextCell(batch.period), csvTextCell(l.repId), csvTextCell(repNames.get(l.repId) ?? ''), csvTextCell(l.code), l.amount, csvTextCell(l.key)].join(',');
  });
  return [PAYROLL_CSV_HEADER.join(','), ...rows].join('\r\n') + '\r\n';
}
