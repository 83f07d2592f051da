import { type AppProcess, createTestDatabase, freePort, runApp, spawnApp, type TestDatabase, testEnv, waitForHttp } from '@qinglian/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { randomBytes } from 'node:crypto';

export const SCHEMAS: Record<string, string> = {
  'power-list': 'power_list',
  approvals: 'approvals',
  'risk-registry': 'risk_registry',
  assessment: 'assessment',
  accountability: 'accountability',
};

export interface Platform {
  readonly db: TestDatabase;
  readonly gatewayUrl: string;
  readonly services: Record<string, { proc: AppProcess; healthUrl: string }>;
  readonly gateway: AppProcess;
  readonly eventsPrefix: string;
  readonly eventsStream: string;
  serviceEnv(service: string): NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/**
 * Runs the built apps as real processes: migrations (`migrate.js`) as the admin role, then each
 * service as its runtime role, then the gateway; waits until every readiness probe says ready.
 */
export async function startPlatform(options: {
  services: string[];
  natsUrl?: string;
  gatewayEnv?: NodeJS.ProcessEnv;
  extraEnv?: NodeJS.ProcessEnv;
}): Promise<Platform> {
  const db = await createTestDatabase('qinglian_e2e');
  const suffix = randomBytes(4).toString('hex');
  const eventsPrefix = `t${suffix}.evt`;
  const eventsStream = `T${suffix.toUpperCase()}_EVENTS`;
  const natsUrl = options.natsUrl ?? testEnv.natsUrl;
  const serviceEnv = (service: string): NodeJS.ProcessEnv => {
    const schema = SCHEMAS[service];
    if (!schema) throw new Error(`unknown service ${service}`);
    return {
      DATABASE_URL: db.urlFor(`qinglian_${schema}`),
      MIGRATION_DATABASE_URL: db.adminUrl,
      NATS_URL: natsUrl,
      EVENTS_SUBJECT_PREFIX: eventsPrefix,
      EVENTS_STREAM: eventsStream,
      OTEL_TRACES_EXPORTER: 'none',
      LOG_LEVEL: 'warn',
      ...options.extraEnv,
    };
  };
  const services: Platform['services'] = {};
  const started: AppProcess[] = [];
  try {
    for (const service of options.services) {
      const migrated = await runApp(service, { file: 'migrate', env: serviceEnv(service) });
      if (migrated.code !== 0) throw new Error(`${service} migrations failed:\n${migrated.output}`);
    }
    await Promise.all(
      options.services.map(async (service) => {
        const port = await freePort();
        const proc = spawnApp(service, { env: { ...serviceEnv(service), HEALTH_PORT: String(port) } });
        started.push(proc);
        const healthUrl = `http://127.0.0.1:${port}`;
        await waitForHttp(`${healthUrl}/health/ready`, { process: proc });
        services[service] = { proc, healthUrl };
      }),
    );
    const gwPort = await freePort();
    const gateway = spawnApp('gateway', {
      env: { NATS_URL: natsUrl, PORT: String(gwPort), GATEWAY_DEV_AUTH: 'true', RPC_TIMEOUT_MS: '1500', OTEL_TRACES_EXPORTER: 'none', LOG_LEVEL: 'warn', ...options.extraEnv, ...options.gatewayEnv },
    });
    started.push(gateway);
    const gatewayUrl = `http://127.0.0.1:${gwPort}`;
    await waitForHttp(`${gatewayUrl}/health/ready`, { process: gateway });
    return {
      db,
      gatewayUrl,
      services,
      gateway,
      eventsPrefix,
      eventsStream,
      serviceEnv,
      async stop() {
        await Promise.all(started.map((p) => p.stop('SIGTERM')));
        await deleteStream(natsUrl, eventsStream);
        await db.drop();
      },
    };
  } catch (e) {
    await Promise.all(started.map((p) => p.stop('SIGKILL')));
    await deleteStream(natsUrl, eventsStream);
    await db.drop();
    throw e;
  }
}

/** Removes this run's event stream from the shared NATS (absent when no service got to create it). */
async function deleteStream(natsUrl: string, stream: string): Promise<void> {
  const nc = await connect({ servers: natsUrl });
  try {
    await (await jetstreamManager(nc)).streams.delete(stream).catch(() => false);
  } finally {
    await nc.close();
  }
}
