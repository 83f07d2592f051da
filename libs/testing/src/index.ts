export * from './database';
export * from './env';
export * from './nats-server';
