export * from './durable-consumer';
export * from './envelope';
export * from './log';
export * from './nats';
export * from './outbox';
export * from './outbox-relay';
export * from './outbox-sql';
export * from './trace-context';
