import { passwordGrantToken, TestNatsServer } from '@qinglian/testing';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, type Locator, type Page } from 'playwright-core';
import { collectProblems, DEMO_FILE, launchBrowser, loadDemoData, requireChromium, requireConsoleBuild, WORKSPACE } from './browser';
import { DEMO_PASSWORD, type Platform, startPlatform } from './platform';

/**
 * The power list's main path (issue 4) in a real browser (Debian's chromium driven by playwright-core;
 * never a downloaded browser), on the demo data `npm start` loads: the admin finds an item, reads
 * its flow chart, revises it and submits it; the integrity office and the discipline committee
 * approve; the admin publishes and compares the versions; the directory and its leadership; an
 * export imported by an enterprise; the published view. Screenshots of each step are kept in
 * tmp/artifacts/power-list-console/.
 */
const ARTIFACTS = join(WORKSPACE, 'tmp/artifacts/power-list-console');

interface DemoDoc {
  publish: boolean;
  request: { code: string; name: string };
}
interface DemoTenant {
  powerItems: DemoDoc[];
  responsibilityLists: DemoDoc[];
  publication?: { note: string };
}
const demo = JSON.parse(readFileSync(DEMO_FILE, 'utf8')) as { tenants: Record<string, DemoTenant> };
const sasac = demo.tenants['gy-sasac'] as DemoTenant;
const capital = demo.tenants['gy-capital'] as DemoTenant;
const publishedItems = sasac.powerItems.filter((d) => d.publish);

const ITEM = '资产采购和出租审核';
const ADDED_RISK = '虚报、瞒报审批材料（演示新增）';
const OPINIONS = { integrity: '风险点与防控措施齐全，同意发布。', discipline: '流程合规，监督主体明确，同意发布。' };

// What the browser-side functions below touch (this project compiles without the DOM library).
interface ImageLike {
  readonly naturalWidth: number;
  readonly naturalHeight: number;
  /** Resolves once the image is loaded and decoded; rejects when it cannot be. */
  decode(): Promise<void>;
}
interface DocumentLike {
  getAnimations(): { readonly effect: { getComputedTiming(): { endTime?: number | string } } | null; readonly finished: Promise<unknown> }[];
}

/** The value cell of a bordered Descriptions row, by its label. */
function described(container: Locator, label: string): Locator {
  return container.locator('th.ant-descriptions-item-label').filter({ hasText: new RegExp(`^${label.replace(/[()（）]/g, '\\$&')}$`) }).locator('xpath=following-sibling::td[1]');
}

describe('the power list in a browser', () => {
  let platform: Platform;
  let context: BrowserContext;
  let page: Page;
  let gw: string;
  let scratch: string;
  let exportFile: string;
  let itemPath: string;
  /** Undone in reverse order after the tests, whatever got started before a failure. */
  const cleanups: (() => Promise<void> | void)[] = [];
  const problems: string[] = [];
  /** Waits for the page's transitions (a tab's ink bar, a closing dropdown, a table's fade) to end; spinners run on. */
  const settle = async (): Promise<void> => {
    await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: DocumentLike }).document;
      const ended = Promise.all(doc.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity).map((a) => a.finished.catch(() => undefined)));
      // A paused transition would never end; the screenshot is taken anyway.
      return Promise.race([ended, new Promise((done) => setTimeout(done, 3000))]);
    });
  };
  const shot = async (name: string): Promise<void> => {
    await settle();
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  };
  const rows = (table: string): Locator => page.locator(`${table} tr.ant-table-row`);
  const row = (table: string, text: string): Locator => rows(table).filter({ hasText: text });
  /** Every row's cells as the reader sees them. */
  const cells = async (table: string): Promise<string[][]> => Promise.all((await rows(table).all()).map(async (r) => (await r.locator('td').allInnerTexts()).map((t) => t.trim())));
  /** The size of a loaded image; fails when it does not load. */
  const imageSize = (img: Locator): Promise<{ width: number; height: number }> =>
    img.evaluate(async (el) => {
      const image = el as unknown as ImageLike;
      await image.decode();
      return { width: image.naturalWidth, height: image.naturalHeight };
    });
  const docStatus = (status: string): Locator => page.locator(`.ql-doc-meta [data-status="${status}"]`);
  const dialog = (name: string): Locator => page.getByRole('dialog', { name });
  /** Opens the Select with this id and picks an option: the one in its own dropdown (closed ones stay in the page). */
  const choose = async (selectId: string, title: string): Promise<void> => {
    await page.locator(`#${selectId}`).click();
    await page.locator('.ant-select-dropdown', { has: page.locator(`#${selectId}_list`) }).locator(`.ant-select-item-option[title="${title}"]`).click();
  };
  const section = (name: string): Locator => page.getByRole('navigation', { name: '权力清单栏目' }).getByRole('link', { name, exact: true });

  /** Through the console's sign-in page and the realm's login form, back to `path`. */
  const signIn = async (username: string, path: string): Promise<void> => {
    await page.goto(`${gw}${path}`);
    await page.locator('#sign-in').click();
    await page.locator('#username').waitFor();
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('#kc-login').click();
    await page.waitForURL(`${gw}${path}`);
    await page.locator('#current-user').waitFor();
  };
  /** Out of the console and the realm: the next sign-in asks for a password again. */
  const signOut = async (): Promise<void> => {
    await page.locator('#sign-out').click();
    await page.waitForURL(`${gw}/`);
    await page.locator('#sign-in').waitFor();
    expect((await page.request.get(`${gw}/api/v1/me`)).status()).toBe(401);
  };
  /** A lifecycle action: its button, then the confirmation dialog's button of the same name. */
  const confirmAction = async (name: string): Promise<void> => {
    await page.getByRole('group', { name: '版本操作' }).getByRole('button', { name, exact: true }).click();
    const confirm = page.locator('.ant-modal-confirm').filter({ hasText: name });
    await confirm.getByRole('button', { name, exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
  };
  /** 审核 → 同意 with an opinion, as the reviewer signed in. */
  const approve = async (opinion: string): Promise<void> => {
    await page.locator('#review').click();
    const review = dialog(`审核：${ITEM}（第 2 版）`);
    await review.waitFor();
    await review.getByText('同意', { exact: true }).click();
    expect(await review.getByRole('radio', { name: '同意' }).isChecked()).toBe(true);
    await review.getByLabel('审核意见').fill(opinion);
    await review.getByRole('button', { name: '审核', exact: true }).click();
    await review.waitFor({ state: 'hidden' });
    await page.getByText('已记录审核意见').waitFor();
  };

  beforeAll(async () => {
    requireChromium();
    requireConsoleBuild();
    mkdirSync(ARTIFACTS, { recursive: true });
    scratch = mkdtempSync(join(tmpdir(), 'qinglian-power-list-console-'));
    cleanups.push(() => rmSync(scratch, { recursive: true, force: true }));

    // A private NATS: request subjects are not per test run, and a power-list service of another run
    // on the shared server would answer some of this run's requests from its own database.
    const nats = await TestNatsServer.start();
    cleanups.push(() => nats.dispose());
    platform = await startPlatform({ services: ['power-list'], realm: true, natsUrl: nats.url, gatewayEnv: { GATEWAY_DEV_AUTH: 'false' } });
    cleanups.push(() => platform.stop());
    gw = platform.gatewayUrl;

    // The demo data exactly as `npm start` loads it.
    const loaded = await loadDemoData<{ powerItems: number; published: number; lists: number }>(gw, platform.realmUrl!);
    expect(loaded['gy-sasac']).toMatchObject({ powerItems: sasac.powerItems.length, published: 5, lists: sasac.responsibilityLists.length });

    ({ context, page } = await launchBrowser(cleanups, { acceptDownloads: true }));
    collectProblems(context, page, new URL(platform.realmUrl ?? gw).origin, problems);
  }, 240_000);

  afterAll(async () => {
    for (const undo of cleanups.reverse()) await undo();
  });

  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  it('lists the demo power items with their status, and finds one by a word of its name', async () => {
    await signIn('gzw-admin', '/power-list');
    expect(await page.locator('#current-tenant').innerText()).toContain('广元市国资委');
    await row('#power-items', 'PI-008').waitFor();
    // 事项编码 and 状态 of every row.
    const listed = (await cells('#power-items')).map((c) => [c[0], c[4]]);
    expect(listed.sort()).toEqual(sasac.powerItems.map((d) => [d.request.code, d.publish ? '已发布' : '草稿']).sort());
    await shot('a1-power-items');

    const search = page.getByRole('search', { name: '筛选权力事项' }).getByLabel('搜索名称或内容');
    await search.fill('产权');
    await search.press('Enter');
    await row('#power-items', '市属监管企业工资总额审批').waitFor({ state: 'detached' });
    await row('#power-items', '市属国有企业产权（股权）处置等审核').waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('产权');
    expect(await page.locator('#power-items tbody').innerText()).not.toContain('市属监管企业工资总额审批');
    await shot('a2-search');

    await page.getByRole('button', { name: '重置', exact: true }).click();
    await row('#power-items', 'PI-008').waitFor();
    await row('#power-items', 'PI-001').getByRole('link', { name: ITEM }).click();
    await page.getByRole('heading', { level: 1, name: ITEM }).waitFor();
    itemPath = new URL(page.url()).pathname;
    expect(itemPath).toMatch(/^\/power-list\/items\/[0-9a-f-]{36}$/);
    expect(await page.locator('#document-code').innerText()).toBe('PI-001');
    await docStatus('published').waitFor();
    expect(await page.locator('#document-version').innerText()).toBe('第 1 版');
  });

  it('shows the flow chart the server draws, with every step and both column groups', async () => {
    await page.getByRole('tab', { name: '流程图' }).click();
    const chart = page.getByRole('img', { name: `${ITEM} 流程图` });
    await chart.waitFor();
    const size = await imageSize(chart);
    expect(size.width).toBeGreaterThan(0);
    expect(size.height).toBeGreaterThan(0);
    await chart.screenshot({ path: join(ARTIFACTS, 'PI-001-flow-chart.png') });
    await shot('a3-flow-chart');

    // The same drawing as the console's SVG download, fetched with the page's session cookie.
    const href = await page.locator('#download-flow-svg').getAttribute('href');
    expect(href).toMatch(/\/api\/v1\/power-items\/[0-9a-f-]{36}\/versions\/1\/flow\.svg$/);
    const svg = await page.request.get(`${gw}${href}`);
    expect(svg.status()).toBe(200);
    expect(svg.headers()['content-type']).toContain('image/svg+xml');
    const text = await svg.text();
    for (const words of ['申请', '产权科审核', '分管领导审核', '会议审批', '下达意见', '权力运行', '监督运行', ITEM]) expect(text).toContain(words);
  });

  it('revises the published item: a version 2 draft, edited and submitted for review', async () => {
    await confirmAction('新建修订稿');
    await docStatus('draft').waitFor();
    expect(await page.locator('#document-version').innerText()).toBe('第 2 版');
    await page.getByText('已新建修订稿（第 2 版）').waitFor();

    await page.getByRole('group', { name: '版本操作' }).getByRole('button', { name: '编辑', exact: true }).click();
    const edit = dialog('编辑权力事项 PI-001（第 2 版）');
    await edit.waitFor();
    expect(await edit.getByLabel('事项名称').inputValue()).toBe(ITEM);
    await edit.getByLabel('时限（工作日）').fill('20');
    await shot('a4-edit-draft');
    await edit.getByRole('button', { name: '保存', exact: true }).click();
    await edit.waitFor({ state: 'hidden' });
    await page.getByRole('tab', { name: '基本信息' }).click();
    const info = page.locator('#power-item-info');
    await described(info, '时限（工作日）').filter({ hasText: '20 个工作日' }).waitFor();
    expect(await described(info, '修订自').innerText()).toBe('第 1 版');

    // The seed's merged risk box (SB-1, steps 1–4) gets one more risk point in the flow editor.
    await page.getByRole('tab', { name: '行权流程' }).click();
    await page.getByRole('button', { name: '编辑共用风险框 SB-1' }).click();
    const block = dialog('编辑共用风险框 SB-1');
    await block.waitFor();
    const risks = block.getByLabel('风险点');
    await risks.fill(`${await risks.inputValue()}\n${ADDED_RISK}`);
    await block.getByRole('button', { name: '确定', exact: true }).click();
    await block.waitFor({ state: 'hidden' });
    await page.locator('#save-flow').click();
    await page.getByText('流程已保存').waitFor();
    expect(await page.locator('#flow-steps-blocks').innerText()).toContain(ADDED_RISK);

    await confirmAction('提交审核');
    await docStatus('in-review').waitFor();
    expect(await docStatus('in-review').innerText()).toBe('审核中');
    await page.getByRole('tab', { name: '审核记录' }).click();
    expect(await page.locator('#pending-reviews').innerText()).toContain('廉洁风险防控工作办公室');
    await shot('a5-submitted');
  });

  it('is approved by the integrity office and then the discipline committee', async () => {
    await signOut();
    // The integrity office finds it by its status.
    await signIn('gzw-integrity', '/power-list');
    await choose('power-item-status', '审核中');
    await page.waitForURL((url) => url.searchParams.get('status') === 'in-review');
    await row('#power-items', 'PI-008').waitFor({ state: 'detached' });
    expect(await rows('#power-items').count()).toBe(1);
    await row('#power-items', 'PI-001').getByRole('link', { name: ITEM }).click();
    await docStatus('in-review').waitFor();
    await approve(OPINIONS.integrity);
    await page.getByRole('tab', { name: '审核记录' }).click();
    await row('#reviews', OPINIONS.integrity).waitFor();
    expect(await page.locator('#review').count()).toBe(0);
    expect(await page.locator('#pending-reviews').innerText()).toContain('纪委（机关纪委）');
    await shot('b1-integrity-approved');
    await signOut();

    await signIn('gzw-discipline', itemPath);
    await docStatus('in-review').waitFor();
    await approve(OPINIONS.discipline);
    await page.getByRole('tab', { name: '审核记录' }).click();
    await row('#reviews', OPINIONS.discipline).waitFor();
    const reviews = (await cells('#reviews')).map((c) => c.slice(0, 4));
    expect(reviews.sort()).toEqual(
      [
        ['廉洁风险防控工作办公室', '孙丽', '同意', OPINIONS.integrity],
        ['纪委（机关纪委）', '周正', '同意', OPINIONS.discipline],
      ].sort(),
    );
    expect(await page.locator('#pending-reviews').innerText()).toBe('无待审核角色');
    await shot('b2-both-approved');
    await signOut();
  });

  it('is published as version 2, and the versions compare field by field', async () => {
    await signIn('gzw-admin', itemPath);
    await docStatus('in-review').waitFor();
    await confirmAction('发布');
    await docStatus('published').waitFor();
    expect(await page.locator('#document-version').innerText()).toBe('第 2 版');

    await page.getByRole('tab', { name: '版本记录' }).click();
    await row('#versions', '第 1 版').waitFor();
    const versions = (await cells('#versions')).map((c) => c.slice(0, 2));
    expect(versions).toEqual([
      ['第 2 版（当前查看）', '已发布'],
      ['第 1 版', '已替代'],
    ]);
    await choose('compare-from', '第 1 版（已替代）');
    await choose('compare-to', '第 2 版（已发布）');
    await page.getByRole('button', { name: '比较', exact: true }).click();
    const diff = page.locator('#version-diff');
    await diff.waitFor();
    expect(await diff.locator('caption').innerText()).toBe('第 1 版与第 2 版的差异');
    const changes = await cells('#version-diff');
    expect(changes[0]).toEqual(['时限（工作日）', '—', '20 个工作日']);
    expect(changes).toHaveLength(2);
    expect(changes[1]?.[0]).toContain('风险点');
    expect(changes[1]?.[1]).not.toContain(ADDED_RISK);
    expect(changes[1]?.[2]).toContain(ADDED_RISK);
    await shot('c1-versions-diff');
  });

  it('shows the directory: the unit tree and the leadership team with their 分管', async () => {
    await section('组织目录').click();
    await page.getByRole('heading', { level: 1, name: '组织目录' }).waitFor();
    const tree = page.locator('.ql-directory-tree');
    await tree.getByRole('treeitem').filter({ hasText: '产权科' }).waitFor();
    const units = (await tree.getByRole('treeitem').allInnerTexts()).map((t) => t.trim());
    expect(units).toEqual(expect.arrayContaining(['广元市国资委', '产权科', '机关纪委']));
    await shot('d1-directory');

    await page.getByRole('tab', { name: '领导班子' }).click();
    const leader = row('#leadership', '李国强');
    await leader.waitFor();
    expect(await rows('#leadership').first().innerText()).toContain('李国强');
    expect(await leader.locator('td').nth(1).innerText()).toBe('党委书记、主任');
    expect(await leader.locator('td').nth(2).innerText()).toBe('主要领导');
    expect((await page.getByRole('list', { name: '李国强 · 分管' }).locator('.ant-tag').allInnerTexts()).sort()).toEqual(['办公室', '机关纪委'].sort());
    expect((await page.getByRole('list', { name: '张建华 · 分管' }).locator('.ant-tag').allInnerTexts()).sort()).toEqual(['产权科', '企业改革科'].sort());
    await shot('d2-leadership');
  });

  it('exports the published list, and an enterprise imports it as drafts', async () => {
    await section('导入导出').click();
    await page.getByRole('heading', { level: 1, name: '导入导出' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '导出已发布清单' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^权力清单导出-\d{4}-\d{2}-\d{2}\.xlsx$/);
    exportFile = join(scratch, 'export.xlsx');
    await download.saveAs(exportFile);
    expect(readFileSync(exportFile).subarray(0, 2).toString('latin1')).toBe('PK');
    await shot('e1-exchange');
    await signOut();

    await signIn('capital-admin', '/power-list/exchange');
    expect(await page.locator('#current-tenant').innerText()).toContain('广元市国有资本投资运营集团有限公司');
    // What the enterprise had before: its own power items (大额资金使用审批) and lists, none of the 国资委's.
    const token = await passwordGrantToken(platform.realmUrl!, 'capital-admin', DEMO_PASSWORD);
    const before = (await (await fetch(`${gw}/api/v1/power-items`, { headers: { authorization: `Bearer ${token}` } })).json()) as { total: number; items: { code: string }[] };
    expect(before.items.map((i) => i.code).sort()).toEqual(capital.powerItems.map((d) => d.request.code).sort());

    await page.locator('.ql-import input[type=file]').setInputFiles(exportFile);
    const result = page.locator('#import-result');
    await result.waitFor();
    await page.locator('#import-done').getByText('导入完成').waitFor();
    expect(await described(result, '权力事项').innerText()).toBe(`${publishedItems.length} 项`);
    expect(await described(result, '责任清单').innerText()).toBe(`${sasac.responsibilityLists.filter((d) => d.publish).length} 项`);
    await shot('e2-imported');

    await section('权力事项').click();
    await row('#power-items', 'PI-001').waitFor();
    const listed = (await cells('#power-items')).map((c) => [c[0], c[4]]);
    expect(listed.filter(([code]) => code?.startsWith('PI-')).sort()).toEqual(publishedItems.map((d) => [d.request.code, '草稿']).sort());
    expect(listed.filter(([code]) => !code?.startsWith('PI-')).map(([code]) => code).sort()).toEqual(capital.powerItems.map((d) => d.request.code).sort());
    // The export carried the latest published version: version 2, with its 20 days.
    await row('#power-items', 'PI-001').getByRole('link', { name: ITEM }).click();
    await docStatus('draft').waitFor();
    expect(await described(page.locator('#power-item-info'), '时限（工作日）').innerText()).toBe('20 个工作日');
    await section('权力事项').click();
    await row('#power-items', 'PI-001').waitFor();
    await shot('e3-enterprise-drafts');
  });

  it('shows the published view with the publication note and the power items', async () => {
    await signOut();
    await signIn('gzw-admin', '/power-list/published');
    const summary = page.locator('#publication-summary');
    await summary.waitFor();
    expect(await described(summary, '公开说明').innerText()).toBe(sasac.publication?.note);
    expect(await described(summary, '公开范围').innerText()).toBe('本单位及上级监管机构');
    await page.getByRole('heading', { level: 2, name: `权力事项（${publishedItems.length}）` }).waitFor();
    const headers = (await page.locator('.ql-published-items .ant-collapse-header').allInnerTexts()).map((t) => t.trim());
    expect(headers.sort()).toEqual(publishedItems.map((d) => `${d.request.code} · ${d.request.name}`).sort());
    // Every chart is drawn (none fell back to the steps table).
    const charts = page.locator('.ql-published-items img.ql-chart-image');
    await charts.nth(publishedItems.length - 1).waitFor();
    expect(await charts.count()).toBe(publishedItems.length);
    for (const img of await charts.all()) expect((await imageSize(img)).width).toBeGreaterThan(0);
    expect(await page.getByText('流程图无法显示，以下为流程步骤。').count()).toBe(0);
    await shot('f1-published-view');
  });
});
