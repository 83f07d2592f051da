import 'reflect-metadata';
import { ConfigError } from '@qinglian/runtime';
import { createLogger, NestLogger, shutdownTelemetry } from '@qinglian/telemetry';
import { startGateway } from './bootstrap';

const logger = new NestLogger(createLogger('gateway'), 'lifecycle');
startGateway().then(
  (gw) => {
    logger.log(`gateway listening on ${gw.url} (API docs ${gw.url}/api/docs)`);
    if (gw.config.GATEWAY_DEV_AUTH) logger.warn('GATEWAY_DEV_AUTH is on: the x-qinglian-dev-caller header is trusted. Development only.');
    const stop = () => {
      gw.close()
        .then(
          () => 0,
          () => 1,
        )
        .then(async (code) => {
          await shutdownTelemetry().catch(() => undefined);
          process.exit(code);
        })
        .catch(() => process.exit(1));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  },
  (e: unknown) => {
    if (e instanceof ConfigError) process.stderr.write(`${e.message}\n`);
    else logger.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
