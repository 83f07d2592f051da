import { callerToHeaders, type EventEnvelope, healthSubject, isServiceError, PowerListEvents, PowerListSubjects, type ServiceError } from '@qinglian/contracts';
import { Role } from '@qinglian/auth';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { TenantTransactions } from '@qinglian/persistence';
import { ChangeLog, startServiceForTest, type TestService } from '@qinglian/runtime';
import { testEnv } from '@qinglian/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { powerListService } from '../src/service';

// power-list on its own, spoken to over NATS the way the gateway does (Nest's JSON wire format:
// {pattern, data, id} → {response | err, isDisposed}), with and without a valid caller context.
describe('power-list service over NATS', () => {
  let svc: TestService;
  let nc: NatsConnection;
  const tenant = randomUUID();
  const caller = (roles: string[] = [Role.TenantAdmin]) => ({ tenantId: tenant, userId: 'u-1', roles, requestId: randomUUID() });

  async function rpc<T>(subject: string, data: unknown, headers?: Record<string, string>): Promise<T> {
    const h = natsHeaders();
    for (const [k, v] of Object.entries(headers ?? {})) h.set(k, v);
    const msg = await nc.request(subject, JSON.stringify({ pattern: subject, data, id: randomUUID() }), { timeout: 5_000, headers: h });
    const body = msg.json<{ response?: T; err?: unknown }>();
    // Nest's wire format carries the service's error object as is; rethrow it for the caller to inspect.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    if (body.err !== undefined) throw body.err;
    return body.response as T;
  }
  async function rpcError(subject: string, data: unknown, headers?: Record<string, string>): Promise<ServiceError> {
    try {
      await rpc(subject, data, headers);
    } catch (e) {
      if (isServiceError(e)) return e;
      throw e;
    }
    throw new Error('expected an error reply');
  }

  beforeAll(async () => {
    svc = await startServiceForTest(powerListService);
    nc = await connect({ servers: testEnv.natsUrl });
  });

  afterAll(async () => {
    await nc.close();
    await svc.close();
  });

  it('answers its health subject with the state of its database and NATS', async () => {
    const reply = await rpc<{ service: string; status: string; checks: Record<string, string> }>(healthSubject('power-list'), {});
    expect(reply).toMatchObject({ service: 'power-list', status: 'ok', checks: { database: 'up', nats: 'up' } });
  });

  it('serves liveness and readiness over HTTP', async () => {
    expect((await fetch(`${svc.svc.healthUrl}/health/live`)).status).toBe(200);
    const ready = await fetch(`${svc.svc.healthUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, nats: { status: 'up' } } });
  });

  it('refuses a request without caller context (UNAUTHENTICATED)', async () => {
    const err = await rpcError(PowerListSubjects.orgUnitList, {});
    expect(err.code).toBe('UNAUTHENTICATED');
    expect(err.message).toContain('x-tenant-id');
  });

  it('validates payloads itself: unknown fields and bad values are VALIDATION errors naming field and rule', async () => {
    const h = callerToHeaders(caller());
    const unknown = await rpcError(PowerListSubjects.orgUnitCreate, { name: '产权科', code: 'CQK', extra: 1 }, h);
    expect(unknown).toMatchObject({ code: 'VALIDATION', field: 'extra', rule: 'whitelistValidation' });
    const bad = await rpcError(PowerListSubjects.orgUnitCreate, { name: '', code: 'has space' }, h);
    expect(bad.code).toBe('VALIDATION');
    expect(bad.errors?.map((e) => `${e.field}:${e.rule}`)).toEqual(expect.arrayContaining(['name:isLength', 'code:matches']));
    const list = await rpc<unknown[]>(PowerListSubjects.orgUnitList, {}, h);
    expect(list).toEqual([]);
  });

  it('checks the permission again (defence in depth): a handler may not create org units', async () => {
    const err = await rpcError(PowerListSubjects.orgUnitCreate, { name: '产权科', code: 'CQK' }, callerToHeaders(caller([Role.Handler])));
    expect(err).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('records every change in the audit chain and publishes its event through the outbox to JetStream', async () => {
    const h = callerToHeaders(caller());
    const unit = await rpc<{ id: string; code: string }>(PowerListSubjects.orgUnitCreate, { name: '企业改革科', code: 'QYGGK' }, h);
    const item = await rpc<{ id: string }>(
      PowerListSubjects.powerItemCreate,
      { code: 'GZW-GG-001', name: '国有企业改制方案审核', category: '改制', handlingUnitCode: unit.code, legalBasis: [{ title: '《公司法》' }] },
      h,
    );

    // The event reaches the stream (the relay is woken by NOTIFY; poll with a deadline).
    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    const consumerName = `t${randomUUID().slice(0, 8)}`;
    await jsm.consumers.add(svc.eventsStream, { durable_name: consumerName, filter_subject: `${svc.eventsPrefix}.${PowerListEvents.powerItemCreated}`, ack_policy: AckPolicy.Explicit });
    const consumer = await js.consumers.get(svc.eventsStream, consumerName);
    const msg = await consumer.next({ expires: 10_000 });
    expect(msg).not.toBeNull();
    const event = msg!.json<EventEnvelope<{ id: string; code: string }>>();
    msg!.ack();
    expect(event).toMatchObject({ type: PowerListEvents.powerItemCreated, version: 1, tenantId: tenant, actor: { userId: 'u-1' }, data: { id: item.id, code: 'GZW-GG-001' } });
    expect(msg!.subject).toBe(`${svc.eventsPrefix}.power-list.power-item.created`);

    // …and the audit chain holds both changes, verifiably.
    const tx = svc.svc.app.get(TenantTransactions);
    const changes = svc.svc.app.get(ChangeLog, { strict: false });
    const verification = await tx.run(tenant, (em) => changes.verifyAudit(em, tenant));
    expect(verification).toMatchObject({ ok: true });
    const actions = await tx.run(tenant, (em) => em.query<{ action: string }[]>('SELECT action FROM power_list.audit_log ORDER BY seq'));
    expect(actions.map((a) => a.action)).toEqual([PowerListEvents.orgUnitCreated, PowerListEvents.powerItemCreated]);
  });

  it('leaves nothing behind when a change is refused half-way (no row, no audit entry, no event)', async () => {
    const h = callerToHeaders(caller());
    const ds = svc.svc.app.get(DataSource);
    const count = async () => (await ds.query<{ n: string }[]>("SELECT count(*) AS n FROM power_list.outbox WHERE subject LIKE '%org-unit.created'"))[0]?.n;
    const before = await count();
    const err = await rpcError(PowerListSubjects.orgUnitCreate, { name: '重复', code: 'QYGGK' }, h);
    expect(err).toMatchObject({ code: 'CONFLICT', field: 'code' });
    expect(await count()).toBe(before);
  });
});
