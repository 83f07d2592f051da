import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { type Logger } from 'pino';
import { MemoryStore } from './adapter';
import { type DevRealmConfig } from './config';
import { signingKey } from './keys';
import { createProvider, keycloakPaths } from './provider';
import { readRealmDefinition, RealmDirectory } from './realm';
import { installRoutes } from './routes';

export interface RunningRealm {
  /** Where it listens, e.g. http://127.0.0.1:8080. */
  readonly url: string;
  readonly issuer: string;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly logger: Logger;
  /** The realm data (default: demo/realm.json). */
  readonly realmFile?: string;
}

/**
 * Starts the realm's HTTP server: oidc-provider mounted at `/realms/<realm>` (Keycloak's layout) and
 * the health probes at `/health/ready` and `/health/live`.
 */
export async function startDevRealm(config: DevRealmConfig, { logger, realmFile }: StartOptions): Promise<RunningRealm> {
  const directory = new RealmDirectory(readRealmDefinition(realmFile));
  if (directory.definition.realm !== config.realm) {
    logger.info({ realm: config.realm }, `serving the demo data of realm "${directory.definition.realm}" as realm "${config.realm}" (DEV_REALM_REALM)`);
  }
  const key = signingKey(config.keyFile);
  logger.info({ kid: key.jwk.kid, keyFile: config.keyFile ?? null }, `signing key ${key.origin}`);
  const store = new MemoryStore();
  const provider = createProvider({ config, directory, key, store, logger });
  installRoutes(provider, { config, directory, key, logger });
  const handle = provider.callback();
  const { base } = keycloakPaths(config.realm);

  let ready = false;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    if (path === '/health/ready' || path === '/health/live' || path === '/health') {
      // Keycloak's health answer.
      const status = ready || path === '/health/live' ? 200 : 503;
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ status: status === 200 ? 'UP' : 'DOWN', checks: [] }));
      return;
    }
    if (path === base || path.startsWith(`${base}/`)) {
      // Mounting as Express does: oidc-provider routes on the rest of the path and builds its URLs
      // from `originalUrl`, so they keep the /realms/<realm> prefix.
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = url;
      req.url = url.slice(base.length) || '/';
      if (req.url.startsWith('?')) req.url = `/${req.url}`;
      void handle(req, res);
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'Unable to find matching target resource method', realm: config.issuer }));
  });
  // Browsers keep connections open; do not let them hold a stop up.
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  ready = true;
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    issuer: config.issuer,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        ready = false;
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      }).finally(() => store.close());
      return closing;
    },
  };
}
