import { z } from 'zod';
import { ACCOUNTS } from '../../../libs/domain';
import { named } from '../http/openapi';
import { idOut, moneyOut, periodOut } from '../http/response-fields';

/** What the accounting routes answer (accounting.service.ts); docs/rules.md "Commission expense (ASC 340-40)". */
const figures = {
  opening: moneyOut.describe('balance after the previous period'),
  additions: moneyOut.describe('capitalized gate commission posted in the period, reversals included'),
  amortization: moneyOut.describe('expensed with the deal’s recognized revenue'),
  impairment: moneyOut.describe('expensed because the deal was killed'),
  closing: moneyOut.describe('opening + additions − amortization − impairment'),
};

export const commissionAssetResponse = named('CommissionAsset', z
  .object({
    period: periodOut,
    deals: z.array(z.object({ dealId: idOut, ...figures }).strict()),
    totals: z.object(figures).strict(),
  })
  .strict()
  .describe('the deferred-commission roll-forward of a closed period, per deal and for the book'));

export const commissionJournalResponse = named('CommissionJournal', z
  .object({
    period: periodOut,
    entries: z.array(
      z
        .object({ account: z.enum(ACCOUNTS), debit: moneyOut, credit: moneyOut, dealId: idOut.optional(), memo: z.string() })
        .strict(),
    ),
    totals: z.object({ debit: moneyOut, credit: moneyOut }).strict().describe('debits equal credits'),
  })
  .strict());

export const commissionJournalCsv = z.string().describe('CSV (RFC 4180, CRLF) with the header row period,account,debit,credit,dealId,memo');
