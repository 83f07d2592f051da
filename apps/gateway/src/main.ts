import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError } from '@qinglian/runtime';
import { startGateway } from './bootstrap';

const logger = new Logger('gateway');
startGateway().then(
  (gw) => {
    logger.log(`gateway listening on ${gw.url} (API docs ${gw.url}/api/docs)`);
    if (gw.config.GATEWAY_DEV_AUTH) logger.warn('GATEWAY_DEV_AUTH is on: the x-qinglian-dev-caller header is trusted. Development only.');
    const stop = () => {
      gw.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
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
