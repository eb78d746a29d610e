import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Response } from 'express';
import { from, Observable, of, switchMap } from 'rxjs';
import { IdempotencyRepository } from '../../../libs/persistence/idempotency.repository';
import { AuthedRequest } from '../auth/actor';
import { refuse } from './problem';
import { requestHash } from './request-hash';

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/**
 * `Idempotency-Key` on a POST: a repeat with the same key and body returns the first (successful) result and
 * changes nothing; the same key with another body is 409. Refusals are not stored, since they changed nothing.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly responses: IdempotencyRepository) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const key = req.headers['idempotency-key'];
    if (req.method !== 'POST' || typeof key !== 'string' || !req.actor) return next.handle();
    if (!KEY_PATTERN.test(key)) throw refuse('VALIDATION_FAILED', 'Idempotency-Key must be 1-200 visible ASCII characters');
    const actorId = req.actor.id;
    const bodyHash = requestHash(req.method, req.path, req.body);
    return from(this.responses.find(actorId, key)).pipe(
      switchMap((stored) => {
        if (stored) {
          if (stored.bodyHash !== bodyHash) throw refuse('CONFLICT', 'this Idempotency-Key was already used with another request body');
          res.status(stored.statusCode);
          res.setHeader('Idempotent-Replayed', 'true');
          return of(stored.response);
        }
        return next.handle().pipe(
          switchMap((body) => from(this.responses.save(actorId, key, { method: req.method, path: req.path, bodyHash }, res.statusCode, body).then(() => body))),
        );
      }),
    );
  }
}

/** The Temporal update id for a request: the caller's key when given, so a retried update is deduplicated. */
export function updateIdFor(req: AuthedRequest, scope: string): string | undefined {
  const key = req.headers['idempotency-key'];
  return typeof key === 'string' && req.actor ? `${scope}:${req.actor.id}:${key}` : undefined;
}
