import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { MattersController } from './api/approvals.controller';
import { DirectoryController } from './api/directory.controller';
import { MeetingsController } from './api/meetings.controller';
import { ExchangeController } from './api/exchange.controller';
import { PowerItemsController } from './api/power-items.controller';
import { PublicationsController } from './api/publications.controller';
import { ResponsibilityListsController } from './api/responsibility-lists.controller';
import { SessionController } from './api/session.controller';
import { type GatewayConfig } from './config';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuthGuard } from './platform/auth';
import { Authenticator } from './platform/authenticator';
import { OidcClient } from './platform/oidc';
import { SessionStore } from './platform/session-store';
import { TenantDirectory } from './platform/tenant-directory';
import { AddressThrottlerGuard, throttlerOptions, UserThrottlerGuard } from './platform/throttle';
import { GatewayHealthController } from './platform/health.controller';
import { ProblemFilter } from './platform/problem.filter';
import { ServiceClient } from './platform/service-client';
import { GATEWAY_CONFIG } from './platform/tokens';

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [ThrottlerModule.forRoot(throttlerOptions(config))],
      controllers: [GatewayHealthController, SessionController, DirectoryController, PowerItemsController, ResponsibilityListsController, ExchangeController, PublicationsController, MattersController, MeetingsController],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        ServiceClient,
        TenantDirectory,
        SessionStore,
        OidcClient,
        Authenticator,
        // Guards run in this order: address limit, authentication and permission, user limit.
        { provide: APP_GUARD, useClass: AddressThrottlerGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: UserThrottlerGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
