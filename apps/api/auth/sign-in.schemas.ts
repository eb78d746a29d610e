import { z } from 'zod';
import { named } from '../http/openapi';

export const devLoginSchema = z.object({ username: z.string().min(1, 'username must not be empty').max(100) }).strict();

/** GET /auth/me */
export const meSchema = z.object({ sub: z.string(), roles: z.array(z.string()), name: z.string() }).strict();

/** GET /auth/login: where the browser lands after signing in (a path under /console; anything else is ignored). */
export const loginQuery = z.object({ returnTo: z.string().optional() });

/** The business clock the console's banner shows (docs/api.md "Console and sign-in"). */
export const businessClockSchema = named('BusinessClock', z
  .object({
    mode: z.enum(['wall', 'manual']).describe('wall: business dates follow the server clock; manual: each command names its date, which may lie in the future'),
    today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).describe("the server's date (UTC): under wall the latest business date accepted; under manual only the wall date"),
    firstOpenPeriod: z.string().regex(/^\d{4}-Q[1-4]$/).nullable().describe('the first period not yet closed, where postings land now; null while there are no reps'),
  })
  .strict());

/** GET /auth/config: what the console's sign-in page offers, and the business clock for its banner. */
export const authConfigSchema = z.object({
  loginUrl: z.string(),
  businessClock: businessClockSchema,
  personas: z.array(z.object({ username: z.string(), name: z.string(), roles: z.array(z.string()) }).strict()).nullable(),
}).strict();
