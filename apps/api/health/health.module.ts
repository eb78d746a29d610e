import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** Public: no token, no policy beyond @Public(). */
@Module({ controllers: [HealthController] })
export class HealthModule {}
