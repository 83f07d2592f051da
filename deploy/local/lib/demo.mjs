// Demo data of the first local run (deploy/local/demo/power-list-demo.json, made from the seed fixtures
// by tools/scripts/make-demo-data.mjs), loaded through the gateway's public API with the demo users'
// own tokens, as people would: the admin creates the directory, power items and lists; the integrity
// office and the discipline committee review them; the admin publishes them and makes them public.
// A marker row in the database says it is done; what exists already is skipped, so a run that failed
// half-way is completed by the next one.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { LaunchError, sleep } from './util.mjs';

const MARKER = 'power-list';

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
 * A demo user's access token (password grant of the realm's `qinglian-cli` client).
 * @param {{ issuer: string, username: string, password: string }} options
 * @returns {Promise<string>}
 */
export async function userToken({ issuer, username, password }) {
  const res = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'qinglian-cli', username, password, scope: 'openid profile organization' }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = /** @type {Record<string, unknown>} */ (await res.json().catch(() => ({})));
  if (res.status !== 200 || typeof body['access_token'] !== 'string') {
    throw new LaunchError(`向开发认证服务取令牌失败 / the dev realm refused a token for ${username}: HTTP ${res.status} ${JSON.stringify(body)}`);
  }
  return body['access_token'];
}

/**
 * Calls the gateway as one user; 409 (already there) is an answer, other failures stop the launch.
 * @param {string} gatewayUrl
 * @param {string} token
 */
function apiAs(gatewayUrl, token) {
  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<{ status: number, body: any }>}
   */
  return async (method, path, body) => {
    for (let attempt = 0; ; attempt++) {
      /** @type {Record<string, string>} */
      const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
      /** @type {RequestInit} */
      const init = { method, headers, signal: AbortSignal.timeout(30_000) };
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
}

/**
 * Loads the demo power list of every tenant in the file through the gateway.
 * @param {{ gatewayUrl: string, issuer: string, file: string, passwordOf: (username: string) => string }} options
 * @returns {Promise<Record<string, { units: number, people: number, powerItems: number, published: number, lists: number }>>}
 */
export async function loadPowerList({ gatewayUrl, issuer, file, passwordOf }) {
  /** @type {{ tenants: Record<string, any> }} */
  const demo = JSON.parse(readFileSync(file, 'utf8'));
  /** @type {Record<string, any>} */
  const result = {};
  for (const [alias, data] of Object.entries(demo.tenants)) {
    const prefix = alias.split('-')[1] === 'sasac' ? 'gzw' : alias.split('-')[1];
    const token = (/** @type {string} */ who) => userToken({ issuer, username: `${prefix}-${who}`, password: passwordOf(`${prefix}-${who}`) });
    const admin = apiAs(gatewayUrl, await token('admin'));
    const reviewers = [apiAs(gatewayUrl, await token('integrity')), apiAs(gatewayUrl, await token('discipline'))];
    result[alias] = await loadTenant(data, admin, reviewers);
  }
  return result;
}

/**
 * @param {Record<string, any>} data
 * @param {ReturnType<typeof apiAs>} admin
 * @param {ReturnType<typeof apiAs>[]} reviewers
 */
async function loadTenant(data, admin, reviewers) {
  /** @type {Map<string, string>} */
  const unitId = new Map((await admin('GET', '/api/v1/org-units')).body.map((/** @type {any} */ u) => [u.code, u.id]));
  let units = 0;
  for (const u of data.orgUnits) {
    if (unitId.has(u.code)) continue;
    const res = await admin('POST', '/api/v1/org-units', { code: u.code, name: u.name, ...(u.parentCode ? { parentId: unitId.get(u.parentCode) } : {}) });
    unitId.set(u.code, res.body.id);
    units++;
  }
  /** @type {Map<string, string>} */
  const postId = new Map((await admin('GET', '/api/v1/posts')).body.map((/** @type {any} */ p) => [p.code, p.id]));
  for (const p of data.posts) {
    if (postId.has(p.code)) continue;
    postId.set(p.code, (await admin('POST', '/api/v1/posts', { code: p.code, name: p.name, orgUnitId: unitId.get(p.unitCode) })).body.id);
  }
  /** @type {Map<string, string>} */
  const personBySubject = new Map((await admin('GET', '/api/v1/people')).body.map((/** @type {any} */ p) => [p.subject, p.id]));
  /** @type {Map<string, string>} */
  const personOf = new Map();
  /** @type {Set<string>} */
  const created = new Set();
  for (const p of data.people) {
    let id = personBySubject.get(p.subject);
    if (!id) {
      id = (await admin('POST', '/api/v1/people', { name: p.name, subject: p.subject })).body.id;
      created.add(p.username);
    }
    personOf.set(p.username, /** @type {string} */ (id));
  }
  for (const h of data.holdings) {
    if (created.has(h.username)) await admin('POST', '/api/v1/post-holdings', { personId: personOf.get(h.username), postId: postId.get(h.post), startOn: h.startOn });
  }
  if ((await admin('GET', '/api/v1/leadership')).body.length === 0) {
    for (const m of data.leadership) {
      const member = (await admin('POST', '/api/v1/leadership/members', { personId: personOf.get(m.username), position: m.position, title: m.title, startOn: m.startOn })).body;
      for (const code of m.charges) await admin('POST', '/api/v1/leadership/charges', { memberId: member.id, orgUnitId: unitId.get(code), startOn: m.startOn });
    }
  }
  const items = await loadDocuments(admin, reviewers, '/api/v1/power-items', data.powerItems, async () => (await admin('GET', '/api/v1/power-items?limit=200')).body.items);
  const lists = await loadDocuments(admin, reviewers, '/api/v1/responsibility-lists', data.responsibilityLists, async () => (await admin('GET', '/api/v1/responsibility-lists')).body);
  if (data.publication && (await admin('GET', '/api/v1/publications')).body.length === 0) await admin('POST', '/api/v1/publications', data.publication);
  return { units, people: created.size, powerItems: items.created, published: items.published, lists: lists.created };
}

/**
 * Creates each missing document; those marked `publish` go through review and publication.
 * @param {ReturnType<typeof apiAs>} admin
 * @param {ReturnType<typeof apiAs>[]} reviewers
 * @param {string} base
 * @param {{ publish: boolean, request: Record<string, any> }[]} docs
 * @param {() => Promise<{ code: string }[]>} existing
 */
async function loadDocuments(admin, reviewers, base, docs, existing) {
  const have = new Set((await existing()).map((d) => d.code));
  let created = 0;
  let published = 0;
  for (const { publish, request } of docs) {
    if (have.has(request.code)) continue;
    const doc = (await admin('POST', base, request)).body;
    created++;
    if (!publish) continue;
    const at = `${base}/${doc.id}/versions/1`;
    await admin('POST', `${at}/submit`);
    for (const review of reviewers) await review('POST', `${at}/reviews`, { decision: 'approve', opinion: '经审核，内容与制度文件一致，同意发布。' });
    await admin('POST', `${at}/publish`);
    published++;
  }
  return { created, published };
}
