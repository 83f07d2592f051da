// `npm run bench:power-list` — the power list at scale, through the gateway's public API, on a
// throwaway stack (see lib.mjs: a private nats-server, the PostgreSQL of TEST_PG_ADMIN_URL):
//   load one tenant: a directory (国资委 and five 科室) and BENCH_ITEMS (5,000) power items, each
//   with a five-step flow like the demo's first item, by 8 concurrent POSTs; ANALYZE (as autovacuum
//   would; BENCH_ANALYZE=0 skips it); then measure
//   (a) the list filtered by category and unit, (b) Chinese substring search in content and in
//   names, (c) flow.svg of random items — each at concurrency 1 and 16 for BENCH_SECONDS (5) after
//   a 2 s warm-up. Prints the table with the targets (search p99 < 100 ms, flow.svg p99 < 150 ms at
//   concurrency 16), the apps' memory and the size of the tenant's tables.
// It is a script, not a test: it exits 0 when a target is missed (and says FAIL); figures on a
// shared 2-core machine are noisy.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { devClient, fmt, http, measure, memoryOf, openBench, printTable, waitReady } from './lib.mjs';

const ITEM_COUNT = Number(process.env.BENCH_ITEMS ?? 5000);
const LOAD_CONCURRENCY = 8;
const CONCURRENCIES = (process.env.BENCH_CONCURRENCY ?? '1,16').split(',').map(Number);
const TARGET_CONCURRENCY = 16;

const ROOT_UNIT = { code: 'GZW', name: '广元市国资委' };
const UNITS = [
  { code: 'CQK', name: '产权科' },
  { code: 'QYGGK', name: '企业改革科' },
  { code: 'CKK', name: '财考科' },
  { code: 'TZK', name: '投资科' },
  { code: 'JGJW', name: '机关纪委' },
];
// 机关纪委 supervises; it handles no item.
const HANDLING_UNITS = UNITS.filter((u) => u.code !== 'JGJW');
const CATEGORIES = ['产权', '债务', '改制', '章程', '薪酬', '投资'];
// The demo tenant's item names (deploy/local/demo/power-list-demo.json).
const SEED_NAMES = ['资产采购和出租审核', '企业债务统计及风险化解分析审核', '市属国有企业产权（股权）处置等审核', '企业改制方案审批', '公司章程审批', '市属监管企业负责人经营业绩考核和薪酬审批', '市属监管企业工资总额审批', '投资行为审核'];
const SEED_RISKS = ['复核、审核人员不按照相关政策规定严格审查资料，审查资料不仔细', '因私或领导意见，违规同意实施', '该上会不上会，个人意志代表集体决定', '利用审批权牟利私取', '超越审批权限办事'];
const SEED_MEASURES = ['按照所需条件、程序和流程,对受理事项进行初审', '审批要件、流程和相关规定公开、透明', '审核、审批人必须签署或发表明确的意见'];
// One risk point per item is RISK_OBJECTS[i % 13] + RISK_FAULTS[i % 11]: 143 phrases, each in ~35 of
// 5,000 items, so a search for one of them is selective.
const RISK_OBJECTS = ['资产评估报告', '股权转让价格', '债务重组方案', '改制职工安置', '章程修订条款', '薪酬核定标准', '投资项目可研', '产权交易公告', '担保审批材料', '工资总额预算', '业绩考核指标', '土地处置方案', '招标采购文件'];
const RISK_FAULTS = ['被人为压低', '未经集体研究', '弄虚作假', '审核把关不严', '违规变更', '信息披露不充分', '暗箱操作', '超范围审批', '利益输送', '拖延办理', '随意调整'];
// (b): a substring of one risk phrase (股权转让价格 + 暗箱操作), and the start of names (公司章程审批 Nos 2000–2999).
const CONTENT_QUERY = '转让价格暗箱操作';
const NAME_QUERY = '公司章程审批（第二千';

/** 1–9999 in Chinese numerals (二千零五), so item names differ in their Chinese text. */
function chineseNumber(n) {
  const digits = '零一二三四五六七八九';
  const units = ['千', '百', '十', ''];
  const s = String(n).padStart(4, '0');
  let out = '';
  let zero = false;
  for (let i = 0; i < 4; i++) {
    const d = Number(s[i]);
    if (d === 0) {
      zero = out !== '';
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += (d === 1 && units[i] === '十' && out === '' ? '' : digits[d]) + units[i];
  }
  return out;
}

/** The i-th item (0-based): the demo's first item with its code, name, category, unit and risk text varied. */
function itemRequest(i) {
  const n = i + 1;
  const unit = HANDLING_UNITS[Math.floor(i / CATEGORIES.length) % HANDLING_UNITS.length];
  const role = (ref) => ({ kind: 'role', ref });
  const discipline = role('external-discipline');
  const inspection = { kind: 'external', ref: '市纪委监委第一监督检查室' };
  const step = (name, kind, actor, extra = {}) => ({ name, kind, actor, meetingBodies: [], timeLimitDays: null, riskPoints: [], controlMeasures: [], internalSupervisors: [], externalSupervisors: [discipline], ...extra });
  return {
    code: `BENCH-${String(n).padStart(5, '0')}`,
    name: `${SEED_NAMES[i % SEED_NAMES.length]}（第${chineseNumber(n)}号）`,
    category: CATEGORIES[i % CATEGORIES.length],
    handlingUnitCode: unit.code,
    legalBasis: [{ title: '《重点权力廉政风险“联防联控”流程》', docNo: null }],
    subject: ROOT_UNIT.name,
    conditions: null,
    procedure: `1. 申请\n2. ${unit.name}审核\n3. 分管领导审核\n4. 会议审批\n5. 下达意见`,
    timeLimitDays: 5 + (i % 26),
    responsibility: null,
    supervisionMode: '内部监督重在全过程监督，外部监督重在全履职监督',
    flow: {
      steps: [
        step('申请', 'submit', role('handler'), { internalSupervisors: [role('department-head'), { kind: 'unit', ref: 'JGJW' }] }),
        step(`${unit.name}审核`, 'review', { kind: 'unit', ref: unit.code }, { internalSupervisors: [role('leader-in-charge')], riskPoints: [`${RISK_OBJECTS[i % RISK_OBJECTS.length]}${RISK_FAULTS[i % RISK_FAULTS.length]}`] }),
        step('分管领导审核', 'review', role('leader-in-charge'), { internalSupervisors: [role('main-leader')], externalSupervisors: [inspection, discipline] }),
        step('会议审批', 'meeting', null, { meetingBodies: ['party-committee', 'commission-affairs'], internalSupervisors: [role('main-leader')], externalSupervisors: [inspection, discipline] }),
        step('下达意见', 'issue', { kind: 'unit', ref: unit.code }, { riskPoints: ['擅自改变决策事项'], controlMeasures: ['将印发文件与会议决策记录比对'], internalSupervisors: [role('department-head'), { kind: 'unit', ref: 'JGJW' }] }),
      ],
      // The demo's shared block, with a varying subset of its risk points.
      sharedBlocks: [{ id: 'SB-1', appliesToSteps: [1, 2, 3, 4], riskPoints: SEED_RISKS.filter((_, k) => k !== i % SEED_RISKS.length), controlMeasures: SEED_MEASURES }],
    },
  };
}

/** Creates the items with `concurrency` requests in flight; their ids in order. */
async function loadItems(api, count, concurrency) {
  const ids = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      ids[i] = (await api.post('/api/v1/power-items', itemRequest(i))).id;
      if ((i + 1) % 1000 === 0) process.stderr.write(`  ${i + 1} items\n`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return ids;
}

/** Size of every table of the service's schema (the database holds this one tenant), largest first. */
async function tableSizes(db, tenantId) {
  const { rows } = await db.query(`
    SELECT c.relname AS name, pg_total_relation_size(c.oid) AS total, pg_relation_size(c.oid) AS heap,
           pg_indexes_size(c.oid) AS indexes, coalesce(pg_total_relation_size(c.reltoastrelid), 0) AS toast,
           EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS tenanted
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'power_list' AND c.relkind IN ('r', 'p')
    ORDER BY 2 DESC`);
  for (const r of rows) r.rows = r.tenanted ? Number((await db.query(`SELECT count(*) FROM power_list."${r.name}" WHERE tenant_id = $1`, [tenantId])).rows[0].count) : null;
  const database = Number((await db.query('SELECT pg_database_size(current_database()) AS size')).rows[0].size);
  return { tables: rows, database };
}

const mib = (bytes) => `${(Number(bytes) / 2 ** 20).toFixed(1)} MiB`.padStart(11);

async function main() {
  const bench = await openBench();
  try {
    const svc = await bench.startPowerList();
    const gw = await bench.startGateway();
    await waitReady(`${svc.healthUrl}/health/ready`, svc.proc);
    await waitReady(`${gw.url}/health/ready`, gw.proc);

    const tenantId = randomUUID();
    const caller = { tenantId, userId: 'bench', roles: ['tenant-admin'], requestId: 'bench' };
    const api = devClient(gw.url, caller);
    const root = await api.post('/api/v1/org-units', ROOT_UNIT);
    for (const unit of UNITS) await api.post('/api/v1/org-units', { ...unit, parentId: root.id });

    process.stderr.write(`loading ${ITEM_COUNT} power items, ${LOAD_CONCURRENCY} requests at a time…\n`);
    const loadStarted = performance.now();
    const ids = await loadItems(api, ITEM_COUNT, LOAD_CONCURRENCY);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    const db = new pg.Client({ connectionString: bench.dbUrl() });
    await db.connect();
    bench.defer(() => db.end());
    // Measure the steady state: autovacuum would gather statistics after a bulk load, but test servers
    // often run with it off, and without statistics the planner picks nested loops that take seconds.
    // BENCH_ANALYZE=0 measures the tables as loaded.
    const autovacuum = (await db.query('SHOW autovacuum')).rows[0].autovacuum;
    const analyze = process.env.BENCH_ANALYZE !== '0';
    if (analyze) await db.query('ANALYZE');
    // BENCH_HOLD=<seconds>: keep the loaded database for that long before measuring, to EXPLAIN queries by hand.
    const hold = Number(process.env.BENCH_HOLD ?? 0);
    if (hold > 0) {
      process.stderr.write(`holding ${hold} s: database ${bench.dbName}, runtime role URL ${bench.svcEnv.DATABASE_URL}, tenant ${tenantId}\n`);
      await new Promise((r) => setTimeout(r, hold * 1000));
    }

    const list = (query) => `${gw.url}/api/v1/power-items?${new URLSearchParams(query)}`;
    const queries = {
      '(a) list 产权 + CQK': list({ category: '产权', unit: 'CQK', limit: '50' }),
      '(b1) search content': list({ q: CONTENT_QUERY, limit: '50' }),
      '(b2) search name': list({ q: NAME_QUERY, limit: '50' }),
    };
    // What each query finds, to show it is selective (and that it finds anything at all).
    const totals = {};
    for (const [name, url] of Object.entries(queries)) totals[name] = (await api.get(url.slice(gw.url.length))).total;
    const svgBytes = Buffer.byteLength(await api.get(`/api/v1/power-items/${ids[0]}/versions/1/flow.svg`));

    const headers = { 'x-qinglian-dev-caller': JSON.stringify(caller) };
    const randomSvg = () => `${gw.url}/api/v1/power-items/${ids[Math.floor(Math.random() * ids.length)]}/versions/1/flow.svg`;
    const ops = {
      ...Object.fromEntries(Object.entries(queries).map(([name, url]) => [name, (c, s) => http(url, headers, c, s)])),
      '(c) flow.svg random item': (c, s) => http(randomSvg, headers, c, s),
    };
    const targets = { '(b1) search content': 100, '(b2) search name': 100, '(c) flow.svg random item': 150 };
    const results = await measure(ops, CONCURRENCIES);
    const memory = { gateway: memoryOf(gw.proc), 'power-list': memoryOf(svc.proc) };
    const sizes = await tableSizes(db, tenantId);

    console.log(`\npower-list benchmark: ${ITEM_COUNT} items loaded through the gateway in ${loadSeconds.toFixed(1)} s (${(ITEM_COUNT / loadSeconds).toFixed(0)} items/s, ${LOAD_CONCURRENCY} concurrent requests)`);
    console.log(`statistics: ${analyze ? 'ANALYZE after the load' : 'none gathered by the script (BENCH_ANALYZE=0)'}; autovacuum is ${autovacuum} on this server`);
    console.log(`(a) GET ${queries['(a) list 产权 + CQK'].slice(gw.url.length)} → total ${totals['(a) list 产权 + CQK']}`);
    console.log(`(b1) q=${CONTENT_QUERY} → total ${totals['(b1) search content']};  (b2) q=${NAME_QUERY} → total ${totals['(b2) search name']}`);
    console.log(`(c) GET /api/v1/power-items/<random of ${ids.length}>/versions/1/flow.svg (${(svgBytes / 1024).toFixed(1)} KiB each)`);
    const verdict = (name, concurrency, r) => (concurrency === TARGET_CONCURRENCY && targets[name] ? `   p99 < ${targets[name]} ms: ${r.p99 < targets[name] ? 'PASS' : 'FAIL'}` : '');
    printTable('power-list benchmark', ops, CONCURRENCIES, results, verdict);

    if (CONCURRENCIES.includes(TARGET_CONCURRENCY)) {
      console.log(`\ntargets at concurrency ${TARGET_CONCURRENCY}:`);
      for (const [name, limit] of Object.entries(targets)) {
        const r = results[`${name}@${TARGET_CONCURRENCY}`];
        console.log(`  ${name.padEnd(26)} p99 ${r.p99.toFixed(1).padStart(7)} ms  (target < ${limit} ms)  ${r.p99 < limit ? 'PASS' : 'FAIL'}`);
      }
    }
    console.log('\nmemory after the run (VmRSS / peak VmHWM):');
    for (const [app, m] of Object.entries(memory)) console.log(`  ${app.padEnd(12)}${fmt(m.rssMiB, 1)} MiB  / ${fmt(m.peakMiB, 1)} MiB`);
    console.log(`\ntables of schema power_list (this tenant only; database ${mib(sizes.database).trim()} in all):`);
    console.log(`  ${'table'.padEnd(24)}${'rows'.padStart(8)}${'total'.padStart(11)}${'heap'.padStart(11)}${'toast'.padStart(11)}${'indexes'.padStart(11)}`);
    for (const t of sizes.tables.filter((t) => t.rows !== 0)) console.log(`  ${t.name.padEnd(24)}${String(t.rows ?? '-').padStart(8)}${mib(t.total)}${mib(t.heap)}${mib(t.toast)}${mib(t.indexes)}`);
    const sum = sizes.tables.reduce((s, t) => s + Number(t.total), 0);
    console.log(`  ${'all tables'.padEnd(32)}${mib(sum)}`);
  } finally {
    await bench.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
