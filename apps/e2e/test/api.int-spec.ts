import { ErrorCode, PowerListSubjects } from '@qinglian/contracts';
import { Role } from '@qinglian/auth';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { freePort, spawnApp, testEnv, waitForHttp } from '@qinglian/testing';
import { randomUUID } from 'node:crypto';
import { type Platform, startPlatform } from './platform';

// The first slice end to end: HTTP → gateway → NATS request-reply → power-list → PostgreSQL (RLS).
describe('gateway /api/v1 over power-list', () => {
  let platform: Platform;
  let gw: { url: string };
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const admin = (tenantId: string, roles: string[] = [Role.TenantAdmin]) => ({
    'content-type': 'application/json',
    'x-qinglian-dev-caller': JSON.stringify({ tenantId, userId: `admin-${tenantId.slice(0, 4)}`, roles }),
  });
  const api = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
    const res = await fetch(`${gw.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };

  beforeAll(async () => {
    platform = await startPlatform({ services: ['power-list'] });
    gw = { url: platform.gatewayUrl };
  });

  afterAll(async () => {
    if (process.env['E2E_DEBUG']) console.log(platform.gateway.output, platform.services['power-list']?.proc.output);
    await platform.stop();
  });

  let unitId = '';
  let itemId = '';

  it('creates an org unit tree, a post and a person, and reads them back', async () => {
    const root = await api('POST', '/api/v1/org-units', admin(tenantA), { name: '广元市国资委', code: 'GYSGZW' });
    expect(root.status).toBe(201);
    const child = await api('POST', '/api/v1/org-units', admin(tenantA), { name: '产权科', code: 'CQK', parentId: root.body['id'] });
    expect(child.status).toBe(201);
    expect(child.body['path']).toEqual([root.body['id'], child.body['id']]);
    unitId = String(child.body['id']);

    const post = await api('POST', '/api/v1/posts', admin(tenantA), { code: 'CQK-KZ', name: '科长', orgUnitId: unitId });
    expect(post.status).toBe(201);
    const person = await api('POST', '/api/v1/people', admin(tenantA), { name: '张三', subject: 'zhangsan', joinedOn: '2020-03-01' });
    expect(person.status).toBe(201);
    expect((await api('GET', `/api/v1/people/${String(person.body['id'])}`, admin(tenantA))).body['name']).toBe('张三');

    const units = await api('GET', '/api/v1/org-units', admin(tenantA));
    expect((units.body as unknown as { code: string }[]).map((u) => u.code)).toEqual(['GYSGZW', 'CQK']);
  });

  it('creates a power item, gets it, and finds it by Chinese substring and by category', async () => {
    const created = await api('POST', '/api/v1/power-items', admin(tenantA), {
      code: 'GZW-CQ-001',
      name: '市属国有企业产权（股权）处置等审核',
      category: '产权',
      handlingUnitCode: 'CQK',
      legalBasis: [{ title: '《企业国有资产交易监督管理办法》', docNo: '国资委 财政部令第32号' }],
    });
    expect(created.status).toBe(201);
    itemId = String(created.body['id']);
    const got = await api('GET', `/api/v1/power-items/${itemId}`, admin(tenantA));
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ code: 'GZW-CQ-001', handlingUnitCode: 'CQK', handlingUnitName: '产权科', category: '产权', version: { versionNo: 1, status: 'draft' } });

    const search = await api('GET', `/api/v1/power-items?q=${encodeURIComponent('产权')}`, admin(tenantA));
    expect(search.status).toBe(200);
    expect((search.body['items'] as { id: string }[]).map((i) => i.id)).toEqual([itemId]);
    const other = await api('GET', `/api/v1/power-items?category=${encodeURIComponent('薪酬')}`, admin(tenantA));
    expect(other.body['total']).toBe(0);
  });

  it('answers bad input with 400 problem+json naming the field and the rule, and changes nothing', async () => {
    const before = (await api('GET', '/api/v1/power-items', admin(tenantA))).body['total'];
    const missing = await api('POST', '/api/v1/power-items', admin(tenantA), { code: 'X-1', category: '产权', handlingUnitCode: 'CQK' });
    expect(missing.status).toBe(400);
    expect(missing.type).toContain('application/problem+json');
    expect(missing.body).toMatchObject({ status: 400, code: ErrorCode.Validation, field: 'name' });
    expect(String(missing.body['rule'])).toMatch(/isLength|isString/);

    const unknown = await api('POST', '/api/v1/org-units', admin(tenantA), { name: 'x', code: 'X', color: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ field: 'color', rule: 'whitelistValidation' });

    const badId = await api('GET', '/api/v1/power-items/not-a-uuid', admin(tenantA));
    expect(badId.status).toBe(400);
    expect(badId.body).toMatchObject({ field: 'id', rule: 'isUuid' });

    const noUnit = await api('POST', '/api/v1/power-items', admin(tenantA), { code: 'X-2', name: 'n', category: '产权', handlingUnitCode: 'NOPE' });
    expect(noUnit.status).toBe(400);
    expect(noUnit.body).toMatchObject({ field: 'handlingUnitCode', rule: 'exists' });

    expect((await api('GET', '/api/v1/power-items', admin(tenantA))).body['total']).toBe(before);
  });

  it('refuses a duplicate code with 409 naming the field', async () => {
    const dup = await api('POST', '/api/v1/power-items', admin(tenantA), { code: 'GZW-CQ-001', name: '重复', category: '产权', handlingUnitCode: 'CQK' });
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: ErrorCode.Conflict, field: 'code', rule: 'unique' });
  });

  it("keeps tenants apart: tenant B gets 404 for tenant A's item and sees an empty list", async () => {
    const got = await api('GET', `/api/v1/power-items/${itemId}`, admin(tenantB));
    expect(got.status).toBe(404);
    expect((await api('GET', '/api/v1/power-items', admin(tenantB))).body['total']).toBe(0);
    // and B cannot hang a unit under A's unit: A's unit does not exist for B
    const cross = await api('POST', '/api/v1/org-units', admin(tenantB), { name: 'x', code: 'X', parentId: unitId });
    expect(cross.status).toBe(400);
    expect(cross.body).toMatchObject({ field: 'parentId', rule: 'exists' });
  });

  it('checks permissions: a handler may read but not create power items (403)', async () => {
    const handler = admin(tenantA, [Role.Handler]);
    expect((await api('GET', '/api/v1/power-items', handler)).status).toBe(200);
    const denied = await api('POST', '/api/v1/power-items', handler, { code: 'H-1', name: 'n', category: '产权', handlingUnitCode: 'CQK' });
    expect(denied.status).toBe(403);
    expect(denied.body['code']).toBe(ErrorCode.Forbidden);
  });

  it('requires a caller: no header → 401', async () => {
    const res = await api('GET', '/api/v1/power-items', {});
    expect(res.status).toBe(401);
  });

  it('serves OpenAPI with the v1 paths', async () => {
    const res = await fetch(`${gw.url}/api/docs-json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/power-items', '/api/v1/power-items/{id}', '/api/v1/org-units']));
    expect((await fetch(`${gw.url}/api/docs`)).status).toBe(200);
  });

  it('refuses the development header when the flag is off', async () => {
    const port = await freePort();
    const strict = spawnApp('gateway', { env: { NATS_URL: testEnv.natsUrl, PORT: String(port), GATEWAY_DEV_AUTH: 'false', OTEL_TRACES_EXPORTER: 'none' } });
    try {
      await waitForHttp(`http://127.0.0.1:${port}/health/ready`, { process: strict });
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/power-items`, { headers: admin(tenantA) });
      expect(res.status).toBe(401);
      expect(((await res.json()) as { detail: string }).detail).toContain('GATEWAY_DEV_AUTH');
    } finally {
      await strict.stop();
    }
  });

  describe('when power-list does not answer', () => {
    let nc: NatsConnection;
    beforeAll(async () => {
      nc = await connect({ servers: testEnv.natsUrl });
    });
    afterAll(async () => {
      await nc.close();
    });

    it('answers 503 after RPC_TIMEOUT_MS when the service is silent, never hangs', async () => {
      // A subscriber in another queue group that swallows requests: with power-list stopped it is the
      // only listener, so the request reaches something that never replies.
      const service = platform.services['power-list'];
      expect(await service?.proc.stop('SIGTERM')).toEqual({ code: 0, signal: null });
      const silent = nc.subscribe(PowerListSubjects.powerItemGet, { queue: 'silent' });
      await nc.flush();
      try {
        const started = Date.now();
        const res = await api('GET', `/api/v1/power-items/${itemId}`, admin(tenantA));
        expect(res.status).toBe(503);
        expect(String(res.body['detail'])).toContain('did not answer within 1500 ms');
        expect(Date.now() - started).toBeLessThan(5_000);
      } finally {
        silent.unsubscribe();
      }
    });

    it('answers 503 at once when no instance is listening', async () => {
      const res = await api('GET', `/api/v1/power-items/${itemId}`, admin(tenantA));
      expect(res.status).toBe(503);
      expect(String(res.body['detail'])).toMatch(/not available|did not answer/);
    });
  });
});
