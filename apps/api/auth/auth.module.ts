import { Module } from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { TrancheConfig } from '../../../libs/platform/config';
import { CONFIG } from '../tokens';
import { AuthGuard } from './auth.guard';
import { OidcService } from './oidc.service';
import { SessionsService } from './sessions.service';
import { SignInController } from './sign-in.controller';

/**
 * Every route needs a valid bearer token or console session unless marked @Public(); @Roles narrows who may call it.
 * The console signs in through /auth (OpenID Connect, sign-in.controller.ts).
 */
@Module({
  controllers: [SignInController],
  providers: [
    OidcService,
    SessionsService,
    {
      provide: APP_GUARD,
      useFactory: (r: Reflector, config: TrancheConfig, sessions: SessionsService) => new AuthGuard(r, config, sessions),
      inject: [Reflector, CONFIG, SessionsService],
    },
  ],
})
export class AuthModule {}
