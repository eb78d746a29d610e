import { refuse } from '../http/problem';

/** Methods that change state: a session cookie authenticates them only from the API's own origin. */
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF defence in depth for cookie-authenticated requests (SameSite=Strict is the first): a state-changing request
 * whose `Origin` header is present and is not the API's own origin is refused with 403. A request without `Origin`
 * (not a browser's cross-origin request: browsers send it on every cross-origin POST) passes.
 */
export function refuseForeignOrigin(method: string, origin: string | string[] | undefined, ownOrigin: string): void {
  if (!UNSAFE_METHODS.has(method.toUpperCase()) || origin === undefined) return;
  const sent = Array.isArray(origin) ? origin.join(',') : origin;
  if (sent !== ownOrigin) throw refuse('FORBIDDEN', `a request signed in by the session cookie must come from ${ownOrigin}, not ${sent}`);
}

/** The origin (scheme, host, port) of the API's public URL. */
export const originOf = (publicUrl: string): string => new URL(publicUrl).origin;
