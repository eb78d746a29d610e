import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/roles';
import { MetricsService } from './metrics.service';

/** Prometheus text exposition; public like /health, and outside the OpenAPI document (it is not JSON API). */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Public()
  async scrape(@Res() res: FastifyReply) {
    const { contentType, body } = await this.metrics.exposition();
    res.status(200).type(contentType).send(body);
  }
}
