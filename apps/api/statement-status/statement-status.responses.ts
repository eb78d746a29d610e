import { z } from 'zod';
import { idOut, instantOut } from '../http/response-fields';

/** The fields a statement carries beside its content (docs/api.md "Statement sign-off and payroll batches"). */
export const statementStatusFields = {
  hash: z.string().regex(/^[0-9a-f]{64}$/).describe('SHA-256 (hex) of the statement’s canonical content (docs/rules.md “Statement sign-off”)'),
  status: z.enum(['CLOSED', 'APPROVED', 'PAID']),
  signoffs: z.array(z.object({ by: idOut, role: z.enum(['manager', 'finance']), at: instantOut }).strict()),
  onHold: z.object({ reason: z.string() }).strict().nullable().describe('why payroll holds the statement out of its batches; null when nothing holds it'),
};
