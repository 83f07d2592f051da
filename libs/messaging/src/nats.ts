import {
  jetstreamManager,
  JetStreamApiCodes,
  JetStreamApiError,
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
  type StreamInfo,
} from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection, type NodeConnectionOptions } from '@nats-io/transport-node';

export type ConnectNatsOptions = NodeConnectionOptions & {
  /** One URL or several (a cluster); e.g. from `NATS_URL`. */
  readonly servers: string | string[];
  /** Shown in the server's connection list (`<service>@<host>`), which helps operations. */
  readonly name: string;
};

/**
 * Connects to NATS with settings for long-running services: reconnect forever (a NATS restart or
 * a lost node must never leave a service permanently disconnected), wait for the first connection
 * instead of failing at boot when NATS starts after the service (readiness reports it meanwhile),
 * a 2 s reconnect wait with jitter so replicas do not reconnect in lock-step, and pings every 20 s
 * so a dead TCP connection is noticed within a minute. Any option given overrides these.
 */
export async function connectNats(options: ConnectNatsOptions): Promise<NatsConnection> {
  return connect({
    maxReconnectAttempts: -1,
    waitOnFirstConnect: true,
    reconnectTimeWait: 2_000,
    reconnectJitter: 500,
    pingInterval: 20_000,
    maxPingOut: 3,
    timeout: 10_000,
    ...options,
  });
}

export interface EventStreamOptions {
  /** Stream name, e.g. `EVENT_STREAM`. */
  readonly name: string;
  /** Subjects it captures, e.g. `['evt.>']`. */
  readonly subjects: readonly string[];
  /**
   * Window in which a repeated `msgID` is dropped as a duplicate. It must cover the relay's worst
   * case between publishing and committing the mark (seconds); default 2 minutes.
   */
  readonly duplicateWindowMs?: number;
  /** How long events are kept; default 0 = forever (consumers' inboxes must outlive it). */
  readonly maxAgeMs?: number;
  /** Copies in a JetStream cluster (3 in production); default 1. */
  readonly replicas?: number;
}

/**
 * Creates the event stream, or brings an existing one up to date. File storage, limits retention
 * (every consumer reads every event), and a de-duplication window keyed by the event id. Subjects
 * are merged with the stream's existing ones, so services that each ensure "their" subjects on a
 * shared stream never remove each other's. Uses only nats-server 2.9 features.
 */
export async function ensureEventStream(nc: NatsConnection, options: EventStreamOptions): Promise<StreamInfo> {
  if (options.subjects.length === 0) throw new RangeError('an event stream needs at least one subject');
  const jsm = await jetstreamManager(nc);
  const wanted: Partial<StreamConfig> = {
    duplicate_window: nanos(options.duplicateWindowMs ?? 120_000),
    max_age: nanos(options.maxAgeMs ?? 0),
    num_replicas: options.replicas ?? 1,
  };
  let existing: StreamInfo | undefined;
  try {
    existing = await jsm.streams.info(options.name);
  } catch (err) {
    if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound)) throw err;
  }
  if (!existing) {
    try {
      return await jsm.streams.add({
        ...wanted,
        name: options.name,
        subjects: [...options.subjects],
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        discard: DiscardPolicy.Old,
      });
    } catch (err) {
      // Another replica created it between our lookup and our add: update it like an existing one.
      existing = await jsm.streams.info(options.name).catch(() => {
        throw err;
      });
    }
  }
  const subjects = [...new Set([...existing.config.subjects, ...options.subjects])];
  const unchanged =
    subjects.length === existing.config.subjects.length &&
    existing.config.duplicate_window === wanted.duplicate_window &&
    existing.config.max_age === wanted.max_age &&
    existing.config.num_replicas === wanted.num_replicas;
  if (unchanged) return existing;
  return jsm.streams.update(options.name, { ...wanted, subjects });
}
