export * from './database';
export * from './env';
export * from './nats-server';
export * from './services';
export * from './processes';
