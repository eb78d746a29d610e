import { z } from 'zod';
import { isIsoDate, isPeriod, Money, Ratio } from '../../../libs/domain';
import { documentedAs } from './openapi';

/** The field types every feature's request schemas are built from. */
export const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'must be 1-64 letters, digits, or . _ : - (starting with a letter or digit)');
/** Control characters other than tab and line breaks, and lone UTF-16 surrogates: PostgreSQL text and jsonb cannot hold them as sent. */
const UNSTORABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|\p{Cs}/u;
export const storable = (v: string) => !UNSTORABLE.test(v);
export const STORABLE_MESSAGE = 'must not contain control characters or unpaired surrogates';
export const text = (max = 500) => z.string().trim().min(1, 'must not be empty').max(max).refine(storable, STORABLE_MESSAGE);
/** Year 0000 passes the pattern, but PostgreSQL has no year 0 (a 500 on insert or compare). */
export const isoDate = documentedAs(
  z.string().refine((v) => isIsoDate(v) && !v.startsWith('0000'), 'must be an ISO date YYYY-MM-DD'),
  { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'an ISO date YYYY-MM-DD', example: '2027-03-31' },
);
export const period = documentedAs(z.string().refine(isPeriod, 'must be a period YYYY-Qn'), { type: 'string', pattern: '^\\d{4}-Q[1-4]$', description: 'a quarter YYYY-Qn', example: '2027-Q1' });
/** What the ledger holds (docs/rules.md "Access scope"): an amount a person enters has at most 12 integer digits. */
export const MAX_MONEY_INTEGER_DIGITS = 12;
const withinLedger = (v: string) => v.replace(/^-/, '').split('.')[0].replace(/^0+(?=\d)/, '').length <= MAX_MONEY_INTEGER_DIGITS;
export const money = documentedAs(
  z
    .string()
    .refine(Money.isMoneyString, 'must be a decimal string with at most 2 fractional digits, e.g. "1350000.00"')
    .refine((v) => !/^-0+(\.0+)?$/.test(v), 'must not be negative zero')
    .refine((v) => !Money.isMoneyString(v) || withinLedger(v), `must have at most ${MAX_MONEY_INTEGER_DIGITS} integer digits (999999999999.99 at most)`),
  { type: 'string', pattern: '^-?\\d{1,16}(\\.\\d{1,2})?$', description: 'money: a decimal string, at most 2 fractional digits and 12 integer digits; never a number', example: '1350000.00' },
);
export const positiveMoney = money.refine((v) => /[1-9]/.test(v), 'must be greater than 0').refine((v) => !v.startsWith('-'), 'must be greater than 0');
export const ratio = documentedAs(
  z.string().refine(Ratio.isDecimalString, 'must be a decimal string, e.g. "0.25"').refine((v) => !v.startsWith('-'), 'must not be negative'),
  { type: 'string', pattern: '^\\d{1,16}(\\.\\d{1,12})?$', description: 'a non-negative decimal string', example: '0.25' },
);
export const gateKey = z.string().regex(/^[A-Z][A-Z0-9_]{0,15}$/, 'must be a gate key like "G1"');
export const artifactType = z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'must be an artifact type like "AWARD_LETTER"');
/** A statement line's id (libs/persistence/statement-line-ids.ts). */
export const lineId = z.string().regex(/^ln-[0-9a-f]{20}$/, 'must be a statement line id ln-<20 hex digits>');
export const emptySchema = z.object({}).strict();
/** Paging: bounded integers, so a huge or fractional value is a 400 and never reaches SQL (bigint overflow was a 500). */
export const MAX_OFFSET = 1_000_000;
export const page = {
  limit: z.coerce.number().int('must be a whole number').min(1).max(1000).default(200),
  offset: z.coerce.number().int('must be a whole number').min(0).max(MAX_OFFSET).default(0),
};
