import { z } from 'zod';
import { EARNING_CODES } from '../../../libs/domain';
import { named } from '../http/openapi';
import { idOut, instantOut, moneyOut, periodOut } from '../http/response-fields';

/** What the payroll routes answer (payroll.service.ts, libs/persistence/payroll.repository.ts). */
export const payrollBatchResponse = named('PayrollBatch', z
  .object({
    id: idOut.describe('PB-<period>-<n>, n counting the period’s batches from 1'),
    period: periodOut,
    status: z.enum(['CREATED', 'PAID']),
    lines: z.array(z.object({ key: z.string().describe('payroll:<period>:<repId>:<code>'), repId: idOut, code: z.enum(EARNING_CODES), amount: moneyOut }).strict()),
    total: moneyOut,
    held: z.array(z.object({ repId: idOut, reason: z.string() }).strict()).describe('APPROVED statements left out because a hold applies'),
    statements: z.array(z.object({ repId: idOut, totalPayout: moneyOut, hash: z.string() }).strict()).describe('the statements the batch pays (some with no line)'),
    createdBy: idOut,
    createdAt: instantOut,
    payment: z.object({ reference: z.string(), paidBy: idOut, paidAt: instantOut }).strict().nullable(),
  })
  .strict());

export const payrollBatchListResponse = z.array(payrollBatchResponse);

export const payrollBatchCsv = z.string().describe('CSV (RFC 4180, CRLF) with the header row batch_id,period,rep_id,rep_name,earning_code,amount,key');
