import { z } from 'zod';

export const devLoginSchema = z.object({ username: z.string().min(1, 'username must not be empty').max(100) }).strict();

/** GET /auth/me */
export const meSchema = z.object({ sub: z.string(), roles: z.array(z.string()), name: z.string() }).strict();

/** GET /auth/login: where the browser lands after signing in (a path under /console; anything else is ignored). */
export const loginQuery = z.object({ returnTo: z.string().optional() });

/** GET /auth/config: what the console's sign-in page offers. */
export const authConfigSchema = z.object({
  loginUrl: z.string(),
  personas: z.array(z.object({ username: z.string(), name: z.string(), roles: z.array(z.string()) }).strict()).nullable(),
}).strict();
