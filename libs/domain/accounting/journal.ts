import { Period } from '../calendar';
import { Dec, Money, MoneyString } from '../money';
import { CommissionAssetRow } from './commission-asset';

export const ACCOUNTS = ['DEFERRED_COMMISSION', 'COMMISSION_PAYABLE', 'COMMISSION_EXPENSE'] as const;
export type Account = (typeof ACCOUNTS)[number];

/** One line of the journal: one account, a debit or a credit (the other side "0.00"). */
export interface JournalLine {
  account: Account;
  debit: MoneyString;
  credit: MoneyString;
  dealId?: string;
  memo: string;
}

type Movement = 'additions' | 'amortization' | 'impairment';

/** Which account is debited and which credited for a positive amount of each movement (a negative one swaps them). */
const SIDES: Record<Movement, { debit: Account; credit: Account; memo: string }> = {
  additions: { debit: 'DEFERRED_COMMISSION', credit: 'COMMISSION_PAYABLE', memo: 'capitalized commission' },
  amortization: { debit: 'COMMISSION_EXPENSE', credit: 'DEFERRED_COMMISSION', memo: 'amortization with recognized revenue' },
  impairment: { debit: 'COMMISSION_EXPENSE', credit: 'DEFERRED_COMMISSION', memo: 'impairment: deal killed' },
};

const ZERO = '0.00';

/** The period's deferred-commission journal: one debit/credit pair per deal and non-zero movement, deals in order. */
export function commissionJournal(period: Period, rows: CommissionAssetRow[]): JournalLine[] {
  const lines: JournalLine[] = [];
  for (const row of [...rows].sort((a, b) => a.dealId.localeCompare(b.dealId))) {
    for (const movement of ['additions', 'amortization', 'impairment'] as const) {
      const amount = new Dec(row[movement]);
      if (amount.isZero()) continue;
      const sides = SIDES[movement];
      const [debit, credit] = amount.isNegative() ? [sides.credit, sides.debit] : [sides.debit, sides.credit];
      const value = Money.format(amount.abs());
      const memo = `${row.dealId} ${period} ${sides.memo}${amount.isNegative() ? ' (reversal)' : ''}`;
      lines.push({ account: debit, debit: value, credit: ZERO, dealId: row.dealId, memo });
      lines.push({ account: credit, debit: ZERO, credit: value, dealId: row.dealId, memo });
    }
  }
  return lines;
}

export function journalTotals(lines: JournalLine[]): { debit: MoneyString; credit: MoneyString } {
  return { debit: Money.format(Money.sum(lines.map((l) => l.debit))), credit: Money.format(Money.sum(lines.map((l) => l.credit))) };
}

export const JOURNAL_CSV_HEADER = ['period', 'account', 'debit', 'credit', 'dealId', 'memo'] as const;

/** RFC 4180 CSV (CRLF, fields quoted where needed) that a spreadsheet opens as is; amounts stay exact text. */
export function journalCsv(period: Period, lines: JournalLine[]): string {
  const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const rows = [JOURNAL_CSV_HEADER.join(','), ...lines.map((l) => [period, l.account, l.debit, l.credit, l.dealId ?? '', l.memo].map(cell).join(','))];
  return rows.join('\r\n') + '\r\n';
}
