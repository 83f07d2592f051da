import { DecisionResult, type DecisionRecordContent, MatterType, MeetingBody, Position } from '@qinglian/contracts';
import { canonicalJson } from './canonical-json';
import { sealDecision, verifySeal } from './decision-seal';
import { generateSm2KeyPair, sm2Sign, sm2Verify, sm3Hex } from './sm-crypto';

const terms = { amount: 3200000, counterparty: '广元市某建设工程有限公司', project: '安置房二期', scope: null, conditions: '分三期支付' };
const content: DecisionRecordContent = {
  schema: 'qinglian.decision-record/1',
  tenantId: '6f1c0e2a-0000-4000-8000-000000000001',
  decisionId: '6f1c0e2a-0000-4000-8000-0000000000d1',
  meeting: { id: 'g1', body: MeetingBody.PartyCommittee, title: '2026年第12次党委会', heldOn: '2026-12-05', location: '三楼会议室' },
  matter: { id: 'm1', no: 'SX-2026-0001', title: '安置房项目工程款支付', matterType: MatterType.LargeFunds, proposedTerms: terms },
  policyVersionNo: 1,
  attendance: [
    { subject: 's1', name: '蒋志刚', title: '党委书记', isMainLeader: true, present: true, absenceReason: null },
    { subject: 's2', name: '李红', title: '委员', isMainLeader: false, present: true, absenceReason: null },
    { subject: 's3', name: '王强', title: '委员', isMainLeader: false, present: false, absenceReason: '出差' },
  ],
  recusals: [],
  positions: [
    { subject: 's2', name: '李红', isMainLeader: false, position: Position.Agree, reason: null, statedAt: '2026-12-05T02:00:00.000Z', seq: 1 },
    { subject: 's1', name: '蒋志刚', isMainLeader: true, position: Position.Agree, reason: null, statedAt: '2026-12-05T02:01:00.000Z', seq: 2 },
  ],
  tally: { agree: 2, disagree: 0, defer: 0, abstain: 0, base: 2, required: 2 },
  result: DecisionResult.Passed,
  terms,
  summary: '同意支付，分三期。',
  concludedBy: { subject: 'admin', name: '冯磊' },
  concludedAt: '2026-12-05T02:02:00.000Z',
};

/** zh-CN text first, then " / " and English (no Chinese after the separator). */
const ZH_THEN_EN = /^[^\u4e00-\u9fff]{0,8}[\u4e00-\u9fff][^]*? \/ [A-Za-z][^\u4e00-\u9fff]*$/;

describe('sealDecision', () => {
  const keys = generateSm2KeyPair();
  const seal = sealDecision(content, { keyId: 'sm2-20261205-0a1b2c3d', privateKeyPem: keys.privateKeyPem });

  it('hashes the canonical content with SM3 and signs the same canonical bytes with SM2', () => {
    expect(seal.canonical).toBe(canonicalJson(content));
    expect(seal.canonical.startsWith('{"attendance":[{"absenceReason":null,"isMainLeader":true,"name":"蒋志刚"')).toBe(true);
    expect(seal.hash).toBe(sm3Hex(seal.canonical));
    expect(seal.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(sm2Verify(keys.publicKeyPem, seal.canonical, seal.signature)).toBe(true);
    expect(sm2Verify(keys.publicKeyPem, seal.hash, seal.signature)).toBe(false);
    expect(seal.keyId).toBe('sm2-20261205-0a1b2c3d');
  });

  it('gives the same hash whatever the key order of the content', () => {
    const reordered = reversedKeys(content) as DecisionRecordContent;
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(content));
    expect(sealDecision(reordered, { keyId: 'k', privateKeyPem: keys.privateKeyPem }).hash).toBe(seal.hash);
  });

  it('refuses content that is not plain JSON data', () => {
    const bad = { ...content, concludedAt: new Date() } as unknown as DecisionRecordContent;
    expect(() => sealDecision(bad, { keyId: 'k', privateKeyPem: keys.privateKeyPem })).toThrow(/\$\.concludedAt is a Date/);
  });
});

/** The same data with every object's keys in reverse order (arrays untouched). */
function reversedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversedKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversedKeys(x)]));
  return v;
}

describe('verifySeal', () => {
  const keys = generateSm2KeyPair();
  const other = generateSm2KeyPair();
  const seal = sealDecision(content, { keyId: 'k1', privateKeyPem: keys.privateKeyPem });
  const stored = { content: JSON.parse(seal.canonical) as unknown, hash: seal.hash, signature: seal.signature, publicKeyPem: keys.publicKeyPem };

  it('accepts the record as stored (read back from jsonb: another key order)', () => {
    // jsonb orders keys by length, then bytes; any order will do.
    const fromJsonb = JSON.parse(JSON.stringify(reversedKeys(content))) as unknown;
    expect(JSON.stringify(fromJsonb)).not.toBe(seal.canonical);
    for (const c of [stored.content, fromJsonb, content]) {
      expect(verifySeal({ ...stored, content: c })).toEqual({ hashMatches: true, signatureValid: true, computedHash: seal.hash, problems: [] });
    }
  });

  it('a changed content field: neither the hash nor the signature holds', () => {
    const changed = { ...content, tally: { ...content.tally, agree: 3 } };
    const r = verifySeal({ ...stored, content: changed });
    expect(r.hashMatches).toBe(false);
    expect(r.signatureValid).toBe(false);
    expect(r.computedHash).toBe(sm3Hex(canonicalJson(changed)));
    expect(r.computedHash).not.toBe(seal.hash);
    expect(r.problems).toHaveLength(2);
    expect(r.problems[0]).toContain('记录内容的 SM3 哈希');
    expect(r.problems[0]).toContain(r.computedHash);
    expect(r.problems[1]).toContain('SM2 签名验证失败');
    for (const p of r.problems) expect(p).toMatch(ZH_THEN_EN);
  });

  it.each([
    ['a decided term', { ...content, terms: { ...terms, amount: 3200001 } }],
    ['a position', { ...content, positions: [{ ...content.positions[0]!, position: Position.Disagree, reason: '改了' }, content.positions[1]!] }],
    ['the order of positions', { ...content, positions: [...content.positions].reverse() }],
    ['a name, by one character', { ...content, concludedBy: { subject: 'admin', name: '冯磊 ' } }],
    ['an added field', { ...content, extra: 1 }],
    ['a removed field', { ...content, summary: undefined }],
  ])('%s changed: both fail', (_what, changed) => {
    expect(verifySeal({ ...stored, content: changed })).toMatchObject({ hashMatches: false, signatureValid: false });
  });

  it('a changed stored hash: the hash fails, the signature still holds', () => {
    const r = verifySeal({ ...stored, hash: sm3Hex('something else') });
    expect(r).toMatchObject({ hashMatches: false, signatureValid: true, computedHash: seal.hash });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/内容已被改动/);
  });

  it('a stored signature replaced by another valid one over other content, or by another key: the signature fails', () => {
    const forged = sm2Sign(keys.privateKeyPem, canonicalJson({ ...content, result: DecisionResult.Rejected }));
    expect(verifySeal({ ...stored, signature: forged })).toMatchObject({ hashMatches: true, signatureValid: false });
    const byOther = sm2Sign(other.privateKeyPem, seal.canonical);
    expect(verifySeal({ ...stored, signature: byOther })).toMatchObject({ hashMatches: true, signatureValid: false });
    expect(verifySeal({ ...stored, publicKeyPem: other.publicKeyPem })).toMatchObject({ hashMatches: true, signatureValid: false });
    expect(verifySeal({ ...stored, signature: 'garbage' }).problems).toEqual([expect.stringMatching(/^SM2 签名验证失败.* \/ the SM2 signature does not verify/)]);
  });

  it('a printed copy carrying the stored hash and signature passes, as printed (grouped, wrapped, upper case)', () => {
    expect(verifySeal({ ...stored, expectedHash: seal.hash, expectedSignature: seal.signature }).problems).toEqual([]);
    const grouped = (seal.hash.toUpperCase().match(/.{8}/g) ?? []).join(' ');
    const wrapped = (seal.signature.match(/.{1,64}/g) ?? []).join('\n');
    expect(verifySeal({ ...stored, expectedHash: grouped, expectedSignature: wrapped }).problems).toEqual([]);
  });

  it('a printed hash that differs is reported', () => {
    const r = verifySeal({ ...stored, expectedHash: '0'.repeat(64) });
    expect(r).toMatchObject({ hashMatches: true, signatureValid: true });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/^打印件上的哈希值与封存记录的哈希值不符/);
    expect(r.problems[0]).toContain('the printed hash is not the sealed one');
    expect(r.problems[0]).toMatch(ZH_THEN_EN);
  });

  it('a printed signature that differs is reported (even one that is itself valid)', () => {
    const another = sealDecision(content, { keyId: 'k1', privateKeyPem: keys.privateKeyPem }).signature;
    expect(another).not.toBe(seal.signature);
    const r = verifySeal({ ...stored, expectedHash: seal.hash, expectedSignature: another });
    expect(r.problems).toEqual([expect.stringMatching(/^打印件上的签名与封存记录的签名不符 \/ the printed signature is not the sealed one$/)]);
  });

  it('both printed values differing: both reported, hash first', () => {
    const r = verifySeal({ ...stored, expectedHash: 'f'.repeat(64), expectedSignature: 'AAAA' });
    expect(r.problems).toHaveLength(2);
    expect(r.problems[0]).toMatch(/打印件上的哈希值/);
    expect(r.problems[1]).toMatch(/打印件上的签名/);
  });

  it('stored content that cannot be canonicalised is a problem, not an exception', () => {
    const r = verifySeal({ ...stored, content: { ...content, tally: { ...content.tally, agree: Number.NaN } } });
    expect(r).toMatchObject({ hashMatches: false, signatureValid: false, computedHash: '' });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/^存档的记录内容无法规范化.*\$\.tally\.agree is NaN.* \/ the stored content cannot be canonicalised/);
  });

  it('a stored hash written in upper case still matches (same digest)', () => {
    expect(verifySeal({ ...stored, hash: seal.hash.toUpperCase() })).toMatchObject({ hashMatches: true, problems: [] });
  });
});
