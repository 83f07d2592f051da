import { randomUUID } from 'node:crypto';
import { isUuid } from '@qinglian/contracts';
import { type EntityManager } from 'typeorm';
import { ident } from '../data-source';
import {
  AuditChainVerifier,
  type AuditHead,
  type AuditVerification,
  type StoredAuditEntry,
  computeAuditHash,
  GENESIS_HASH,
  normaliseAuditData,
  type AuditEntryContent,
} from './audit-hash';

/** What a service records; the chain adds the sequence number, time and links. */
export interface AuditAppend {
  readonly tenantId: string;
  /** Who acted (user id, or a program's client id); omitted for system actions. */
  readonly actor?: string | null;
  /** What happened, e.g. `vote.cast`. */
  readonly action: string;
  readonly entityType: string;
  readonly entityId?: string | null;
  /** What is worth keeping about the change; a JSON object (stored as `jsonb`). */
  readonly data: Readonly<Record<string, unknown>>;
}

/** Where the new entry landed in the chain. */
export interface AuditAppendResult {
  readonly id: string;
  readonly seq: number;
  readonly hash: string;
}

/**
 * A data-modifying statement to run in the same statement as an append (one round trip instead of
 * two): it uses only the placeholders $1…$n for its `params`, has no other `$` in it, and ends
 * with a RETURNING clause whose rows are counted.
 */
export interface AlongsideStatement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** The tenant's chain head as a caller's own statement locked and read it (see AuditChain.headLock). */
export interface LockedAuditHead {
  readonly audit_head_seq: string | null;
  readonly audit_head_hash: string | null;
  readonly audit_head_at: string | null;
}

export interface AuditChainOptions {
  /** Entries read per query while verifying; memory use does not grow with the chain. */
  readonly verifyBatchSize?: number;
}

/** Thrown when the transaction is bound to another tenant (or none) than the one asked for. */
export class AuditTenantMismatchError extends Error {
  constructor(requested: string, bound: string | null) {
    super(`audit chain of tenant ${requested} used in a transaction bound to ${bound ?? 'no tenant'}`);
  }
}

interface HeadRow {
  last_seq: string;
  last_hash: string;
}

interface EntryRow {
  id: string;
  tenant_id: string;
  seq: string;
  occurred_at: string;
  actor: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  data: string;
  prev_hash: string;
  hash: string;
}

/**
 * A service's hash-chained audit log (tables from `auditTablesSql`). Each tenant has its own chain:
 * entry n's hash covers entry n-1's hash and entry n's canonical content, and `audit_head` records
 * the last entry, so changing, removing or re-ordering any entry — the last one included — shows up
 * in `verify`.
 *
 * Both methods run inside the caller's tenant transaction (`TenantTransactions.run`): an entry
 * commits or rolls back together with the change it records, and row-level security applies.
 * Use READ COMMITTED (the default): appends wait for each other, which REPEATABLE READ would turn
 * into serialisation failures.
 */
export class AuditChain {
  private readonly log: string;
  private readonly head: string;
  private readonly tenantFn: string;
  private readonly batchSize: number;

  constructor(schema: string, options: AuditChainOptions = {}) {
    const s = ident(schema);
    this.log = `${s}.audit_log`;
    this.head = `${s}.audit_head`;
    this.tenantFn = `${s}.current_tenant_id()`;
    this.batchSize = options.verifyBatchSize ?? 1000;
    if (!Number.isSafeInteger(this.batchSize) || this.batchSize < 1) {
      throw new RangeError(`verifyBatchSize must be a positive integer, got ${this.batchSize}`);
    }
  }

  /**
   * Appends one entry to the tenant's chain. The tenant's `audit_head` row is locked until the
   * transaction ends, so appends of one tenant are serialised (across connections and service
   * replicas) while other tenants' appends proceed; a rolled-back transaction leaves no gap.
   */
  async append(em: EntityManager, entry: AuditAppend): Promise<AuditAppendResult> {
    return (await this.appendWith(em, entry, null)).audit;
  }

  /**
   * Like {@link append}, also running `alongside` in the same statement (the service's outbox
   * insert, say), and answering how many rows it returned. Both happen or neither does.
   */
  async appendWith(
    em: EntityManager,
    entry: AuditAppend,
    alongside: AlongsideStatement | null,
    lockedHead?: LockedAuditHead,
  ): Promise<{ audit: AuditAppendResult; alongsideRows: number }> {
    const tenantId = requireTenant(entry.tenantId);
    if (!entry.action) throw new TypeError('audit action is required');
    if (!entry.entityType) throw new TypeError('audit entityType is required');
    const data = normaliseAuditData(entry.data);

    // A head the caller locked in this transaction (headLock) saves a round trip; a new tenant has
    // none yet, and lockHead creates it.
    const { audit_head_seq: seq, audit_head_hash: prevHash, audit_head_at: at } = lockedHead ?? { audit_head_seq: null, audit_head_hash: null, audit_head_at: null };
    const previous = seq !== null && prevHash !== null && at !== null ? { seq: toSeq(seq), hash: prevHash, at } : await this.lockHead(em, tenantId);
    const content: AuditEntryContent = {
      tenantId,
      seq: previous.seq + 1,
      occurredAt: previous.at,
      actor: entry.actor ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      data,
    };
    const hash = computeAuditHash(previous.hash, content);
    const id = randomUUID();
    const params: unknown[] = [
      id,
      tenantId,
      String(content.seq),
      content.occurredAt,
      content.actor,
      content.action,
      content.entityType,
      content.entityId,
      JSON.stringify(data),
      previous.hash,
      hash,
    ];
    // The alongside statement's placeholders follow the entry's.
    const offset = params.length;
    const extra = alongside ? `, alongside AS (${alongside.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})` : '';
    if (alongside) params.push(...alongside.params);
    // Entry and head (and what goes alongside) in one statement, one round trip; the head's
    // trigger checks the step.
    const [rows, advanced] = await em.query<[{ alongside_rows: number }[], number]>(
      `WITH entry AS (
         INSERT INTO ${this.log} (id, tenant_id, seq, occurred_at, actor, action, entity_type, entity_id, data, prev_hash, hash)
         VALUES ($1, $2, $3, $4::timestamptz, $5, $6, $7, $8, $9::jsonb, $10, $11)
         RETURNING tenant_id, seq, hash, occurred_at)${extra}
       UPDATE ${this.head} h SET last_seq = entry.seq, last_hash = entry.hash, updated_at = entry.occurred_at
         FROM entry WHERE h.tenant_id = entry.tenant_id
       RETURNING h.last_seq, ${alongside ? '(SELECT count(*) FROM alongside)::int' : '0'} AS alongside_rows`,
      params,
    );
    if (advanced !== 1) throw new Error(`audit_head of tenant ${tenantId} was not advanced (${advanced} rows)`);
    return { audit: { id, seq: content.seq, hash }, alongsideRows: rows[0]?.alongside_rows ?? 0 };
  }

  /**
   * Checks the tenant's whole chain and reports the first broken link. Reads in batches ordered by
   * `seq`, holding one link in memory, and takes no lock: appends go on meanwhile. The chain is
   * checked up to the head as it was when verification started; entries appended later are only
   * checked to be covered by the head.
   */
  async verify(em: EntityManager, tenantId: string): Promise<AuditVerification> {
    const tenant = requireTenant(tenantId);
    await this.requireBoundTenant(em, tenant);

    let head = await this.readHead(em, tenant);
    if (head === null) {
      const first = await this.firstEntryAfter(em, tenant, 0);
      if (first === null) return { ok: true, entries: 0, head: null };
      // Entries but no head: either the first append committed just now, or the head was removed.
      head = await this.readHead(em, tenant);
    }

    const verifier = new AuditChainVerifier();
    // An append writes its entry and the head in one transaction, and entries never change, so
    // every entry up to the head read above is committed and stable across the batches below.
    const upTo = head?.seq ?? Number.MAX_SAFE_INTEGER;
    let after = 0;
    for (;;) {
      const rows = await em.query<EntryRow[]>(
        // `ORDER BY l.seq`, not `seq`: the bare name would mean the text output column.
        `SELECT l.id, l.tenant_id::text AS tenant_id, l.seq::text AS seq,
                to_char(l.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS occurred_at,
                l.actor, l.action, l.entity_type, l.entity_id, l.data::text AS data, l.prev_hash, l.hash
           FROM ${this.log} l
          WHERE l.tenant_id = $1 AND l.seq > $2 AND l.seq <= $3
          ORDER BY l.seq
          LIMIT $4`,
        [tenant, String(after), String(upTo), this.batchSize],
      );
      for (const row of rows) {
        const broken = verifier.accept(toStoredEntry(row));
        if (broken) return { ok: false, entries_checked: verifier.checked, firstBroken: broken };
      }
      const last = rows.at(-1);
      if (!last || rows.length < this.batchSize) break;
      after = toSeq(last.seq);
    }

    const broken = verifier.finish(head);
    if (broken) return { ok: false, entries_checked: verifier.checked, firstBroken: broken };
    if (head === null) return { ok: true, entries: 0, head: null };

    // Entries beyond the head are fine only if a concurrent append has moved the head past them.
    const beyond = await this.firstEntryAfter(em, tenant, head.seq);
    if (beyond !== null) {
      const now = await this.readHead(em, tenant);
      if (now === null || now.seq < beyond.seq) {
        return {
          ok: false,
          entries_checked: verifier.checked,
          firstBroken: {
            seq: beyond.seq,
            id: beyond.id,
            reason: 'head-mismatch',
            expected: `${beyond.seq}:${beyond.hash}`,
            actual: now === null ? 'none' : `${now.seq}:${now.hash}`,
          },
        };
      }
    }
    return { ok: true, entries: verifier.checked, head };
  }

  /**
   * For a statement of the caller's that should also lock the tenant's chain head, one round trip
   * before the append (the tenant id at `tenantParam`): add `cte` to its WITH list and `columns` to
   * its select list, then pass a row of it to {@link appendWith} as `lockedHead`. The head stays
   * locked until the transaction ends, so only the append should follow. The time is read after
   * the lock is granted, as in lockHead.
   */
  headLock(tenantParam: string): { cte: string; columns: string } {
    return {
      cte: `audit_head_locked AS MATERIALIZED (SELECT last_seq, last_hash FROM ${this.head} WHERE tenant_id = ${tenantParam}::uuid FOR UPDATE)`,
      columns: `(SELECT last_seq::text FROM audit_head_locked) AS audit_head_seq, (SELECT last_hash FROM audit_head_locked) AS audit_head_hash,
                (SELECT to_char(date_trunc('milliseconds', clock_timestamp()) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') FROM audit_head_locked) AS audit_head_at`,
    };
  }

  /**
   * Locks the tenant's head row (creating it at the genesis on first use) and returns it with the
   * entry's time. The time is read after the lock is granted, from the database's clock, so times
   * follow the chain order even when several service replicas append, whatever their own clocks say.
   */
  private async lockHead(em: EntityManager, tenantId: string): Promise<AuditHead & { at: string }> {
    // The materialised CTE takes the lock; only then does the outer query read the clock.
    const lock = `WITH locked AS MATERIALIZED (
        SELECT last_seq, last_hash FROM ${this.head} WHERE tenant_id = $1 FOR UPDATE)
      SELECT last_seq::text AS last_seq, last_hash,
             to_char(date_trunc('milliseconds', clock_timestamp()) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
        FROM locked`;
    let [row] = await em.query<(HeadRow & { at: string })[]>(lock, [tenantId]);
    if (!row) {
      // Not visible: a new tenant, or a transaction bound to another tenant (row-level security
      // hides its head). Say which, instead of letting the insert fail on the policy.
      await this.requireBoundTenant(em, tenantId);
      await em.query(`INSERT INTO ${this.head} (tenant_id, last_seq, last_hash) VALUES ($1, 0, $2) ON CONFLICT (tenant_id) DO NOTHING`, [
        tenantId,
        GENESIS_HASH,
      ]);
      [row] = await em.query<(HeadRow & { at: string })[]>(lock, [tenantId]);
      if (!row) throw new Error(`audit_head row of tenant ${tenantId} is not visible after creating it`);
    }
    return { seq: toSeq(row.last_seq), hash: row.last_hash, at: row.at };
  }

  private async readHead(em: EntityManager, tenantId: string): Promise<AuditHead | null> {
    const [row] = await em.query<HeadRow[]>(`SELECT last_seq::text AS last_seq, last_hash FROM ${this.head} WHERE tenant_id = $1`, [
      tenantId,
    ]);
    return row ? { seq: toSeq(row.last_seq), hash: row.last_hash } : null;
  }

  private async firstEntryAfter(em: EntityManager, tenantId: string, seq: number): Promise<{ id: string; seq: number; hash: string } | null> {
    const [row] = await em.query<{ id: string; seq: string; hash: string }[]>(
      `SELECT l.id, l.seq::text AS seq, l.hash FROM ${this.log} l WHERE l.tenant_id = $1 AND l.seq > $2 ORDER BY l.seq LIMIT 1`,
      [tenantId, String(seq)],
    );
    return row ? { id: row.id, seq: toSeq(row.seq), hash: row.hash } : null;
  }

  private async requireBoundTenant(em: EntityManager, tenantId: string): Promise<void> {
    const [row] = await em.query<{ bound: string | null }[]>(`SELECT ${this.tenantFn}::text AS bound`);
    const bound = row?.bound ?? null;
    if (bound !== tenantId) throw new AuditTenantMismatchError(tenantId, bound);
  }
}

function requireTenant(tenantId: string): string {
  if (!isUuid(tenantId)) throw new TypeError(`audit tenantId must be a UUID, got ${JSON.stringify(tenantId)}`);
  // PostgreSQL prints uuids in lower case; hash the form that is read back.
  return tenantId.toLowerCase();
}

function toSeq(text: string): number {
  const seq = Number(text);
  if (!Number.isSafeInteger(seq)) throw new RangeError(`audit seq out of range: ${text}`);
  return seq;
}

/**
 * Turns a row into hashed content without trusting driver type parsers: seq, time and data come
 * as text. A time with sub-millisecond digits cannot have been written by `append`; it is kept
 * with all six digits so the hash fails on it instead of the extra digits being dropped.
 */
function toStoredEntry(row: EntryRow): StoredAuditEntry {
  const micro = row.occurred_at;
  const occurredAt = micro.endsWith('000Z') ? `${micro.slice(0, -4)}Z` : micro;
  return {
    id: row.id,
    tenantId: row.tenant_id,
    seq: toSeq(row.seq),
    occurredAt,
    actor: row.actor,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    data: JSON.parse(row.data) as Readonly<Record<string, unknown>>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
