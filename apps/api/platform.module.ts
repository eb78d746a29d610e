import { DynamicModule, Global, Module } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { TrancheConfig } from '../../libs/platform/config';
import { CONFIG, TEMPORAL_CLIENT } from './tokens';

/** The plain dependencies the API is built from, made once by the caller (main.ts, the test harness). */
export interface ApiDeps {
  config: TrancheConfig;
  dataSource: DataSource;
  client: Client;
}

@Global()
@Module({})
export class PlatformModule {
  static register(deps: ApiDeps): DynamicModule {
    const providers = [
      { provide: CONFIG, useValue: deps.config },
      { provide: DataSource, useValue: deps.dataSource },
      { provide: TEMPORAL_CLIENT, useValue: deps.client },
    ];
    return { module: PlatformModule, providers, exports: providers.map((p) => p.provide) };
  }
}
