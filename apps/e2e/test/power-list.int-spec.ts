/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- JSON answers are read loosely here; the assertions check their shape */
import { callerToHeaders, ErrorCode, type EventEnvelope, PowerListEvents, PowerListSubjects } from '@qinglian/contracts';
import { Role } from '@qinglian/auth';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { testEnv } from '@qinglian/testing';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { type Platform, startPlatform } from './platform';

// The power list end to end: HTTP → gateway → NATS → power-list → PostgreSQL (RLS), with the seed's
// power items (deploy/local/demo/power-list-demo.json, made from the fixtures).
interface DemoDoc {
  publish: boolean;
  request: Record<string, unknown> & { code: string };
}
const demo = JSON.parse(readFileSync(join(__dirname, '../../../deploy/local/demo/power-list-demo.json'), 'utf8')) as {
  tenants: Record<string, { orgUnits: { code: string; name: string; parentCode: string | null }[]; powerItems: DemoDoc[]; responsibilityLists: DemoDoc[] }>;
};
const sasac = demo.tenants['gy-sasac'] as (typeof demo.tenants)[string];
/** A fresh copy of a seed item's request, safe to change. */
const seedItem = (code: string) => structuredClone((sasac.powerItems.find((p) => p.request.code === code) as DemoDoc).request);

type Body = Record<string, unknown> & { [k: string]: any };

describe('power list through the gateway', () => {
  let platform: Platform;
  let nc: NatsConnection;
  const tenantA = randomUUID();
  const tenantC = randomUUID();
  const as = (tenantId: string, roles: string[], userId = `u-${roles.join('-')}`) => ({
    'x-qinglian-dev-caller': JSON.stringify({ tenantId, userId, roles }),
  });
  const admin = (t: string) => as(t, [Role.TenantAdmin], 'admin');
  const integrity = (t: string) => as(t, [Role.IntegrityOffice], 'integrity');
  const discipline = (t: string) => as(t, [Role.DisciplineCommittee], 'discipline');
  const api = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
    const res = await fetch(`${platform.gatewayUrl}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const type = res.headers.get('content-type') ?? '';
    const buf = Buffer.from(await res.arrayBuffer());
    return { status: res.status, type, buf, body: (type.includes('json') && buf.length > 0 ? JSON.parse(buf.toString('utf8')) : {}) as Body };
  };
  const unitIds = new Map<string, string>();
  const items = new Map<string, string>();

  /** Creates the seed directory in a tenant. */
  const seedDirectory = async (tenant: string) => {
    for (const u of sasac.orgUnits) {
      const res = await api('POST', '/api/v1/org-units', admin(tenant), { code: u.code, name: u.name, ...(u.parentCode ? { parentId: unitIds.get(`${tenant}:${u.parentCode}`) } : {}) });
      expect(res.status).toBe(201);
      unitIds.set(`${tenant}:${u.code}`, String(res.body['id']));
    }
  };
  /** Submit, two approvals, publish. */
  const publish = async (path: string, tenant: string) => {
    expect((await api('POST', `${path}/submit`, admin(tenant))).status).toBe(200);
    expect((await api('POST', `${path}/reviews`, integrity(tenant), { decision: 'approve', opinion: '同意，风险点与防控措施齐全。' })).status).toBe(201);
    expect((await api('POST', `${path}/reviews`, discipline(tenant), { decision: 'approve', opinion: '同意发布。' })).status).toBe(201);
    const res = await api('POST', `${path}/publish`, admin(tenant));
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    platform = await startPlatform({ services: ['power-list'] });
    nc = await connect({ servers: testEnv.natsUrl });
    await seedDirectory(tenantA);
  });

  afterAll(async () => {
    if (process.env['E2E_DEBUG']) console.log(platform.gateway.output, platform.services['power-list']?.proc.output);
    await nc.close();
    await platform.stop();
  });

  describe('directory', () => {
    it('moves a unit and its subtree, and refuses a move that would make a cycle, changing nothing', async () => {
      const gzw = unitIds.get(`${tenantA}:GZW`) as string;
      const cqk = unitIds.get(`${tenantA}:CQK`) as string;
      const sub = await api('POST', '/api/v1/org-units', admin(tenantA), { code: 'CQK-1', name: '产权一组', parentId: cqk });
      const cycle = await api('PATCH', `/api/v1/org-units/${gzw}`, admin(tenantA), { parentId: String(sub.body['id']) });
      expect(cycle.status).toBe(400);
      expect(cycle.body).toMatchObject({ field: 'parentId', rule: 'no-cycle' });
      expect((await api('GET', `/api/v1/org-units/${gzw}`, admin(tenantA))).body['parentId']).toBeNull();

      const moved = await api('PATCH', `/api/v1/org-units/${cqk}`, admin(tenantA), { parentId: unitIds.get(`${tenantA}:QYGGK`) });
      expect(moved.status).toBe(200);
      const child = await api('GET', `/api/v1/org-units/${String(sub.body['id'])}`, admin(tenantA));
      expect(child.body['path']).toEqual([gzw, unitIds.get(`${tenantA}:QYGGK`), cqk, sub.body['id']]);
      expect((await api('PATCH', `/api/v1/org-units/${cqk}`, admin(tenantA), { parentId: gzw })).status).toBe(200);
    });

    it('keeps people in posts and the leadership team by date, and answers other services over NATS', async () => {
      const post = await api('POST', '/api/v1/posts', admin(tenantA), { code: 'CQK-KZ', name: '科长', orgUnitId: unitIds.get(`${tenantA}:CQK`) });
      expect(post.status).toBe(201);
      const person = await api('POST', '/api/v1/people', admin(tenantA), { name: '郑伟', subject: 'sub-zhengwei' });
      const leader = await api('POST', '/api/v1/people', admin(tenantA), { name: '张建华', subject: 'sub-zhangjianhua' });
      const holding = await api('POST', '/api/v1/post-holdings', admin(tenantA), { personId: person.body['id'], postId: post.body['id'], startOn: '2020-01-01' });
      expect(holding.status).toBe(201);
      expect((await api('POST', `/api/v1/post-holdings/${String(holding.body['id'])}/end`, admin(tenantA), { endOn: '2025-12-31' })).status).toBe(200);
      const overlapping = await api('POST', '/api/v1/post-holdings', admin(tenantA), { personId: person.body['id'], postId: post.body['id'], startOn: '2025-06-01' });
      expect(overlapping.status).toBe(409);

      const member = await api('POST', '/api/v1/leadership/members', admin(tenantA), { personId: leader.body['id'], position: 'member', title: '党委委员、副主任', startOn: '2021-03-01' });
      expect(member.status).toBe(201);
      const charge = await api('POST', '/api/v1/leadership/charges', admin(tenantA), { memberId: member.body['id'], orgUnitId: unitIds.get(`${tenantA}:GZW`), startOn: '2021-03-01' });
      expect(charge.status).toBe(201);
      expect((await api('GET', '/api/v1/leadership?on=2021-02-28', admin(tenantA))).body).toEqual([]);
      const team = await api('GET', '/api/v1/leadership?on=2022-01-01', admin(tenantA));
      expect(team.body).toMatchObject([{ personName: '张建华', title: '党委委员、副主任', charges: [{ orgUnitCode: 'GZW' }] }]);

      const h = { ...callerToHeaders({ tenantId: tenantA, userId: 'approvals', roles: [Role.Handler], requestId: randomUUID() }) };
      const ask = async <T>(subject: string, data: object): Promise<T> => {
        const headers = (await import('@nats-io/transport-node')).headers();
        for (const [k, v] of Object.entries(h)) headers.set(k, v);
        const msg = await nc.request(subject, JSON.stringify({ pattern: subject, data, id: randomUUID() }), { timeout: 5_000, headers });
        return msg.json<{ response: T }>().response;
      };
      // 产权科 has no leader of its own: the charge of the unit above it applies.
      const inCharge = await ask<{ chargedUnitId: string; leaders: { personName: string }[] }>(PowerListSubjects.leadershipInChargeOf, { orgUnitId: unitIds.get(`${tenantA}:CQK`), on: '2024-05-01' });
      expect(inCharge).toMatchObject({ chargedUnitId: unitIds.get(`${tenantA}:GZW`), leaders: [{ personName: '张建华' }] });
      expect(await ask<unknown[]>(PowerListSubjects.personPostsOn, { personId: person.body['id'], on: '2024-05-01' })).toMatchObject([{ postCode: 'CQK-KZ', orgUnitName: '产权科' }]);
      expect(await ask<unknown[]>(PowerListSubjects.personPostsOn, { personId: person.body['id'], on: '2026-01-01' })).toEqual([]);
      expect(await ask<unknown[]>(PowerListSubjects.leadershipMembersOn, { on: '2024-05-01' })).toHaveLength(1);
      expect(await ask<{ name: string }>(PowerListSubjects.personBySubject, { subject: 'sub-zhengwei' })).toMatchObject({ name: '郑伟', holdings: [{ endOn: '2025-12-31' }] });
    });

    it("refuses a person holding a post of another tenant: the post does not exist here", async () => {
      const other = randomUUID();
      await api('POST', '/api/v1/org-units', admin(other), { code: 'X', name: '其他单位' });
      const units = await api('GET', '/api/v1/org-units', admin(other));
      const foreignPost = await api('POST', '/api/v1/posts', admin(other), { code: 'X-1', name: '岗位', orgUnitId: (units.body as unknown as { id: string }[])[0]?.id });
      const person = await api('GET', '/api/v1/people', admin(tenantA));
      const res = await api('POST', '/api/v1/post-holdings', admin(tenantA), { personId: (person.body as unknown as { id: string }[])[0]?.id, postId: foreignPost.body['id'], startOn: '2024-01-01' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: ErrorCode.Validation, field: 'postId', rule: 'exists' });
    });
  });

  describe('power items', () => {
    it('creates the seed items as drafts with their flows, actors resolved', async () => {
      for (const doc of sasac.powerItems) {
        const res = await api('POST', '/api/v1/power-items', admin(tenantA), doc.request);
        expect(res.status).toBe(201);
        items.set(doc.request.code, String(res.body['id']));
      }
      const pi1 = await api('GET', `/api/v1/power-items/${items.get('PI-001')}`, admin(tenantA));
      expect(pi1.body).toMatchObject({ name: '资产采购和出租审核', category: '产权', handlingUnitName: '产权科', version: { versionNo: 1, status: 'draft' } });
      const steps = pi1.body['flow']['steps'] as { name: string; actor: { label: string } | null; meetingBodies: string[] }[];
      expect(steps.map((s) => s.name)).toEqual(['申请', '产权科审核', '分管领导审核', '会议审批', '下达意见']);
      expect(steps[0]?.actor?.label).toBe('经办人员');
      expect(steps[1]?.actor?.label).toBe('产权科');
      expect(steps[3]?.meetingBodies).toEqual(['party-committee', 'commission-affairs']);
      expect(pi1.body['flow']['sharedBlocks'][0]).toMatchObject({ id: 'SB-1', appliesToSteps: [1, 2, 3, 4] });
    });

    it('refuses bad flows with the step and the rule, and changes nothing', async () => {
      const base = seedItem('PI-002');
      const bad = (flow: unknown) => api('POST', '/api/v1/power-items', admin(tenantA), { ...base, code: 'BAD-1', flow });
      const steps = (base['flow'] as { steps: Record<string, unknown>[] }).steps;
      const noSuchUnit = await bad({ steps: [{ ...steps[0], actor: { kind: 'unit', ref: 'NOPE' } }] });
      expect(noSuchUnit.status).toBe(400);
      expect(noSuchUnit.body).toMatchObject({ field: 'flow.steps[0].actor', rule: 'exists' });
      const noSuchRole = await bad({ steps: [{ ...steps[0], internalSupervisors: [{ kind: 'role', ref: 'janitor' }] }] });
      expect(noSuchRole.body).toMatchObject({ field: 'flow.steps[0].internalSupervisors[0]', rule: 'exists' });
      const meetingWithoutBody = await bad({ steps: [{ ...steps[0], kind: 'meeting', meetingBodies: [] }] });
      expect(meetingWithoutBody.body).toMatchObject({ field: 'flow.steps[0].meetingBodies', rule: 'meeting-body' });
      const badKind = await bad({ steps: [{ ...steps[0], kind: 'vote' }] });
      expect(badKind.status).toBe(400);
      expect(String(badKind.body['field'])).toBe('flow.steps.0.kind');
      const dup = await api('POST', '/api/v1/power-items', admin(tenantA), { ...base });
      expect(dup.status).toBe(409);
      expect(dup.body).toMatchObject({ field: 'code', rule: 'unique' });
      expect((await api('GET', '/api/v1/power-items?limit=200', admin(tenantA))).body['total']).toBe(sasac.powerItems.length);
    });

    it('will not submit a flow that does not start with a submit step; says every missing field', async () => {
      const res = await api('POST', `/api/v1/power-items/${items.get('PI-008')}/versions/1/submit`, admin(tenantA));
      expect(res.status).toBe(400);
      expect(res.body['errors']).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'flow.steps[0].kind', rule: 'starts-with-submit' })]));
      const pi4 = await api('POST', `/api/v1/power-items/${items.get('PI-004')}/versions/1/submit`, admin(tenantA));
      expect(pi4.body['errors']).toEqual([expect.objectContaining({ field: 'flow.steps[0].actor', rule: 'required' })]);
      expect((await api('GET', `/api/v1/power-items/${items.get('PI-004')}`, admin(tenantA))).body['version']['status']).toBe('draft');
    });

    it('reviews by the integrity office and the discipline committee, each with an opinion, then publishes', async () => {
      const path = `/api/v1/power-items/${items.get('PI-001')}/versions/1`;
      expect((await api('POST', `${path}/publish`, admin(tenantA))).status).toBe(409);
      expect((await api('POST', `${path}/submit`, admin(tenantA))).status).toBe(200);
      const handler = await api('POST', `${path}/reviews`, as(tenantA, [Role.Handler]), { decision: 'approve', opinion: '同意' });
      expect(handler.status).toBe(403);
      const noOpinion = await api('POST', `${path}/reviews`, integrity(tenantA), { decision: 'approve', opinion: '' });
      expect(noOpinion.body).toMatchObject({ field: 'opinion' });
      const selfReview = await api('POST', `${path}/reviews`, as(tenantA, [Role.IntegrityOffice, Role.TenantAdmin], 'admin'), { decision: 'approve', opinion: '同意' });
      expect(selfReview.status).toBe(403);
      const first = await api('POST', `${path}/reviews`, integrity(tenantA), { decision: 'approve', opinion: '风险点与防控措施齐全，同意。' });
      expect(first.body['version']).toMatchObject({ status: 'in-review', pendingReviewRoles: ['discipline-committee'] });
      expect((await api('POST', `${path}/reviews`, integrity(tenantA), { decision: 'approve', opinion: '再次同意' })).status).toBe(409);
      const early = await api('POST', `${path}/publish`, admin(tenantA));
      expect(early.status).toBe(409);
      expect(String(early.body['detail'])).toContain('纪委');
      await api('POST', `${path}/reviews`, discipline(tenantA), { decision: 'approve', opinion: '同意发布。' });
      const published = await api('POST', `${path}/publish`, admin(tenantA));
      expect(published.body).toMatchObject({ publishedVersionNo: 1, version: { status: 'published', reviews: [{ role: 'integrity-office', opinion: '风险点与防控措施齐全，同意。' }, { role: 'discipline-committee' }] } });
      for (const code of ['PI-002', 'PI-005', 'PI-006', 'PI-007']) await publish(`/api/v1/power-items/${items.get(code)}/versions/1`, tenantA);
    });

    it('never changes a published version: edits go to a new draft; versions are listed and compared field by field', async () => {
      const id = items.get('PI-001') as string;
      const v1 = (await api('GET', `/api/v1/power-items/${id}/versions/1`, admin(tenantA))).body;
      const edit = { ...seedItem('PI-001'), code: undefined, timeLimitDays: 20 };
      delete edit.code;
      const refused = await api('PUT', `/api/v1/power-items/${id}/versions/1`, admin(tenantA), edit);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: ErrorCode.Conflict, rule: 'draft-only' });

      const draft = await api('POST', `/api/v1/power-items/${id}/versions`, admin(tenantA), {});
      expect(draft.body['version']).toMatchObject({ versionNo: 2, status: 'draft', basedOnVersionNo: 1 });
      expect((await api('POST', `/api/v1/power-items/${id}/versions`, admin(tenantA), {})).status).toBe(409);
      const flow = seedItem('PI-001')['flow'] as { steps: { riskPoints: string[] }[] };
      flow.steps[4]?.riskPoints.push('下达意见与会议决策不一致');
      expect((await api('PUT', `/api/v1/power-items/${id}/versions/2`, admin(tenantA), { ...edit, flow })).status).toBe(200);

      const versions = await api('GET', `/api/v1/power-items/${id}/versions`, admin(tenantA));
      expect((versions.body as unknown as { versionNo: number; status: string }[]).map((v) => [v.versionNo, v.status])).toEqual([
        [2, 'draft'],
        [1, 'published'],
      ]);
      const diff = await api('GET', `/api/v1/power-items/${id}/diff?from=1&to=2`, admin(tenantA));
      expect(diff.body['changes']).toEqual([
        { field: 'timeLimitDays', label: '时限（工作日）', from: null, to: 20 },
        { field: 'flow.steps[4].riskPoints', label: '流程第5步 · 风险点', from: ['擅自改变决策事项'], to: ['擅自改变决策事项', '下达意见与会议决策不一致'] },
      ]);

      await publish(`/api/v1/power-items/${id}/versions/2`, tenantA);
      const old = (await api('GET', `/api/v1/power-items/${id}/versions/1`, admin(tenantA))).body;
      expect(old['version']['status']).toBe('superseded');
      expect({ ...old, version: undefined, publishedVersionNo: undefined, latestVersionNo: undefined }).toEqual({ ...v1, version: undefined, publishedVersionNo: undefined, latestVersionNo: undefined });
    });

    it('refuses, in the database itself, any change to a published version', async () => {
      const client = new pg.Client({ connectionString: platform.serviceEnv('power-list')['DATABASE_URL'] });
      await client.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantA]);
        await expect(client.query(`UPDATE power_list.document_version SET title = 'x' WHERE status = 'published'`)).rejects.toThrow(/can never change/);
        await client.query('ROLLBACK');
        // The search table has no row-level security, so the runtime role may not read it at all.
        await expect(client.query('SELECT count(*) FROM power_list.version_search')).rejects.toThrow(/permission denied/);
      } finally {
        await client.end();
      }
    });

    it('filters by category, unit (with the units below it) and status, and finds Chinese text in names and content', async () => {
      const list = async (q: string) => ((await api('GET', `/api/v1/power-items?${q}`, admin(tenantA))).body['items'] as { code: string }[]).map((i) => i.code);
      expect(await list(`q=${encodeURIComponent('产权')}`)).toEqual(expect.arrayContaining(['PI-003']));
      expect(await list(`q=${encodeURIComponent('股权）处置')}`)).toEqual(['PI-003']);
      // 风险点 are content: 因私或领导意见 is a risk point of the shared blocks of PI-001 and PI-003 only.
      expect(await list(`q=${encodeURIComponent('因私或领导意见')}`)).toEqual(['PI-001', 'PI-003']);
      expect(await list(`q=${encodeURIComponent('100%_')}`)).toEqual([]);
      // Another tenant's search sees none of it.
      const elsewhere = await api('GET', `/api/v1/power-items?q=${encodeURIComponent('产权')}`, admin(randomUUID()));
      expect(elsewhere.body).toMatchObject({ total: 0, items: [] });
      expect(await list(`category=${encodeURIComponent('薪酬')}`)).toEqual(['PI-006', 'PI-007']);
      expect(await list('unit=CKK')).toEqual(['PI-006', 'PI-007']);
      expect(await list('unit=GZW')).toHaveLength(sasac.powerItems.length);
      expect(await list('status=draft')).toEqual(['PI-003', 'PI-004', 'PI-008']);
      const page = await api('GET', `/api/v1/power-items?q=${encodeURIComponent('审核')}&limit=2&offset=1`, admin(tenantA));
      expect(page.body).toMatchObject({ limit: 2, offset: 1 });
      expect(page.body['items']).toHaveLength(2);
      expect(page.body['total']).toBeGreaterThan(3);
      expect((await api('GET', '/api/v1/power-items?offset=500', admin(tenantA))).body).toMatchObject({ total: sasac.powerItems.length, items: [] });
      expect((await api('GET', '/api/v1/power-items/categories', admin(tenantA))).body).toEqual(expect.arrayContaining(['产权', '薪酬', '投资']));
    });

    it('draws the flow chart as SVG with the seed’s columns and as a PNG', async () => {
      const svg = await api('GET', `/api/v1/power-items/${items.get('PI-001')}/versions/1/flow.svg`, integrity(tenantA));
      expect(svg.status).toBe(200);
      expect(svg.type).toContain('image/svg+xml');
      const text = svg.buf.toString('utf8');
      for (const s of ['权力运行', '监督运行', '风险点', '防控措施', '申请', '产权科审核', '分管领导审核', '会议审批', '下达意见', '党委会或委务会']) expect(text).toContain(s);
      const png = await api('GET', `/api/v1/power-items/${items.get('PI-001')}/versions/1/flow.png`, integrity(tenantA));
      expect(png.type).toBe('image/png');
      expect(png.buf.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.buf.length).toBeGreaterThan(20_000);
    });
  });

  describe('responsibility lists', () => {
    const lists = new Map<string, string>();
    it('creates the seed lists with their cadences, refuses a due date that does not exist, and publishes', async () => {
      const first = sasac.responsibilityLists[0] as DemoDoc;
      const bad = await api('POST', '/api/v1/responsibility-lists', admin(tenantA), {
        ...first.request,
        code: 'BAD',
        duties: [{ text: '每年报告', cadence: [{ every: 'year', dueMonthDay: '02-30' }] }],
      });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ field: 'duties[0].cadence[0].dueMonthDay', rule: 'date' });
      for (const doc of sasac.responsibilityLists) {
        const res = await api('POST', '/api/v1/responsibility-lists', admin(tenantA), doc.request);
        expect(res.status).toBe(201);
        lists.set(doc.request.code, String(res.body['id']));
        await publish(`/api/v1/responsibility-lists/${String(res.body['id'])}/versions/1`, tenantA);
      }
      const pc = await api('GET', `/api/v1/responsibility-lists/${lists.get('GZW-ZR-DW')}`, admin(tenantA));
      expect(pc.body).toMatchObject({ role: 'party-committee', version: { status: 'published' } });
      expect(pc.body['duties'][0]['cadence']).toEqual(expect.arrayContaining([{ every: 'quarter', clause: '每季度梳理推进落实情况' }]));
      const all = await api('GET', '/api/v1/responsibility-lists?role=secretary', admin(tenantA));
      expect((all.body as unknown as { code: string }[]).map((l) => l.code)).toEqual(['GZW-ZR-SJ']);
    });
  });

  describe('Excel', () => {
    it('downloads the templates', async () => {
      for (const kind of ['power-items', 'responsibility-lists']) {
        const res = await api('GET', `/api/v1/excel/templates/${kind}.xlsx`, admin(tenantA));
        expect(res.status).toBe(200);
        expect(res.type).toContain('spreadsheetml');
        expect(res.buf.subarray(0, 2).toString('latin1')).toBe('PK');
      }
    });

    it('refuses a workbook with a bad row, saying where, and imports nothing', async () => {
      const exported = await api('GET', '/api/v1/excel/export.xlsx', admin(tenantA));
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(exported.buf as never);
      const sheet = wb.getWorksheet('流程步骤');
      if (!sheet) throw new Error('the export has no 流程步骤 sheet');
      const header = (sheet.getRow(1).values as unknown[]).map(String);
      sheet.getRow(3).getCell(header.indexOf('步骤类型')).value = '投票';
      const broken = Buffer.from(await wb.xlsx.writeBuffer());
      const res = await upload(tenantC, broken);
      expect(res.status).toBe(400);
      expect(res.body['problems']).toEqual(expect.arrayContaining([expect.objectContaining({ sheet: '流程步骤', row: 3, column: '步骤类型' })]));
      expect((await api('GET', '/api/v1/org-units', admin(tenantC))).body).toEqual([]);
      expect((await api('GET', '/api/v1/power-items', admin(tenantC))).body['total']).toBe(0);
      const notXlsx = await upload(tenantC, Buffer.from('code,name\n1,2\n'));
      expect(notXlsx.status).toBe(400);
      expect(notXlsx.body).toMatchObject({ field: 'file', rule: 'xlsx' });
    });

    it('round-trips: export → import into an empty tenant → the same content, as drafts', async () => {
      const exported = await api('GET', '/api/v1/excel/export.xlsx', admin(tenantA));
      expect(exported.status).toBe(200);
      const res = await upload(tenantC, exported.buf);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ powerItems: 5, responsibilityLists: sasac.responsibilityLists.length });
      const strip = (b: Body) => ({ ...b, id: undefined, version: undefined, publishedVersionNo: undefined, latestVersionNo: undefined });
      const imported = (await api('GET', '/api/v1/power-items?limit=200', admin(tenantC))).body['items'] as { id: string; code: string; status: string }[];
      expect(imported.map((i) => [i.code, i.status])).toEqual(['PI-001', 'PI-002', 'PI-005', 'PI-006', 'PI-007'].map((c) => [c, 'draft']));
      for (const item of imported) {
        const mine = await api('GET', `/api/v1/power-items/${items.get(item.code)}`, admin(tenantA));
        const theirs = await api('GET', `/api/v1/power-items/${item.id}`, admin(tenantC));
        expect(strip(theirs.body)).toEqual(strip(mine.body));
      }
      const importedLists = (await api('GET', '/api/v1/responsibility-lists', admin(tenantC))).body as unknown as { id: string; code: string }[];
      const mineLists = (await api('GET', '/api/v1/responsibility-lists', admin(tenantA))).body as unknown as { id: string; code: string }[];
      for (const l of importedLists) {
        const mine = await api('GET', `/api/v1/responsibility-lists/${mineLists.find((m) => m.code === l.code)?.id}`, admin(tenantA));
        const theirs = await api('GET', `/api/v1/responsibility-lists/${l.id}`, admin(tenantC));
        expect(strip(theirs.body)).toEqual(strip(mine.body));
      }
    });

    const upload = async (tenant: string, data: Buffer) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(data)]), '权力清单.xlsx');
      const res = await fetch(`${platform.gatewayUrl}/api/v1/excel/import`, { method: 'POST', headers: admin(tenant), body: form });
      return { status: res.status, body: (await res.json()) as Body };
    };
  });

  describe('publication and events', () => {
    it('publishes the published versions to a scope; the published view shows them read-only', async () => {
      const res = await api('POST', '/api/v1/publications', admin(tenantA), { scope: 'tenant', note: '2026年权力清单' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ scope: 'tenant', powerItemCount: 5, responsibilityListCount: sasac.responsibilityLists.length });
      const view = await api('GET', '/api/v1/publications/current', as(tenantA, [Role.Handler]));
      expect(view.status).toBe(200);
      expect((view.body['powerItems'] as { code: string; version: { status: string } }[]).map((p) => [p.code, p.version.status])).toEqual(
        ['PI-001', 'PI-002', 'PI-005', 'PI-006', 'PI-007'].map((c) => [c, 'published']),
      );
      expect((await api('POST', '/api/v1/publications', as(tenantA, [Role.Handler]), { scope: 'tenant' })).status).toBe(403);

      // The supervisor's people see only what was published to the supervisor.
      const supervisor = randomUUID();
      const askAsSupervisor = async () => {
        const headers = (await import('@nats-io/transport-node')).headers();
        const caller = { tenantId: tenantA, userId: 'gzw-leader', roles: [Role.LeadershipMember], requestId: randomUUID(), supervisingTenantId: supervisor };
        for (const [k, v] of Object.entries(callerToHeaders(caller))) headers.set(k, v);
        const subject = PowerListSubjects.publicationCurrent;
        const msg = await nc.request(subject, JSON.stringify({ pattern: subject, data: {}, id: randomUUID() }), { timeout: 5_000, headers });
        return msg.json<{ response?: { scope: string }; err?: { code: string } }>();
      };
      expect((await askAsSupervisor()).err?.code).toBe(ErrorCode.NotFound);
      expect((await api('POST', '/api/v1/publications', admin(tenantA), { scope: 'supervisor' })).status).toBe(201);
      expect((await askAsSupervisor()).response?.scope).toBe('supervisor');
      // Charts of the published items are readable with the publication (not with power-item:read).
      const chart = await api('GET', `/api/v1/publications/current/power-items/${items.get('PI-002')}/flow.svg`, as(tenantA, [Role.Handler]));
      expect(chart.type).toContain('image/svg+xml');
      expect(chart.buf.toString('utf8')).toContain('企业债务统计及风险化解分析审核');
      expect((await api('GET', `/api/v1/publications/current/power-items/${items.get('PI-003')}/flow.svg`, as(tenantA, [Role.Handler]))).status).toBe(404);
      expect((await api('POST', '/api/v1/publications', admin(tenantC), { scope: 'tenant' })).status).toBe(409);
    });

    it('puts directory, power item, flow and list changes on JetStream with versioned payloads', async () => {
      const jsm = await jetstreamManager(nc);
      const durable = `t${randomUUID().slice(0, 8)}`;
      await jsm.consumers.add(platform.eventsStream, { durable_name: durable, filter_subject: `${platform.eventsPrefix}.power-list.>`, ack_policy: AckPolicy.None });
      const consumer = await jetstream(nc).consumers.get(platform.eventsStream, durable);
      const types = new Map<string, EventEnvelope<Body>>();
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && !types.has(PowerListEvents.publicationPublished)) {
        const batch = await consumer.fetch({ max_messages: 500, expires: 1_000 });
        for await (const m of batch) {
          const e = m.json<EventEnvelope<Body>>();
          if (e.tenantId === tenantA) types.set(e.type, e);
        }
      }
      for (const t of [
        PowerListEvents.orgUnitCreated,
        PowerListEvents.orgUnitUpdated,
        PowerListEvents.postCreated,
        PowerListEvents.postHoldingChanged,
        PowerListEvents.leadershipChanged,
        PowerListEvents.powerItemCreated,
        PowerListEvents.powerItemSubmitted,
        PowerListEvents.powerItemReviewed,
        PowerListEvents.powerItemPublished,
        PowerListEvents.flowChanged,
        PowerListEvents.responsibilityListPublished,
        PowerListEvents.publicationPublished,
      ]) {
        expect(types.get(t)?.version).toBe(1);
      }
      const published = types.get(PowerListEvents.powerItemPublished)?.data;
      expect(published?.['flow']?.['steps']?.length).toBeGreaterThan(0);
      await jsm.consumers.delete(platform.eventsStream, durable);
    });
  });
});
