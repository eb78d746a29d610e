import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply as Response } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { IdempotencyRepository } from '../../../libs/persistence/idempotency.repository';
import { AuthedRequest } from '../auth/actor';
import { refuse } from './problem';
import { requestHash } from './request-hash';
import { pathOf } from './request-body';

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
/** How long a request waits for another one holding its key before answering 503 (retry with the same key). */
const WAIT_MS = 60_000;
/**
 * A claim is a lease: its request renews it every RENEW_MS while it runs, so a claim not renewed for
 * STALE_CLAIM_SECONDS belongs to a process that died, and the next request with the key takes it over. A takeover
 * while the first still runs would be harmless anyway: every command below is deduplicated by the key.
 */
const RENEW_MS = 3_000;
const STALE_CLAIM_SECONDS = 12;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `Idempotency-Key` on a POST: a repeat with the same key and body returns the first (successful) result and
 * changes nothing; the same key with another body is 409. Refusals are not stored, since they changed nothing.
 * Concurrent requests with one key are serialized: the first claims the key (a row in flight with its body hash),
 * the others wait for it and replay its answer, or get 409 at once for another body; a refused request releases
 * its claim, and a waiting one with the same body then runs itself.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly responses: IdempotencyRepository) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const key = req.headers['idempotency-key'];
    const path = pathOf(req.url);
    if (req.method !== 'POST' || typeof key !== 'string' || !req.actor) return next.handle();
    if (!KEY_PATTERN.test(key)) throw refuse('VALIDATION_FAILED', 'Idempotency-Key must be 1-200 visible ASCII characters');
    return from(this.once(req.actor.id, key, { method: req.method, path, bodyHash: requestHash(req.method, path, req.body, uploadedBytes(req)) }, res, next));
  }

  private async once(actorId: string, key: string, request: { method: string; path: string; bodyHash: string }, res: Response, next: CallHandler): Promise<unknown> {
    const deadline = Date.now() + WAIT_MS;
    for (let pause = 20; ; pause = Math.min(pause * 2, 250)) {
      const claim = await this.responses.claim(actorId, key, request, STALE_CLAIM_SECONDS);
      if (claim.kind === 'claimed') return this.run(actorId, key, request.bodyHash, res, next);
      const bodyHash = claim.kind === 'done' ? claim.stored.bodyHash : claim.bodyHash;
      if (bodyHash !== request.bodyHash) throw refuse('CONFLICT', 'this Idempotency-Key was already used with another request body');
      if (claim.kind === 'done') {
        res.status(claim.stored.statusCode);
        res.header('Idempotent-Replayed', 'true');
        return claim.stored.response;
      }
      if (Date.now() > deadline) throw refuse('SERVICE_UNAVAILABLE', 'a request with this Idempotency-Key is still being processed; retry with the same key');
      await sleep(pause);
    }
  }

  private async run(actorId: string, key: string, bodyHash: string, res: Response, next: CallHandler): Promise<unknown> {
    const lease = setInterval(() => void this.responses.renew(actorId, key, bodyHash).catch(() => undefined), RENEW_MS);
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (err) {
      await this.responses.release(actorId, key, bodyHash).catch(() => undefined);
      throw err;
    } finally {
      clearInterval(lease);
    }
    await this.responses.complete(actorId, key, bodyHash, res.statusCode, body);
    return body;
  }
}

/** The bytes of a multipart upload (read by ArtifactUploadGuard before any interceptor), so they count in the request's hash. */
function uploadedBytes(req: AuthedRequest): Uint8Array | undefined {
  return (req as AuthedRequest & { file?: { buffer?: Buffer } }).file?.buffer;
}

/** The Temporal update id for a request: the caller's key when given, so a retried update is deduplicated. */
export function updateIdFor(req: AuthedRequest, scope: string): string | undefined {
  const key = req.headers['idempotency-key'];
  return typeof key === 'string' && req.actor ? `${scope}:${req.actor.id}:${key}` : undefined;
}
