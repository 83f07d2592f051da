// The development realm: a Keycloak-compatible OpenID provider with the demo tenants and people, for
// local runs and tests. `node dist/dev-realm/apps/dev-realm/src/main.js`
//
// oidc-provider is an ES module; this CommonJS build loads it through Node's require(esm) (Node ≥ 20.19),
// which needs no flag. oidc-provider 9 prints a one-line "Unsupported runtime" notice on Node 20: it
// supports Node 22 and later officially; everything the realm uses runs on 20.19.
import { createLogger } from '@qinglian/telemetry';
import { ConfigError, type DevRealmConfig, loadConfig, ProductionRefusedError } from './config';

function readConfig(): DevRealmConfig {
  try {
    return loadConfig(process.env);
  } catch (e) {
    if (e instanceof ProductionRefusedError || e instanceof ConfigError) {
      process.stderr.write(`dev-realm: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}

const config = readConfig();
const logger = createLogger('dev-realm', { level: config.logLevel });
logger.warn('development realm — for local runs and tests only (开发用身份认证服务，仅用于本地运行和测试；生产环境请使用 Keycloak)');

// Loaded after the checks above, so a refused start is quick and says only why.
import('./server.js')
  .then(({ startDevRealm }) => startDevRealm(config, { logger }))
  .then((realm) => {
    logger.info({ issuer: realm.issuer, listening: realm.url }, `realm ready: ${realm.issuer} (discovery ${realm.issuer}/.well-known/openid-configuration)`);
    const stop = (signal: NodeJS.Signals): void => {
      logger.info(`${signal} received: stopping`);
      realm.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  })
  .catch((e: unknown) => {
    logger.fatal({ err: e }, `dev-realm could not start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
