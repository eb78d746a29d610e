import { Module } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { TrancheConfig } from '../../../libs/platform/config';
import { CONFIG } from '../tokens';
import { AuthGuard } from './auth.guard';

/** Every route needs a valid bearer token unless marked @Public(); @Roles narrows who may call it. */
@Module({
  providers: [{ provide: APP_GUARD, useFactory: (r: Reflector, config: TrancheConfig) => new AuthGuard(r, config.jwtSecret), inject: [Reflector, CONFIG] }],
})
export class AuthModule {}
