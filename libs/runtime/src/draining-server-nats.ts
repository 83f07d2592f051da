import { type NatsOptions, ServerNats } from '@nestjs/microservices';
import { type RpcInterceptor } from './rpc';

type Internals = {
  subscriptions: { unsubscribe(): void }[];
  natsClient: { drain(): Promise<void>; isClosed(): boolean } | null;
};

/**
 * Nest's NATS server, with a real drain on shutdown: stop taking new requests (unsubscribe), let the
 * requests already running finish and reply (bounded by `shutdownTimeoutMs`), then drain the
 * connection. Nest's own `gracefulShutdown` waits a fixed period instead of for the work.
 * It reaches into two fields Nest keeps private (`subscriptions`, `natsClient`); the upgrade test
 * in runtime's integration suite fails if they move.
 */
export class DrainingServerNats extends ServerNats {
  constructor(
    options: NonNullable<NatsOptions['options']>,
    private readonly rpc: RpcInterceptor,
    private readonly shutdownTimeoutMs: number,
  ) {
    super(options);
  }

  override async close(): Promise<void> {
    const self = this as unknown as Internals;
    for (const sub of self.subscriptions) sub.unsubscribe();
    await this.rpc.idle(this.shutdownTimeoutMs);
    if (self.natsClient && !self.natsClient.isClosed()) await self.natsClient.drain().catch(() => undefined);
    await super.close();
  }
}
