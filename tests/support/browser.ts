/**
 * A minimal browser for sign-in flows over HTTP: a cookie jar (host and path matching, ports ignored like browsers
 * do, Secure cookies only over https, expiry and deletion) and requests whose redirects are followed by hand, so a
 * test sees every hop. No jest dependency.
 */

interface StoredCookie {
  name: string;
  value: string;
  host: string;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  sameSite?: string;
  expiresAt?: number;
}

export interface Hop {
  method: string;
  url: string;
  status: number;
  location?: string;
  headers: Headers;
  body: string;
}

export class CookieJar {
  private cookies: StoredCookie[] = [];

  /** Stores the response's Set-Cookie headers as a browser at `url` would. */
  store(url: string, headers: Headers): void {
    const { hostname, pathname } = new URL(url);
    for (const line of headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((s) => s.trim());
      const eq = pair.indexOf('=');
      const cookie: StoredCookie = { name: pair.slice(0, eq), value: pair.slice(eq + 1), host: hostname, path: defaultPath(pathname), secure: false, httpOnly: false };
      for (const attribute of attributes) {
        const [key, ...rest] = attribute.split('=');
        const value = rest.join('=');
        const k = key.toLowerCase();
        if (k === 'path' && value.startsWith('/')) cookie.path = value;
        else if (k === 'secure') cookie.secure = true;
        else if (k === 'httponly') cookie.httpOnly = true;
        else if (k === 'samesite') cookie.sameSite = value;
        else if (k === 'max-age') cookie.expiresAt = Date.now() + Number(value) * 1000;
        else if (k === 'expires' && cookie.expiresAt === undefined) cookie.expiresAt = Date.parse(value);
      }
      this.cookies = this.cookies.filter((c) => !(c.name === cookie.name && c.host === cookie.host && c.path === cookie.path));
      if (cookie.expiresAt === undefined || cookie.expiresAt > Date.now()) this.cookies.push(cookie);
    }
  }

  /** The Cookie header for a request to `url`, most specific path first (undefined: none). */
  header(url: string): string | undefined {
    const matching = this.matching(url).sort((a, b) => b.path.length - a.path.length);
    return matching.length ? matching.map((c) => `${c.name}=${c.value}`).join('; ') : undefined;
  }

  /** The stored cookie `name` that a request to `url` would carry. */
  get(url: string, name: string): StoredCookie | undefined {
    return this.matching(url).find((c) => c.name === name);
  }

  /** Sets (replaces) a cookie as if `url` had sent it. */
  set(url: string, name: string, value: string, path = '/'): void {
    this.store(url, new Headers([['set-cookie', `${name}=${value}; Path=${path}`]]));
  }

  /** Deletes a cookie as if `url` had expired it. */
  remove(url: string, name: string, path = '/'): void {
    this.store(url, new Headers([['set-cookie', `${name}=; Path=${path}; Max-Age=0`]]));
  }

  private matching(url: string): StoredCookie[] {
    const { hostname, pathname, protocol } = new URL(url);
    return this.cookies.filter(
      (c) =>
        c.host === hostname &&
        (pathname === c.path || pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)) &&
        (!c.secure || protocol === 'https:') &&
        (c.expiresAt === undefined || c.expiresAt > Date.now()),
    );
  }
}

const defaultPath = (pathname: string) => (pathname.lastIndexOf('/') > 0 ? pathname.slice(0, pathname.lastIndexOf('/')) : '/');

export class TestBrowser {
  readonly jar = new CookieJar();

  /** One request, no redirect followed; cookies sent and stored. */
  async request(method: string, url: string, options: { form?: Record<string, string>; json?: unknown; headers?: Record<string, string> } = {}): Promise<Hop> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    const cookie = this.jar.header(url);
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const res = await fetch(url, { method, headers, body, redirect: 'manual' });
    this.jar.store(url, res.headers);
    const location = res.headers.get('location') ?? undefined;
    return { method, url, status: res.status, location: location && new URL(location, url).toString(), headers: res.headers, body: await res.text() };
  }

  /**
   * GET `url` and follow redirects (a 303, or a 302 after a GET, becomes a GET) until a non-redirect answer or
   * until `stopAt(url)` says a hop's target is where the test takes over; every hop is returned.
   */
  async navigate(url: string, options: { stopAt?: (url: string) => boolean; maxHops?: number } = {}): Promise<Hop[]> {
    const hops: Hop[] = [];
    let next: string | undefined = url;
    while (next !== undefined) {
      if (hops.length >= (options.maxHops ?? 10)) throw new Error(`too many redirects: ${hops.map((h) => h.url).join(' → ')}`);
      const hop = await this.request('GET', next);
      hops.push(hop);
      next = hop.status >= 300 && hop.status < 400 && hop.location && !options.stopAt?.(hop.location) ? hop.location : undefined;
    }
    return hops;
  }

  /** Submits the first form of an HTML page (its action resolved against the page's URL) with `fields`. */
  async submitForm(page: Hop, fields: Record<string, string>): Promise<Hop> {
    const action = /<form[^>]*action="([^"]+)"/i.exec(page.body)?.[1];
    if (!action) throw new Error(`no form on ${page.url}: ${page.body.slice(0, 300)}`);
    return this.request('POST', new URL(action.replace(/&amp;/g, '&'), page.url).toString(), { form: fields });
  }
}
