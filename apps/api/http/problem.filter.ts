import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, ApplicationFailure, WorkflowFailedError, ServiceError } from '@temporalio/client';
import type { FastifyReply as Response } from 'fastify';
import { ZodError } from 'zod';
import { isRefusalCode, RefusalCode, RefusalError } from '../../../libs/domain';
import { ProblemBody, ProblemError, problemBody, statusForCode } from './problem';

const CODE_BY_STATUS: Record<number, RefusalCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  503: 'SERVICE_UNAVAILABLE',
};

/** Maps every error to problem+json; a refusal from a workflow keeps the code the workflow gave it. */
export function toProblem(err: unknown): ProblemBody {
  if (err instanceof ProblemError) return problemBody(err.status, err.code, err.message, err.errors);
  if (err instanceof ZodError) {
    const errors = err.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
    return problemBody(400, 'VALIDATION_FAILED', 'the request body does not match the contract', errors);
  }
  if (err instanceof RefusalError) return problemBody(statusForCode(err.code), err.code, err.message);
  if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowFailedError) {
    for (let cause: unknown = err.cause; cause instanceof Error; cause = (cause as Error).cause) {
      if (cause instanceof ApplicationFailure && isRefusalCode(cause.type)) return problemBody(statusForCode(cause.type), cause.type, cause.message);
    }
  }
  if (err instanceof WorkflowNotFoundError) return problemBody(404, 'NOT_FOUND', 'no such resource');
  if (err instanceof HttpException) {
    const status = err.getStatus();
    const response = err.getResponse();
    const detail = typeof response === 'string' ? response : ((response as { message?: unknown }).message ?? err.message);
    return problemBody(status, CODE_BY_STATUS[status] ?? 'CONFLICT', Array.isArray(detail) ? detail.join('; ') : String(detail));
  }
  const httpish = err as { status?: number; statusCode?: number; type?: string; message?: string };
  const status = httpish?.status ?? httpish?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const detail = httpish.type === 'entity.parse.failed' ? 'the request body is not valid JSON' : (httpish.message ?? 'bad request');
    return problemBody(status, CODE_BY_STATUS[status] ?? 'VALIDATION_FAILED', detail);
  }
  const unavailable = dependencyDown(err);
  if (unavailable) return problemBody(503, 'SERVICE_UNAVAILABLE', `${unavailable}; retry with the same Idempotency-Key`);
  return problemBody(500, 'INTERNAL', 'an unexpected error occurred; it has been logged');
}

/** A dependency outage is the server's trouble, not the caller's: 503, and safe to retry. Returns what is wrong. */
function dependencyDown(err: unknown): string | undefined {
  const e = err as { code?: unknown; message?: string; driverError?: { code?: unknown; message?: string } };
  const codes = [e?.code, e?.driverError?.code];
  const text = `${e?.message ?? ''} ${e?.driverError?.message ?? ''}`;
  // pg-pool gives up after connectionTimeoutMillis with the same message whether PostgreSQL is down or merely saturated.
  if (/timeout exceeded when trying to connect/i.test(text)) return 'no PostgreSQL connection came free in time (the database is unreachable or every connection is busy)';
  if (codes.some((c) => c === 'ECONNREFUSED' || c === 'ECONNRESET' || c === '57P01' || c === '57P03') || /Connection terminated|connect ECONNREFUSED|the database system is (starting up|shutting down)/i.test(text)) {
    return 'PostgreSQL is not reachable right now';
  }
  if (err instanceof ServiceError && (err.cause as { code?: number } | undefined)?.code === 14) return 'Temporal is not reachable right now';
  if (err instanceof ServiceError && /UNAVAILABLE|ECONNREFUSED/.test(text)) return 'Temporal is not reachable right now';
  return undefined;
}

export function sendProblem(res: Response, problem: ProblemBody): void {
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(err: unknown, host: ArgumentsHost): void {
    this.answer(err, host.switchToHttp().getResponse<Response>());
  }

  /** Also Fastify's error handler, for the errors it raises itself (a body that will not parse, 415, 413). */
  answer(err: unknown, res: Response): void {
    const problem = toProblem(err);
    if (problem.status >= 500) this.logger.error(err instanceof Error ? err.stack : String(err));
    sendProblem(res, problem);
  }
}
