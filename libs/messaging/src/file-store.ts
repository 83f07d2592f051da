import { type NatsConnection } from '@nats-io/transport-node';
import { type ObjectStore, Objm } from '@nats-io/obj';
import { randomUUID } from 'node:crypto';

/** The bucket that carries files between the gateway and the services (claim check). */
export const FILE_BUCKET = 'qinglian-files';
/** Files live an hour: long enough for any upload or download, short enough to never pile up. */
export const FILE_TTL_MS = 60 * 60 * 1000;

/**
 * Files too big for a NATS message (an uploaded workbook, an export) travel by claim check: the
 * sender puts the bytes into a JetStream object store and sends only the key; the receiver reads
 * them and deletes them. Objects expire with the bucket's TTL if nobody does.
 */
export class FileStore {
  private store: Promise<ObjectStore> | undefined;

  constructor(
    private readonly nc: NatsConnection,
    private readonly bucket = FILE_BUCKET,
  ) {}

  async put(data: Uint8Array, description: string): Promise<string> {
    const key = randomUUID();
    await (await this.open()).putBlob({ name: key, description }, data);
    return key;
  }

  /** The bytes under `key`, or null when they are gone (expired or taken). */
  async take(key: string): Promise<Uint8Array | null> {
    const store = await this.open();
    const data = await store.getBlob(key);
    if (data !== null) await store.delete(key).catch(() => undefined);
    return data;
  }

  private open(): Promise<ObjectStore> {
    this.store ??= new Objm(this.nc).create(this.bucket, { ttl: FILE_TTL_MS * 1_000_000 }).catch((e: unknown) => {
      this.store = undefined;
      throw e;
    });
    return this.store;
  }
}
