import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, Reflector } from '@nestjs/core';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { TrancheConfig } from '../../libs/platform/config';
import { AuthGuard } from './http/auth';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { ProblemFilter } from './http/problem.filter';
import { ApprovalsController } from './modules/approvals.controller';
import { BusinessClock } from './modules/clock.service';
import { DealsController } from './modules/deals.controller';
import { DealsService } from './modules/deals.service';
import { ForecastController } from './modules/forecast.controller';
import { HealthController } from './modules/health.controller';
import { PeriodsRepository } from './modules/periods.repository';
import { PeriodsController } from './modules/periods.controller';
import { RepsController } from './modules/reps.controller';
import { RepsService } from './modules/reps.service';
import { PlansController } from './modules/plans.controller';
import { PlansService } from './modules/plans.service';
import { TemporalGateway } from './modules/temporal.gateway';
import { CONFIG, TEMPORAL_CLIENT } from './tokens';

export interface ApiDeps {
  config: TrancheConfig;
  dataSource: DataSource;
  client: Client;
}

@Module({})
export class AppModule {
  static register(deps: ApiDeps): DynamicModule {
    return {
      module: AppModule,
      controllers: [HealthController, PlansController, RepsController, DealsController, ApprovalsController, PeriodsController, ForecastController],
      providers: [
        { provide: CONFIG, useValue: deps.config },
        { provide: DataSource, useValue: deps.dataSource },
        { provide: TEMPORAL_CLIENT, useValue: deps.client },
        { provide: APP_GUARD, useFactory: (r: Reflector) => new AuthGuard(r, deps.config.jwtSecret), inject: [Reflector] },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_FILTER, useClass: ProblemFilter },
        BusinessClock,
        PeriodsRepository,
        PlansService,
        DealsService,
        RepsService,
        TemporalGateway,
      ],
    };
  }
}
