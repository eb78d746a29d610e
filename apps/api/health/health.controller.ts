import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import { Response } from 'express';
import { HealthRepository } from '../../../libs/persistence/health.repository';
import { Public } from '../auth/roles';
import { problemBody } from '../http/problem';
import { TEMPORAL_CLIENT } from '../tokens';

const PROBE_MS = 2000;

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
  @Public()
  live() {
    return { status: 'ok' };
  }

  /** Readiness: 200 only when PostgreSQL and Temporal both answer; otherwise 503 naming which does not. */
  @Get('ready')
  @Public()
  ready(@Res() res: Response) {
    return this.health(res);
  }

  /** The same as /health/ready (the original contract). */
  @Get()
  @Public()
  async health(@Res() res: Response) {
    const [postgres, temporal] = await Promise.all([
      probe(() => this.database.ping()),
      probe(() => this.client.connection.withDeadline(Date.now() + PROBE_MS, () => this.client.connection.workflowService.getSystemInfo({}))),
    ]);
    const checks = { postgres, temporal };
    const down = Object.entries(checks).filter(([, v]) => v !== 'up').map(([k]) => (k === 'postgres' ? 'PostgreSQL' : 'Temporal'));
    if (down.length === 0) return res.status(200).json({ status: 'ok', checks });
    const problem = { ...problemBody(503, 'SERVICE_UNAVAILABLE', `${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} not reachable`), checks };
    return res.status(503).type('application/problem+json').send(JSON.stringify(problem));
  }
}
