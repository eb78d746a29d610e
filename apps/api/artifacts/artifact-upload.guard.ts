import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TrancheConfig } from '../../../libs/platform/config';
import { refuse } from '../http/problem';
import { CONFIG } from '../tokens';

/** The file part of an upload as multer hands it over (multer ships no types, and @types/multer is not installed). */
export interface UploadedFile {
  fieldname: string;
  originalname: string;
  size: number;
  buffer: Buffer;
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;
interface Multer {
  (options: object): { single(field: string): Middleware };
  memoryStorage(): object;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const multer: Multer = require('multer');

/** The one route that takes multipart/form-data: the evidence upload (POST /deals/{id}/artifacts); app.ts lets it through. */
export const ARTIFACT_UPLOAD_PATH = /^\/deals\/[^/]+\/artifacts\/?$/;

const MULTIPART = /^multipart\/form-data\s*(;|$)/i;

/** Whether the request's body is multipart/form-data. */
export function isMultipart(req: { headers: { 'content-type'?: string } }): boolean {
  return MULTIPART.test(req.headers['content-type'] ?? '');
}

export const FILE_FIELD = 'file';

/**
 * Reads the one `file` part of a multipart upload into memory, at most ARTIFACT_MAX_BYTES (413 past it). A guard
 * rather than an interceptor, for its place in Nest's order: guards run after authentication (the global AuthGuard),
 * so no anonymous body is read, and before every interceptor, so the Idempotency-Key interceptor hashes the file.
 * A request that is not multipart passes untouched.
 */
@Injectable()
export class ArtifactUploadGuard implements CanActivate {
  private readonly parse: Middleware;
  private readonly maxBytes: number;

  constructor(@Inject(CONFIG) config: TrancheConfig) {
    this.maxBytes = config.artifacts.maxBytes;
    this.parse = multer({
      storage: multer.memoryStorage(),
      defParamCharset: 'utf8',
      limits: { fileSize: config.artifacts.maxBytes, files: 1, fields: 0, parts: 1, headerPairs: 20 },
    }).single(FILE_FIELD);
  }

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<FastifyRequest & { file?: UploadedFile }>();
    if (!isMultipart(req)) return true;
    // app.ts leaves a multipart body unread, so multer reads the Node request's stream itself.
    const raw = req.raw as IncomingMessage & { file?: UploadedFile };
    await new Promise<void>((resolve, reject) => this.parse(raw, ctx.switchToHttp().getResponse<{ raw: ServerResponse }>().raw, (err?: unknown) => (err ? reject(uploadRefusal(err, this.maxBytes)) : resolve())));
    req.file = raw.file;
    return true;
  }
}

function uploadRefusal(err: unknown, maxBytes: number) {
  const { code, message } = err as { code?: string; message?: string };
  if (code === 'LIMIT_FILE_SIZE') return refuse('PAYLOAD_TOO_LARGE', `an evidence file may have at most ${maxBytes} bytes (ARTIFACT_MAX_BYTES)`);
  if (code === 'LIMIT_UNEXPECTED_FILE' || code === 'LIMIT_FILE_COUNT' || code === 'LIMIT_PART_COUNT' || code === 'LIMIT_FIELD_COUNT') {
    return refuse('VALIDATION_FAILED', `send exactly one part, the file, named "${FILE_FIELD}"`, [{ path: FILE_FIELD, message: 'exactly one file part named file' }]);
  }
  return refuse('VALIDATION_FAILED', `the multipart body could not be read: ${message ?? 'malformed'}`);
}
