export * from './caller-context';
export * from './errors';
export * from './events';
export * from './subjects';
export * from './power-list/directory.dto';
export * from './power-list/power-item.dto';
export * from './validation';
export * from './power-list/tenant.dto';
