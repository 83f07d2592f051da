import { DecisionResult, type DecisionRecordContent, type DecisionRecordDto, MatterType, MeetingBody, Position, PositionLabels } from '@qinglian/contracts';
import { sealDecision } from './decision-seal';
import { escapeHtml, formatShanghai, formatYuan, renderDecisionRecordHtml } from './print';
import { generateSm2KeyPair, keyFingerprint } from './sm-crypto';

const XSS = '<script>alert("x")</script>';
const terms = { amount: 3200000, counterparty: '广元市某建设工程有限公司', project: '安置房二期', scope: '一期至三期工程', conditions: '分三期支付' };
const content: DecisionRecordContent = {
  schema: 'qinglian.decision-record/1',
  tenantId: 't1',
  decisionId: 'd1',
  meeting: { id: 'g1', body: MeetingBody.Board, title: '2026年第12次董事会', heldOn: '2026-12-05', location: '三楼会议室' },
  matter: { id: 'm1', no: 'SX-2026-0001', title: '安置房项目工程款支付', matterType: MatterType.LargeFunds, proposedTerms: terms },
  policyVersionNo: 3,
  attendance: [
    { subject: 's1', name: '蒋志刚', title: '董事长', isMainLeader: true, present: true, absenceReason: null },
    { subject: 's2', name: XSS, title: '董事', isMainLeader: false, present: true, absenceReason: null },
    { subject: 's3', name: '李红', title: '董事', isMainLeader: false, present: true, absenceReason: null },
    { subject: 's4', name: '赵敏', title: '董事', isMainLeader: false, present: true, absenceReason: null },
    { subject: 's5', name: '钱伟', title: '董事', isMainLeader: false, present: true, absenceReason: null },
    { subject: 's6', name: '王强', title: '董事', isMainLeader: false, present: false, absenceReason: '出差在外' },
    { subject: 's7', name: '孙丽', title: '董事', isMainLeader: false, present: true, absenceReason: null },
  ],
  recusals: [
    { subject: 's7', name: '孙丽', kind: 'declared', reason: '近亲属任职于交易对方', recordedBy: 's7', recordedAt: '2026-12-05T01:55:00.000Z' },
    { subject: 's5', name: '钱伟', kind: 'required', reason: '曾参与该项目评审', recordedBy: 's1', recordedAt: '2026-12-05T01:56:00.000Z' },
  ],
  // Stored out of order on purpose: the print follows seq.
  positions: [
    { subject: 's4', name: '赵敏', isMainLeader: false, position: Position.Abstain, reason: '材料不足以判断', statedAt: '2026-12-05T02:03:00.000Z', seq: 3 },
    { subject: 's2', name: XSS, isMainLeader: false, position: Position.Disagree, reason: '资质存疑 & 价格偏高', statedAt: '2026-12-05T02:00:00.000Z', seq: 1 },
    { subject: 's3', name: '李红', isMainLeader: false, position: Position.Defer, reason: '待补充审计意见', statedAt: '2026-12-05T02:01:30.000Z', seq: 2 },
    { subject: 's1', name: '蒋志刚', isMainLeader: true, position: Position.Agree, reason: null, statedAt: '2026-12-05T16:30:00.000Z', seq: 4 },
  ],
  tally: { agree: 1, disagree: 1, defer: 1, abstain: 1, base: 4, required: 3 },
  result: DecisionResult.Rejected,
  terms,
  summary: '会议认为<资质>需复核。',
  concludedBy: { subject: 'admin', name: '冯磊' },
  concludedAt: '2026-12-05T02:05:00.000Z',
};

const keys = generateSm2KeyPair();
const seal = sealDecision(content, { keyId: 'sm2-20261205-0a1b2c3d', privateKeyPem: keys.privateKeyPem });
const record: DecisionRecordDto = { id: 'd1', matterId: 'm1', meetingId: 'g1', agendaItemId: 'i1', content, hash: seal.hash, signature: seal.signature, keyId: seal.keyId, sealedAt: '2026-12-05T02:05:01.000Z', auditSeq: 42 };
const fingerprint = keyFingerprint(keys.publicKeyPem);
const ctx = { tenantName: '广元市国有资本投资运营集团有限公司', publicKeyPem: keys.publicKeyPem, fingerprint, verifyPath: '/api/v1/decisions/d1/verify', printedAt: '2026-12-05T03:00:00.000Z' };
const html = renderDecisionRecordHtml(record, ctx);
const text = html.replace(/<[^>]+>/g, ' ');
const compact = html.replace(/\s+/g, '');

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    expect(escapeHtml('决策记录')).toBe('决策记录');
  });
});

describe('formatYuan / formatShanghai', () => {
  it('formats yuan with ¥ and thousands separators', () => {
    expect(formatYuan(3200000)).toBe('¥3,200,000.00');
    expect(formatYuan(1234567.5)).toBe('¥1,234,567.50');
    expect(formatYuan(0)).toBe('¥0.00');
    expect(formatYuan(null)).toBe('—');
  });

  it('writes instants in Beijing time (UTC+8), including across midnight', () => {
    expect(formatShanghai('2026-12-05T02:00:00.000Z')).toBe('2026-12-05 10:00:00');
    expect(formatShanghai('2026-12-05T16:30:00.000Z')).toBe('2026-12-06 00:30:00');
    expect(formatShanghai('not a time')).toBe('not a time');
  });
});

describe('renderDecisionRecordHtml', () => {
  it('is a complete, print-ready zh-CN page: A4, no scripts, no external resources', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="zh-CN">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/@page\s*\{\s*size:\s*A4/);
    expect(html).toContain('<h1>决策记录（会议纪要）</h1>');
    expect(html).toContain("default-src 'none'");
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\bon[a-z]+\s*=/i);
    expect(html).not.toMatch(/https?:\/\/|\bsrc\s*=|\bhref\s*=|url\(|@import|<link|<img|<iframe/i);
  });

  it('escapes a member name holding <script>', () => {
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).not.toContain(XSS);
    expect(html).toContain('资质存疑 &amp; 价格偏高');
    expect(html).toContain('会议认为&lt;资质&gt;需复核。');
  });

  it('shows the tenant, meeting and matter', () => {
    for (const s of [ctx.tenantName, '董事会', '2026年第12次董事会', '2026-12-05', '三楼会议室', 'SX-2026-0001', '安置房项目工程款支付', '大额资金使用', '第 3 版']) expect(text).toContain(s);
  });

  it('shows the decided terms with their zh labels, the amount in yuan', () => {
    for (const s of ['金额', '¥3,200,000.00', '交易对方', '广元市某建设工程有限公司', '项目', '安置房二期', '范围', '一期至三期工程', '条件', '分三期支付']) expect(text).toContain(s);
    expect(text).not.toContain('原提议');
  });

  it('shows proposed terms beside decided ones when the meeting amended them', () => {
    const amended = { ...content, terms: { ...terms, amount: 3000000 } };
    const page = renderDecisionRecordHtml({ ...record, content: amended }, ctx);
    expect(page).toContain('原提议');
    expect(page).toContain('¥3,000,000.00');
    expect(page).toContain('¥3,200,000.00');
  });

  it('lists every member with attendance, the main leader marked, an absence with its reason', () => {
    for (const a of content.attendance) expect(html).toContain(escapeHtml(a.name));
    expect(html).toMatch(/<td>蒋志刚<\/td><td>董事长<\/td><td>主要领导<\/td><td>出席<\/td>/);
    expect(html).toContain('<td>王强</td><td>董事</td><td></td><td>缺席（出差在外）</td>');
    expect(text).toContain('应到 7 人，实到 6 人');
  });

  it('lists recusals: who, declared or required by the chair, and why', () => {
    expect(html).toMatch(/<td>孙丽<\/td><td>主动申请<\/td><td>近亲属任职于交易对方<\/td>/);
    expect(html).toMatch(/<td>钱伟<\/td><td>主持人要求<\/td><td>曾参与该项目评审<\/td>/);
  });

  it('lists positions in the order stated, each with its label, reason and Beijing time', () => {
    for (const label of Object.values(PositionLabels)) expect(html).toContain(`<td>${label.zh}</td>`);
    const rows = [...html.matchAll(/<tr><td>(\d)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => m.slice(1));
    expect(rows).toEqual([
      ['1', escapeHtml(XSS), '不同意', '资质存疑 &amp; 价格偏高', '2026-12-05 10:00:00'],
      ['2', '李红', '缓议', '待补充审计意见', '2026-12-05 10:01:30'],
      ['3', '赵敏', '弃权', '材料不足以判断', '2026-12-05 10:03:00'],
      ['4', '蒋志刚（主要领导）', '同意', '', '2026-12-06 00:30:00'],
    ]);
  });

  it('shows the tally, the required count and the result', () => {
    expect(text).toContain('同意 1 票，不同意 1 票，缓议 1 票，弃权 1 票；计票基数 4 人，通过须同意 3 票。');
    expect(text).toContain('决议结果：未通过');
    for (const [result, zh] of [[DecisionResult.Passed, '通过'], [DecisionResult.Deferred, '缓议']] as const) {
      expect(renderDecisionRecordHtml({ ...record, content: { ...content, result } }, ctx)).toContain(`决议结果：${zh}</p>`);
    }
  });

  it('shows the summary and who concluded when', () => {
    expect(text).toContain('形成决议：冯磊，2026-12-05 10:05:00（北京时间）');
    expect(renderDecisionRecordHtml({ ...record, content: { ...content, summary: null } }, ctx)).toMatch(/<h2>会议意见<\/h2>\s*<p>无<\/p>/);
  });

  it('carries the verification block: hash in groups of 8, signature wrapped, key id, fingerprint, public key, verify path, how to check', () => {
    expect(compact).toContain(seal.hash);
    expect(compact).toContain(seal.signature);
    expect(html).toContain((seal.hash.match(/.{8}/g) ?? []).join(' '));
    expect(html).toContain(seal.signature.slice(0, 64) + '\n' + seal.signature.slice(64, 128));
    expect(html).toContain('sm2-20261205-0a1b2c3d');
    expect(html).toContain(fingerprint);
    expect(html).toContain(keys.publicKeyPem.trim());
    expect(html).toContain('/api/v1/decisions/d1/verify');
    expect(html).toContain('提交打印件上的哈希值与签名至验证接口');
    expect(text).toContain('打印时间：2026-12-05 11:00:00（北京时间）');
    expect(html.indexOf('封存与验证')).toBeGreaterThan(html.indexOf('决议结果'));
  });

  it('prints a record holding a value this build has no label for, rather than failing', () => {
    // As a newer build might have stored it: the content is read back from jsonb without validation.
    const odd = JSON.parse(JSON.stringify(content).replace('"body":"board"', '"body":"supervisory-board"').replace('"position":"abstain"', '"position":"veto"')) as DecisionRecordContent;
    const page = renderDecisionRecordHtml({ ...record, content: odd }, ctx);
    expect(page).toContain('supervisory-board');
    expect(page).toContain('<td>veto</td>');
  });

  it('escapes the context too', () => {
    const page = renderDecisionRecordHtml(record, { ...ctx, tenantName: '<b>租户</b>', verifyPath: '/x"><script>' });
    expect(page).toContain('&lt;b&gt;租户&lt;/b&gt;');
    expect(page).not.toMatch(/<script/i);
  });
});
