// `npm run bench:approvals` — “三重一大” meetings at scale, through the gateway's public API, on a
// throwaway stack (see lib.mjs: a private nats-server, the PostgreSQL of TEST_PG_ADMIN_URL):
//   set up BENCH_TENANTS (4) tenants, each with a unit, a leadership team of 9 (one main leader, each
//   member a person with a sign-in subject) and a published two-step power item (申请 → 党委会);
//   prepare BENCH_MEETINGS (200) meetings spread over the tenants, 8 at a time, each with one matter
//   waiting for it, all members present, the meeting open and the matter on its agenda; ANALYZE (as
//   autovacuum would; BENCH_ANALYZE=0 skips it); then run them BENCH_CONCURRENT_MEETINGS (6) at a
//   time, after a warm-up of BENCH_WARMUP_MEETINGS (as many) more: the 8 members state their
//   positions at once, the main leader last (末位表态), and the decision is concluded — sealed with
//   SM3 and the tenant's SM2 key. Every position and every seal is appended to the tenant's
//   hash-chained audit log and published as an event. Prints positions/s (positions over the
//   measured phase's wall time, conclusions included), position and conclusion latencies, errors, a
//   sample of decisions verified, the apps' memory and CPU per position, and PASS/FAIL against the
//   targets (≥ 300 positions/s, position p99 < 200 ms). BENCH_HOLD=<seconds> holds the database
//   before measuring; BENCH_DEBUG=1 prints the approvals service's output.
// It is a script, not a test: it exits 0 when a target is missed (and says FAIL); figures on a
// shared 2-core machine are noisy.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { availableParallelism } from 'node:os';
import pg from 'pg';
import { fmt, memoryOf, openBench, printTable, waitReady } from './lib.mjs';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 4);
const MEETINGS = Number(process.env.BENCH_MEETINGS ?? 200);
// 6 meetings at a time: 48 members stating at once. The two targets together bound the concurrency:
// by Little's law, n requests in flight at 300/s take n / 300 s on average, so with 16 meetings
// (128 in flight) the mean alone would be over 400 ms, whatever the p99. BENCH_CONCURRENT was this option's first name.
const CONCURRENT = Number(process.env.BENCH_CONCURRENT_MEETINGS ?? process.env.BENCH_CONCURRENT ?? 6);
const WARMUP_MEETINGS = Number(process.env.BENCH_WARMUP_MEETINGS ?? CONCURRENT);
const PREPARE_CONCURRENCY = 8;
const MEMBERS = 9;
const TARGET_RATE = 300;
const TARGET_P99_MS = 200;
// The day in Asia/Shanghai (en-CA formats it YYYY-MM-DD): the leadership team on that day sits.
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

// What the 8 members other than the main leader say, in turn (reasons are required unless agree):
// 5 agree and the main leader agrees, so 6 of 9 — more than half of all members — and it passes.
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

// Keep-alive connections, as a browser or an API client would hold them; node:http costs the
// client far less CPU than fetch, and the client shares the machine with what it measures.
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/** A JSON call as a dev caller (GATEWAY_DEV_AUTH); answers the body, or throws with the status and the problem's detail. */
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
        if (res.statusCode >= 300) {
          let problem = text.slice(0, 300);
          try {
            const p = JSON.parse(text);
            problem = p.errors?.length ? p.errors.map((e) => e.message).join('; ') : (p.detail ?? p.title ?? problem);
          } catch {}
          reject(Object.assign(new Error(`${method} ${path}: ${res.statusCode} ${problem}`), { status: res.statusCode, method, path, problem }));
        } else resolve(text ? JSON.parse(text) : undefined);
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** Runs `fn` over `items` with at most `limit` in flight (a closed loop: each worker takes the next as soon as it is done). */
async function pool(items, limit, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const quantile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

/** CPU seconds a process has used (user + system), from /proc/<pid>/stat. */
function cpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds of every PostgreSQL server process on the machine (the database under test shares the server). */
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

/** One tenant: a unit, 9 people with subjects on the leadership team, and a published power item 申请 → 党委会. */
async function setUpTenant(gw, t) {
  // A dev caller may act in any tenant: a fresh one per tenant, no provisioning needed.
  const tenantId = randomUUID();
  const as = (userId, roles) => ({ tenantId, userId, roles, requestId: 'bench' });
  const admin = as('bench-admin', ['tenant-admin']);
  const unit = await call(gw, admin, 'POST', '/api/v1/org-units', { code: 'JT', name: `基准测试集团${t + 1}` });
  const members = [];
  for (let i = 0; i < MEMBERS; i++) {
    const subject = `bench-${t}-m${i}`;
    const person = await call(gw, admin, 'POST', '/api/v1/people', { name: `成员${i + 1}`, subject });
    const main = i === 0;
    await call(gw, admin, 'POST', '/api/v1/leadership/members', { personId: person.id, position: main ? 'main-leader' : 'member', title: main ? '党委书记' : '党委委员', startOn: '2020-01-01' });
    members.push({ subject, caller: as(subject, main ? ['main-leader', 'leadership-member'] : ['leadership-member']), main });
  }
  const item = await call(gw, admin, 'POST', '/api/v1/power-items', {
    code: 'BENCH-1',
    name: '大额资金使用审批（基准）',
    category: '财务',
    handlingUnitCode: unit.code,
    legalBasis: [],
    flow: { steps: [{ name: '申请', kind: 'submit', actor: { kind: 'role', ref: 'handler' } }, { name: '党委会', kind: 'meeting', meetingBodies: ['party-committee'] }] },
  });
  // Published as the power list requires: submitted, reviewed by the integrity office and the discipline committee.
  const version = `/api/v1/power-items/${item.id}/versions/1`;
  await call(gw, admin, 'POST', `${version}/submit`);
  await call(gw, as('bench-integrity', ['integrity-office']), 'POST', `${version}/reviews`, { decision: 'approve', opinion: '同意发布。' });
  await call(gw, as('bench-discipline', ['discipline-committee']), 'POST', `${version}/reviews`, { decision: 'approve', opinion: '同意发布。' });
  await call(gw, admin, 'POST', `${version}/publish`);
  return { tenantId, admin, members, itemId: item.id };
}

/**
 * The n-th meeting, ready for positions: a matter (一般事项, matterType null: no 会前报备 to file) that
 * waits for a meeting after its submit step, a 党委会 today with all 9 present, opened, the matter on
 * its agenda.
 */
async function prepareMeeting(gw, tenant, n) {
  const { admin } = tenant;
  const matter = await call(gw, admin, 'POST', '/api/v1/matters', { powerItemId: tenant.itemId, title: `基准事项 ${n}`, matterType: null, terms: { amount: 50000 }, description: '基准测试事项。' });
  const meeting = await call(gw, admin, 'POST', '/api/v1/meetings', { body: 'party-committee', title: `基准会议 ${n}`, heldOn: TODAY });
  if (meeting.members.length !== MEMBERS) throw new Error(`meeting ${meeting.id} has ${meeting.members.length} members, expected ${MEMBERS} (the leadership team on ${TODAY})`);
  await call(gw, admin, 'PUT', `/api/v1/meetings/${meeting.id}/attendance`, { attendance: meeting.members.map((m) => ({ subject: m.subject, present: true })) });
  await call(gw, admin, 'POST', `/api/v1/meetings/${meeting.id}/open`);
  const opened = await call(gw, admin, 'POST', `/api/v1/meetings/${meeting.id}/agenda`, { matterId: matter.id });
  const item = opened.agenda.find((a) => a.matterId === matter.id);
  return { tenant, path: `/api/v1/meetings/${meeting.id}/agenda/${item.id}` };
}

/** Runs the meetings `concurrent` at a time; every position and conclusion timed, failures kept. */
async function runMeetings(gw, meetings, concurrent) {
  const positionMs = [];
  const concludeMs = [];
  const errors = [];
  const decisions = [];
  let positions = 0;
  const timed = async (into, fn) => {
    const t = process.hrtime.bigint();
    try {
      return await fn();
    } catch (e) {
      errors.push(e);
      return undefined;
    } finally {
      into.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  };
  const state = async (path, member, body) => {
    if (await timed(positionMs, () => call(gw, member.caller, 'POST', `${path}/positions`, body))) positions++;
  };
  const started = performance.now();
  await pool(meetings, concurrent, async ({ tenant, path }) => {
    const others = tenant.members.filter((m) => !m.main);
    await Promise.all(others.map((m, i) => state(path, m, POSITIONS[i % POSITIONS.length])));
    await state(path, tenant.members.find((m) => m.main), { position: 'agree' });
    const decision = await timed(concludeMs, () => call(gw, tenant.admin, 'POST', `${path}/conclude`, { summary: '基准测试决议' }));
    if (decision) decisions.push({ tenant, id: decision.id });
  });
  const elapsed = (performance.now() - started) / 1000;
  positionMs.sort((a, b) => a - b);
  concludeMs.sort((a, b) => a - b);
  return { elapsed, positions, positionMs, concludeMs, errors, decisions };
}

/** ANALYZE in the benchmark's database (the admin connection is to another database). */
async function analyzeDatabase(bench) {
  const db = new pg.Client({ connectionString: bench.dbUrl() });
  await db.connect();
  try {
    await db.query('ANALYZE');
  } finally {
    await db.end();
  }
}

/** Failures grouped by status, request (ids elided) and problem, most frequent first. */
function groupErrors(errors) {
  const groups = new Map();
  for (const e of errors) {
    const key = e.status ? `${e.status} ${e.method} ${e.path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ':id')}: ${e.problem}` : `${e.message}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return [...groups].sort((a, b) => b[1] - a[1]);
}

async function main() {
  const bench = await openBench();
  try {
    const svc = await bench.startPowerList();
    const approvals = await bench.startApprovals();
    const gwApp = await bench.startGateway();
    await waitReady(`${svc.healthUrl}/health/ready`, svc.proc);
    await waitReady(`${approvals.healthUrl}/health/ready`, approvals.proc);
    await waitReady(`${gwApp.url}/health/ready`, gwApp.proc);
    const gw = gwApp.url;

    process.stderr.write(`setting up ${TENANTS} tenants with ${MEMBERS}-member leadership teams…\n`);
    const tenants = [];
    for (let t = 0; t < TENANTS; t++) tenants.push(await setUpTenant(gw, t));
    const total = WARMUP_MEETINGS + MEETINGS;
    process.stderr.write(`preparing ${total} open meetings (${WARMUP_MEETINGS} to warm up), each with one matter on its agenda, ${PREPARE_CONCURRENCY} at a time…\n`);
    const prepareStarted = performance.now();
    const meetings = new Array(total);
    await pool(Array.from({ length: total }, (_, i) => i), PREPARE_CONCURRENCY, async (i) => {
      meetings[i] = await prepareMeeting(gw, tenants[i % TENANTS], i + 1);
      if ((i + 1) % 100 === 0) process.stderr.write(`  ${i + 1} meetings\n`);
    });
    const prepareSeconds = (performance.now() - prepareStarted) / 1000;
    // Measure the steady state: autovacuum would gather statistics after the preparation, but test
    // servers often run with it off. BENCH_ANALYZE=0 measures the tables as prepared.
    const autovacuum = (await bench.admin.query('SHOW autovacuum')).rows[0].autovacuum;
    const analyze = process.env.BENCH_ANALYZE !== '0';
    if (analyze) await analyzeDatabase(bench);

    // The first meetings after start run on cold code and empty caches: not measured.
    if (WARMUP_MEETINGS > 0) {
      process.stderr.write(`warming up: ${WARMUP_MEETINGS} meetings…\n`);
      const warmup = await runMeetings(gw, meetings.slice(0, WARMUP_MEETINGS), CONCURRENT);
      if (warmup.errors.length) throw new Error(`warm-up failed:\n${groupErrors(warmup.errors).map(([k, n]) => `  ${n} × ${k}`).join('\n')}`);
    }
    // BENCH_HOLD=<seconds>: keep the prepared database (and the warm-up's decisions) for that long before measuring, to EXPLAIN queries by hand.
    const hold = Number(process.env.BENCH_HOLD ?? 0);
    if (hold > 0) {
      process.stderr.write(`holding ${hold} s: database ${bench.dbName}, runtime role URL ${approvals.env.DATABASE_URL}, tenants ${tenants.map((t) => t.tenantId).join(' ')}\n`);
      await new Promise((r) => setTimeout(r, hold * 1000));
    }

    process.stderr.write(`measuring: ${MEETINGS} meetings, ${CONCURRENT} at a time, ${MEMBERS} members each…\n`);
    const cpu = () => ({ approvals: cpuSeconds(approvals.proc.pid), gateway: cpuSeconds(gwApp.proc.pid), 'power-list': cpuSeconds(svc.proc.pid), postgres: postgresCpuSeconds(), client: (process.cpuUsage().user + process.cpuUsage().system) / 1e6 });
    const cpuBefore = cpu();
    const run = await runMeetings(gw, meetings.slice(WARMUP_MEETINGS), CONCURRENT);
    const cpuAfter = cpu();
    const memory = { approvals: memoryOf(approvals.proc), gateway: memoryOf(gwApp.proc), 'power-list': memoryOf(svc.proc) };

    // The seals hold: about 10 of the records verify (hash, SM2 signature, the audit entry holding the hash).
    const every = Math.max(1, Math.floor(run.decisions.length / 10));
    const sample = run.decisions.filter((_, i) => i % every === 0);
    const failedVerifications = [];
    for (const d of sample) {
      const v = await call(gw, d.tenant.admin, 'GET', `/api/v1/decisions/${d.id}/verify`);
      if (v.ok !== true) failedVerifications.push(`${d.id}: ${v.problems?.join('; ')}`);
    }

    const rate = run.positions / run.elapsed;
    const positionP99 = quantile(run.positionMs, 0.99);
    const row = (latencies, count) => ({ rps: count / run.elapsed, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), n: latencies.length });
    const ops = { 'position (…/positions)': null, 'conclude (SM3 + SM2)': null };
    const results = {
      [`position (…/positions)@${CONCURRENT}`]: row(run.positionMs, run.positions),
      [`conclude (SM3 + SM2)@${CONCURRENT}`]: row(run.concludeMs, run.decisions.length),
    };
    const verdict = (name) => (name.startsWith('position') ? `   ≥ ${TARGET_RATE}/s: ${rate >= TARGET_RATE ? 'PASS' : 'FAIL'}, p99 < ${TARGET_P99_MS} ms: ${positionP99 < TARGET_P99_MS ? 'PASS' : 'FAIL'}` : '');

    console.log(`\napprovals benchmark: ${TENANTS} tenants with ${MEMBERS}-member leadership teams; ${total} meetings prepared through the gateway in ${prepareSeconds.toFixed(1)} s (${(total / prepareSeconds).toFixed(0)} meetings/s, ${PREPARE_CONCURRENCY} at a time)`);
    console.log(`statistics: ${analyze ? 'ANALYZE after the preparation' : 'none gathered by the script (BENCH_ANALYZE=0)'}; autovacuum is ${autovacuum} on this server`);
    console.log(`measured: ${MEETINGS} meetings after ${WARMUP_MEETINGS} to warm up, ${CONCURRENT} at a time (conc): ${MEMBERS - 1} members state at once, the main leader last, then the decision is sealed`);
    console.log(`          ${run.positions} positions and ${run.decisions.length} decisions in ${run.elapsed.toFixed(1)} s`);
    printTable('approvals benchmark', ops, [CONCURRENT], results, verdict, `${MEETINGS} meetings of ${MEMBERS} after ${WARMUP_MEETINGS} to warm up; req/s over the whole run`);

    console.log(`\ntargets at ${CONCURRENT} meetings at a time:`);
    console.log(`  ${'positions/s'.padEnd(26)}${fmt(rate, 0)}     (target ≥ ${TARGET_RATE})       ${rate >= TARGET_RATE ? 'PASS' : 'FAIL'}`);
    console.log(`  ${'position p99'.padEnd(26)}${fmt(positionP99, 1)} ms  (target < ${TARGET_P99_MS} ms)    ${positionP99 < TARGET_P99_MS ? 'PASS' : 'FAIL'}`);

    console.log(`\nerrors (4xx/5xx, or no answer): ${run.errors.length}`);
    for (const [key, n] of groupErrors(run.errors).slice(0, 10)) console.log(`  ${String(n).padStart(5)} × ${key}`);
    console.log(`decisions verified (GET /api/v1/decisions/:id/verify → ok): ${sample.length - failedVerifications.length} of ${sample.length} checked (of ${run.decisions.length} sealed)`);
    for (const f of failedVerifications) console.log(`  NOT OK ${f}`);

    console.log('\nmemory after the run (VmRSS / peak VmHWM):');
    for (const [app, m] of Object.entries(memory)) console.log(`  ${app.padEnd(12)}${fmt(m.rssMiB, 1)} MiB  / ${fmt(m.peakMiB, 1)} MiB`);
    // Where the time goes: CPU per position (conclusions included) of each process, against the
    // wall time per position on all cores; postgres counts every server process on the machine.
    const cores = availableParallelism();
    console.log(`\nCPU ms per position (conclusions included; ${fmt((run.elapsed * 1000 * cores) / run.positions, 1).trim()} ms of wall time on ${cores} cores):`);
    console.log(`  ${Object.keys(cpuAfter).map((k) => `${k} ${(((cpuAfter[k] - cpuBefore[k]) * 1000) / run.positions).toFixed(1)}`).join(', ')}`);
    // BENCH_DEBUG=1: what the approvals service wrote (warnings, errors).
    if (process.env.BENCH_DEBUG) console.log(`\napprovals output:\n${approvals.proc.output()}`);
  } finally {
    agent.destroy();
    await bench.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
