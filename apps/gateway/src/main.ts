import 'reflect-metadata';
import { runProcess } from '@qinglian/runtime';
import { startGateway } from './bootstrap';

runProcess('gateway', () => startGateway(), (gw, logger) => {
  logger.log(`gateway listening on ${gw.url} (API docs ${gw.url}/api/docs)`);
  if (gw.config.GATEWAY_DEV_AUTH) logger.warn('GATEWAY_DEV_AUTH is on: the x-qinglian-dev-caller header is trusted. Development only.');
});
