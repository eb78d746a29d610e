import { applyDecorators, Post, UseInterceptors } from '@nestjs/common';
import { DomainMetricsInterceptor } from '../observability/domain-metrics.interceptor';
import { IdempotencyInterceptor } from './idempotency.interceptor';

/**
 * A command route: POST, with `Idempotency-Key` (IdempotencyInterceptor) and the domain metrics its answer feeds
 * (DomainMetricsInterceptor, outside it, so a replayed answer counts nothing). Every POST in the API is declared with
 * this, never with `@Post` (infra/check-shape.js). The interceptors sit on the command routes, not globally, because
 * they act only on POSTs: Nest wraps each route's handler in every interceptor it has, and on a read that wrapping
 * was a tenth of the API's CPU for nothing (docs/PERFORMANCE.md).
 */
export const Command = (path?: string): MethodDecorator => applyDecorators(Post(path), UseInterceptors(DomainMetricsInterceptor, IdempotencyInterceptor));
