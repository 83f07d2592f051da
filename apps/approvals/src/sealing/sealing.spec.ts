import { DecisionResult, type DecisionRecordContent, type DecisionRecordDto, MeetingBody, Position } from '@qinglian/contracts';
import { randomBytes } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { sealDecision, verifySeal } from './decision-seal';
import { KeyEncryption } from './key-encryption';
import { renderDecisionRecordHtml } from './print';
import { generateSm2KeyPair, keyFingerprint, sm2Sign, sm2Verify, sm3Hex } from './sm-crypto';

describe('SM3 and SM2', () => {
  it('hashes the GB/T 32905 example: SM3("abc")', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('signs and verifies; another key, altered data or a broken signature fail without throwing', () => {
    const a = generateSm2KeyPair();
    const b = generateSm2KeyPair();
    const sig = sm2Sign(a.privateKeyPem, '决策记录');
    expect(sm2Verify(a.publicKeyPem, '决策记录', sig)).toBe(true);
    expect(sm2Verify(b.publicKeyPem, '决策记录', sig)).toBe(false);
    expect(sm2Verify(a.publicKeyPem, '决策记录。', sig)).toBe(false);
    expect(sm2Verify(a.publicKeyPem, '决策记录', 'AAAA')).toBe(false);
    expect(sm2Verify('not a key', '决策记录', sig)).toBe(false);
  });

  it('prints a stable fingerprint of the public key', () => {
    const a = generateSm2KeyPair();
    expect(keyFingerprint(a.publicKeyPem)).toMatch(/^([0-9a-f]{4}:){7}[0-9a-f]{4}$/);
    expect(keyFingerprint(a.publicKeyPem)).toBe(keyFingerprint(a.publicKeyPem));
    expect(keyFingerprint(a.publicKeyPem)).not.toBe(keyFingerprint(generateSm2KeyPair().publicKeyPem));
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order, drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });

  it('refuses what JSON cannot carry exactly, naming where', () => {
    expect(() => canonicalJson({ a: [1, Number.NaN] })).toThrow(/\$\.a\[1\]/);
    expect(() => canonicalJson({ at: new Date() })).toThrow(/\$\.at/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
  });
});

describe('KeyEncryption', () => {
  const kek = randomBytes(32).toString('base64');
  it('round-trips and binds the ciphertext to its tenant and key id', () => {
    const k = KeyEncryption.fromBase64(kek);
    const sealed = k.encrypt('-----BEGIN PRIVATE KEY-----', 't1/k1');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(sealed).not.toContain('PRIVATE');
    expect(k.decrypt(sealed, 't1/k1')).toBe('-----BEGIN PRIVATE KEY-----');
    expect(() => k.decrypt(sealed, 't2/k1')).toThrow(/does not decrypt/);
    expect(() => KeyEncryption.fromBase64(randomBytes(32).toString('base64')).decrypt(sealed, 't1/k1')).toThrow(/does not decrypt/);
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => k.decrypt(parts.join('.'), 't1/k1')).toThrow(/does not decrypt/);
    expect(k.encrypt('x', 'a')).not.toBe(k.encrypt('x', 'a'));
  });

  it('refuses a key-encryption key that is not 32 bytes, naming the setting', () => {
    expect(() => KeyEncryption.fromBase64(randomBytes(16).toString('base64'))).toThrow(/SIGNING_KEY_ENCRYPTION_KEY must be 32 bytes/);
    expect(KeyEncryption.fromBase64(kek).kekId).toMatch(/^[0-9a-f]{8}$/);
  });
});

const content: DecisionRecordContent = {
  schema: 'qinglian.decision-record/1',
  tenantId: 't1',
  decisionId: 'd1',
  meeting: { id: 'g1', body: MeetingBody.PartyCommittee, title: '第12次党委会', heldOn: '2026-12-05', location: null },
  matter: { id: 'm1', no: 'SX-2026-0001', title: '工程款支付', matterType: null, proposedTerms: { amount: 100, counterparty: null, project: null, scope: null, conditions: null } },
  policyVersionNo: 1,
  attendance: [
    { subject: 's1', name: '蒋志刚', title: '党委书记', isMainLeader: true, present: true, absenceReason: null },
    { subject: 's2', name: '<script>alert(1)</script>', title: '委员', isMainLeader: false, present: true, absenceReason: null },
  ],
  recusals: [],
  positions: [
    { subject: 's2', name: '<script>alert(1)</script>', isMainLeader: false, position: Position.Disagree, reason: '资质存疑', statedAt: '2026-12-05T02:00:00.000Z', seq: 1 },
    { subject: 's1', name: '蒋志刚', isMainLeader: true, position: Position.Agree, reason: null, statedAt: '2026-12-05T02:01:00.000Z', seq: 2 },
  ],
  tally: { agree: 1, disagree: 1, defer: 0, abstain: 0, base: 2, required: 2 },
  result: DecisionResult.Rejected,
  terms: { amount: 100, counterparty: null, project: null, scope: null, conditions: null },
  summary: null,
  concludedBy: { subject: 'admin', name: '冯磊' },
  concludedAt: '2026-12-05T02:02:00.000Z',
};

describe('sealDecision / verifySeal', () => {
  const keys = generateSm2KeyPair();
  const seal = sealDecision(content, { keyId: 'k1', ...keys });

  it('hashes the canonical content and signs the same bytes', () => {
    expect(seal.hash).toBe(sm3Hex(canonicalJson(content)));
    expect(sm2Verify(keys.publicKeyPem, seal.canonical, seal.signature)).toBe(true);
    expect(verifySeal({ content: JSON.parse(seal.canonical) as unknown, hash: seal.hash, signature: seal.signature, publicKeyPem: keys.publicKeyPem })).toMatchObject({ hashMatches: true, signatureValid: true, problems: [] });
  });

  it('detects a changed field: neither the hash nor the signature holds', () => {
    const changed = { ...content, tally: { ...content.tally, agree: 2 } };
    const r = verifySeal({ content: changed, hash: seal.hash, signature: seal.signature, publicKeyPem: keys.publicKeyPem });
    expect(r).toMatchObject({ hashMatches: false, signatureValid: false });
    expect(r.problems).toHaveLength(2);
  });

  it('checks a printed copy’s hash and signature against the stored ones', () => {
    const good = verifySeal({ content, hash: seal.hash, signature: seal.signature, publicKeyPem: keys.publicKeyPem, expectedHash: seal.hash, expectedSignature: seal.signature });
    expect(good.problems).toEqual([]);
    const bad = verifySeal({ content, hash: seal.hash, signature: seal.signature, publicKeyPem: keys.publicKeyPem, expectedHash: '0'.repeat(64) });
    expect(bad.problems.join()).toContain('打印件上的哈希值');
  });
});

describe('renderDecisionRecordHtml', () => {
  const keys = generateSm2KeyPair();
  const seal = sealDecision(content, { keyId: 'k1', ...keys });
  const record: DecisionRecordDto = { id: 'd1', matterId: 'm1', meetingId: 'g1', agendaItemId: 'i1', content, hash: seal.hash, signature: seal.signature, keyId: 'k1', sealedAt: '2026-12-05T02:02:01.000Z', auditSeq: 42 };
  const html = renderDecisionRecordHtml(record, { tenantName: '广元市国有资本投资运营集团有限公司', publicKeyPem: keys.publicKeyPem, fingerprint: keyFingerprint(keys.publicKeyPem), verifyPath: '/api/v1/decisions/d1/verify', printedAt: '2026-12-05T03:00:00.000Z' });

  it('carries the hash, signature, key and every position, print-ready', () => {
    expect(html.replace(/\s+/g, '')).toContain(seal.hash);
    expect(html.replace(/\s+/g, '')).toContain(seal.signature);
    expect(html).toContain('k1');
    expect(html).toContain('蒋志刚（主要领导）');
    for (const label of ['不同意', '同意', '资质存疑', '未通过', '@page']) expect(html).toContain(label);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&lt;script&gt;');
  });
});
