import { z } from 'zod';

/** The statement hash the signer read (docs/rules.md "Statement sign-off"): 64 hex digits, case-insensitive. */
export const signoffSchema = z
  .object({ hash: z.string().max(64).regex(/^[0-9a-fA-F]{64}$/, 'must be the statement hash: 64 hexadecimal digits') })
  .strict();
