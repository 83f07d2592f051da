export * from './audit';
export * from './data-source';
export * from './migrate';
export * from './rls';
export * from './tenant-transactions';
export * from './prepared-client';
