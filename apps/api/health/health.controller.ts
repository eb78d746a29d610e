import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import type { FastifyReply as Response } from 'fastify';
import { HealthRepository } from '../../../libs/persistence/health.repository';
import { z } from 'zod';
import { ApiDocumented } from '../http/openapi';
import { problemBody } from '../http/problem';
import { TEMPORAL_CLIENT } from '../tokens';

const PROBE_MS = 2000;

const check = z.string().regex(/^(up|down: [\s\S]+)$/).describe("'up', or 'down: why'");
const liveResponse = z.object({ status: z.literal('ok') }).strict();
const readyResponse = z.object({ status: z.literal('ok'), checks: z.object({ postgres: z.literal('up'), temporal: z.literal('up') }).strict() }).strict();
/** The Problem of a 503, with the checks beside it. */
const notReadyProblem = z
  .object({ type: z.string(), title: z.string(), status: z.literal(503), detail: z.string(), code: z.literal('SERVICE_UNAVAILABLE'), checks: z.object({ postgres: check, temporal: check }).strict() })
  .strict();

/** 'up', or 'down: why'; never rejects, so a late failure of the probe is not left unhandled. */
const probe = (check: () => Promise<unknown>) =>
  new Promise<string>((resolve) => {
    const timer = setTimeout(() => resolve(`down: no answer within ${PROBE_MS} ms`), PROBE_MS);
    check().then(
      () => resolve('up'),
      (err: Error) => resolve(`down: ${err.message}`),
    ).finally(() => clearTimeout(timer));
  });

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: HealthRepository,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
  ) {}

  /** Liveness: the process is up and serving HTTP (nothing else is checked, so a database outage never restarts it). */
  @Get('live')
  @ApiDocumented({ roles: 'public', response: liveResponse, errors: [], description: 'Liveness: the process serves HTTP.' })
  live() {
    return { status: 'ok' };
  }

  /** Readiness: 200 only when PostgreSQL and Temporal both answer; otherwise 503 naming which does not. */
  @Get('ready')
  @ApiDocumented({ roles: 'public', response: readyResponse, errorSchemas: { 503: notReadyProblem }, description: 'Readiness: 200 only when PostgreSQL and Temporal both answer.' })
  ready(@Res() res: Response) {
    return this.health(res);
  }

  /** The same as /health/ready (the original contract). */
  @Get()
  @ApiDocumented({ roles: 'public', response: readyResponse, errorSchemas: { 503: notReadyProblem }, description: 'The same as /health/ready.' })
  async health(@Res() res: Response) {
    const [postgres, temporal] = await Promise.all([
      probe(() => this.database.ping()),
      probe(() => this.client.connection.withDeadline(Date.now() + PROBE_MS, () => this.client.connection.workflowService.getSystemInfo({}))),
    ]);
    const checks = { postgres, temporal };
    const down = Object.entries(checks).filter(([, v]) => v !== 'up').map(([k]) => (k === 'postgres' ? 'PostgreSQL' : 'Temporal'));
    if (down.length === 0) return res.status(200).send({ status: 'ok', checks });
    const problem = { ...problemBody(503, 'SERVICE_UNAVAILABLE', `${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} not reachable`), checks };
    return res.status(503).type('application/problem+json').send(JSON.stringify(problem));
  }
}
