import { TestNatsServer } from '@qinglian/testing';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type BrowserContext, type Locator, type Page } from 'playwright-core';
import { collectProblems, launchBrowser, loadDemoData, requireChromium, requireConsoleBuild, WORKSPACE } from './browser';
import { DEMO_PASSWORD, type Platform, startPlatform } from './platform';

/**
 * One 大额资金 matter of the demo enterprise 广元市国有资本投资运营集团 from submission to a sealed
 * decision (issue 5), in a real browser (Debian's chromium driven by playwright-core; never a
 * downloaded browser), each step as the person whose step it is: the handler proposes and files, the
 * department head and the leader in charge review, the integrity office reviews compliance, the Party
 * secretary signs the filing, the admin runs the Party committee's meeting, the seven members state
 * their positions (the secretary last: 末位表态), the admin concludes, and the sealed record verifies
 * and prints. Screenshots of each step are kept in tmp/artifacts/approvals-console/.
 */
const ARTIFACTS = join(WORKSPACE, 'tmp/artifacts/approvals-console');
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** The demo people (apps/dev-realm/src/demo/realm.json): subject and name. */
const PEOPLE = {
  'capital-admin': { subject: '3e8b1f52-6c0a-4d97-b2e4-100000000201', name: '冯磊' },
  'capital-secretary': { subject: '3e8b1f52-6c0a-4d97-b2e4-100000000202', name: '蒋志刚' },
  'capital-leader': { subject: '3e8b1f52-6c0a-4d97-b2e4-100000000203', name: '韩梅' },
  'capital-member': { subject: '3e8b1f52-6c0a-4d97-b2e4-100000000204', name: '杨帆' },
  'capital-integrity': { subject: '3e8b1f52-6c0a-4d97-b2e4-100000000205', name: '朱琳' },
  'capital-paizhu': { subject: '3e8b1f52-6c0a-4d97-b2e4-100000000207', name: '许诺' },
  'capital-head': { subject: '3e8b1f52-6c0a-4d97-b2e4-100000000208', name: '沈涛' },
  'capital-handler': { subject: '3e8b1f52-6c0a-4d97-b2e4-100000000209', name: '曹宇' },
  'capital-gm': { subject: '3e8b1f52-6c0a-4d97-b2e4-100000000211', name: '蔡文博' },
  'capital-deputy': { subject: '3e8b1f52-6c0a-4d97-b2e4-100000000212', name: '邓立新' },
  'capital-cfo': { subject: '3e8b1f52-6c0a-4d97-b2e4-100000000213', name: '高秀英' },
  'capital-jwsj': { subject: '3e8b1f52-6c0a-4d97-b2e4-100000000214', name: '罗振华' },
} as const;
type User = keyof typeof PEOPLE;
/** The Party committee: the main leader and the six others. */
const COMMITTEE: readonly User[] = ['capital-secretary', 'capital-gm', 'capital-leader', 'capital-member', 'capital-deputy', 'capital-cfo', 'capital-jwsj'];

const MATTER = {
  item: 'JT-CW-001 大额资金使用审批',
  title: '嘉陵江安置房二期工程进度款支付',
  amount: 3200000,
  counterparty: '广元市城建工程有限公司',
  project: '嘉陵江安置房二期',
  scope: '二期工程进度款',
  conditions: '按监理确认的工程量支付',
  description: '根据施工合同和监理确认的工程量，申请支付嘉陵江安置房二期工程进度款 320 万元。',
};
const FILING = {
  research: '经实地调研，二期工程量经监理单位确认，进度款金额与合同约定一致。',
  consultation: '已征求财务部、法务部和审计部意见，均无异议。',
  'risk-assessment': '付款对象为合同相对方，资金来源已落实；风险可控。',
  'compliance-review': '经审查，事项符合法律法规和公司章程，程序合规，同意上会。',
  sign: '同意提交党委会研究。',
} as const;
const OPINIONS = { head: '资料齐全，金额与合同一致，同意。', leader: '同意提交党委会集体决策。' };
const ATTACHMENT = { name: '监理确认单.txt', content: Buffer.from('监理确认单：嘉陵江安置房二期工程量 3,200,000 元', 'utf8') };
const RECUSAL = '交易对方法定代表人系本人亲属';
const DISAGREE = '交易对方资质存疑，建议先核查再付款';
const SUMMARY = '会议同意支付嘉陵江安置房二期工程进度款 320 万元。';
/** Who states, in turn, and how; the secretary (main leader) comes last. capital-cfo recuses instead. */
const STATEMENTS: readonly { user: User; position: '同意' | '不同意'; reason?: string }[] = [
  { user: 'capital-gm', position: '同意' },
  { user: 'capital-leader', position: '同意' },
  { user: 'capital-member', position: '同意' },
  { user: 'capital-deputy', position: '同意' },
  { user: 'capital-jwsj', position: '不同意', reason: DISAGREE },
];
const POSITION_VALUES = { 同意: 'agree', 不同意: 'disagree' } as const;

// What the browser-side functions below touch (this project compiles without the DOM library).
interface DocumentLike {
  getAnimations(): { readonly effect: { getComputedTiming(): { endTime?: number | string } } | null; readonly finished: Promise<unknown> }[];
}

interface PositionJson {
  seq: number;
  subject: string;
  name: string;
  position: string;
  reason: string | null;
  isMainLeader: boolean;
}
interface DecisionJson {
  id: string;
  hash: string;
  signature: string;
  keyId: string;
  content: {
    result: string;
    positions: PositionJson[];
    recusals: { subject: string; kind: string; reason: string }[];
    tally: Record<string, number>;
    attendance: { subject: string; present: boolean }[];
  };
}

describe('a 大额资金 matter through the console, person by person', () => {
  let platform: Platform;
  let context: BrowserContext;
  let page: Page;
  let gw: string;
  let matterNo: string;
  let matterPath: string;
  let meetingPath: string;
  let decisionId: string;
  /** Undone in reverse order after the tests, whatever got started before a failure. */
  const cleanups: (() => Promise<void> | void)[] = [];
  const problems: string[] = [];
  /** Waits for the page's transitions (a tab's ink bar, a closing dialog, a message) to end; spinners run on. */
  const settle = async (on: Page = page): Promise<void> => {
    await on.evaluate(() => {
      const doc = (globalThis as unknown as { document: DocumentLike }).document;
      const ended = Promise.all(doc.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity).map((a) => a.finished.catch(() => undefined)));
      // A paused transition would never end; the screenshot is taken anyway.
      return Promise.race([ended, new Promise((done) => setTimeout(done, 3000))]);
    });
  };
  const shot = async (name: string, on: Page = page): Promise<void> => {
    await settle(on);
    await on.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  };
  const byTestId = (id: string): Locator => page.getByTestId(id);
  const dialog = (name: string): Locator => page.getByRole('dialog', { name });
  /** A confirmation (Modal.confirm), found by words of its text, confirmed with its button. */
  const confirm = async (text: string, button: string): Promise<void> => {
    const box = page.locator('.ant-modal-confirm').filter({ hasText: text });
    await box.getByRole('button', { name: button, exact: true }).click();
    await box.waitFor({ state: 'detached' });
  };
  /** A dialog's form sent with its OK button ({form}-ok); the dialog closes on success. */
  const send = async (box: Locator, form: string): Promise<void> => {
    await box.getByTestId(`${form}-ok`).click();
    await box.waitFor({ state: 'hidden' });
  };
  /** Opens the Select with this id and picks an option: the one in its own dropdown (closed ones stay in the page). */
  const choose = async (selectId: string, option: { title: string } | { text: string }): Promise<void> => {
    await page.locator(`#${selectId}`).click();
    const list = page.locator('.ant-select-dropdown', { has: page.locator(`#${selectId}_list`) });
    const item = 'title' in option ? list.locator(`.ant-select-item-option[title="${option.title}"]`) : list.locator('.ant-select-item-option').filter({ hasText: option.text });
    await item.click();
  };
  const tab = async (name: string): Promise<void> => {
    await page.getByRole('tab', { name, exact: true }).click();
  };
  const task = (step: number, status: string): Locator => page.locator(`[data-testid="task"][data-step-order="${step}"][data-task-status="${status}"]`);
  const filingRow = (kind: string): Locator => page.locator(`#filing-checklist tr[data-kind="${kind}"]`);
  const matterStatus = (status: string): Locator => page.locator(`[data-testid="matter-status"] [data-status="${status}"]`);
  const agendaItem = (): Locator => page.locator(`[data-testid="agenda-item"][data-matter-no="${matterNo}"]`);
  /** The subjects in the positions table, in its order. */
  const statedSubjects = async (table: Locator): Promise<(string | null)[]> => Promise.all((await table.locator('tr[data-subject]').all()).map((r) => r.getAttribute('data-subject')));

  /** Through the console's sign-in page and the realm's login form, back to `path`. */
  const signIn = async (username: User, path: string): Promise<void> => {
    await page.goto(`${gw}${path}`);
    await page.locator('#sign-in').click();
    await page.locator('#username').waitFor();
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('#kc-login').click();
    await page.waitForURL(`${gw}${path}`);
    await page.locator('#current-user').waitFor();
    expect(await page.locator('#current-user').innerText()).toContain(PEOPLE[username].name);
  };
  /** Out of the console and the realm: the next sign-in asks for a password again. */
  const signOut = async (): Promise<void> => {
    await page.locator('#sign-out').click();
    await page.waitForURL(`${gw}/`);
    await page.locator('#sign-in').waitFor();
    expect((await page.request.get(`${gw}/api/v1/me`)).status()).toBe(401);
  };
  /** 我的待办 → the todo's button (办理/审查/签字/表态：SX-…), which leads where it is done. */
  const fromTodos = async (action: string): Promise<void> => {
    await page.getByRole('button', { name: `${action}：${matterNo}`, exact: true }).click();
  };
  /** 办理 of the open step: 同意 with an opinion, confirmed with 提交办理. */
  const approveStep = async (opinion: string): Promise<void> => {
    const panel = byTestId('act-panel');
    await panel.waitFor();
    await panel.getByText('同意', { exact: true }).click();
    expect(await panel.getByRole('radio', { name: '同意', exact: true }).isChecked()).toBe(true);
    await panel.getByLabel('意见', { exact: true }).fill(opinion);
    await byTestId('act-submit').click();
    await confirm('提交后不能修改', '提交办理');
    await page.getByText('已办理', { exact: true }).waitFor();
  };
  /** 会前报备: one of the four records, written in its dialog. */
  const recordFiling = async (kind: Exclude<keyof typeof FILING, 'sign'>, title: string, withAttachment?: string): Promise<void> => {
    await byTestId(`record-filing-${kind}`).click();
    const box = dialog(`记录${title}`);
    await box.waitFor();
    await box.getByLabel('意见 / 记录').fill(FILING[kind]);
    if (withAttachment) {
      await choose('record-filing-form_attachmentIds', { text: withAttachment });
      await box.getByLabel('意见 / 记录').click();
    }
    await send(box, 'record-filing-form');
    await filingRow(kind).and(page.locator('[data-done="true"]')).waitFor();
  };
  /** MY position on the agenda item, confirmed with 提交表态; the form goes once it has landed. */
  const state = async (user: User, position: '同意' | '不同意', reason?: string): Promise<void> => {
    const form = agendaItem().getByTestId('position-form');
    await form.waitFor();
    expect(await form.getAttribute('data-blocked')).toBe('false');
    await form.getByText(position, { exact: true }).click();
    expect(await form.getByRole('radio', { name: position, exact: true }).isChecked()).toBe(true);
    if (reason) await form.getByLabel('理由').fill(reason);
    await form.getByTestId('submit-position').click();
    await confirm('表态提交后不能修改', '提交表态');
    await agendaItem().locator(`[data-testid="positions-table"] tr[data-subject="${PEOPLE[user].subject}"][data-position="${POSITION_VALUES[position]}"]`).waitFor();
    await form.waitFor({ state: 'detached' });
  };

  beforeAll(async () => {
    requireChromium();
    requireConsoleBuild();
    mkdirSync(ARTIFACTS, { recursive: true });

    // A private NATS: request subjects are not per test run, and services of another run on the
    // shared server would answer some of this run's requests from their own databases.
    const nats = await TestNatsServer.start();
    cleanups.push(() => nats.dispose());
    platform = await startPlatform({ services: ['power-list', 'approvals'], realm: true, natsUrl: nats.url, gatewayEnv: { GATEWAY_DEV_AUTH: 'false' } });
    cleanups.push(() => platform.stop());
    gw = platform.gatewayUrl;

    // The demo data exactly as `npm start` loads it.
    const loaded = await loadDemoData<{ published: number }>(gw, platform.realmUrl!);
    expect(loaded['gy-capital']).toMatchObject({ published: 1 });

    ({ context, page } = await launchBrowser(cleanups));
    collectProblems(context, page, new URL(platform.realmUrl ?? gw).origin, problems);
  }, 240_000);

  afterAll(async () => {
    for (const undo of cleanups.reverse()) await undo();
  });

  afterEach(() => {
    expect(problems.splice(0)).toEqual([]);
  });

  /** One step of the walk; each goes on from where the one before left off, so after a failure the rest stop at once. */
  let broken: string | null = null;
  const step = (name: string, fn: () => Promise<void>): void => {
    it(name, async () => {
      if (broken) throw new Error(`not run: an earlier step failed (${broken})`);
      try {
        await fn();
      } catch (e) {
        broken = name;
        throw e;
      }
    });
  };

  step('the handler proposes the matter: step 2 goes to the head of finance, and the meeting is foreseen', async () => {
    await signIn('capital-handler', '/approvals/matters');
    await page.getByRole('navigation', { name: '决策审批栏目' }).waitFor();
    await byTestId('create-matter').click();
    const box = dialog('发起事项');
    await box.waitFor();
    await choose('create-matter_powerItemId', { title: MATTER.item });
    await box.getByLabel('标题', { exact: true }).fill(MATTER.title);
    await choose('create-matter_matterType', { title: '大额资金使用' });
    await box.getByLabel('金额（元）').fill(String(MATTER.amount));
    await box.getByLabel('交易对方').fill(MATTER.counterparty);
    await box.getByLabel('项目').fill(MATTER.project);
    await box.getByLabel('范围').fill(MATTER.scope);
    await box.getByLabel('条件').fill(MATTER.conditions);
    await box.getByLabel('申请说明').fill(MATTER.description);
    // Over ¥1,000,000 a 大额资金 matter goes to the Party committee: the dialog says so before sending.
    await box.getByTestId('meeting-preview').filter({ hasText: '党委会' }).waitFor();
    expect(await box.getByLabel('金额（元）').inputValue()).toMatch(/^3,200,000(\.00)?$/);
    // The whole dialog in one picture: a viewport as tall as the dialog, for the shot only.
    const tall = (await box.boundingBox())?.height ?? 800;
    await page.setViewportSize({ width: 1280, height: Math.ceil(tall) + 160 });
    await shot('01-create-matter');
    await page.setViewportSize({ width: 1280, height: 800 });
    await send(box, 'create-matter');

    await page.waitForURL(/\/approvals\/matters\/[0-9a-f-]{36}$/);
    matterPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { level: 1, name: MATTER.title }).waitFor();
    matterNo = (await byTestId('matter-no').innerText()).trim();
    expect(matterNo).toMatch(/^SX-\d{4}-\d{4}$/);
    await matterStatus('in-progress').waitFor();
    expect(await byTestId('matter-amount').innerText()).toBe('¥3,200,000.00');
    expect(await byTestId('requires-meeting').innerText()).toBe('“三重一大”须集体决策');
    // Step 1 done by the proposer, step 2 open for 沈涛 (财务部经理) with its time limit.
    await task(1, 'approved').waitFor();
    const open = task(2, 'open');
    await open.waitFor();
    expect(await open.innerText()).toContain('沈涛');
    await open.getByTestId('due-remaining').waitFor();
    expect(await page.getByTestId('matter-steps').innerText()).toContain('第 2 步 · 财务部审核');
    // Not the proposer's step to act on.
    expect(await byTestId('act-panel').count()).toBe(0);
    await shot('02-matter-submitted');
  });

  step('the handler uploads a supporting file with its SM3 and records research, consultation and risk assessment', async () => {
    await tab('附件');
    const upload = byTestId('attachment-upload');
    await upload.waitFor();
    await choose('attachment-purpose', { title: '调研论证' });
    await upload.locator('input[type=file]').setInputFiles({ name: ATTACHMENT.name, mimeType: 'text/plain', buffer: ATTACHMENT.content });
    const row = page.locator('#attachments tr.ant-table-row').filter({ hasText: ATTACHMENT.name });
    await row.waitFor();
    expect(await row.getByTestId('attachment-sm3').getAttribute('data-value')).toBe(createHash('sm3').update(ATTACHMENT.content).digest('hex'));
    expect(await row.innerText()).toContain('曹宇');
    await shot('03-attachment-sm3');

    await tab('会前报备');
    await byTestId('filing-checklist').waitFor();
    for (const kind of ['research', 'consultation', 'risk-assessment', 'compliance-review', 'secretary-signature']) await filingRow(kind).and(page.locator('[data-done="false"]')).waitFor();
    // The proposer records three of the five; the compliance review is not theirs.
    expect(await byTestId('record-filing-compliance-review').count()).toBe(0);
    expect(await byTestId('sign-filing').count()).toBe(0);
    await recordFiling('research', '调研论证', ATTACHMENT.name);
    expect(await filingRow('research').innerText()).toContain(ATTACHMENT.name);
    await recordFiling('consultation', '征求意见');
    await recordFiling('risk-assessment', '风险评估');
    for (const kind of ['research', 'consultation', 'risk-assessment'] as const) expect(await filingRow(kind).innerText()).toContain(FILING[kind]);
    await filingRow('compliance-review').and(page.locator('[data-done="false"]')).waitFor();
    await shot('04-filing-by-proposer');
    await signOut();
  });

  step('the head of finance finds the step in 我的待办 with its time limit, and approves it with an opinion', async () => {
    await signIn('capital-head', '/approvals/todos');
    // The step (a department head may also write compliance reviews: that is a todo of its own).
    const todo = page.locator('#todos tr.ant-table-row').filter({ hasText: matterNo }).filter({ has: page.locator('[data-kind="step"]') });
    await todo.waitFor();
    expect(await todo.innerText()).toContain('第 2 步：财务部审核');
    expect(await todo.getByTestId('due-remaining').innerText()).toMatch(/^剩余 /);
    await shot('05-head-todos');
    await fromTodos('办理');
    await page.waitForURL(`${gw}${matterPath}`);
    expect(await byTestId('act-panel').innerText()).toContain('第 2 步 · 财务部审核');
    await approveStep(OPINIONS.head);
    await task(2, 'approved').getByTestId('task-opinion').filter({ hasText: OPINIONS.head }).waitFor();
    const next = task(3, 'open');
    await next.waitFor();
    expect(await next.innerText()).toContain('韩梅');
    expect(await byTestId('act-panel').count()).toBe(0);
    await shot('06-head-approved');
    await signOut();
  });

  step('the leader in charge approves: the matter awaits the meeting', async () => {
    await signIn('capital-leader', '/approvals/todos');
    await fromTodos('办理');
    await page.waitForURL(`${gw}${matterPath}`);
    expect(await byTestId('act-panel').innerText()).toContain('第 3 步 · 分管领导审核');
    await approveStep(OPINIONS.leader);
    await matterStatus('awaiting-meeting').waitFor();
    expect(await matterStatus('awaiting-meeting').innerText()).toBe('待上会');
    await task(3, 'approved').getByTestId('task-opinion').filter({ hasText: OPINIONS.leader }).waitFor();
    await task(4, 'open').waitFor();
    expect(await page.getByTestId('matter-steps').innerText()).toContain('第 4 步 · 党委会集体决策');
    await shot('07-awaiting-meeting');
    await signOut();
  });

  step('the integrity office records the compliance review in writing', async () => {
    await signIn('capital-integrity', '/approvals/todos');
    await fromTodos('审查');
    await page.waitForURL((url) => url.pathname === matterPath && url.searchParams.get('tab') === 'filing');
    await recordFiling('compliance-review', '合法合规审查');
    expect(await filingRow('compliance-review').innerText()).toContain('朱琳');
    await filingRow('secretary-signature').and(page.locator('[data-done="false"]')).waitFor();
    await shot('08-compliance-review');
    await signOut();
  });

  step('the Party secretary signs the filing, and it is copied to the discipline inspection group', async () => {
    await signIn('capital-secretary', '/approvals/todos');
    await fromTodos('签字');
    await page.waitForURL((url) => url.pathname === matterPath && url.searchParams.get('tab') === 'filing');
    const sign = byTestId('sign-filing');
    await sign.waitFor();
    expect(await sign.isEnabled()).toBe(true);
    expect(await byTestId('sign-blocked-reason').count()).toBe(0);
    await sign.click();
    const box = dialog('书记签字');
    await box.waitFor();
    await box.getByLabel('签批意见').fill(FILING.sign);
    await send(box, 'sign-filing-form');
    const copied = byTestId('filing-copied');
    await copied.waitFor();
    expect(await copied.innerText()).toContain('已抄送派驻纪检监察组');
    for (const kind of ['research', 'consultation', 'risk-assessment', 'compliance-review', 'secretary-signature']) await filingRow(kind).and(page.locator('[data-done="true"]')).waitFor();
    expect(await filingRow('secretary-signature').innerText()).toContain('蒋志刚');
    // Signed: nothing more may be recorded.
    expect(await page.locator('[data-testid^="record-filing-"]').count()).toBe(0);
    await shot('09-filing-signed-copied');
    await signOut();
  });

  step('the admin schedules the Party committee for today, takes attendance, opens it and puts the matter on the agenda', async () => {
    await signIn('capital-admin', '/approvals/meetings');
    await byTestId('create-meeting').click();
    const box = dialog('新建会议');
    await box.waitFor();
    expect(await box.locator('.ant-select', { has: page.locator('#create-meeting-form_body') }).innerText()).toContain('党委会');
    expect(await box.getByLabel('会议日期').inputValue()).toBe(TODAY);
    await box.getByLabel('会议名称').fill(`${TODAY.slice(0, 4)}年第1次党委会`);
    await box.getByLabel('地点').fill('集团三楼会议室');
    await send(box, 'create-meeting-form');
    await page.waitForURL(/\/approvals\/meetings\/[0-9a-f-]{36}$/);
    meetingPath = new URL(page.url()).pathname;
    await page.locator('[data-testid="meeting-status"] [data-status="scheduled"]').waitFor();

    // The members are the leadership team on the day: the seven of the Party committee.
    const table = byTestId('attendance-table');
    await table.waitFor();
    expect((await Promise.all((await table.locator('tr[data-subject]').all()).map((r) => r.getAttribute('data-subject')))).sort()).toEqual(COMMITTEE.map((u) => PEOPLE[u].subject).sort());
    expect(await byTestId('open-meeting').isDisabled()).toBe(true);
    expect(await byTestId('open-blocked-reason').innerText()).toBe('请先记录全部成员的出席情况');
    await byTestId('all-present').click();
    for (const u of COMMITTEE) expect(await byTestId(`attendance-${PEOPLE[u].subject}`).locator('input[value="present"]').isChecked()).toBe(true);
    await byTestId('save-attendance').click();
    await page.getByText('已保存出席情况', { exact: true }).waitFor();
    await page.locator('[data-testid="quorum"][data-met="true"]').waitFor();
    expect(await byTestId('quorum-members').innerText()).toBe('7');
    expect(await byTestId('quorum-present').innerText()).toBe('7');
    expect(await byTestId('quorum-required').innerText()).toBe('4');
    expect(await byTestId('quorum-met').innerText()).toBe('已达到');
    await shot('10-meeting-attendance');

    await byTestId('open-meeting').click();
    await confirm('开会后不能再修改出席情况', '开会');
    await page.locator('[data-testid="meeting-status"] [data-status="in-session"]').waitFor();

    await byTestId('add-agenda').click();
    const add = dialog('添加议题');
    await add.waitFor();
    await choose('add-agenda-form_matterId', { text: matterNo });
    await send(add, 'add-agenda-form');
    const item = agendaItem();
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('open');
    expect(await item.innerText()).toContain(MATTER.title);
    expect(await item.getByTestId('pending-members').getAttribute('data-count')).toBe('7');
    expect(await item.getByTestId('conclude').isDisabled()).toBe(true);
    expect(await item.getByTestId('conclude-blocked-reason').innerText()).toBe('尚有出席成员未表态');
    await shot('11-meeting-opened-agenda');
    await signOut();
  });

  step('the members state their positions one by one, and 高秀英 declares a recusal', async () => {
    // Three members first; then the recusal.
    for (const { user, position, reason } of STATEMENTS.slice(0, 3)) {
      await signIn(user, '/approvals/todos');
      await fromTodos('表态');
      await page.waitForURL(`${gw}${meetingPath}`);
      await state(user, position, reason);
      await signOut();
    }

    await signIn('capital-cfo', '/approvals/todos');
    await fromTodos('表态');
    await page.waitForURL(`${gw}${meetingPath}`);
    await agendaItem().getByTestId('declare-recusal').click();
    const box = dialog(`声明回避：${MATTER.title}`);
    await box.waitFor();
    await box.getByLabel('回避事由').fill(RECUSAL);
    await send(box, 'declare-recusal-form-1');
    const recusal = agendaItem().locator(`[data-testid="recusals"] li[data-subject="${PEOPLE['capital-cfo'].subject}"]`);
    await recusal.waitFor();
    expect(await recusal.innerText()).toContain(RECUSAL);
    // Recused: no position to state.
    await agendaItem().getByTestId('position-form').waitFor({ state: 'detached' });
    await shot('12-recusal-declared');
    await signOut();
  });

  step('holds the secretary back while others have yet to state (末位表态)', async () => {
    await signIn('capital-secretary', '/approvals/todos');
    await fromTodos('表态');
    await page.waitForURL(`${gw}${meetingPath}`);
    const form = agendaItem().getByTestId('position-form');
    await form.waitFor();
    expect(await form.getAttribute('data-blocked')).toBe('true');
    const blocked = form.getByTestId('main-leader-blocked');
    await blocked.waitFor();
    // The service's reason, in the reader's language only.
    expect(await blocked.innerText()).toContain('末位表态：还有 2 位班子成员未表态，主要领导须最后表态');
    expect(await blocked.innerText()).not.toContain('main leader');
    for (const p of ['同意', '不同意', '缓议', '弃权']) expect(await form.getByRole('radio', { name: p, exact: true }).isDisabled()).toBe(true);
    expect(await form.getByTestId('submit-position').isDisabled()).toBe(true);
    // Who is still to state: the two members who have not, and the secretary.
    const pending = agendaItem().getByTestId('pending-members');
    expect(await pending.getAttribute('data-count')).toBe('3');
    for (const u of ['capital-deputy', 'capital-jwsj', 'capital-secretary'] as const) expect(await pending.locator(`[data-subject="${PEOPLE[u].subject}"]`).count()).toBe(1);
    await shot('13-meeting-main-leader-blocked');
    await signOut();
  });

  step('the last members state (one against, with a reason), then the secretary states last', async () => {
    for (const { user, position, reason } of STATEMENTS.slice(3)) {
      await signIn(user, meetingPath);
      await state(user, position, reason);
      await signOut();
    }

    await signIn('capital-secretary', meetingPath);
    await state('capital-secretary', '同意');
    const item = agendaItem();
    await item.getByTestId('pending-members').filter({ hasText: '出席成员均已表态' }).waitFor();
    const order = [...STATEMENTS.map((s) => s.user), 'capital-secretary' as const].map((u) => PEOPLE[u].subject);
    expect(await statedSubjects(item.getByTestId('positions-table'))).toEqual(order);
    expect(await item.locator(`[data-testid="positions-table"] tr[data-subject="${PEOPLE['capital-jwsj'].subject}"]`).innerText()).toContain(DISAGREE);
    await shot('14-secretary-stated-last');
    await signOut();
  });

  step('the admin concludes: 通过, and the decision record shows its SM3 hash and signature, verifies and prints', async () => {
    await signIn('capital-admin', meetingPath);
    const item = agendaItem();
    const conclude = item.getByTestId('conclude');
    await conclude.waitFor();
    expect(await conclude.isEnabled()).toBe(true);
    await conclude.click();
    const box = dialog(`形成决议：${MATTER.title}`);
    await box.waitFor();
    await box.getByLabel('会议意见 / 纪要要点').fill(SUMMARY);
    await send(box, 'conclude-form-1');
    await page.locator(`[data-testid="agenda-item"][data-matter-no="${matterNo}"][data-status="decided"]`).waitFor();
    const result = item.getByTestId('decision-result');
    await result.waitFor();
    expect(await result.getAttribute('data-result')).toBe('passed');
    expect(await result.innerText()).toBe('通过');
    await shot('15-concluded');

    await item.getByTestId('decision-link').click();
    await page.waitForURL(/\/approvals\/decisions\/[0-9a-f-]{36}$/);
    decisionId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const hash = byTestId('decision-hash');
    await hash.waitFor();
    const value = (await hash.getAttribute('data-value')) ?? '';
    expect(value).toMatch(/^[0-9a-f]{64}$/);
    expect((await hash.innerText()).replace(/\s+/g, '')).toBe(value);
    expect(await byTestId('decision-signature').innerText()).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect((await byTestId('decision-key-id').innerText()).length).toBeGreaterThan(0);
    expect(await byTestId('decision-audit-seq').innerText()).toMatch(/^\d+$/);
    expect(await byTestId('decision-result').getAttribute('data-result')).toBe('passed');
    const positions = byTestId('decision-positions');
    expect((await statedSubjects(positions)).at(-1)).toBe(PEOPLE['capital-secretary'].subject);
    expect(await byTestId('tally-agree').innerText()).toBe('5');
    expect(await byTestId('tally-disagree').innerText()).toBe('1');
    expect(await byTestId('decision-recusals').innerText()).toContain(RECUSAL);

    await byTestId('verify').click();
    const verified = byTestId('verify-result');
    await verified.waitFor();
    expect(await verified.getAttribute('data-ok')).toBe('true');
    for (const check of ['verify-hash', 'verify-signature', 'verify-audit']) expect(await verified.getByTestId(check).getAttribute('data-ok')).toBe('true');
    await shot('16-decision-verified');

    // 打印 opens the print-ready record in a page of its own, with the same session.
    const [printed] = await Promise.all([context.waitForEvent('page'), byTestId('print').click()]);
    cleanups.push(() => printed.close());
    await printed.waitForLoadState();
    expect(new URL(printed.url()).pathname).toBe(`/api/v1/decisions/${decisionId}/print`);
    await printed.getByRole('heading', { level: 1, name: '决策记录（会议纪要）' }).waitFor();
    const text = await printed.locator('body').innerText();
    expect(text.replace(/\s+/g, '')).toContain(value);
    for (const words of [matterNo, MATTER.title, '罗振华', DISAGREE, RECUSAL, '蒋志刚（主要领导）']) expect(text).toContain(words);
    await shot('printed-record', printed);
    await printed.close();
  });

  step('keeps the positions in the sealed record in the order stated, the main leader last', async () => {
    const res = await page.request.get(`${gw}/api/v1/decisions/${decisionId}`);
    expect(res.status()).toBe(200);
    const decision = (await res.json()) as DecisionJson;
    expect(decision.hash).toBe(await byTestId('decision-hash').getAttribute('data-value'));
    const { content } = decision;
    expect(content.result).toBe('passed');
    expect(content.positions.map((p) => p.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(content.positions.map((p) => [p.subject, p.position])).toEqual([
      ...STATEMENTS.map((s) => [PEOPLE[s.user].subject, POSITION_VALUES[s.position]]),
      [PEOPLE['capital-secretary'].subject, 'agree'],
    ]);
    expect(content.positions.at(-1)).toMatchObject({ subject: PEOPLE['capital-secretary'].subject, isMainLeader: true });
    expect(content.positions.filter((p) => p.isMainLeader)).toHaveLength(1);
    expect(content.positions.find((p) => p.subject === PEOPLE['capital-jwsj'].subject)?.reason).toBe(DISAGREE);
    expect(content.recusals).toMatchObject([{ subject: PEOPLE['capital-cfo'].subject, kind: 'declared', reason: RECUSAL }]);
    // 7 members − 1 recused = 6 counted; more than half (4) must agree; 5 did.
    expect(content.tally).toMatchObject({ agree: 5, disagree: 1, defer: 0, abstain: 0, base: 6, required: 4 });
    expect(content.attendance.every((a) => a.present)).toBe(true);

    const verify = (await (await page.request.get(`${gw}/api/v1/decisions/${decisionId}/verify`)).json()) as { ok: boolean };
    expect(verify.ok).toBe(true);
    const print = await page.request.get(`${gw}/api/v1/decisions/${decisionId}/print`);
    expect(print.headers()['content-type']).toContain('text/html');

    // The matter moved on to its last step, 下达批复, with the decision on its 决策 tab.
    await page.goto(`${gw}${matterPath}?tab=decisions`);
    const link = page.locator('#matter-decisions tr.ant-table-row').getByTestId('decision-link');
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/approvals/decisions/${decisionId}`);
    await matterStatus('in-progress').waitFor();
    await shot('17-matter-decisions');
    await signOut();
  });

  step('the discipline inspection group reads the signed filing, verifies the record, and checks a printed copy against it', async () => {
    await signIn('capital-paizhu', `${matterPath}?tab=filing`);
    const copied = byTestId('filing-copied');
    await copied.waitFor();
    expect(await copied.innerText()).toContain('已抄送派驻纪检监察组');
    expect(await filingRow('compliance-review').innerText()).toContain(FILING['compliance-review']);
    // Reading only.
    expect(await page.locator('[data-testid^="record-filing-"], [data-testid="sign-filing"]').count()).toBe(0);

    await page.goto(`${gw}/approvals/decisions/${decisionId}`);
    const hash = byTestId('decision-hash');
    await hash.waitFor();
    const value = (await hash.getAttribute('data-value')) ?? '';
    await byTestId('verify').click();
    await page.locator('[data-testid="verify-result"][data-ok="true"]').waitFor();
    // A printed copy with one figure of its hash wrong fails; as printed, it passes.
    const wrong = `${value.slice(0, -1)}${value.endsWith('0') ? '1' : '0'}`;
    await page.getByLabel('打印件上的摘要').fill(wrong);
    await byTestId('verify-printed').click();
    const failed = page.locator('[data-testid="verify-result"][data-ok="false"]');
    await failed.waitFor();
    // The record itself is intact (its own checks pass); the copy is not the record.
    for (const check of ['verify-hash', 'verify-signature', 'verify-audit']) expect(await failed.getByTestId(check).getAttribute('data-ok')).toBe('true');
    expect(await failed.innerText()).toContain('打印件上的哈希值与封存记录的哈希值不符');
    expect(await failed.innerText()).not.toContain('the printed hash');
    await shot('18-printed-copy-wrong-hash');
    await page.getByLabel('打印件上的摘要').fill(value);
    await byTestId('verify-printed').click();
    await page.locator('[data-testid="verify-result"][data-ok="true"]').waitFor();
    await signOut();
  });
});
