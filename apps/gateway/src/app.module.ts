import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { DirectoryController } from './api/directory.controller';
import { PowerItemsController } from './api/power-items.controller';
import { type GatewayConfig } from './config';
import { AuthGuard } from './platform/auth';
import { GatewayHealthController } from './platform/health.controller';
import { ProblemFilter } from './platform/problem.filter';
import { ServiceClient } from './platform/service-client';
import { GATEWAY_CONFIG } from './platform/tokens';

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [GatewayHealthController, DirectoryController, PowerItemsController],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        ServiceClient,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
