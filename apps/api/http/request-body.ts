import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ARTIFACT_UPLOAD_PATH, isMultipart } from '../artifacts/artifact-upload.guard';

/** No contract body comes near this; a larger one is 413. */
export const MAX_JSON_BYTES = 256 * 1024;
/** No contract body nests deeper than a few levels; far deeper JSON would overflow JSON.stringify downstream (a 500). */
const MAX_JSON_DEPTH = 32;

const JSON_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;
const CHARSET = /;\s*charset=("?[^;\s]+"?)/i;
/** The path of a request URL, without its query (Express's `req.path`; Fastify has no such field). */
export const pathOf = (url: string): string => url.split('?', 1)[0];

const httpError = (status: number, message: string) => Object.assign(new Error(message), { status });

/**
 * What the API reads as a body: JSON (application/json or application/*+json) on every route, and multipart/form-data
 * on the evidence upload alone, left unread for ArtifactUploadGuard. A POST with a body of any other type, another
 * charset than UTF-8 or a Content-Encoding is 415 before anything is read; any other body is not read at all.
 */
export function acceptBodies(http: FastifyInstance): void {
  http.addHook('onRequest', (req, _reply, done) => done(refusedMediaType(req)));
  http.removeAllContentTypeParsers();
  const parseJson = (_req: FastifyRequest, body: string | Buffer, done: (err: Error | null, body?: unknown) => void) => {
    try {
      done(null, parseStrictJson(body as Buffer));
    } catch (err) {
      done(err as Error, undefined);
    }
  };
  http.addContentTypeParser('application/json', { parseAs: 'buffer' }, parseJson);
  http.addContentTypeParser(/^application\/[\w.-]+\+json$/i, { parseAs: 'buffer' }, parseJson);
  http.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
}

function refusedMediaType(req: FastifyRequest): Error | undefined {
  if (req.method !== 'POST') return undefined;
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return undefined;
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') return httpError(415, `send the body without Content-Encoding (${encoding} is not read)`);
  const type = req.headers['content-type'] ?? '';
  if (JSON_TYPE.test(type)) {
    const charset = CHARSET.exec(type)?.[1]?.replace(/"/g, '').toLowerCase();
    return charset === undefined || charset === 'utf-8' || charset === 'utf8' ? undefined : httpError(415, `send the JSON body as UTF-8 (charset ${charset} is not read)`);
  }
  if (isMultipart(req) && ARTIFACT_UPLOAD_PATH.test(pathOf(req.url))) return undefined;
  return httpError(415, 'send the body as application/json');
}

/** An object or an array, nested at most MAX_JSON_DEPTH deep; an empty body is `{}`. */
export function parseStrictJson(buf: Buffer): unknown {
  if (buf.length === 0) return {};
  refuseDeepJson(buf);
  let i = 0;
  while (i < buf.length && (buf[i] === 0x20 || buf[i] === 0x09 || buf[i] === 0x0a || buf[i] === 0x0d)) i++;
  if (buf[i] !== 0x7b && buf[i] !== 0x5b) throw httpError(400, 'the request body is not valid JSON');
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    throw httpError(400, 'the request body is not valid JSON');
  }
}

/** Scans the raw body before it is parsed and refuses (400) nesting deeper than MAX_JSON_DEPTH. */
function refuseDeepJson(buf: Buffer): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) throw httpError(400, `the request body nests deeper than ${MAX_JSON_DEPTH} levels`);
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
}
