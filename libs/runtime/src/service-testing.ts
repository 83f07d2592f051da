// For the services' own integration tests (test/*.int-spec.ts); nothing in production calls it.
import { migrateService } from '@qinglian/persistence';
import { createTestDatabase, type TestDatabase, testEnv } from '@qinglian/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { connectNats } from '@qinglian/messaging';
import { randomBytes } from 'node:crypto';
import { type RunningService, startService } from './bootstrap';
import { type ServiceDefinition } from './tokens';

export interface TestService {
  readonly svc: RunningService;
  readonly db: TestDatabase;
  readonly runtimeRole: string;
  /** Unique subject prefix of this run's events (`<prefix>.<service>.<entity>.<event>`). */
  readonly eventsPrefix: string;
  readonly eventsStream: string;
  close(): Promise<void>;
}

/** The runtime role name a service uses in tests and in the local run. */
export function runtimeRoleFor(def: ServiceDefinition): string {
  return `qinglian_${def.schema}`;
}

/**
 * Boots a real service in this process against a fresh database (migrated as the admin, served as
 * the non-owner runtime role, so row-level security applies) and the given NATS.
 */
export async function startServiceForTest(
  def: ServiceDefinition,
  options: { natsUrl?: string; db?: TestDatabase; env?: NodeJS.ProcessEnv } = {},
): Promise<TestService> {
  const db = options.db ?? (await createTestDatabase());
  const runtimeRole = runtimeRoleFor(def);
  await migrateService({ adminUrl: db.adminUrl, schema: def.schema, runtimeRole, migrations: def.migrations, appendOnlyTables: def.appendOnlyTables ?? [], readOnlyTables: def.readOnlyTables ?? [], privateTables: def.privateTables ?? [] });
  const suffix = randomBytes(4).toString('hex');
  const eventsPrefix = `t${suffix}.evt`;
  const eventsStream = `T${suffix.toUpperCase()}_EVENTS`;
  const svc = await startService(def, {
    env: {
      DATABASE_URL: db.urlFor(runtimeRole),
      NATS_URL: options.natsUrl ?? testEnv.natsUrl,
      HEALTH_PORT: '0',
      EVENTS_SUBJECT_PREFIX: eventsPrefix,
      EVENTS_STREAM: eventsStream,
      SHUTDOWN_TIMEOUT_MS: '5000',
      ...options.env,
    },
    logger: false,
  });
  return {
    svc,
    db,
    runtimeRole,
    eventsPrefix,
    eventsStream,
    async close() {
      await svc.close();
      const nc = await connectNats({ servers: (options.natsUrl ?? testEnv.natsUrl).split(','), name: 'test-cleanup', waitOnFirstConnect: false, maxReconnectAttempts: 0 });
      try {
        await (await jetstreamManager(nc)).streams.delete(eventsStream).catch(() => false);
      } finally {
        await nc.close();
      }
      if (!options.db) await db.drop();
    },
  };
}
