import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Response } from 'express';
import { from, Observable, of, switchMap } from 'rxjs';
import { DataSource } from 'typeorm';
import { AuthedRequest } from './auth';
import { refuse } from './problem';

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${JSON.stringify(body ?? null)}`).digest('hex');
}

/**
 * `Idempotency-Key` on a POST: a repeat with the same key and body returns the first (successful) result and
 * changes nothing; the same key with another body is 409. Refusals are not stored, since they changed nothing.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly db: DataSource) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const res = ctx.switchToHttp().getResponse<Response>();
    const key = req.headers['idempotency-key'];
    if (req.method !== 'POST' || typeof key !== 'string' || !req.actor) return next.handle();
    if (!KEY_PATTERN.test(key)) throw refuse('VALIDATION_FAILED', 'Idempotency-Key must be 1-200 visible ASCII characters');
    const actorId = req.actor.id;
    const hash = requestHash(req.method, req.path, req.body);
    return from(this.db.query('SELECT * FROM http_idempotency WHERE actor_id = $1 AND key = $2', [actorId, key])).pipe(
      switchMap((rows: Array<{ body_hash: string; status_code: number; response: unknown }>) => {
        if (rows.length > 0) {
          if (rows[0].body_hash !== hash) {
            throw refuse('CONFLICT', 'this Idempotency-Key was already used with another request body');
          }
          res.status(rows[0].status_code);
          res.setHeader('Idempotent-Replayed', 'true');
          return of(rows[0].response);
        }
        return next.handle().pipe(
          switchMap((body) =>
            from(
              this.db
                .query(
                  `INSERT INTO http_idempotency (actor_id, key, method, path, body_hash, status_code, response)
                   VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT DO NOTHING`,
                  [actorId, key, req.method, req.path, hash, res.statusCode, JSON.stringify(body ?? null)],
                )
                .then(() => body),
            ),
          ),
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
