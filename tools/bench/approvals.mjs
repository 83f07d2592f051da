// `npm run bench:approvals` — “三重一大” meetings at scale, through the gateway's public API, on a
// throwaway stack (see lib.mjs: a private nats-server, the PostgreSQL of TEST_PG_ADMIN_URL):
//   set up BENCH_TENANTS (4) tenants, each with a leadership team of 9 (one main leader) and a
//   published two-step power (申请 → 党委会); prepare BENCH_MEETINGS (200) meetings, each with one
//   matter on its agenda, all members present and the meeting open; then measure BENCH_CONCURRENT
//   (16) meetings at a time: the 8 members state their positions at once, the main leader last
//   (末位表态), and the decision is concluded — sealed with SM3 and the tenant's SM2 key. Every
//   position and every seal is appended to the tenant's hash-chained audit log and published as an
//   event. Prints positions/s, position and conclusion latencies, errors, the apps' memory, and
//   PASS/FAIL against the targets (≥ 300 positions/s, position p99 < 200 ms).
// It is a script, not a test: it exits 0 when a target is missed (and says FAIL); figures on a
// shared 2-core machine are noisy.
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { exited, fmt, freePort, memoryOf, openBench, waitReady } from './lib.mjs';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 4);
const MEETINGS = Number(process.env.BENCH_MEETINGS ?? 200);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 16);
const MEMBERS = 9;
const TARGET_RATE = 300;
const TARGET_P99_MS = 200;
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

// Keep-alive connections, as a browser or an API client would hold them; node:http costs the
// client far less CPU than fetch, and the client shares the machine with what it measures.
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** A JSON call as a dev caller; answers the body, or throws with the status and problem. */
function call(base, caller, method, path, body) {
  const target = new URL(path, base);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers = { 'x-qinglian-dev-caller': JSON.stringify(caller), ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }) };
  return new Promise((resolve, reject) => {
    const req = request({ host: target.hostname, port: target.port, path: target.pathname + target.search, method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode >= 300) reject(Object.assign(new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 300)}`), { status: res.statusCode }));
        else resolve(text ? JSON.parse(text) : undefined);
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** Runs `fn` over `items` with at most `limit` in flight. */
async function pool(items, limit, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  }));
}

/** CPU seconds a process has used (user + system), from /proc/<pid>/stat. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds of every PostgreSQL server process (the database under test shares the server). */
function postgresCpuSeconds() {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuSeconds(pid);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

const quantile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

async function setUpTenant(gw, t) {
  const tenantId = randomUUID();
  const as = (userId, roles) => ({ tenantId, userId, roles, requestId: 'bench' });
  const admin = as('bench-admin', ['tenant-admin']);
  const unit = await call(gw, admin, 'POST', '/api/v1/org-units', { code: 'JT', name: `基准测试集团${t + 1}` });
  const members = [];
  for (let i = 0; i < MEMBERS; i++) {
    const subject = `bench-${t}-m${i}`;
    const person = await call(gw, admin, 'POST', '/api/v1/people', { name: `成员${i + 1}`, subject });
    await call(gw, admin, 'POST', '/api/v1/leadership/members', { personId: person.id, position: i === 0 ? 'main-leader' : 'member', title: i === 0 ? '党委书记' : '党委委员', startOn: '2020-01-01' });
    members.push({ subject, main: i === 0 });
  }
  const item = await call(gw, admin, 'POST', '/api/v1/power-items', {
    code: 'BENCH-1',
    name: '大额资金使用审批（基准）',
    category: '财务',
    handlingUnitCode: unit.code,
    legalBasis: [],
    flow: { steps: [{ name: '申请', kind: 'submit', actor: { kind: 'role', ref: 'handler' } }, { name: '党委会', kind: 'meeting', meetingBodies: ['party-committee'] }] },
  });
  const at = `/api/v1/power-items/${item.id}/versions/1`;
  await call(gw, admin, 'POST', `${at}/submit`);
  await call(gw, as('bench-integrity', ['integrity-office']), 'POST', `${at}/reviews`, { decision: 'approve', opinion: '同意发布。' });
  await call(gw, as('bench-discipline', ['discipline-committee']), 'POST', `${at}/reviews`, { decision: 'approve', opinion: '同意发布。' });
  await call(gw, admin, 'POST', `${at}/publish`);
  return { tenantId, as, admin, members, itemId: item.id };
}

async function prepareMeeting(gw, tenant, n) {
  const matter = await call(gw, tenant.admin, 'POST', '/api/v1/matters', { powerItemId: tenant.itemId, title: `基准事项 ${n}`, matterType: null, terms: { amount: 50000 + n }, description: '基准测试事项。' });
  const meeting = await call(gw, tenant.admin, 'POST', '/api/v1/meetings', { body: 'party-committee', title: `基准会议 ${n}`, heldOn: TODAY });
  await call(gw, tenant.admin, 'PUT', `/api/v1/meetings/${meeting.id}/attendance`, { attendance: meeting.members.map((m) => ({ subject: m.subject, present: true })) });
  await call(gw, tenant.admin, 'POST', `/api/v1/meetings/${meeting.id}/open`);
  const opened = await call(gw, tenant.admin, 'POST', `/api/v1/meetings/${meeting.id}/agenda`, { matterId: matter.id });
  return { tenant, meetingId: meeting.id, itemId: opened.agenda[0].id };
}

const POSITIONS = [
  { position: 'agree' },
  { position: 'agree' },
  { position: 'agree' },
  { position: 'agree' },
  { position: 'agree' },
  { position: 'disagree', reason: '资金安排需再论证' },
  { position: 'abstain', reason: '不了解项目情况' },
  { position: 'defer', reason: '建议补充风险评估' },
];

async function main() {
  const bench = await openBench();
  try {
    const env = {
      ...bench.svcEnv,
      DATABASE_URL: bench.dbUrl('qinglian_approvals'),
      SIGNING_KEY_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      DEADLINE_SWEEP_MS: '3600000',
      DB_POOL_SIZE: '16',
    };
    const svc = await bench.startPowerList();
    await exited(bench.start('approvals', 'migrate', env));
    const approvalsPort = await freePort();
    const approvals = bench.start('approvals', 'main', { ...env, HEALTH_PORT: String(approvalsPort) });
    const gwApp = await bench.startGateway();
    await waitReady(`${svc.healthUrl}/health/ready`, svc.proc);
    await waitReady(`http://127.0.0.1:${approvalsPort}/health/ready`, approvals);
    await waitReady(`${gwApp.url}/health/ready`, gwApp.proc);
    const gw = gwApp.url;

    process.stderr.write(`setting up ${TENANTS} tenants with ${MEMBERS}-member leadership teams…\n`);
    const tenants = [];
    for (let t = 0; t < TENANTS; t++) tenants.push(await setUpTenant(gw, t));
    process.stderr.write(`preparing ${MEETINGS} open meetings, each with one matter on its agenda…\n`);
    const meetings = new Array(MEETINGS);
    await pool(Array.from({ length: MEETINGS }, (_, i) => i), 8, async (i) => {
      meetings[i] = await prepareMeeting(gw, tenants[i % TENANTS], i + 1);
    });

    const positionMs = [];
    const concludeMs = [];
    const errors = [];
    const decisions = [];
    const timed = async (into, fn) => {
      const t = process.hrtime.bigint();
      try {
        return await fn();
      } catch (e) {
        errors.push(e.message);
        return undefined;
      } finally {
        into.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
    };
    process.stderr.write(`measuring: ${CONCURRENT} meetings at a time, ${MEMBERS} members each…\n`);
    const cpu = () => ({ approvals: cpuSeconds(approvals.pid), gateway: cpuSeconds(gwApp.proc.pid), postgres: postgresCpuSeconds(), client: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6 });
    const cpuBefore = cpu();
    const started = performance.now();
    await pool(meetings, CONCURRENT, async ({ tenant, meetingId, itemId }) => {
      const path = `/api/v1/meetings/${meetingId}/agenda/${itemId}`;
      const others = tenant.members.filter((m) => !m.main);
      await Promise.all(others.map((m, i) => timed(positionMs, () => call(gw, tenant.as(m.subject, ['leadership-member']), 'POST', `${path}/positions`, POSITIONS[i % POSITIONS.length]))));
      const main = tenant.members.find((m) => m.main);
      await timed(positionMs, () => call(gw, tenant.as(main.subject, ['main-leader', 'leadership-member']), 'POST', `${path}/positions`, { position: 'agree' }));
      const decision = await timed(concludeMs, () => call(gw, tenant.admin, 'POST', `${path}/conclude`, { summary: '基准测试决议' }));
      if (decision) decisions.push({ tenant, id: decision.id });
    });
    const elapsed = (performance.now() - started) / 1000;
    const cpuAfter = cpu();

    // The seals hold: a sample of the records verifies (hash, signature, audit entry and chain).
    const sample = decisions.filter((_, i) => i % Math.max(1, Math.floor(decisions.length / 10)) === 0);
    let verified = 0;
    for (const d of sample) if ((await call(gw, d.tenant.admin, 'GET', `/api/v1/decisions/${d.id}/verify`)).ok === true) verified++;

    positionMs.sort((a, b) => a - b);
    concludeMs.sort((a, b) => a - b);
    const rate = positionMs.length / elapsed;
    const p99 = quantile(positionMs, 0.99);
    const mem = (p) => {
      const m = memoryOf(p);
      return `${m.rssMiB.toFixed(0)} MiB (peak ${m.peakMiB.toFixed(0)} MiB)`;
    };
    console.log(`\napprovals — ${new Date().toISOString()}, node ${process.version}; ${TENANTS} tenants, ${MEETINGS} meetings of ${MEMBERS}, ${CONCURRENT} at a time`);
    console.log(`positions            ${positionMs.length} in ${elapsed.toFixed(1)} s  → ${fmt(rate, 0)} positions/s   (target ≥ ${TARGET_RATE}: ${rate >= TARGET_RATE ? 'PASS' : 'FAIL'})`);
    console.log(`position latency     p50 ${fmt(quantile(positionMs, 0.5))} ms   p99 ${fmt(p99)} ms   (target p99 < ${TARGET_P99_MS}: ${p99 < TARGET_P99_MS ? 'PASS' : 'FAIL'})`);
    console.log(`conclude (SM3+SM2)   ${concludeMs.length} decisions, p50 ${fmt(quantile(concludeMs, 0.5))} ms   p99 ${fmt(quantile(concludeMs, 0.99))} ms`);
    console.log(`verified             ${verified} of ${sample.length} sampled decisions verify (hash, signature, audit entry, chain)`);
    console.log(`errors               ${errors.length}${errors.length ? `: ${[...new Set(errors)].slice(0, 5).join(' | ')}` : ''}`);
    console.log(`memory               approvals ${mem(approvals)}, gateway ${mem(gwApp.proc)}, power-list ${mem(svc.proc)}`);
    const perPosition = (k) => `${k} ${(((cpuAfter[k] - cpuBefore[k]) * 1000) / positionMs.length).toFixed(1)}`;
    console.log(`CPU ms per position  ${['approvals', 'gateway', 'postgres', 'client'].map(perPosition).join(', ')} (of ${(elapsed * 2000 / positionMs.length).toFixed(1)} ms on 2 cores; conclusions included)`);
    // BENCH_DEBUG=1: what the approvals service wrote (warnings, errors).
    if (process.env.BENCH_DEBUG) console.log(approvals.output());
  } finally {
    agent.destroy();
    await bench.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
