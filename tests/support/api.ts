import jwt from 'jsonwebtoken';
import { createHmac } from 'node:crypto';
import { OpenApiDocument, ResponseContract } from './openapi';

/**
 * THE test HTTP client, token minter and problem assertions, shared by the e2e suites (through `startHarness`), the
 * fault suite and the benchmark (through `Stack`). It has no jest dependency (the fault suite and the bench run as
 * compiled scripts), so its assertions throw plain errors whose message says what was wrong.
 */

export interface HttpResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * Who calls: `"sub:role1,role2"` (a token is minted with the client's secret), `{ token }` (sent as a bearer token),
 * `{ authorization }` (the header as given, for malformed credentials), or undefined (no credentials).
 */
export type Caller = string | { token: string } | { authorization: string } | undefined;

export interface RequestOptions {
  body?: unknown;
  /** Sent as is instead of `JSON.stringify(body)`. */
  raw?: string | Uint8Array;
  /** Default `application/json` when there is a body; `null` sends no content-type at all. */
  contentType?: string | null;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** false: this one response is not held to the OpenAPI document (say why where you use it). */
  contract?: boolean;
}

/** One compiled contract per distinct document (many harnesses serve the same one). */
const contracts = new Map<string, Promise<ResponseContract>>();

/** The contract of the API at `baseUrl`: its own /docs-json, fetched once. */
async function contractOf(baseUrl: string): Promise<ResponseContract> {
  const res = await fetch(`${baseUrl}/docs-json`);
  if (!res.ok) throw new Error(`GET ${baseUrl}/docs-json → ${res.status}: the API serves no OpenAPI document to check responses against`);
  const text = await res.text();
  let contract = contracts.get(text);
  if (!contract) {
    contract = Promise.resolve(new ResponseContract(JSON.parse(text) as OpenApiDocument));
    contracts.set(text, contract);
  }
  return contract;
}

/** An HS256 token with `sub`, `roles` and always an `exp` (default one hour). */
export function mintToken(secret: string, sub: string, roles: readonly string[], options: { expiresInSeconds?: number; claims?: Record<string, unknown> } = {}): string {
  return jwt.sign({ sub, roles: [...roles], ...(options.claims ?? {}) }, secret, { algorithm: 'HS256', expiresIn: options.expiresInSeconds ?? 3600 });
}

/** `"sub:role1,role2"` → sub and roles. */
export function parseCaller(as: string): { sub: string; roles: string[] } {
  const [sub, rolesText = ''] = as.split(':');
  return { sub, roles: rolesText.split(',').filter(Boolean) };
}

export class ApiClient {
  private readonly tokens = new Map<string, string>();
  private contract?: Promise<ResponseContract>;

  /**
   * `contract` (default on): every response to a route of the API's OpenAPI document (GET /docs-json, fetched once)
   * must be one it documents (status, content type, body schema), or the request throws naming the route, the status
   * and what does not match; so the document cannot drift from what the API does. Routes it lacks are not checked.
   */
  constructor(
    readonly baseUrl: string,
    readonly secret: string,
    private readonly defaults: { timeoutMs?: number; expiresInSeconds?: number; contract?: boolean } = {},
  ) {}

  /** A token for `sub` with `roles`, signed with this client's secret. */
  token(sub: string, ...roles: string[]): string {
    return mintToken(this.secret, sub, roles, { expiresInSeconds: this.defaults.expiresInSeconds });
  }

  /** The token of a `"sub:roles"` caller, minted once per client. */
  tokenFor(as: string): string {
    let token = this.tokens.get(as);
    if (!token) {
      const { sub, roles } = parseCaller(as);
      token = this.token(sub, ...roles);
      this.tokens.set(as, token);
    }
    return token;
  }

  authorization(caller: Caller): string | undefined {
    if (caller === undefined) return undefined;
    if (typeof caller === 'string') return `Bearer ${this.tokenFor(caller)}`;
    return 'token' in caller ? `Bearer ${caller.token}` : caller.authorization;
  }

  async request<T = any>(method: string, path: string, caller?: Caller, options: RequestOptions = {}): Promise<HttpResult<T>> {
    const headers: Record<string, string> = {};
    const authorization = this.authorization(caller);
    if (authorization !== undefined) headers.authorization = authorization;
    const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (body !== undefined && options.contentType !== null) headers['content-type'] = options.contentType ?? 'application/json';
    Object.assign(headers, options.headers ?? {});
    const timeoutMs = options.timeoutMs ?? this.defaults.timeoutMs;
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      // A Uint8Array body makes fetch send no content-type of its own (a string would get text/plain).
      body: body === undefined ? undefined : options.contentType === null && typeof body === 'string' ? new Uint8Array(Buffer.from(body)) : body,
      signal: timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined,
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    if ((options.contract ?? this.defaults.contract ?? true) && path !== '/docs-json') {
      this.contract ??= contractOf(this.baseUrl);
      const violation = (await this.contract).violation(method, path, { status: res.status, contentType: res.headers.get('content-type'), body: parsed });
      if (violation) throw new Error(`OpenAPI drift: ${violation}`);
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** The body of a call that must answer one of `expected`; anything else fails with the problem text. */
  async ok<T = any>(method: string, path: string, caller: Caller, body?: unknown, expected: number[] = [200, 201, 202], headers?: Record<string, string>): Promise<T> {
    const res = await this.request<T>(method, path, caller, { body, headers });
    return expectStatus(res, expected, `${method} ${path}${typeof caller === 'string' ? ` as ${caller}` : ''}`).body;
  }
}

/** Fails (throws) unless the status is one of `expected`, naming the call and the problem it answered. */
export function expectStatus<R extends { status: number; body: any }>(res: R, expected: number[], what = 'request'): R {
  if (!expected.includes(res.status)) throw new Error(`${what} → ${res.status}, expected ${expected.join('/')}: ${describeBody(res.body)}`);
  return res;
}

const describeBody = (body: unknown) => (typeof body === 'string' ? body.slice(0, 500) : JSON.stringify(body)?.slice(0, 2000));

/**
 * What is wrong with `res` as an RFC 9457 problem: the status (when given), the content-type
 * `application/problem+json`, the strings type/title/detail/code, and body.status equal to the HTTP status.
 * An empty list means it is one.
 */
export function problemShape(res: { status: number; headers: Headers; body: any }, status?: number): string[] {
  const problems: string[] = [];
  if (status !== undefined && res.status !== status) problems.push(`status ${res.status}, expected ${status}`);
  const ct = res.headers.get('content-type') ?? '';
  if (!/^application\/problem\+json\b/.test(ct)) problems.push(`content-type "${ct}"`);
  const b = res.body;
  if (!b || typeof b !== 'object' || Array.isArray(b)) return [...problems, `body is not a problem object: ${String(b).slice(0, 120)}`];
  for (const f of ['type', 'title', 'detail', 'code']) if (typeof b[f] !== 'string' || !b[f]) problems.push(`${f} missing`);
  if (b.status !== res.status) problems.push(`body.status ${b.status} ≠ HTTP ${res.status}`);
  return problems;
}

/** Fails unless `res` is a problem+json with this status (and this code, when given). */
export function expectProblem(res: HttpResult, status: number, code?: string): void {
  const problems = problemShape(res, status);
  if (code !== undefined && res.body?.code !== code) problems.unshift(`code ${JSON.stringify(res.body?.code)}, expected ${code}`);
  if (problems.length) throw new Error(`expected a ${status}${code ? ` ${code}` : ''} problem: ${problems.join('; ')}\n  body: ${describeBody(res.body)}`);
}

const b64url = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

/**
 * A hand-built JWS for refusal tests only (tampered, unsigned, mis-signed or malformed tokens the minter above will
 * not produce): `header.payload.signature`, the signature an HMAC of `alg` over the first two parts with `secret`,
 * or empty for `alg: 'none'`.
 */
export function forgeToken(header: object, payload: unknown, secret = '', alg: 'sha256' | 'sha384' | 'sha512' | 'none' = 'sha256'): string {
  const signingInput = `${b64url(header)}.${b64url(payload)}`;
  return `${signingInput}.${alg === 'none' ? '' : hmacSignature(alg, secret, signingInput)}`;
}

/** The base64url HMAC of `input`, as a JWS signature. */
export function hmacSignature(alg: 'sha256' | 'sha384' | 'sha512', secret: string, input: string): string {
  return createHmac(alg, secret).update(input).digest('base64url');
}

export { b64url };
