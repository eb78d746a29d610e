export const DEFAULT_RETURN_TO = '/console/';

const PLACEHOLDER_ORIGIN = 'http://tranche.invalid';

/**
 * Where the browser goes after signing in: a path of this origin under /console, or the console's home. Anything
 * else (another origin, `//host`, `/\host`, a scheme, a path that leaves /console once normalized) is ignored, so
 * the sign-in cannot be used as an open redirect.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return DEFAULT_RETURN_TO;
  if (/[\u0000-\u001f\u007f]/.test(value) || value.length > 2048) return DEFAULT_RETURN_TO;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return DEFAULT_RETURN_TO;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return DEFAULT_RETURN_TO;
  if (url.pathname !== '/console' && !url.pathname.startsWith('/console/')) return DEFAULT_RETURN_TO;
  return `${url.pathname}${url.search}${url.hash}`;
}
