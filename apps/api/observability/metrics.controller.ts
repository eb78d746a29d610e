import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Response } from 'express';
import { Public } from '../auth/roles';
import { MetricsService } from './metrics.service';

/** Prometheus text exposition; public like /health, and outside the OpenAPI document (it is not JSON API). */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @Public()
  async scrape(@Res() res: Response) {
    const { contentType, body } = await this.metrics.exposition();
    // res.end, not send: Express would add a charset to Prometheus' exact content type.
    res.status(200).setHeader('Content-Type', contentType);
    res.end(body);
  }
}
