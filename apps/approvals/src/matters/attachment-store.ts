import { type EntityManager } from 'typeorm';

/**
 * Where attachment bytes live, behind one interface: PostgreSQL (bytea, in the tenant's transaction,
 * under row-level security) is the built-in store; an object store can implement the same two calls.
 * The content hash (SM3) is computed by the caller and kept with the attachment's metadata.
 */
export interface AttachmentStore {
  readonly name: string;
  put(em: EntityManager, tenantId: string, key: string, content: Uint8Array): Promise<void>;
  get(em: EntityManager, key: string): Promise<Uint8Array | null>;
}

export class PostgresAttachmentStore implements AttachmentStore {
  readonly name = 'postgres';

  async put(em: EntityManager, tenantId: string, key: string, content: Uint8Array): Promise<void> {
    await em.query(`INSERT INTO approvals.attachment_blob (tenant_id, key, content) VALUES ($1, $2, $3)`, [tenantId, key, Buffer.from(content)]);
  }

  async get(em: EntityManager, key: string): Promise<Uint8Array | null> {
    const rows = await em.query<{ content: Buffer }[]>(`SELECT content FROM approvals.attachment_blob WHERE key = $1`, [key]);
    return rows[0]?.content ?? null;
  }
}

export const ATTACHMENT_STORE = Symbol('ATTACHMENT_STORE');
