import { type Type } from '@nestjs/common';
import { type ServiceName } from '@qinglian/contracts';

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const SERVICE_DEFINITION = Symbol('SERVICE_DEFINITION');
export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

/** What makes one service: its name, schema, feature module, entities and migrations. */
export interface ServiceDefinition {
  readonly name: ServiceName;
  /** PostgreSQL schema the service owns, e.g. `power_list`. */
  readonly schema: string;
  readonly module: Type;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly entities: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  readonly migrations: Function[];
  readonly appendOnlyTables?: readonly string[];
  /** Tables the runtime role may only read (registries maintained by operators as the owner). */
  readonly readOnlyTables?: readonly string[];
  /** Tables the runtime role may not touch at all (reached only through SECURITY DEFINER functions). */
  readonly privateTables?: readonly string[];
  readonly version?: string;
}
