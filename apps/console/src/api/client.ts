import createClient from 'openapi-fetch';
import type { paths } from './schema';

/**
 * The API on the same origin: the session cookie (HttpOnly, set by /auth/callback) goes with every request, and no
 * script ever holds a token. Paths are checked against the OpenAPI document: a route the API drops fails the build.
 */
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

export interface ProblemBody {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code?: string;
  errors?: Array<{ path: string; message: string }>;
}

/** An RFC 9457 problem: its words for the page, and per field for the form that caused it. */
export class Problem extends Error {
  constructor(readonly body: ProblemBody) {
    super(body.detail ?? body.title ?? `request failed (${body.status})`);
  }
  get code() {
    return this.body.code;
  }
  get status() {
    return this.body.status;
  }
  /** The messages the problem names for `field` (its `errors[].path`, e.g. "splits.0.share"). */
  fieldErrors(field: string): string | undefined {
    const messages = (this.body.errors ?? []).filter((e) => e.path === field || e.path.startsWith(`${field}.`)).map((e) => e.message);
    return messages.length ? messages.join('; ') : undefined;
  }
  /** The errors no field on the form shows. */
  unclaimed(fields: string[]): string[] {
    return (this.body.errors ?? []).filter((e) => !fields.some((f) => e.path === f || e.path.startsWith(`${f}.`))).map((e) => `${e.path}: ${e.message}`);
  }
}

type GetPath = { [P in keyof paths]: paths[P] extends { get: any } ? P : never }[keyof paths];
type PostPath = { [P in keyof paths]: paths[P] extends { post: any } ? P : never }[keyof paths];

async function unwrap<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    const body = (error && typeof error === 'object' ? error : {}) as Partial<ProblemBody>;
    throw new Problem({ ...body, status: response.status });
  }
  return data as T;
}

/** GET a documented route; `path` fills `{id}`-style parameters. */
export function get<T>(route: GetPath, options: { path?: Record<string, string>; query?: Record<string, string | number | undefined> } = {}): Promise<T> {
  return unwrap<T>((api.GET as any)(route, { params: { path: options.path, query: options.query } }));
}

/** POST a command with its Idempotency-Key: a retry of the same dialog changes nothing twice. */
export function post<T>(route: PostPath, idempotencyKey: string, body: unknown, path?: Record<string, string>): Promise<T> {
  return unwrap<T>((api.POST as any)(route, { params: { path }, body, headers: { 'Idempotency-Key': idempotencyKey } }));
}

export const newIdempotencyKey = () => `console:${crypto.randomUUID()}`;
