import {
  jetstreamManager,
  JetStreamApiCodes,
  JetStreamApiError,
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
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

const DEFAULT_DUPLICATE_WINDOW_MS = 120_000;

export interface EventStreamOptions {
  /** Stream name, e.g. `EVENT_STREAM`. */
  readonly name: string;
  /** Subjects it captures, e.g. `['evt.>']`. */
  readonly subjects: readonly string[];
  /**
   * Window in which a repeated `msgID` is dropped as a duplicate. It must cover the relay's worst
   * case between publishing and committing the mark (seconds). Default 2 minutes on creation;
   * left as it is on an existing stream unless given.
   */
  readonly duplicateWindowMs?: number;
  /** How long events are kept; default 0 = forever on creation, unchanged on an existing stream unless given. */
  readonly maxAgeMs?: number;
  /** Copies in a JetStream cluster (3 in production); default 1 on creation, unchanged unless given. */
  readonly replicas?: number;
}

/**
 * Creates the event stream, or brings an existing one up to date. File storage, limits retention
 * (every consumer reads every event), and a de-duplication window keyed by the event id. Subjects
 * are merged with the stream's existing ones, so services that each ensure "their" subjects on a
 * shared stream never remove each other's; other settings of an existing stream change only when
 * passed explicitly. Uses only nats-server 2.9 features.
 */
export async function ensureEventStream(nc: NatsConnection, options: EventStreamOptions): Promise<StreamInfo> {
  if (options.subjects.length === 0) throw new RangeError('an event stream needs at least one subject');
  const jsm = await jetstreamManager(nc);
  // Services of a platform start together and may update the shared stream at the same moment; an
  // update is read-modify-write, so re-read and retry until our subjects are in.
  for (let attempt = 1; ; attempt++) {
    const existing = await streamInfoOrCreate(jsm, options);
    if (existing.created) return existing.info;
    const update = streamUpdate(existing.info.config, options);
    if (!update) return existing.info;
    if (attempt > 5) throw new Error(`stream ${options.name} could not be brought up to date after 5 attempts`);
    try {
      await jsm.streams.update(options.name, update);
    } catch (err) {
      if (attempt === 5) throw err;
    }
  }
}

async function streamInfoOrCreate(jsm: JetStreamManager, options: EventStreamOptions): Promise<{ info: StreamInfo; created: boolean }> {
  try {
    return { info: await jsm.streams.info(options.name), created: false };
  } catch (err) {
    if (!(err instanceof JetStreamApiError && err.code === JetStreamApiCodes.StreamNotFound)) throw err;
  }
  try {
    const info = await jsm.streams.add({
      name: options.name,
      subjects: [...options.subjects],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      duplicate_window: nanos(options.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS),
      max_age: nanos(options.maxAgeMs ?? 0),
      num_replicas: options.replicas ?? 1,
    });
    return { info, created: true };
  } catch (err) {
    // Another replica created it between our lookup and our add: treat it as existing.
    const info = await jsm.streams.info(options.name).catch(() => {
      throw err;
    });
    return { info, created: false };
  }
}

/**
 * What must change on an existing stream, or undefined. Subjects already covered by one of the
 * stream's wildcards are not added (the server refuses overlapping subjects); other settings change
 * only when passed explicitly, so limits set by operations stay.
 */
function streamUpdate(current: StreamConfig, options: EventStreamOptions): Partial<StreamConfig> | undefined {
  const update: Partial<StreamConfig> = {};
  const missing = options.subjects.filter((s) => !current.subjects.some((have) => subjectCovers(have, s)));
  if (missing.length > 0) update.subjects = [...current.subjects, ...new Set(missing)];
  if (options.duplicateWindowMs !== undefined && current.duplicate_window !== nanos(options.duplicateWindowMs)) {
    update.duplicate_window = nanos(options.duplicateWindowMs);
  }
  if (options.maxAgeMs !== undefined && current.max_age !== nanos(options.maxAgeMs)) update.max_age = nanos(options.maxAgeMs);
  if (options.replicas !== undefined && current.num_replicas !== options.replicas) update.num_replicas = options.replicas;
  return Object.keys(update).length > 0 ? update : undefined;
}

/** True when every subject `subject` can match is also matched by `pattern` (NATS `*` and `>` wildcards). */
export function subjectCovers(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    const pt = p[i];
    if (pt === '>') return i < s.length;
    const st = s[i];
    if (st === undefined) return false;
    if (pt === '*') {
      if (st === '>') return false;
      continue;
    }
    if (pt !== st) return false;
  }
  return p.length === s.length;
}
