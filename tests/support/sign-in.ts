import { Hop, TestBrowser } from './browser';

/**
 * The OpenID Connect code flow as a browser runs it, in steps a test can interfere with: the API's /auth/login, the
 * provider's login form, and the redirect back to the API's callback (not followed, so the test decides).
 */

/** GET /auth/login and follow it to the provider's login page. */
export async function openLoginPage(browser: TestBrowser, apiBase: string, returnTo?: string): Promise<{ login: Hop; page: Hop }> {
  const query = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
  const hops = await browser.navigate(`${apiBase}/auth/login${query}`);
  const page = hops[hops.length - 1];
  if (page.status !== 200 || !page.body.includes('<form')) throw new Error(`expected the provider's login page, got ${page.status} at ${page.url}: ${page.body.slice(0, 300)}`);
  return { login: hops[0], page };
}

/** Submits the login form and follows the provider until it sends the browser back to the API's callback. */
export async function authorize(browser: TestBrowser, apiBase: string, page: Hop, username: string, password: string): Promise<string> {
  const submitted = await browser.submitForm(page, { username, password });
  if (!submitted.location) throw new Error(`the provider refused the login (${submitted.status}): ${submitted.body.slice(0, 300)}`);
  const callback = `${apiBase}/auth/callback`;
  const hops = await browser.navigate(submitted.location, { stopAt: (url) => url.startsWith(callback) });
  const last = hops[hops.length - 1];
  if (!last.location?.startsWith(callback)) throw new Error(`the provider did not send the browser back to ${callback}: ${last.status} ${last.url} ${last.body.slice(0, 300)}`);
  return last.location;
}

/** The whole flow: returns the callback's answer (302 to returnTo with the session cookie, if all went well). */
export async function signIn(browser: TestBrowser, apiBase: string, username: string, password: string, returnTo?: string): Promise<Hop> {
  const { page } = await openLoginPage(browser, apiBase, returnTo);
  return browser.request('GET', await authorize(browser, apiBase, page, username, password));
}
