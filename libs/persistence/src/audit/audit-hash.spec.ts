import { createHash } from 'node:crypto';
import {
  type AuditEntryContent,
  type AuditHead,
  type StoredAuditEntry,
  AUDIT_HASH_PATTERN,
  canonicalAuditContent,
  computeAuditHash,
  formatAuditTimestamp,
  GENESIS_HASH,
  normaliseAuditData,
  verifyAuditEntries,
} from './audit-hash';

const TENANT = '0b6a4d0e-8d8f-4a53-9d3e-1c2b3a4d5e6f';

function content(seq: number, overrides: Partial<AuditEntryContent> = {}): AuditEntryContent {
  return {
    tenantId: TENANT,
    seq,
    occurredAt: `2026-11-03T08:15:${String(seq % 60).padStart(2, '0')}.123Z`,
    actor: 'user-1',
    action: 'vote.cast',
    entityType: 'vote',
    entityId: `v-${seq}`,
    data: { choice: 'yes', n: seq },
    ...overrides,
  };
}

/** A well-formed chain of `n` entries and its head. */
function chain(n: number): { entries: StoredAuditEntry[]; head: AuditHead } {
  const entries: StoredAuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const c = content(seq);
    const hash = computeAuditHash(prev, c);
    entries.push({ ...c, id: `id-${seq}`, prevHash: prev, hash });
    prev = hash;
  }
  return { entries, head: { seq: n, hash: prev } };
}

describe('SM3 hashing of canonical audit content', () => {
  it('uses SM3 (GB/T 32905 test vector "abc")', () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('writes RFC 8785 canonical JSON: sorted keys, no whitespace, nulls kept', () => {
    const text = canonicalAuditContent(
      content(7, { actor: null, entityId: null, data: { z: 1, a: { y: [true, null, 0.5], b: '清廉' }, big: 1e21 } }),
    );
    expect(text).toBe(
      '{"action":"vote.cast","actor":null,"data":{"a":{"b":"清廉","y":[true,null,0.5]},"big":1e+21,"z":1},' +
        '"entityId":null,"entityType":"vote","occurredAt":"2026-11-03T08:15:07.123Z","seq":7,' +
        `"tenantId":"${TENANT}"}`,
    );
  });

  it('hashes prev_hash followed by the canonical content (pinned, so existing chains keep verifying)', () => {
    const c = content(1, { data: { b: 2, a: 1 } });
    const canonical =
      '{"action":"vote.cast","actor":"user-1","data":{"a":1,"b":2},"entityId":"v-1","entityType":"vote",' +
      `"occurredAt":"2026-11-03T08:15:01.123Z","seq":1,"tenantId":"${TENANT}"}`;
    const expected = createHash('sm3').update(GENESIS_HASH + canonical, 'utf8').digest('hex');
    expect(computeAuditHash(GENESIS_HASH, c)).toBe(expected);
    expect(expected).toMatch(AUDIT_HASH_PATTERN);
  });

  it('does not depend on key order of the data', () => {
    const a = computeAuditHash(GENESIS_HASH, content(1, { data: { x: 1, y: { p: 1, q: 2 } } }));
    const b = computeAuditHash(GENESIS_HASH, content(1, { data: { y: { q: 2, p: 1 }, x: 1 } }));
    expect(a).toBe(b);
  });

  it('changes when any covered field or the previous hash changes', () => {
    const base = content(3);
    const baseHash = computeAuditHash(GENESIS_HASH, base);
    const variants: Partial<AuditEntryContent>[] = [
      { tenantId: '1b6a4d0e-8d8f-4a53-9d3e-1c2b3a4d5e6f' },
      { seq: 4 },
      { occurredAt: '2026-11-03T08:15:03.124Z' },
      { actor: null },
      { actor: 'user-2' },
      { action: 'vote.withdraw' },
      { entityType: 'meeting' },
      { entityId: null },
      { data: { choice: 'no', n: 3 } },
      { data: { choice: 'yes', n: 3, extra: null } },
    ];
    for (const v of variants) {
      expect(computeAuditHash(GENESIS_HASH, { ...base, ...v })).not.toBe(baseHash);
    }
    expect(computeAuditHash('1'.repeat(64), base)).not.toBe(baseHash);
  });

  it('refuses content append could not have written', () => {
    expect(() => canonicalAuditContent(content(1, { occurredAt: '2026-11-03T08:15:01.123456Z' }))).toThrow(/occurredAt/);
    expect(() => canonicalAuditContent(content(1, { occurredAt: '2026-11-03T08:15:01+08:00' }))).toThrow(/occurredAt/);
    expect(() => canonicalAuditContent(content(0))).toThrow(/seq/);
    expect(() => canonicalAuditContent({ ...content(1), seq: 1.5 })).toThrow(/seq/);
  });
});

describe('normaliseAuditData / formatAuditTimestamp', () => {
  it('gives data the form it has after a jsonb round trip', () => {
    const at = new Date('2026-11-03T00:00:00.001Z');
    expect(normaliseAuditData({ gone: undefined, at, list: [undefined, 1], nested: { keep: 'x' } })).toEqual({
      at: '2026-11-03T00:00:00.001Z',
      list: [null, 1],
      nested: { keep: 'x' },
    });
  });

  it('refuses what jsonb cannot hold or is not an object', () => {
    expect(() => normaliseAuditData(null)).toThrow(TypeError);
    expect(() => normaliseAuditData([1, 2])).toThrow(TypeError);
    expect(() => normaliseAuditData('text')).toThrow(TypeError);
    expect(() => normaliseAuditData({ s: 'a\u0000b' })).toThrow(/NUL/);
    expect(() => normaliseAuditData({ n: Number.NaN })).toThrow();
    expect(() => normaliseAuditData({ n: 1n })).toThrow();
  });

  it('formats timestamps in UTC with milliseconds', () => {
    expect(formatAuditTimestamp(new Date(Date.UTC(2026, 10, 3, 8, 15, 1, 7)))).toBe('2026-11-03T08:15:01.007Z');
    expect(() => formatAuditTimestamp(new Date(Date.UTC(10000, 0, 1)))).toThrow(RangeError);
  });
});

describe('verifyAuditEntries', () => {
  it('accepts an intact chain and an empty one', () => {
    const { entries, head } = chain(5);
    expect(verifyAuditEntries(entries, head)).toEqual({ ok: true, entries: 5, head });
    expect(verifyAuditEntries([], null)).toEqual({ ok: true, entries: 0, head: null });
  });

  it('names the entry whose content changed', () => {
    const { entries, head } = chain(5);
    const e3 = entries[2]!;
    entries[2] = { ...e3, data: { choice: 'no', n: 3 } };
    const result = verifyAuditEntries(entries, head);
    expect(result).toMatchObject({ ok: false, entries_checked: 2, firstBroken: { seq: 3, id: 'id-3', reason: 'hash-mismatch', actual: e3.hash } });
  });

  it('reports a re-hashed entry at the next link', () => {
    const { entries, head } = chain(5);
    const e3 = entries[2]!;
    const forged = { ...e3, data: { choice: 'no', n: 3 } };
    entries[2] = { ...forged, hash: computeAuditHash(forged.prevHash, forged) };
    const result = verifyAuditEntries(entries, head);
    expect(result).toMatchObject({ ok: false, firstBroken: { seq: 4, id: 'id-4', reason: 'prev-hash-mismatch', expected: entries[2].hash } });
  });

  it('reports a missing middle entry as a gap at its seq', () => {
    const { entries, head } = chain(5);
    entries.splice(1, 1);
    expect(verifyAuditEntries(entries, head)).toEqual({
      ok: false,
      entries_checked: 1,
      firstBroken: { seq: 2, id: null, reason: 'gap', expected: '2', actual: '3' },
    });
  });

  it('reports a missing last entry through the head', () => {
    const { entries, head } = chain(5);
    entries.pop();
    expect(verifyAuditEntries(entries, head)).toEqual({
      ok: false,
      entries_checked: 4,
      firstBroken: { seq: 5, id: null, reason: 'missing-tail', expected: '5', actual: '4' },
    });
    expect(verifyAuditEntries([], head)).toMatchObject({ ok: false, firstBroken: { seq: 1, reason: 'missing-tail' } });
  });

  it('reports a head that does not match the chain', () => {
    const { entries, head } = chain(3);
    expect(verifyAuditEntries(entries, { seq: 3, hash: '2'.repeat(64) })).toMatchObject({
      ok: false,
      entries_checked: 3,
      firstBroken: { seq: 3, id: 'id-3', reason: 'head-mismatch', expected: `3:${head.hash}`, actual: `3:${'2'.repeat(64)}` },
    });
    expect(verifyAuditEntries(entries, null)).toMatchObject({ ok: false, firstBroken: { seq: 3, reason: 'head-mismatch', actual: 'none' } });
    expect(verifyAuditEntries(entries, { seq: 2, hash: entries[1]!.hash })).toMatchObject({
      ok: false,
      firstBroken: { seq: 3, reason: 'head-mismatch' },
    });
  });

  it('reports a tampered timestamp with microseconds as a hash mismatch, not a crash', () => {
    const { entries, head } = chain(2);
    entries[0] = { ...entries[0]!, occurredAt: '2026-11-03T08:15:01.123456Z' };
    expect(verifyAuditEntries(entries, head)).toMatchObject({ ok: false, firstBroken: { seq: 1, reason: 'hash-mismatch' } });
  });

  it('reports a swapped pair of entries', () => {
    const { entries, head } = chain(4);
    const [a, b] = [entries[1]!, entries[2]!];
    entries[1] = { ...b, seq: 2 };
    entries[2] = { ...a, seq: 3 };
    expect(verifyAuditEntries(entries, head)).toMatchObject({ ok: false, firstBroken: { seq: 2, reason: 'prev-hash-mismatch' } });
  });
});
