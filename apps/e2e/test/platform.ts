import { type AppProcess, createTestDatabase, freePort, runApp, spawnApp, type TestDatabase, testEnv, waitForHttp } from '@qinglian/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SCHEMAS: Record<string, string> = {
  'power-list': 'power_list',
  approvals: 'approvals',
  'risk-registry': 'risk_registry',
  assessment: 'assessment',
  accountability: 'accountability',
};

/** The demo realm's tenants, users and clients (apps/dev-realm/src/demo/realm.json). */
export interface DemoRealm {
  readonly tenants: { id: string; alias: string; name: string; nameEn?: string; kind: string; parentId?: string | null }[];
}

export function demoRealm(): DemoRealm {
  return JSON.parse(readFileSync(join(__dirname, '../../dev-realm/src/demo/realm.json'), 'utf8')) as DemoRealm;
}

export const DEMO_PASSWORD = 'Qinglian@2026';
export const DEV_CONSOLE_SECRET = 'qinglian-console-dev-secret';

export interface Platform {
  readonly db: TestDatabase;
  readonly gatewayUrl: string;
  /** The dev realm's issuer (`…/realms/qinglian`) when started with `realm`. */
  readonly realmUrl: string | undefined;
  /** Files the dev realm shares with realms a test starts itself (its signing key). */
  readonly realmKeyFile: string | undefined;
  readonly sessionBucket: string;
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
  /** Also start the dev realm, register the demo tenants, and point the gateway at the realm. */
  realm?: boolean | { env?: NodeJS.ProcessEnv };
}): Promise<Platform> {
  const db = await createTestDatabase('qinglian_e2e');
  const suffix = randomBytes(4).toString('hex');
  const eventsPrefix = `t${suffix}.evt`;
  const eventsStream = `T${suffix.toUpperCase()}_EVENTS`;
  const natsUrl = options.natsUrl ?? testEnv.natsUrl;
  // A fresh key-encryption key per platform: the tenants' SM2 private keys are encrypted under it.
  const signingKeyEncryptionKey = randomBytes(32).toString('base64');
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
      ...(service === 'approvals' ? { SIGNING_KEY_ENCRYPTION_KEY: signingKeyEncryptionKey } : {}),
      ...options.extraEnv,
    };
  };
  const services: Platform['services'] = {};
  const started: AppProcess[] = [];
  const sessionBucket = `t${suffix}_sessions`;
  const scratch = mkdtempSync(join(tmpdir(), 'qinglian-e2e-'));
  const gwPort = await freePort();
  const gatewayUrl = `http://127.0.0.1:${gwPort}`;
  let realmUrl: string | undefined;
  let realmKeyFile: string | undefined;
  const cleanUp = async (): Promise<void> => {
    await deleteStream(natsUrl, eventsStream);
    await deleteBucket(natsUrl, sessionBucket);
    await db.drop();
    rmSync(scratch, { recursive: true, force: true });
  };
  try {
    for (const service of options.services) {
      const migrated = await runApp(service, { file: 'migrate', env: serviceEnv(service) });
      if (migrated.code !== 0) throw new Error(`${service} migrations failed:\n${migrated.output}`);
    }
    if (options.realm) {
      realmKeyFile = join(scratch, 'realm-key.json');
      const realm = await startRealm({ keyFile: realmKeyFile, consoleUrl: gatewayUrl, env: { ...(typeof options.realm === 'object' ? options.realm.env : {}) } });
      started.push(realm.proc);
      realmUrl = realm.issuer;
      if (options.services.includes('power-list')) {
        const file = join(scratch, 'tenants.json');
        writeFileSync(file, JSON.stringify({ tenants: demoRealm().tenants.map(({ id, alias, name, nameEn, kind, parentId }) => ({ id, alias, name, nameEn, kind, parentId })) }));
        const registered = await runApp('power-list', { file: 'tenants', args: [file], env: serviceEnv('power-list') });
        if (registered.code !== 0) throw new Error(`tenant registration failed:\n${registered.output}`);
      }
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
    const gateway = spawnApp('gateway', {
      env: {
        NATS_URL: natsUrl,
        PORT: String(gwPort),
        PUBLIC_URL: gatewayUrl,
        GATEWAY_DEV_AUTH: 'true',
        RPC_TIMEOUT_MS: '1500',
        OTEL_TRACES_EXPORTER: 'none',
        LOG_LEVEL: 'warn',
        SESSION_BUCKET: sessionBucket,
        ...(realmUrl ? { OIDC_ISSUER: realmUrl, OIDC_CLIENT_SECRET: DEV_CONSOLE_SECRET } : {}),
        ...options.extraEnv,
        ...options.gatewayEnv,
      },
    });
    started.push(gateway);
    await waitForHttp(`${gatewayUrl}/health/ready`, { process: gateway });
    return {
      db,
      gatewayUrl,
      realmUrl,
      realmKeyFile,
      sessionBucket,
      services,
      gateway,
      eventsPrefix,
      eventsStream,
      serviceEnv,
      async stop() {
        await Promise.all(started.map((p) => p.stop('SIGTERM')));
        await cleanUp();
      },
    };
  } catch (e) {
    await Promise.all(started.map((p) => p.stop('SIGKILL')));
    await cleanUp();
    throw e;
  }
}

/** Starts a built dev realm on a free port; returns its issuer URL (`…/realms/<realm>`). */
export async function startRealm(options: { keyFile: string; consoleUrl: string; env?: NodeJS.ProcessEnv }): Promise<{ proc: AppProcess; issuer: string; baseUrl: string }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { PORT: String(port), DEV_REALM_URL: baseUrl, DEV_REALM_CONSOLE_URLS: options.consoleUrl, DEV_REALM_KEY_FILE: options.keyFile, LOG_LEVEL: 'warn', NODE_ENV: 'test', ...options.env };
  const proc = spawnApp('dev-realm', { env, telemetry: false });
  await waitForHttp(`${baseUrl}/health/ready`, { process: proc });
  return { proc, baseUrl, issuer: `${baseUrl}/realms/${env.DEV_REALM_REALM ?? 'qinglian'}` };
}

async function deleteBucket(natsUrl: string, bucket: string): Promise<void> {
  const nc = await connect({ servers: natsUrl });
  try {
    await (await jetstreamManager(nc)).streams.delete(`KV_${bucket}`).catch(() => false);
  } finally {
    await nc.close();
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
