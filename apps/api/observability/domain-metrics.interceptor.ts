import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, tap } from 'rxjs';
import { MetricsService } from './metrics.service';

interface Decision {
  approvalId: string;
  status: 'APPROVED' | 'REJECTED';
  kind: 'GATE' | 'BONUS';
  gatePostings?: unknown[];
  bonusPostings?: unknown[];
}

const isDecision = (body: unknown): body is Decision => {
  const b = body as Partial<Decision> | null;
  return typeof b?.approvalId === 'string' && (b.status === 'APPROVED' || b.status === 'REJECTED') && (b.kind === 'GATE' || b.kind === 'BONUS');
};

interface CloseAnswer {
  period: string;
  alreadyClosed: boolean;
  status?: string;
}

const isFreshClose = (body: unknown): body is CloseAnswer => {
  const b = body as Partial<CloseAnswer> | null;
  return typeof b?.period === 'string' && b.alreadyClosed === false;
};

/**
 * Counts what the successful answers of the deal desk's and finance's commands say happened: a decision (with the
 * postings it wrote), a period closed by this request (with how long it took). A replayed answer (Idempotency-Key)
 * changed nothing and counts nothing.
 */
@Injectable()
export class DomainMetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: MetricsService) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<FastifyRequest>();
    if (req.method !== 'POST') return next.handle();
    const res = ctx.switchToHttp().getResponse<FastifyReply>();
    const started = process.hrtime.bigint();
    return next.handle().pipe(
      tap((body) => {
        if (res.getHeader('Idempotent-Replayed') === 'true') return;
        if (isDecision(body)) this.decision(body);
        else if (isFreshClose(body) && req.routeOptions.url?.startsWith('/periods/')) {
          this.metrics.periodCloseDuration.observe({ outcome: body.status ?? 'CLOSED' }, Number(process.hrtime.bigint() - started) / 1e9);
        }
      }),
    );
  }

  private decision(d: Decision): void {
    this.metrics.approvalsDecided.inc({ decision: d.status, kind: d.kind });
    const gate = d.gatePostings?.length ?? 0;
    const bonus = d.bonusPostings?.length ?? 0;
    if (gate > 0) this.metrics.postings.inc({ source: 'gate' }, gate);
    if (bonus > 0) this.metrics.postings.inc({ source: 'bonus' }, bonus);
  }
}
