// Demo data of the first local run, loaded through the gateway's public API with a service-account
// token from the dev realm (as any program would): the supervisor tenant's power items from the
// seeds (deploy/local/demo/power-items.json, a copy of the fixture), their departments as org units.
// A marker row in the database says it is done; items that exist already are skipped, so a run that
// failed half-way is completed by the next one.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { LaunchError, sleep } from './util.mjs';

const MARKER = 'power-items';

/** Org unit codes of the fixture's departments (pinyin initials); others get initials of the English name. */
const DEPARTMENT_CODES = /** @type {Record<string, string>} */ ({
  产权科: 'CQK',
  企业改革科: 'QYGGK',
  财考科: 'CKK',
  投资科: 'TZK',
});

/**
 * Whether the demo data of this database was loaded (creates the launcher's bookkeeping table).
 * @param {string} adminUrl
 */
export async function demoLoaded(adminUrl) {
  return withClient(adminUrl, async (c) => {
    await c.query('CREATE SCHEMA IF NOT EXISTS qinglian_local');
    await c.query(`CREATE TABLE IF NOT EXISTS qinglian_local.demo_data (
      name text PRIMARY KEY,
      loaded_at timestamptz NOT NULL DEFAULT now(),
      detail jsonb NOT NULL DEFAULT '{}'
    )`);
    const { rowCount } = await c.query('SELECT 1 FROM qinglian_local.demo_data WHERE name = $1', [MARKER]);
    return (rowCount ?? 0) > 0;
  });
}

/**
 * @param {string} adminUrl
 * @param {object} detail
 */
export async function markDemoLoaded(adminUrl, detail) {
  await withClient(adminUrl, (c) => c.query('INSERT INTO qinglian_local.demo_data (name, detail) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [MARKER, JSON.stringify(detail)]));
}

/**
 * @template T
 * @param {string} url
 * @param {(c: pg.Client) => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function withClient(url, fn) {
  const c = new pg.Client({ connectionString: url, application_name: 'qinglian-local' });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/**
 * An access token of a service account (client credentials grant at the realm's token endpoint).
 * @param {{ issuer: string, clientId: string, clientSecret: string }} options
 * @returns {Promise<string>}
 */
export async function serviceToken({ issuer, clientId, clientSecret }) {
  const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64');
  const res = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = /** @type {Record<string, unknown>} */ (await res.json().catch(() => ({})));
  if (res.status !== 200 || typeof body['access_token'] !== 'string') {
    throw new LaunchError(`向开发认证服务取令牌失败 / the dev realm refused a token for ${clientId}: HTTP ${res.status} ${JSON.stringify(body)}`);
  }
  return body['access_token'];
}

/**
 * The fixture's items as the API's CreatePowerItemRequest (minus the unit id), with their department.
 * @param {string} file
 */
export function powerItemsFromFixture(file) {
  /** @type {{ title: string, issuer: string, issued: string, items: Record<string, any>[] }} */
  const fixture = JSON.parse(readFileSync(file, 'utf8'));
  const document = `《${fixture.title}》（${fixture.issuer}，${fixture.issued}）`;
  return fixture.items.map((item) => {
    /** @type {{ title: string, docNo?: string }[]} */
    const basis = item['legalBasis'] ?? [];
    const name = String(item['name']);
    return {
      department: String(item['department']),
      departmentEn: String(item['departmentEn'] ?? ''),
      request: {
        code: String(item['code']),
        name,
        // The seeds name each power by what is done: 审批 (approval) or 审核 (review).
        category: name.endsWith('审批') ? 'approval' : name.includes('审核') ? 'review' : 'other',
        // Where the seed cites rules, those; otherwise the document that lists the power.
        legalBasis: basis.length > 0 ? basis.map((b) => (b.docNo ? `${b.title}（${b.docNo}）` : b.title)).join('；') : document,
      },
    };
  });
}

/**
 * Loads the power items (and their departments as org units) through the gateway.
 * @param {{ gatewayUrl: string, token: string, fixtureFile: string }} options
 * @returns {Promise<{ created: number, existing: number, units: number }>}
 */
export async function loadPowerItems({ gatewayUrl, token, fixtureFile }) {
  const items = powerItemsFromFixture(fixtureFile);
  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<{ status: number, body: any }>}
   */
  const api = async (method, path, body) => {
    for (let attempt = 0; ; attempt++) {
      /** @type {Record<string, string>} */
      const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
      /** @type {RequestInit} */
      const init = { method, headers, signal: AbortSignal.timeout(15_000) };
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        init.body = JSON.stringify(body);
      }
      const res = await fetch(`${gatewayUrl}${path}`, init);
      const parsed = await res.json().catch(() => null);
      // A service that has only just become ready may still be joining its queue group.
      if (res.status === 503 && attempt < 20) {
        await sleep(500);
        continue;
      }
      if (res.status >= 400 && res.status !== 409) {
        throw new LaunchError(`演示数据加载失败 / loading demo data failed: ${method} ${path} → HTTP ${res.status} ${JSON.stringify(parsed)}`);
      }
      return { status: res.status, body: parsed };
    }
  };

  /** @type {{ id: string, code: string, name: string }[]} */
  const units = (await api('GET', '/api/v1/org-units')).body;
  const unitByName = new Map(units.map((u) => [u.name, u.id]));
  const usedCodes = new Set(units.map((u) => u.code));
  let unitsCreated = 0;
  for (const { department, departmentEn } of items) {
    if (unitByName.has(department)) continue;
    let code = DEPARTMENT_CODES[department] ?? (departmentEn.match(/\b[A-Za-z]/g)?.join('').toUpperCase() || 'DEPT');
    for (let i = 2; usedCodes.has(code); i++) code = `${code.replace(/-\d+$/, '')}-${i}`;
    const res = await api('POST', '/api/v1/org-units', { name: department, code });
    if (res.status === 409) throw new LaunchError(`组织单元编码 ${code} 已被占用 / org unit code ${code} is taken by another unit`);
    unitByName.set(department, res.body.id);
    usedCodes.add(code);
    unitsCreated++;
  }

  /** @type {Set<string>} */
  const existingCodes = new Set();
  for (let offset = 0; ; offset += 200) {
    const page = (await api('GET', `/api/v1/power-items?limit=200&offset=${offset}`)).body;
    for (const it of page.items) existingCodes.add(it.code);
    if (page.items.length < 200) break;
  }
  let created = 0;
  let existing = 0;
  for (const { department, request } of items) {
    if (existingCodes.has(request.code)) {
      existing++;
      continue;
    }
    const res = await api('POST', '/api/v1/power-items', { ...request, handlingUnitId: unitByName.get(department) });
    if (res.status === 409) existing++;
    else created++;
  }
  return { created, existing, units: unitsCreated };
}
