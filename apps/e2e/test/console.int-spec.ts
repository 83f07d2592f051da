import { passwordGrantToken, TestNatsServer } from '@qinglian/testing';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { DEMO_PASSWORD, type Platform, startPlatform } from './platform';

/**
 * The console in a real browser (Debian's chromium, driven by playwright-core; never a downloaded
 * browser): the built console served by the gateway, sign-in through the dev realm's login page,
 * the power items list, the person, tenant and roles, the language switch, and sign-out from both
 * the console and the realm. Screenshots of each step are kept in tmp/artifacts/console/.
 */
const CHROMIUM = '/usr/bin/chromium';
const WORKSPACE = resolve(__dirname, '../../..');
const ARTIFACTS = join(WORKSPACE, 'tmp/artifacts/console');
const USERNAME = 'gzw-admin';

interface Me {
  user: { id: string; username: string; name: string };
  tenant: { id: string; alias: string; name: string };
  roles: string[];
}

describe('the console in a browser', () => {
  let platform: Platform;
  let context: BrowserContext;
  let page: Page;
  let me: Me;
  /** Undone in reverse order after the tests, whatever got started before a failure. */
  const cleanups: (() => Promise<void> | void)[] = [];
  const problems: string[] = [];
  const code = `E2E-${Date.now().toString(36).toUpperCase()}`;
  const itemName = '市属国有企业产权（股权）处置等审核';
  const shot = (name: string): Promise<Buffer> => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); these tests never download a browser`);
    if (!existsSync(join(WORKSPACE, 'dist/web/index.html'))) throw new Error('dist/web is missing: build the console first (npx nx run web:build)');
    mkdirSync(ARTIFACTS, { recursive: true });

    // A private NATS: request subjects are not per test run, and a power-list service of another run
    // on the shared server would answer some of this run's requests from its own database.
    const nats = await TestNatsServer.start();
    cleanups.push(() => nats.dispose());
    platform = await startPlatform({ services: ['power-list'], realm: true, natsUrl: nats.url, gatewayEnv: { GATEWAY_DEV_AUTH: 'false' } });
    cleanups.push(() => platform.stop());
    const gw = platform.gatewayUrl;

    // What the list will show, created through the API beforehand as the same demo user (bearer token).
    const token = await passwordGrantToken(platform.realmUrl!, USERNAME, DEMO_PASSWORD);
    const call = async (method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
      const res = await fetch(`${gw}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const unit = await call('POST', '/api/v1/org-units', { code: `U-${code}`, name: '产权科' });
    expect(unit.status).toBe(201);
    const item = await call('POST', '/api/v1/power-items', { code, name: itemName, category: '产权', handlingUnitCode: `U-${code}`, legalBasis: [{ title: '《企业国有资产交易监督管理办法》' }] });
    expect(item.status).toBe(201);
    const who = await call('GET', '/api/v1/me');
    expect(who.status).toBe(200);
    me = who.body as unknown as Me;
    expect(me.tenant.alias).toBe('gy-sasac');
    expect(me.roles).toContain('tenant-admin');

    // An item of an enterprise below, for the supervisor's read-only view.
    const transport = await passwordGrantToken(platform.realmUrl!, 'transport-admin', DEMO_PASSWORD);
    const post = (path: string, body: unknown) =>
      fetch(`${gw}${path}`, { method: 'POST', headers: { authorization: `Bearer ${transport}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('/api/v1/org-units', { code: 'JT-U', name: '投资科' })).status).toBe(201);
    expect((await post('/api/v1/power-items', { code: 'JT-TZ-001', name: '交通项目投资决策审核', category: '投资', handlingUnitCode: 'JT-U', legalBasis: [{ title: '《公司章程》' }] })).status).toBe(201);

    const profileDir = mkdtempSync(join(tmpdir(), 'qinglian-chromium-'));
    cleanups.push(() => rmSync(profileDir, { recursive: true, force: true }));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    cleanups.push(() => context.close());
    context.setDefaultTimeout(20_000);
    page = context.pages()[0] ?? (await context.newPage());
    // Uncaught script errors and policy refusals (CSP) fail the test; 401 answers are expected.
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(`console: ${msg.text()}`);
    });
  }, 180_000);

  afterAll(async () => {
    for (const undo of cleanups.reverse()) await undo();
  });

  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  it('shows a visitor the sign-in page, in Chinese', async () => {
    await page.goto(`${platform.gatewayUrl}/power-list`);
    await page.getByRole('heading', { level: 1, name: '清廉' }).waitFor();
    expect(await page.title()).toBe('登录 · 清廉');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect((await page.locator('#sign-in').innerText()).trim()).toBe('登录');
    await shot('01-sign-in');
  });

  it('signs in through the realm login page and comes back to the page asked for', async () => {
    await page.locator('#sign-in').click();
    await page.locator('#username').waitFor();
    expect(page.url().startsWith(new URL(platform.realmUrl!).origin)).toBe(true);
    await page.locator('#username').fill(USERNAME);
    await page.locator('#password').fill(DEMO_PASSWORD);
    await shot('02-realm-login');
    await page.locator('#kc-login').click();
    await page.waitForURL(`${platform.gatewayUrl}/power-list`);
  });

  it('shows the power items, the person, the tenant and the roles', async () => {
    const row = page.locator('#power-items tr.ant-table-row').filter({ hasText: code });
    await row.waitFor();
    const cells = await row.locator('td').allInnerTexts();
    // 事项编码, 事项名称, 类别, 承办单元, 状态, 版本, 步骤数.
    expect(cells.map((c) => c.trim())).toEqual([code, itemName, '产权', '产权科', '草稿', '第 1 版', '0']);
    expect(await page.locator('#power-items thead').innerText()).toContain('类别');
    expect(await page.title()).toBe('权力事项 · 清廉');
    expect(await page.locator('#current-user').innerText()).toContain(me.user.name);
    expect(await page.locator('#current-tenant').innerText()).toContain(me.tenant.name);
    expect(await page.locator('#current-roles').innerText()).toContain('租户管理员');
    // The five areas in the main navigation; the power list's own sections in the second one.
    expect(await page.getByRole('navigation', { name: '主导航' }).getByRole('link').allInnerTexts()).toEqual(['权力清单', '决策审批', '廉洁风险', '责任考核', '责任追究']);
    expect(await page.getByRole('navigation', { name: '权力清单栏目' }).getByRole('link').allInnerTexts()).toEqual(['权力事项', '组织目录', '责任清单', '导入导出', '公开']);
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.getByRole('main').count()).toBe(1);
    await shot('03-power-list');

    // Filters: a search that matches nothing shows the empty state, then the item comes back.
    const search = page.getByRole('search', { name: '筛选权力事项' }).getByLabel('搜索名称或内容');
    await search.fill('不存在的事项');
    await search.press('Enter');
    await page.getByText('没有符合条件的权力事项').waitFor();
    expect(await row.count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('q')).toBe('不存在的事项');
    await page.getByRole('button', { name: '重置' }).click();
    await row.waitFor();
    expect(await search.inputValue()).toBe('');
    expect(new URL(page.url()).search).toBe('');
  });

  it('switches to English, and remembers the choice', async () => {
    await page.locator('#language-switch').getByText('English', { exact: true }).click();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Power list' }).waitFor();
    expect(await page.title()).toBe('Power items · Qinglian');
    expect(await page.locator('#current-roles').innerText()).toContain('Tenant administrator');
    expect(await page.locator('#power-items thead').innerText()).toContain('Category');
    await page.reload();
    await page.locator('#power-items tr.ant-table-row').filter({ hasText: code }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en-US');
    expect((await page.locator('#sign-out').innerText()).trim()).toBe('Sign out');
    await shot('04-english');
  });

  it('signs out of the console and the realm, and lands back on the sign-in page', async () => {
    await page.locator('#sign-out').click();
    await page.waitForURL(`${platform.gatewayUrl}/`);
    await page.locator('#sign-in').waitFor();
    expect((await page.locator('#sign-in').innerText()).trim()).toBe('Sign in');
    expect((await page.request.get(`${platform.gatewayUrl}/api/v1/me`)).status()).toBe(401);
    await shot('05-signed-out');

    // The realm's session ended too: signing in again asks for the password.
    await page.locator('#sign-in').click();
    await page.locator('#username').waitFor();
    await shot('06-realm-login-again');
  });

  it('tells a person whose account has no tenant why, and lets them sign in with another account', async () => {
    await page.locator('#username').fill('nobody');
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('#kc-login').click();
    await page.waitForURL(`${platform.gatewayUrl}/?signInError=no-tenant`);
    const alert = page.locator('#sign-in-error');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('belongs to no registered organisation');
    expect((await page.request.get(`${platform.gatewayUrl}/api/v1/me`)).status()).toBe(401);
    await shot('07-no-tenant');
    // The realm still has nobody's session; the button asks for credentials again rather than looping.
    await page.locator('#sign-in').click();
    await page.locator('#username').waitFor();
  });

  it('lets a supervisor inspector open an enterprise below, read-only', async () => {
    await page.locator('#username').fill('gzw-inspector');
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('#kc-login').click();
    await page.locator('#tenant-switch').waitFor();
    expect(await page.locator('#read-only').count()).toBe(0);
    await page.locator('#tenant-switch').click();
    await page.getByRole('option', { name: '广元市交通投资集团有限公司' }).click();
    await page.locator('#read-only').waitFor();
    await page.locator('#power-items tr.ant-table-row').filter({ hasText: 'JT-TZ-001' }).waitFor();
    expect(await page.locator('#power-items tbody').innerText()).not.toContain(code);
    await page.keyboard.press('Escape');
    await page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
    await shot('08-supervisor-read-only');
  });
});
