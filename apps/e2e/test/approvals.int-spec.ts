/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return -- JSON answers are read loosely here; the assertions check their shape */
import { AlertKind, ApprovalsEvents, type EventEnvelope, Position } from '@qinglian/contracts';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { passwordGrantToken, TestNatsServer } from '@qinglian/testing';
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { DEMO_PASSWORD, type Platform, startPlatform } from './platform';

/**
 * approvals end to end (issue 5): HTTP with real tokens from the dev realm for each person → gateway →
 * NATS → approvals (and power-list for the directory) → PostgreSQL with row-level security, on the
 * demo enterprise 广元市国有资本投资运营集团 (7-member Party committee) as `npm start` loads it.
 */
const WORKSPACE = resolve(__dirname, '../../..');
const DEMO_FILE = join(WORKSPACE, 'deploy/local/demo/power-list-demo.json');
const run = promisify(execFile);
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** Demo people (apps/dev-realm/src/demo/realm.json) by username → subject. */
const SUBJECT = {
  'capital-admin': '3e8b1f52-6c0a-4d97-b2e4-100000000201',
  'capital-secretary': '3e8b1f52-6c0a-4d97-b2e4-100000000202',
  'capital-leader': '3e8b1f52-6c0a-4d97-b2e4-100000000203',
  'capital-member': '3e8b1f52-6c0a-4d97-b2e4-100000000204',
  'capital-integrity': '3e8b1f52-6c0a-4d97-b2e4-100000000205',
  'capital-discipline': '3e8b1f52-6c0a-4d97-b2e4-100000000206',
  'capital-paizhu': '3e8b1f52-6c0a-4d97-b2e4-100000000207',
  'capital-head': '3e8b1f52-6c0a-4d97-b2e4-100000000208',
  'capital-handler': '3e8b1f52-6c0a-4d97-b2e4-100000000209',
  'capital-gm': '3e8b1f52-6c0a-4d97-b2e4-100000000211',
  'capital-deputy': '3e8b1f52-6c0a-4d97-b2e4-100000000212',
  'capital-cfo': '3e8b1f52-6c0a-4d97-b2e4-100000000213',
  'capital-jwsj': '3e8b1f52-6c0a-4d97-b2e4-100000000214',
  'transport-admin': '3e8b1f52-6c0a-4d97-b2e4-100000000301',
} as const;
type User = keyof typeof SUBJECT;

type Body = Record<string, any>;

/** RFC 8785-style canonical JSON, written independently of the service's. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

describe('approvals through the gateway with real tokens', () => {
  let platform: Platform;
  let nats: TestNatsServer;
  let nc: NatsConnection;
  const tokens = new Map<User, string>();
  let itemId: string;
  let smallItemId: string;

  const api = async (user: User, method: string, path: string, body?: unknown) => {
    let token = tokens.get(user);
    if (!token) tokens.set(user, (token = await passwordGrantToken(platform.realmUrl as string, user, DEMO_PASSWORD)));
    const res = await fetch(`${platform.gatewayUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const type = res.headers.get('content-type') ?? '';
    const text = await res.text();
    return { status: res.status, type, text, body: (type.includes('json') && text.length > 0 ? JSON.parse(text) : {}) as Body };
  };
  const ok = async (user: User, method: string, path: string, body?: unknown): Promise<Body> => {
    const res = await api(user, method, path, body);
    if (res.status >= 300) throw new Error(`${user} ${method} ${path} → ${res.status} ${res.text}`);
    return res.body;
  };
  const owner = () => new pg.Client({ connectionString: platform.db.adminUrl });

  const largeFunds = (title: string, amount: unknown, counterparty = '广元市城建工程有限公司') => ({
    powerItemId: itemId,
    title,
    matterType: 'largeFunds',
    terms: { amount, counterparty, project: '嘉陵江安置房二期', scope: '二期工程进度款', conditions: '按监理确认的工程量支付' },
    description: '根据施工合同和监理确认的工程量，申请支付二期工程进度款。',
  });

  /** Through the flow's review steps to 待上会, as the people the directory names. */
  const toMeetingStep = async (id: string) => {
    await ok('capital-head', 'POST', `/api/v1/matters/${id}/act`, { action: 'approve', opinion: '资料齐全，金额与合同一致，同意。' });
    return ok('capital-leader', 'POST', `/api/v1/matters/${id}/act`, { action: 'approve', opinion: '同意提交党委会集体决策。' });
  };
  const file = async (id: string) => {
    for (const kind of ['research', 'consultation', 'risk-assessment'] as const) await ok('capital-handler', 'POST', `/api/v1/matters/${id}/filing`, { kind, opinion: `${kind} 记录：已完成。` });
    await ok('capital-integrity', 'POST', `/api/v1/matters/${id}/filing`, { kind: 'compliance-review', opinion: '经审查，事项符合法律法规和公司章程，同意上会。' });
    return ok('capital-secretary', 'POST', `/api/v1/matters/${id}/filing/sign`, { opinion: '同意提交党委会研究。' });
  };

  beforeAll(async () => {
    nats = await TestNatsServer.start();
    platform = await startPlatform({ services: ['power-list', 'approvals'], realm: true, natsUrl: nats.url, gatewayEnv: { GATEWAY_DEV_AUTH: 'false' }, extraEnv: { DEADLINE_SWEEP_MS: '500' } });
    nc = await connect({ servers: nats.url });
    const script = [
      `import { loadPowerList } from ${JSON.stringify(pathToFileURL(join(WORKSPACE, 'deploy/local/lib/demo.mjs')).href)};`,
      `const r = await loadPowerList({ gatewayUrl: ${JSON.stringify(platform.gatewayUrl)}, issuer: ${JSON.stringify(platform.realmUrl)}, file: ${JSON.stringify(DEMO_FILE)}, passwordOf: () => ${JSON.stringify(DEMO_PASSWORD)} });`,
      'console.log(JSON.stringify(r));',
    ].join('\n');
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: WORKSPACE, timeout: 150_000 });
    expect(JSON.parse(stdout.trim().split('\n').pop() ?? '{}')['gy-capital']).toMatchObject({ published: 1 });
    const items = await ok('capital-admin', 'GET', '/api/v1/power-items?limit=50');
    itemId = items.items.find((i: Body) => i.code === 'JT-CW-001').id;

    // A small-payments power without a meeting step: the way round a meeting that detection must catch.
    const unit = (await ok('capital-admin', 'GET', '/api/v1/org-units')).find((u: Body) => u.code === 'JT-CWB');
    expect(unit).toBeDefined();
    const created = await ok('capital-admin', 'POST', '/api/v1/power-items', {
      code: 'JT-CW-002',
      name: '日常资金支付审批',
      category: '财务',
      handlingUnitCode: 'JT-CWB',
      legalBasis: [],
      flow: {
        steps: [
          { name: '提出申请', kind: 'submit', actor: { kind: 'role', ref: 'handler' } },
          { name: '财务部审核', kind: 'review', actor: { kind: 'post', ref: 'JT-CWB-JL' } },
          { name: '支付', kind: 'issue', actor: { kind: 'post', ref: 'JT-CWB-JL' } },
        ],
      },
    });
    smallItemId = created.id;
    const at = `/api/v1/power-items/${smallItemId}/versions/1`;
    await ok('capital-admin', 'POST', `${at}/submit`);
    await ok('capital-integrity', 'POST', `${at}/reviews`, { decision: 'approve', opinion: '同意发布。' });
    await ok('capital-discipline', 'POST', `${at}/reviews`, { decision: 'approve', opinion: '同意发布。' });
    await ok('capital-admin', 'POST', `${at}/publish`);
  }, 240_000);

  afterAll(async () => {
    if (process.env['E2E_DEBUG']) console.log(platform.services['approvals']?.proc.output);
    await nc.close();
    await platform.stop();
    await nats.dispose();
  });

  it('keeps the policy versioned: the default first, changes as new versions, matters on the version they started under', async () => {
    const v1 = await ok('capital-admin', 'GET', '/api/v1/approvals/policy');
    expect(v1.versionNo).toBe(1);
    expect(v1.content.quorum).toEqual({ fraction: 0.5, strict: true });
    expect(v1.content.majority).toEqual({ base: 'all-members', fraction: 0.5, strict: true });
    expect(v1.content.matterTypes.map((t: Body) => t.type).sort()).toEqual(['largeFunds', 'majorDecision', 'majorProject', 'personnel']);
    const before = await ok('capital-handler', 'POST', '/api/v1/matters', largeFunds('政策版本测试', 200000));

    expect((await api('capital-handler', 'PUT', '/api/v1/approvals/policy', v1.content)).status).toBe(403);
    const bad = await api('capital-admin', 'PUT', '/api/v1/approvals/policy', { ...v1.content, quorum: { fraction: 1.5, strict: true } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('quorum.fraction');
    const dup = await api('capital-admin', 'PUT', '/api/v1/approvals/policy', { ...v1.content, matterTypes: [v1.content.matterTypes[0], ...v1.content.matterTypes.slice(0, 3)] });
    expect(dup.status).toBe(400);
    expect((await ok('capital-admin', 'GET', '/api/v1/approvals/policy')).versionNo).toBe(1);

    const v2 = await ok('capital-admin', 'PUT', '/api/v1/approvals/policy', { ...v1.content, reminderHours: 48 });
    expect(v2.versionNo).toBe(2);
    const after = await ok('capital-handler', 'POST', '/api/v1/matters', largeFunds('政策版本测试二', 200000));
    expect(after.policyVersionNo).toBe(2);
    expect((await ok('capital-handler', 'GET', `/api/v1/matters/${before.id}`)).policyVersionNo).toBe(1);
    expect((await ok('capital-handler', 'GET', '/api/v1/approvals/policy/versions')).map((p: Body) => p.versionNo)).toEqual([2, 1]);
    for (const m of [before, after]) await ok('capital-handler', 'POST', `/api/v1/matters/${m.id}/withdraw`, { reason: '测试完毕撤回' });
  });

  it('refuses bad input with the field and the rule, and changes nothing', async () => {
    const count = async () => (await ok('capital-admin', 'GET', '/api/v1/matters?limit=1')).total;
    const n = await count();
    for (const amount of [-1, 'abc', '100', Number.MAX_SAFE_INTEGER]) {
      const res = await api('capital-handler', 'POST', '/api/v1/matters', largeFunds('非法金额', amount));
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('terms.amount');
    }
    const noDesc = await api('capital-handler', 'POST', '/api/v1/matters', { ...largeFunds('缺说明', 100), description: '' });
    expect(noDesc.status).toBe(400);
    expect(JSON.stringify(noDesc.body)).toContain('description');
    expect((await api('capital-integrity', 'POST', '/api/v1/matters', largeFunds('无权发起', 100))).status).toBe(403);
    expect((await api('capital-handler', 'POST', '/api/v1/matters', { ...largeFunds('不存在的权力事项', 100), powerItemId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect(await count()).toBe(n);
  });

  describe('a 大额资金 matter from submission to a sealed decision and after', () => {
    let matterId: string;
    let meetingId: string;
    let itemOnAgenda: string;
    let decision: Body;

    it('runs the flow with each step assigned from the directory and a written opinion at each', async () => {
      const m = await ok('capital-handler', 'POST', '/api/v1/matters', largeFunds('嘉陵江安置房二期工程进度款支付', 3200000));
      matterId = m.id;
      expect(m).toMatchObject({ requiresMeeting: true, requiredBodies: ['party-committee'], status: 'in-progress', currentStep: 2, powerItemCode: 'JT-CW-001' });
      expect(m.no).toMatch(/^SX-\d{4}-\d{4}$/);
      expect(m.tasks[0]).toMatchObject({ stepOrder: 1, status: 'approved', actorSubject: SUBJECT['capital-handler'], action: 'approve' });
      expect(m.tasks[1]).toMatchObject({ stepOrder: 2, status: 'open', assignees: [{ subject: SUBJECT['capital-head'], name: '沈涛' }] });
      expect(m.withdrawable).toBe(true);

      const missing = await api('capital-head', 'POST', `/api/v1/matters/${matterId}/act`, { action: 'approve' });
      expect(missing.status).toBe(400);
      expect(JSON.stringify(missing.body)).toContain('opinion');
      const notMine = await api('capital-leader', 'POST', `/api/v1/matters/${matterId}/act`, { action: 'approve', opinion: '同意' });
      expect(notMine.status).toBe(403);

      const todo = await ok('capital-head', 'GET', '/api/v1/todos');
      expect(todo.some((t: Body) => t.matterId === matterId && t.kind === 'step' && t.stepOrder === 2 && typeof t.dueAt === 'string')).toBe(true);

      const s3 = await ok('capital-head', 'POST', `/api/v1/matters/${matterId}/act`, { action: 'approve', opinion: '资料齐全，金额与合同一致，同意。' });
      expect(s3.tasks.at(-1)).toMatchObject({ stepOrder: 3, status: 'open', assignees: [{ subject: SUBJECT['capital-leader'] }] });
      expect((await api('capital-handler', 'POST', `/api/v1/matters/${matterId}/withdraw`, { reason: '想撤回' })).status).toBe(409);

      const badReturn = await api('capital-leader', 'POST', `/api/v1/matters/${matterId}/act`, { action: 'return', opinion: '请补充监理报告', toStep: 3 });
      expect(badReturn.status).toBe(400);
      const back = await ok('capital-leader', 'POST', `/api/v1/matters/${matterId}/act`, { action: 'return', opinion: '请补充监理确认单后重新审核。', toStep: 2 });
      expect(back.tasks.at(-2)).toMatchObject({ stepOrder: 3, status: 'returned', returnedTo: 2, opinion: '请补充监理确认单后重新审核。', actorSubject: SUBJECT['capital-leader'] });
      expect(back.tasks.at(-1)).toMatchObject({ stepOrder: 2, status: 'open' });
      const waiting = await toMeetingStep(matterId);
      expect(waiting).toMatchObject({ status: 'awaiting-meeting', currentStep: 4 });
      expect(waiting.tasks.map((t: Body) => `${t.stepOrder}:${t.status}`)).toEqual(['1:approved', '2:approved', '3:returned', '2:approved', '3:approved', '4:open']);
    });

    it('keeps a “三重一大” matter off the agenda until it is filed, then copies the filing to the discipline group', async () => {
      const meeting = await ok('capital-admin', 'POST', '/api/v1/meetings', { body: 'party-committee', title: '2026年第12次党委会', heldOn: TODAY, location: '集团三楼会议室' });
      meetingId = meeting.id;
      expect(meeting.members).toHaveLength(7);
      expect(meeting.members.filter((x: Body) => x.isMainLeader).map((x: Body) => x.subject)).toEqual([SUBJECT['capital-secretary']]);

      const unfiled = await api('capital-admin', 'POST', `/api/v1/meetings/${meetingId}/agenda`, { matterId });
      expect(unfiled.status).toBe(409);
      expect(unfiled.body.detail ?? unfiled.text).toContain('会前报备未完成');
      const early = await api('capital-secretary', 'POST', `/api/v1/matters/${matterId}/filing/sign`, { opinion: '同意' });
      expect(early.status).toBe(409);
      expect(early.text).toContain('合法合规审查');

      // An attachment with its SM3 hash, read back unchanged.
      const form = new FormData();
      const content = Buffer.from('监理确认单：二期工程量 3200000 元', 'utf8');
      form.append('purpose', 'research');
      form.append('file', new Blob([content], { type: 'text/plain' }), '监理确认单.txt');
      const up = await fetch(`${platform.gatewayUrl}/api/v1/matters/${matterId}/attachments`, { method: 'POST', headers: { authorization: `Bearer ${tokens.get('capital-handler')}` }, body: form });
      expect(up.status).toBe(201);
      const att = (await up.json()) as Body;
      expect(att).toMatchObject({ fileName: '监理确认单.txt', size: content.byteLength, sm3: createHash('sm3').update(content).digest('hex') });
      const down = await fetch(`${platform.gatewayUrl}/api/v1/matters/${matterId}/attachments/${att.id}`, { headers: { authorization: `Bearer ${tokens.get('capital-head')}` } });
      expect(Buffer.from(await down.arrayBuffer()).equals(content)).toBe(true);

      expect((await api('capital-handler', 'POST', `/api/v1/matters/${matterId}/filing`, { kind: 'compliance-review', opinion: '自己审查自己' })).status).toBe(403);
      // The finance manager reviewed step 2: the compliance review is the integrity office's, not his.
      expect((await api('capital-head', 'POST', `/api/v1/matters/${matterId}/filing`, { kind: 'compliance-review', opinion: '我已审核过' })).status).toBe(403);
      expect((await ok('capital-paizhu', 'GET', '/api/v1/filings')).some((f: Body) => f.id === matterId)).toBe(false);
      const filed = await file(matterId);
      expect(filed.filing).toMatchObject({ required: true, complete: true, missing: [] });
      expect(typeof filed.filing.copiedToDisciplineAt).toBe('string');
      expect((await ok('capital-paizhu', 'GET', '/api/v1/filings')).some((f: Body) => f.id === matterId)).toBe(true);
      expect((await api('capital-handler', 'POST', `/api/v1/matters/${matterId}/filing`, { kind: 'research', opinion: '签字后补充' })).status).toBe(409);
    });

    it('opens the meeting only with a quorum, takes the agenda, and refuses positions out of turn', async () => {
      const attendance = Object.entries(SUBJECT)
        .filter(([u]) => ['capital-secretary', 'capital-gm', 'capital-leader', 'capital-member', 'capital-deputy', 'capital-cfo', 'capital-jwsj'].includes(u))
        .map(([u, subject]) => (u === 'capital-deputy' ? { subject, present: false, absenceReason: '外出学习' } : { subject, present: true }));
      const noReason = await api('capital-admin', 'PUT', `/api/v1/meetings/${meetingId}/attendance`, { attendance: [{ subject: SUBJECT['capital-deputy'], present: false }] });
      expect(noReason.status).toBe(400);
      expect(noReason.text).toContain('absenceReason');
      expect((await api('capital-admin', 'POST', `/api/v1/meetings/${meetingId}/open`)).status).toBe(409);
      await ok('capital-admin', 'PUT', `/api/v1/meetings/${meetingId}/attendance`, { attendance });
      const opened = await ok('capital-admin', 'POST', `/api/v1/meetings/${meetingId}/open`);
      expect(opened.quorum).toEqual({ members: 7, present: 6, required: 4, met: true });
      const withItem = await ok('capital-admin', 'POST', `/api/v1/meetings/${meetingId}/agenda`, { matterId });
      itemOnAgenda = withItem.agenda[0].id;
      const p = `/api/v1/meetings/${meetingId}/agenda/${itemOnAgenda}/positions`;

      await ok('capital-cfo', 'POST', `/api/v1/meetings/${meetingId}/agenda/${itemOnAgenda}/recusals`, { reason: '交易对方法定代表人系本人亲属' });
      const recused = await api('capital-cfo', 'POST', p, { position: 'agree' });
      expect(recused.status).toBe(409);
      expect(recused.text).toContain('recused');
      const absent = await api('capital-deputy', 'POST', p, { position: 'agree' });
      expect(absent.status).toBe(409);
      expect(absent.text).toContain('absent');
      const notMember = await api('capital-head', 'POST', p, { position: 'agree' });
      expect(notMember.status).toBe(403);
      const first = await api('capital-secretary', 'POST', p, { position: 'agree' });
      expect(first.status).toBe(409);
      expect(first.text).toContain('末位表态');
      const noReason2 = await api('capital-jwsj', 'POST', p, { position: 'disagree' });
      expect(noReason2.status).toBe(400);
      expect(noReason2.text).toContain('reason');
      expect((await ok('capital-admin', 'GET', `/api/v1/meetings/${meetingId}`)).agenda[0].positions).toEqual([]);
    });

    it('lands concurrent positions exactly once each, and never the main leader before the last member', async () => {
      const p = `/api/v1/meetings/${meetingId}/agenda/${itemOnAgenda}/positions`;
      const both = await Promise.all([api('capital-gm', 'POST', p, { position: 'agree' }), api('capital-member', 'POST', p, { position: 'agree' })]);
      expect(both.map((r) => r.status)).toEqual([201, 201]);
      const twice = await Promise.all([api('capital-leader', 'POST', p, { position: 'agree' }), api('capital-leader', 'POST', p, { position: 'defer', reason: '再论证' })]);
      expect(twice.map((r) => r.status).sort()).toEqual([201, 409]);
      const race = await Promise.all([api('capital-jwsj', 'POST', p, { position: 'disagree', reason: '交易对方资质存疑，建议先核查' }), api('capital-secretary', 'POST', p, { position: 'agree' })]);
      expect(race[0].status).toBe(201);
      if (race[1].status !== 201) {
        expect(race[1].status).toBe(409);
        await ok('capital-secretary', 'POST', p, { position: 'agree' });
      }
      const meeting = await ok('capital-admin', 'GET', `/api/v1/meetings/${meetingId}`);
      const positions = meeting.agenda[0].positions as Body[];
      expect(positions.map((x) => x.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(positions.at(-1)).toMatchObject({ subject: SUBJECT['capital-secretary'], isMainLeader: true });
      expect(positions.filter((x) => x.subject === SUBJECT['capital-leader'])).toHaveLength(1);
      expect(meeting.agenda[0].pending).toEqual([]);
    });

    it('seals the decision record: SM3 over the canonical content, SM2-signed, in the audit chain, verifiable and printable', async () => {
      decision = await ok('capital-admin', 'POST', `/api/v1/meetings/${meetingId}/agenda/${itemOnAgenda}/conclude`, { summary: '会议同意支付二期工程进度款。' });
      expect(decision.content).toMatchObject({ result: 'passed', tally: { agree: 4, disagree: 1, defer: 0, abstain: 0, base: 6, required: 4 } });
      expect(decision.content.recusals).toMatchObject([{ subject: SUBJECT['capital-cfo'], kind: 'declared' }]);
      expect(decision.content.attendance.find((a: Body) => a.subject === SUBJECT['capital-deputy'])).toMatchObject({ present: false, absenceReason: '外出学习' });
      expect(decision.content.positions.find((x: Body) => x.subject === SUBJECT['capital-jwsj'])).toMatchObject({ position: Position.Disagree, reason: '交易对方资质存疑，建议先核查' });
      expect(decision.hash).toBe(createHash('sm3').update(canonical(decision.content)).digest('hex'));
      const keys = await ok('capital-paizhu', 'GET', '/api/v1/approvals/signing-keys');
      const key = keys.find((k: Body) => k.keyId === decision.keyId);
      const { verify } = await import('node:crypto');
      expect(verify('sm3', Buffer.from(canonical(decision.content)), key.publicKeyPem, Buffer.from(decision.signature, 'base64'))).toBe(true);

      const verified = await ok('capital-paizhu', 'GET', `/api/v1/decisions/${decision.id}/verify`);
      expect(verified).toMatchObject({ ok: true, hashMatches: true, signatureValid: true, auditEntryMatches: true, problems: [] });
      const printedWrong = await ok('capital-paizhu', 'GET', `/api/v1/decisions/${decision.id}/verify?hash=${'0'.repeat(64)}`);
      expect(printedWrong.ok).toBe(false);
      const printed = await api('capital-secretary', 'GET', `/api/v1/decisions/${decision.id}/print`);
      expect(printed.type).toContain('text/html');
      expect(printed.text).toContain(decision.keyId);
      expect(printed.text.replace(/\s+/g, '')).toContain(decision.hash);
      expect(printed.text).toContain('罗振华');

      const m = await ok('capital-handler', 'GET', `/api/v1/matters/${matterId}`);
      expect(m).toMatchObject({ status: 'in-progress', currentStep: 5, decisions: [{ decisionId: decision.id, result: 'passed', hash: decision.hash }] });
      expect(m.tasks.find((t: Body) => t.stepOrder === 4).status).toBe('decided');
      expect((await api('transport-admin', 'GET', `/api/v1/decisions/${decision.id}`)).status).toBe(404);
      expect((await api('transport-admin', 'GET', `/api/v1/matters/${matterId}`)).status).toBe(404);
      for (const method of ['PUT', 'PATCH', 'DELETE']) expect([404, 405]).toContain((await api('capital-admin', method, `/api/v1/decisions/${decision.id}`, {})).status);
      expect((await api('capital-admin', 'POST', `/api/v1/meetings/${meetingId}/agenda/${itemOnAgenda}/conclude`, {})).status).toBe(409);
      expect((await api('capital-gm', 'POST', `/api/v1/meetings/${meetingId}/agenda/${itemOnAgenda}/positions`, { position: 'disagree', reason: '改主意' })).status).toBe(409);
    });

    it('compares the issued document with the decision and execution with both, then closes on evaluation', async () => {
      const issued = await ok('capital-head', 'POST', `/api/v1/matters/${matterId}/issuances`, {
        docNo: '广元资本〔2026〕12号',
        title: '关于支付嘉陵江安置房二期工程进度款的批复',
        issuedOn: TODAY,
        terms: { amount: 3500000, counterparty: '广元市城建工程有限公司', project: '嘉陵江安置房二期', scope: '二期工程进度款', conditions: '按监理确认的工程量支付' },
      });
      expect(issued.issuances[0].differences).toEqual([{ field: 'amount', decided: 3200000, actual: 3500000 }]);
      expect(issued.status).toBe('executing');
      const reported = await ok('capital-head', 'POST', `/api/v1/matters/${matterId}/execution-reports`, { reportedOn: TODAY, progressPercent: 60, amountSpent: 3300000, counterparty: '广元市某劳务公司', note: '已支付第一笔' });
      expect(reported.executionReports[0].divergences.map((d: Body) => d.field).sort()).toEqual(['amount', 'counterparty']);
      const alerts = await ok('capital-discipline', 'GET', `/api/v1/alerts?matterId=${matterId}`);
      expect(alerts.map((a: Body) => a.kind).sort()).toEqual([AlertKind.DecisionChanged, AlertKind.ExecutionDivergent]);
      expect((await api('capital-handler', 'GET', '/api/v1/alerts')).status).toBe(403);
      const negative = await api('capital-head', 'POST', `/api/v1/matters/${matterId}/execution-reports`, { reportedOn: TODAY, progressPercent: 70, amountSpent: -5, note: '负数' });
      expect(negative.status).toBe(400);
      const closed = await ok('capital-integrity', 'POST', `/api/v1/matters/${matterId}/evaluation`, { evaluatedOn: TODAY, rating: 'fair', summary: '按期完成，但付款金额超出决策，已责令整改。', indicators: [{ name: '工程进度', target: '100%', actual: '100%' }] });
      expect(closed.status).toBe('closed');
      expect((await api('capital-integrity', 'POST', `/api/v1/matters/${matterId}/evaluation`, { evaluatedOn: TODAY, rating: 'good', summary: '再评一次' })).status).toBe(409);
    });

    it('rotates the signing key and still verifies the old record; a change made in the database is detected', async () => {
      const rotated = await ok('capital-admin', 'POST', '/api/v1/approvals/signing-keys/rotate');
      expect(rotated.keyId).not.toBe(decision.keyId);
      const keys = await ok('capital-admin', 'GET', '/api/v1/approvals/signing-keys');
      expect(keys.find((k: Body) => k.keyId === decision.keyId)).toMatchObject({ active: false });
      expect((await ok('capital-admin', 'GET', `/api/v1/decisions/${decision.id}/verify`)).ok).toBe(true);

      const db = owner();
      await db.connect();
      try {
        // The runtime role cannot change a sealed record at all; the owner is stopped by the trigger.
        const runtime = new pg.Client({ connectionString: platform.db.urlFor('qinglian_approvals') });
        await runtime.connect();
        await expect(runtime.query(`UPDATE approvals.decision_record SET result = 'rejected'`)).rejects.toThrow(/permission denied/);
        await runtime.end();
        await expect(db.query(`UPDATE approvals.decision_record SET result = 'rejected' WHERE id = $1`, [decision.id])).rejects.toThrow(/append-only/);
        await db.query('BEGIN');
        await db.query('ALTER TABLE approvals.decision_record DISABLE TRIGGER decision_record__append_only');
        await db.query(`UPDATE approvals.decision_record SET content = jsonb_set(content, '{tally,agree}', '5') WHERE id = $1`, [decision.id]);
        await db.query('ALTER TABLE approvals.decision_record ENABLE TRIGGER decision_record__append_only');
        await db.query('COMMIT');
      } finally {
        await db.end();
      }
      const tampered = await ok('capital-paizhu', 'GET', `/api/v1/decisions/${decision.id}/verify`);
      expect(tampered).toMatchObject({ ok: false, hashMatches: false, signatureValid: false });
      expect(tampered.problems.length).toBeGreaterThan(0);
    });
  });

  it('refuses to open without a quorum; the chair requires a recusal; a deferred result leaves the matter awaiting the next meeting', async () => {
    const m = await ok('capital-handler', 'POST', '/api/v1/matters', largeFunds('嘉陵江安置房三期前期费用', 1800000, '广元市某设计院'));
    await toMeetingStep(m.id);
    await file(m.id);
    const g = await ok('capital-admin', 'POST', '/api/v1/meetings', { body: 'party-committee', title: '2026年第13次党委会', heldOn: TODAY });
    const present = new Set<string>([SUBJECT['capital-secretary'], SUBJECT['capital-gm'], SUBJECT['capital-leader']]);
    await ok('capital-admin', 'PUT', `/api/v1/meetings/${g.id}/attendance`, { attendance: g.members.map((x: Body) => (present.has(x.subject) ? { subject: x.subject, present: true } : { subject: x.subject, present: false, absenceReason: '出差' })) });
    const noQuorum = await api('capital-admin', 'POST', `/api/v1/meetings/${g.id}/open`);
    expect(noQuorum.status).toBe(409);
    expect(noQuorum.text).toContain('法定人数');
    expect((await ok('capital-admin', 'GET', `/api/v1/meetings/${g.id}`)).status).toBe('scheduled');
    for (const u of ['capital-member', 'capital-jwsj'] as const) present.add(SUBJECT[u]);
    await ok('capital-admin', 'PUT', `/api/v1/meetings/${g.id}/attendance`, { attendance: g.members.map((x: Body) => (present.has(x.subject) ? { subject: x.subject, present: true } : { subject: x.subject, present: false, absenceReason: '出差' })) });
    const opened = await ok('capital-secretary', 'POST', `/api/v1/meetings/${g.id}/open`);
    expect(opened.quorum).toMatchObject({ members: 7, present: 5, required: 4, met: true });
    const item = (await ok('capital-admin', 'POST', `/api/v1/meetings/${g.id}/agenda`, { matterId: m.id })).agenda[0].id;
    const at = `/api/v1/meetings/${g.id}/agenda/${item}`;
    expect((await api('capital-gm', 'POST', `${at}/recusals`, { subject: SUBJECT['capital-leader'], reason: '与交易对方有业务往来' })).status).toBe(403);
    const required = await ok('capital-secretary', 'POST', `${at}/recusals`, { subject: SUBJECT['capital-leader'], reason: '与交易对方有业务往来' });
    expect(required.agenda[0].recusals).toMatchObject([{ subject: SUBJECT['capital-leader'], kind: 'required', recordedBy: SUBJECT['capital-secretary'] }]);
    expect((await api('capital-leader', 'POST', `${at}/positions`, { position: 'agree' })).status).toBe(409);
    expect((await api('capital-admin', 'POST', `${at}/conclude`, {})).status).toBe(409);
    await ok('capital-gm', 'POST', `${at}/positions`, { position: 'defer', reason: '设计费标准需再论证' });
    await ok('capital-member', 'POST', `${at}/positions`, { position: 'defer', reason: '同意缓议' });
    await ok('capital-jwsj', 'POST', `${at}/positions`, { position: 'agree' });
    const lastStated = await ok('capital-secretary', 'POST', `${at}/positions`, { position: 'disagree', reason: '先论证再上会' });
    // The answer to a position is the meeting as a read shows it afterwards, the new position included.
    expect(lastStated).toEqual(await ok('capital-admin', 'GET', `/api/v1/meetings/${g.id}`));
    expect(lastStated.agenda[0].positions.at(-1)).toMatchObject({ subject: SUBJECT['capital-secretary'], position: 'disagree', reason: '先论证再上会', seq: 4, isMainLeader: true });
    expect(lastStated.agenda[0].pending).toEqual([]);
    const deferred = await ok('capital-admin', 'POST', `${at}/conclude`, {});
    // base: 7 members − 1 recused = 6, passing needs 4; 1 agree; defer (2) ≥ disagree (1) → 缓议
    expect(deferred.content).toMatchObject({ result: 'deferred', tally: { agree: 1, disagree: 1, defer: 2, abstain: 0, base: 6, required: 4 } });
    expect((await ok('capital-handler', 'GET', `/api/v1/matters/${m.id}`)).status).toBe('awaiting-meeting');
    const closed = await ok('capital-admin', 'POST', `/api/v1/meetings/${g.id}/close`);
    expect(closed.status).toBe('closed');
    const next = await ok('capital-admin', 'POST', '/api/v1/meetings', { body: 'party-committee', title: '2026年第14次党委会', heldOn: TODAY });
    expect((await ok('capital-admin', 'POST', `/api/v1/meetings/${next.id}/agenda`, { matterId: m.id })).agenda).toHaveLength(1);
    const wrongBody = await ok('capital-admin', 'POST', '/api/v1/meetings', { body: 'board', title: '董事会', heldOn: TODAY });
    expect((await api('capital-admin', 'POST', `/api/v1/meetings/${wrongBody.id}/agenda`, { matterId: m.id })).status).toBe(409);
  });

  describe('detection', () => {
    const small = (title: string, amount: number, counterparty: string) => ({
      powerItemId: smallItemId,
      title,
      matterType: 'largeFunds',
      terms: { amount, counterparty },
      description: '日常支付申请。',
    });

    it('raises 拆分事项规避上会 once for parts with one counterparty that together pass the threshold', async () => {
      const parts: Body[] = [];
      for (const [i, amount] of [400000, 350000, 300000].entries()) parts.push(await ok('capital-handler', 'POST', '/api/v1/matters', small(`办公楼维修款（第${i + 1}笔）`, amount, '广元市 某装饰 有限公司')));
      expect(parts.every((p) => p.requiresMeeting === false)).toBe(true);
      const alerts = (await ok('capital-discipline', 'GET', '/api/v1/alerts?kind=splitting')) as Body[];
      const [a0, a1, a2] = parts as [Body, Body, Body];
      const mine = alerts.filter((a) => a.matterId === a2.id);
      expect(mine).toHaveLength(1);
      expect(mine[0]?.data).toMatchObject({ total: 1050000, threshold: 1000000 });
      expect([...(mine[0]?.relatedMatterIds ?? [])].sort()).toEqual([a0.id, a1.id].sort());
      // Under the threshold together: nothing.
      await ok('capital-handler', 'POST', '/api/v1/matters', small('零星采购', 10000, '另一家公司'));
      expect(((await ok('capital-discipline', 'GET', '/api/v1/alerts?kind=splitting')) as Body[]).length).toBe(alerts.length);
    });

    it('raises 应上会未上会 when a matter over the threshold reaches execution without a decision, and refuses to issue a matter that needs one', async () => {
      const m = await ok('capital-handler', 'POST', '/api/v1/matters', small('设备采购款', 900000, '广元市某设备公司'));
      await ok('capital-head', 'POST', `/api/v1/matters/${m.id}/act`, { action: 'approve', opinion: '同意支付。' });
      const issued = await ok('capital-head', 'POST', `/api/v1/matters/${m.id}/issuances`, { docNo: '支付〔2026〕3号', title: '设备款支付通知', issuedOn: TODAY, terms: { amount: 1300000, counterparty: '广元市某设备公司' } });
      expect(issued.status).toBe('executing');
      const alerts = (await ok('capital-paizhu', 'GET', `/api/v1/alerts?matterId=${m.id}`)) as Body[];
      expect(alerts.map((a) => a.kind)).toEqual([AlertKind.ShouldHaveMet]);

      const big = await ok('capital-handler', 'POST', '/api/v1/matters', small('大额设备采购款', 1500000, '广元市某设备公司'));
      expect(big.requiresMeeting).toBe(true);
      await ok('capital-head', 'POST', `/api/v1/matters/${big.id}/act`, { action: 'approve', opinion: '同意。' });
      const refused = await api('capital-head', 'POST', `/api/v1/matters/${big.id}/issuances`, { docNo: '支付〔2026〕4号', title: '设备款支付通知', issuedOn: TODAY, terms: { amount: 1500000 } });
      expect(refused.status).toBe(409);
      expect(refused.text).toContain('decision');
      expect((await ok('capital-head', 'GET', `/api/v1/matters/${big.id}`)).issuances).toEqual([]);
    });

    it('reminds and raises an overdue alert once when a step passes its time limit', async () => {
      const m = await ok('capital-handler', 'POST', '/api/v1/matters', small('超时测试', 5000, '某公司'));
      const db = owner();
      await db.connect();
      await db.query(`UPDATE approvals.step_task SET due_at = now() - interval '1 minute' WHERE matter_id = $1 AND status = 'open'`, [m.id]);
      await db.end();
      let overdue: Body[] = [];
      for (let i = 0; i < 40 && overdue.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 250));
        overdue = ((await ok('capital-discipline', 'GET', `/api/v1/alerts?kind=overdue&matterId=${m.id}`)) as Body[]);
      }
      expect(overdue).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 1500));
      expect((await ok('capital-discipline', 'GET', `/api/v1/alerts?kind=overdue&matterId=${m.id}`))).toHaveLength(1);
      expect((await ok('capital-head', 'GET', `/api/v1/matters/${m.id}`)).tasks.at(-1).overdueAt).not.toBeNull();
    });

    it('publishes every change and each alert exactly once on JetStream with versioned payloads', async () => {
      const jsm = await jetstreamManager(nc);
      const durable = `t${Date.now()}`;
      await jsm.consumers.add(platform.eventsStream, { durable_name: durable, filter_subject: `${platform.eventsPrefix}.approvals.>`, ack_policy: AckPolicy.None });
      const consumer = await jetstream(nc).consumers.get(platform.eventsStream, durable);
      const events: EventEnvelope<Body>[] = [];
      for (let idle = 0; idle < 2; ) {
        const batch = await consumer.fetch({ max_messages: 1000, expires: 1_000 });
        let got = 0;
        for await (const msg of batch) {
          events.push(msg.json<EventEnvelope<Body>>());
          got++;
        }
        idle = got === 0 ? idle + 1 : 0;
      }
      const types = new Set(events.map((e) => e.type));
      for (const t of [
        ApprovalsEvents.policyChanged, ApprovalsEvents.matterSubmitted, ApprovalsEvents.stepActed, ApprovalsEvents.matterWithdrawn, ApprovalsEvents.filingRecorded,
        ApprovalsEvents.filingCopied, ApprovalsEvents.meetingScheduled, ApprovalsEvents.meetingOpened, ApprovalsEvents.agendaItemAdded, ApprovalsEvents.recusalRecorded,
        ApprovalsEvents.positionStated, ApprovalsEvents.decisionSealed, ApprovalsEvents.issuanceRecorded, ApprovalsEvents.executionReported, ApprovalsEvents.matterClosed,
        ApprovalsEvents.signingKeyRotated, ApprovalsEvents.alertSplitting, ApprovalsEvents.alertShouldHaveMet, ApprovalsEvents.alertDecisionChanged,
        ApprovalsEvents.alertExecutionDivergent, ApprovalsEvents.alertOverdue,
      ]) {
        expect([t, types.has(t)]).toEqual([t, true]);
      }
      expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
      expect(events.every((e) => e.version === 1)).toBe(true);
      const alertIds = events.filter((e) => e.type.startsWith('approvals.alert.')).map((e) => e.data['alertId']);
      expect(new Set(alertIds).size).toBe(alertIds.length);
      // One event per position that landed: as many as the rows, none twice.
      const stated = events.filter((e) => e.type === ApprovalsEvents.positionStated).map((e) => `${String(e.data['agendaItemId'])}/${String(e.data['subject'])}`);
      const db = owner();
      await db.connect();
      const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM approvals.position');
      await db.end();
      expect(new Set(stated).size).toBe(stated.length);
      expect(stated).toHaveLength(rows.rows[0]?.n ?? -1);
      const sealed = events.find((e) => e.type === ApprovalsEvents.decisionSealed);
      expect(sealed?.data).toMatchObject({ result: 'passed', positions: expect.arrayContaining([{ subject: SUBJECT['capital-jwsj'], position: 'disagree' }]) });
      await jsm.consumers.delete(platform.eventsStream, durable);
    });
  });
});
