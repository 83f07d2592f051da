export * from './database';
export * from './env';
export * from './nats-server';
export * from './processes';
export * from './oidc-login';
