import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Seconds: from a cached read (a few ms) to a period close over a large book (minutes). */
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const STOP = Symbol('stopTimer');
type Timed = FastifyRequest & { [STOP]?: (labels: { method: string; route: string; status: string }) => void };

const CLOSE_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

/**
 * The API's Prometheus metrics, in a registry of its own (one per app, so two apps in one process do not collide):
 * HTTP latency by route, the deal desk's decisions, the ledger postings they wrote, period close durations, and
 * the Node process defaults. Served as text at GET /metrics.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'tranche_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_BUCKETS,
    registers: [this.registry],
  });

  readonly approvalsDecided = new Counter({
    name: 'tranche_approvals_decided_total',
    help: 'Approvals decided by the deal desk, by decision (APPROVED, REJECTED) and kind (GATE, BONUS)',
    labelNames: ['decision', 'kind'] as const,
    registers: [this.registry],
  });

  readonly postings = new Counter({
    name: 'tranche_ledger_postings_total',
    help: 'Ledger postings written by decisions answered through this API, by source (gate retirement, bonus)',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  readonly periodCloseDuration = new Histogram({
    name: 'tranche_period_close_duration_seconds',
    help: 'Period closes run through this API, from request to the workflow result, by outcome',
    labelNames: ['outcome'] as const,
    buckets: CLOSE_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'tranche_api_' });
  }

  /**
   * Times every request from its first hook to its response, refused and unparseable ones too. The route is the
   * matched template (`/deals/:id`), never the raw path, so ids do not become label values.
   */
  timeRequests(http: FastifyInstance): void {
    http.addHook('onRequest', (req, _reply, done) => {
      (req as Timed)[STOP] = this.httpDuration.startTimer();
      done();
    });
    http.addHook('onResponse', (req, reply, done) => {
      (req as Timed)[STOP]?.({ method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) });
      done();
    });
  }

  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
