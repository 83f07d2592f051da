import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from './auth';
import { ServiceClient } from './service-client';

/** Kubernetes probes. Readiness fails while NATS is unreachable (the gateway can do nothing then). */
@ApiExcludeController()
@SkipThrottle()
@Controller('health')
export class GatewayHealthController {
  shuttingDown = false;

  constructor(private readonly services: ServiceClient) {}

  @Get('live')
  @Public()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  async ready(): Promise<{ status: 'ok'; checks: { nats: 'up' } }> {
    if (this.shuttingDown) throw new ServiceUnavailableException('shutting down');
    if (!(await this.services.natsReachable())) throw new ServiceUnavailableException('NATS is unreachable');
    return { status: 'ok', checks: { nats: 'up' } };
  }
}
