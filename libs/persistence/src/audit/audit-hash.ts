import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/**
 * The `prev_hash` of a tenant's first entry. A fixed value rather than NULL, so every entry is
 * hashed the same way and the column can be NOT NULL.
 */
export const GENESIS_HASH = '0'.repeat(64);

/** What a hash looks like: SM3 output as 64 lowercase hex digits. */
export const AUDIT_HASH_PATTERN = /^[0-9a-f]{64}$/;

/**
 * The timestamp form that is hashed. Millisecond precision in UTC is what both a JavaScript `Date`
 * and PostgreSQL's `timestamptz` (microseconds) hold exactly, so the hashed text and the stored
 * value can always be converted into each other without loss.
 */
export const AUDIT_TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** A JSON object as stored in `audit_log.data` (after a round trip through JSON). */
export type AuditData = Readonly<Record<string, unknown>>;

/**
 * Everything an entry's hash covers. The tenant and sequence number are inside the hash, so an
 * entry cannot be moved to another tenant or another place in the chain without breaking it.
 */
export interface AuditEntryContent {
  readonly tenantId: string;
  readonly seq: number;
  /** UTC, millisecond precision (`AUDIT_TIMESTAMP_PATTERN`). */
  readonly occurredAt: string;
  readonly actor: string | null;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: string | null;
  readonly data: AuditData;
}

/** An entry as read back from `audit_log`: its content plus its links. */
export interface StoredAuditEntry extends AuditEntryContent {
  readonly id: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** The tenant's `audit_head` row: where the chain must end, so a deleted tail is noticed too. */
export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
}

/** Why a link is broken; see `AuditBrokenLink` for what `expected`/`actual` hold for each. */
export type AuditBreakReason = 'hash-mismatch' | 'prev-hash-mismatch' | 'gap' | 'head-mismatch' | 'missing-tail';

/**
 * The first place where the chain does not hold. `expected` is what the rest of the chain says
 * should be there, `actual` what is stored:
 * - `hash-mismatch`: the hash recomputed from the entry's content / the stored `hash` (content changed);
 * - `prev-hash-mismatch`: the previous entry's hash / the stored `prev_hash` (entry replaced or re-linked);
 * - `gap`: the sequence number that is missing (reported as `seq`, `id` null) / the next one found;
 * - `missing-tail`: the head's `last_seq` / the last sequence number found (`seq` is the first missing one);
 * - `head-mismatch`: `<seq>:<hash>` of the chain's end / of the head (or `none` when the head row is gone).
 */
export interface AuditBrokenLink {
  readonly seq: number;
  readonly id: string | null;
  readonly reason: AuditBreakReason;
  readonly expected?: string;
  readonly actual?: string;
}

/** The outcome of verifying one tenant's chain. */
export type AuditVerification =
  | { readonly ok: true; readonly entries: number; readonly head: AuditHead | null }
  | { readonly ok: false; readonly entries_checked: number; readonly firstBroken: AuditBrokenLink };

/**
 * Canonical JSON (RFC 8785) of an entry's content: the exact bytes that are hashed. Keys are
 * sorted and numbers written the ECMAScript way, so the same content always gives the same text
 * no matter how the JSON was produced or how `jsonb` reordered it.
 */
export function canonicalAuditContent(content: AuditEntryContent): string {
  if (!AUDIT_TIMESTAMP_PATTERN.test(content.occurredAt)) {
    throw new Error(`occurredAt must be an ISO-8601 UTC timestamp with milliseconds, got ${content.occurredAt}`);
  }
  if (!Number.isSafeInteger(content.seq) || content.seq < 1) {
    throw new Error(`seq must be a positive safe integer, got ${content.seq}`);
  }
  const text = canonicalize({
    tenantId: content.tenantId,
    seq: content.seq,
    occurredAt: content.occurredAt,
    actor: content.actor,
    action: content.action,
    entityType: content.entityType,
    entityId: content.entityId,
    data: content.data,
  });
  if (text === undefined) throw new Error('audit content is not serialisable to JSON');
  return text;
}

/** SM3 (GB/T 32905) over `prevHash` followed by the canonical content, as lowercase hex. */
export function computeAuditHash(prevHash: string, content: AuditEntryContent): string {
  return createHash('sm3').update(prevHash, 'utf8').update(canonicalAuditContent(content), 'utf8').digest('hex');
}

/**
 * Brings `data` into the form it will have after being stored as `jsonb` and read back, and
 * refuses what `jsonb` cannot hold faithfully. Hashing the normalised form is what makes a freshly
 * written entry verify later: `undefined` members vanish, `Date`s become strings, and so on.
 */
export function normaliseAuditData(data: unknown): AuditData {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new TypeError('audit data must be a JSON object');
  }
  const text = canonicalize(data);
  if (text === undefined) throw new TypeError('audit data is not serialisable to JSON');
  // jsonb rejects the NUL character; say so here rather than with a database error.
  if (text.includes('\\u0000')) throw new TypeError('audit data must not contain the NUL character (jsonb cannot store it)');
  return JSON.parse(text) as AuditData;
}

/** Formats a timestamp the way it is hashed (UTC, millisecond precision). */
export function formatAuditTimestamp(at: Date): string {
  const text = at.toISOString();
  if (!AUDIT_TIMESTAMP_PATTERN.test(text)) throw new RangeError(`timestamp out of range for the audit log: ${text}`);
  return text;
}

/**
 * Walks one tenant's chain entry by entry, in `seq` order, holding only the previous link, so a
 * chain of any length is checked in constant memory. Pure: the caller decides where the entries
 * come from (the database in batches, or a list in a test).
 */
export class AuditChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private lastId: string | null = null;

  /** Number of entries that were checked and found intact so far. */
  get checked(): number {
    return this.expectedSeq - 1;
  }

  /** Sequence number and hash of the last intact entry (seq 0 and the genesis hash before any). */
  get tail(): AuditHead {
    return { seq: this.expectedSeq - 1, hash: this.prevHash };
  }

  /** Checks the next entry; returns the broken link, or `undefined` when the entry is intact. */
  accept(entry: StoredAuditEntry): AuditBrokenLink | undefined {
    if (entry.seq !== this.expectedSeq) {
      return { seq: this.expectedSeq, id: null, reason: 'gap', expected: String(this.expectedSeq), actual: String(entry.seq) };
    }
    if (entry.prevHash !== this.prevHash) {
      return { seq: entry.seq, id: entry.id, reason: 'prev-hash-mismatch', expected: this.prevHash, actual: entry.prevHash };
    }
    let recomputed: string;
    try {
      recomputed = computeAuditHash(entry.prevHash, entry);
    } catch (error) {
      // Content that `append` could never have written (e.g. a time with microseconds).
      const why = error instanceof Error ? error.message : String(error);
      return { seq: entry.seq, id: entry.id, reason: 'hash-mismatch', expected: `unhashable content: ${why}`, actual: entry.hash };
    }
    if (recomputed !== entry.hash) {
      return { seq: entry.seq, id: entry.id, reason: 'hash-mismatch', expected: recomputed, actual: entry.hash };
    }
    this.expectedSeq += 1;
    this.prevHash = entry.hash;
    this.lastId = entry.id;
    return undefined;
  }

  /**
   * Compares the end of the walked chain with the head row. Call after the last entry (up to the
   * head's `seq`) was accepted.
   */
  finish(head: AuditHead | null): AuditBrokenLink | undefined {
    const tail = this.tail;
    if (head === null) {
      if (tail.seq === 0) return undefined;
      return { seq: tail.seq, id: this.lastId, reason: 'head-mismatch', expected: `${tail.seq}:${tail.hash}`, actual: 'none' };
    }
    if (head.seq > tail.seq) {
      return { seq: tail.seq + 1, id: null, reason: 'missing-tail', expected: String(head.seq), actual: String(tail.seq) };
    }
    if (head.seq < tail.seq || head.hash !== tail.hash) {
      return {
        seq: tail.seq,
        id: this.lastId,
        reason: 'head-mismatch',
        expected: `${tail.seq}:${tail.hash}`,
        actual: `${head.seq}:${head.hash}`,
      };
    }
    return undefined;
  }
}

/**
 * Verifies a whole chain held in memory (entries in `seq` order). For tests and tools; the
 * database-backed `AuditChain.verify` streams through the same `AuditChainVerifier`.
 */
export function verifyAuditEntries(entries: Iterable<StoredAuditEntry>, head: AuditHead | null): AuditVerification {
  const verifier = new AuditChainVerifier();
  for (const entry of entries) {
    const broken = verifier.accept(entry);
    if (broken) return { ok: false, entries_checked: verifier.checked, firstBroken: broken };
  }
  const broken = verifier.finish(head);
  if (broken) return { ok: false, entries_checked: verifier.checked, firstBroken: broken };
  return { ok: true, entries: verifier.checked, head };
}
