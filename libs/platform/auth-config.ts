import { z } from 'zod';

/** docs/rules.md "Access scope": nobody stays signed in longer than a token may live (12 hours). */
export const MAX_SESSION_TTL_MINUTES = 12 * 60;
export const DEFAULT_SESSION_TTL_MINUTES = 480;

/** The OpenID provider the API signs people in with (authorization code + PKCE). */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** Where the roles are in the ID token's claims: a claim name, or a dotted path (`realm_access.roles`). */
  rolesClaim: string;
  /** The scopes asked for (OIDC_SCOPE, default `openid profile roles`). */
  scope: string;
  /** The `prompt` sent with every sign-in (default `login`: the provider asks again after a logout); empty: none. */
  prompt?: string;
}

export interface SignInConfig {
  /** The API's public origin and base (PUBLIC_URL, default http://127.0.0.1:API_PORT); the origin cookie-authenticated writes must come from. */
  publicUrl: string;
  /** Undefined: sign-in is not configured and its routes answer 503. */
  oidc?: OidcConfig;
  sessionTtlMinutes: number;
  /** False only when PUBLIC_URL is plain http on a loopback host (local use, tests): the browser would drop it. */
  secureCookies: boolean;
  /** The persona picker (POST /auth/dev-login): AUTH_DEV_SECRET is set and NODE_ENV is not production. */
  devLogin: boolean;
}

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

const url = (name: string) =>
  z.string().refine(
    (v) => {
      try {
        return ['http:', 'https:'].includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    (v) => ({ message: `${name} must be an http(s) URL, got ${v}` }),
  );

const signInEnvironment = z.object({
  PUBLIC_URL: url('PUBLIC_URL').optional(),
  OIDC_ISSUER: url('OIDC_ISSUER').optional(),
  OIDC_CLIENT_ID: z.string().min(1, 'OIDC_CLIENT_ID must not be empty').optional(),
  OIDC_CLIENT_SECRET: z.string().min(1, 'OIDC_CLIENT_SECRET must not be empty').optional(),
  OIDC_REDIRECT_URI: url('OIDC_REDIRECT_URI').optional(),
  OIDC_ROLES_CLAIM: z.string().min(1, 'OIDC_ROLES_CLAIM must not be empty').default('roles'),
  OIDC_SCOPE: z.string().default('openid profile roles'),
  OIDC_PROMPT: z.string().default('login'),
  SESSION_TTL_MINUTES: z
    .string()
    .default(String(DEFAULT_SESSION_TTL_MINUTES))
    .refine((v) => /^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= MAX_SESSION_TTL_MINUTES, (v) => ({
      message: `SESSION_TTL_MINUTES must be a whole number from 1 to ${MAX_SESSION_TTL_MINUTES} (12 hours), got ${v}`,
    }))
    .transform(Number),
  AUTH_DEV_SECRET: z.string().min(1, 'AUTH_DEV_SECRET must not be empty').optional(),
});

/** The sign-in part of the configuration, or the problems to name (loadConfig fails fast on them with the others). */
export function loadSignInConfig(env: NodeJS.ProcessEnv, apiPort: number, production: boolean): { config?: SignInConfig; problems: string[] } {
  const parsed = signInEnvironment.safeParse(env);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => i.message) };
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://127.0.0.1:${apiPort}`).replace(/\/+$/, '');
  const problems: string[] = [];
  const secureCookies = !isPlainHttpLoopback(publicUrl);
  let oidc: OidcConfig | undefined;
  if (e.OIDC_ISSUER !== undefined) {
    if (e.OIDC_CLIENT_ID === undefined) problems.push('OIDC_CLIENT_ID is required when OIDC_ISSUER is set');
    if (e.OIDC_CLIENT_SECRET === undefined) problems.push('OIDC_CLIENT_SECRET is required when OIDC_ISSUER is set');
    oidc = {
      issuer: e.OIDC_ISSUER,
      clientId: e.OIDC_CLIENT_ID ?? '',
      clientSecret: e.OIDC_CLIENT_SECRET ?? '',
      redirectUri: e.OIDC_REDIRECT_URI ?? `${publicUrl}/auth/callback`,
      rolesClaim: e.OIDC_ROLES_CLAIM,
      scope: e.OIDC_SCOPE.split(/\s+/).includes('openid') ? e.OIDC_SCOPE : `openid ${e.OIDC_SCOPE}`.trim(),
      prompt: e.OIDC_PROMPT || undefined,
    };
  }
  if (production && oidc && !secureCookies) problems.push('PUBLIC_URL must be the https URL people reach the API at when sign-in is configured in production');
  const devLogin = e.AUTH_DEV_SECRET !== undefined && !production;
  return { problems, config: { publicUrl, oidc, sessionTtlMinutes: e.SESSION_TTL_MINUTES, secureCookies, devLogin } };
}

export function isPlainHttpLoopback(publicUrl: string): boolean {
  const u = new URL(publicUrl);
  return u.protocol === 'http:' && LOOPBACK_HOSTS.includes(u.hostname);
}
