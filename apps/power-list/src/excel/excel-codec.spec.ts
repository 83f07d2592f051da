import { ActorKind, CadencePeriod, CadenceWindow, type CreatePowerItemRequest, type CreateResponsibilityListRequest, type ImportProblemDto, MeetingBody, ResponsibilityRole, StepKind, TemplateKind } from '@qinglian/contracts';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normaliseBundle, type PowerListBundle, readWorkbook, writeTemplate, writeWorkbook } from '.';

/** fixtures/power-items.json and responsibility-lists.json, copied (see its $comment). */
function fixtureBundle(): PowerListBundle {
  const raw = JSON.parse(readFileSync(join(__dirname, 'test-data/fixture-bundle.json'), 'utf8')) as PowerListBundle;
  return { orgUnits: raw.orgUnits, posts: raw.posts, powerItems: raw.powerItems, responsibilityLists: raw.responsibilityLists };
}

/** What the fixtures do not exercise: nested units, posts as actors, every optional field, both booleans. */
const EDGE_ITEM: CreatePowerItemRequest = {
  code: 'EDGE-1',
  name: '测试事项：全部字段',
  category: '投资',
  handlingUnitCode: 'CQK-1',
  legalBasis: [
    { title: '《公司法》', docNo: null },
    { title: '《广元市市属监管企业工资总额管理试行办法》', docNo: '广国资委[2019]212号' },
  ],
  subject: '广元市国资委',
  conditions: '第一行条件\n第二行条件',
  procedure: '1. 申请\n2. 审核',
  timeLimitDays: 20,
  responsibility: '对审核结果负责',
  supervisionMode: '全过程监督',
  flow: {
    steps: [
      {
        name: null,
        kind: StepKind.Submit,
        actor: { kind: ActorKind.Post, ref: 'CQK-KZ' },
        meetingBodies: [],
        timeLimitDays: 5,
        riskPoints: ['风险（一）：资料不全'],
        controlMeasures: [],
        internalSupervisors: [{ kind: ActorKind.Post, ref: 'JGJW-SJ' }],
        externalSupervisors: [{ kind: ActorKind.External, ref: '市纪委监委（第一）监督检查室' }],
      },
      {
        name: '会议审批',
        kind: StepKind.Meeting,
        actor: null,
        meetingBodies: [MeetingBody.Board, MeetingBody.GeneralManagerOffice],
        timeLimitDays: null,
        riskPoints: [],
        controlMeasures: ['主要领导末位表态'],
        internalSupervisors: [{ kind: ActorKind.Role, ref: 'main-leader' }, { kind: ActorKind.Role, ref: 'discipline-committee' }],
        externalSupervisors: [],
      },
      {
        name: '报送',
        kind: StepKind.Report,
        actor: { kind: ActorKind.Unit, ref: 'NOT-IN-FILE' },
        meetingBodies: [],
        timeLimitDays: null,
        riskPoints: [],
        controlMeasures: [],
        internalSupervisors: [],
        externalSupervisors: [],
      },
    ],
    sharedBlocks: [
      { id: 'A', appliesToSteps: [1, 2], riskPoints: ['甲'], controlMeasures: [] },
      { id: 'B', appliesToSteps: [2, 3], riskPoints: [], controlMeasures: ['乙'] },
    ],
  },
};

const EDGE_LIST: CreateResponsibilityListRequest = {
  code: 'EDGE-L',
  title: '测试清单',
  role: ResponsibilityRole.Office,
  organisation: null,
  duties: [
    {
      title: null,
      text: '第一段。\n第二段。',
      cadence: [
        { every: CadencePeriod.Year, times: 2, atLeast: false, window: CadenceWindow.Q1, dueMonthDay: '03-31', dueDerivedFrom: '一季度末', periodic: false, reporter: '办公室', reportTo: '党委', clause: '每年第一季度至少两次' },
        {},
        { onEvent: '遇有重大问题' },
      ],
      evidence: [],
    },
  ],
};

function fullBundle(): PowerListBundle {
  const b = fixtureBundle();
  return {
    orgUnits: [...b.orgUnits, { code: 'CQK-1', name: '产权一股', parentCode: 'CQK' }, { code: 'CQK-1-A', name: '产权一股甲组', parentCode: 'CQK-1' }],
    posts: b.posts,
    powerItems: [...b.powerItems, EDGE_ITEM],
    responsibilityLists: [...b.responsibilityLists, EDGE_LIST],
  };
}

const EMPTY: PowerListBundle = { orgUnits: [], posts: [], powerItems: [], responsibilityLists: [] };

async function load(data: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

function textOf(value: ExcelJS.CellValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function headers(ws: ExcelJS.Worksheet): string[] {
  const row = ws.getRow(1);
  return Array.from({ length: row.cellCount }, (_, i) => textOf(row.getCell(i + 1).value));
}

function cellAt(wb: ExcelJS.Workbook, name: string, row: number, header: string): ExcelJS.Cell {
  const ws = sheet(wb, name);
  const col = headers(ws).indexOf(header);
  if (col < 0) throw new Error(`no column ${header} in ${name}`);
  return ws.getRow(row).getCell(col + 1);
}

/** Edits an exported workbook the way a person would in Excel, and reads it back. */
async function readEdited(bundle: PowerListBundle, edit: (wb: ExcelJS.Workbook) => void) {
  const wb = await load(await writeWorkbook(bundle));
  edit(wb);
  return readWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
}

function set(wb: ExcelJS.Workbook, name: string, row: number, values: Record<string, ExcelJS.CellValue>): void {
  for (const [header, value] of Object.entries(values)) cellAt(wb, name, row, header).value = value;
}

/** PI-001 (5 steps, shared block SB-1 on steps 1–4) and GZW-ZR-DW (8 duties) with the directory. */
function smallBundle(): PowerListBundle {
  const b = fixtureBundle();
  return { orgUnits: b.orgUnits, posts: b.posts, powerItems: b.powerItems.slice(0, 1), responsibilityLists: b.responsibilityLists.slice(0, 1) };
}

const problem = (sheetName: string, row: number, column: string | null, message: string) => expect.objectContaining({ sheet: sheetName, row, column, message: expect.stringContaining(message) as string }) as ImportProblemDto;

describe('Excel codec', () => {
  describe('round trip', () => {
    it('reads an export of the fixtures back to the same bundle, without problems', async () => {
      const bundle = fullBundle();
      // The test data is already canonical, so "the same" means the original, not a normalised copy.
      expect(normaliseBundle(bundle)).toEqual(bundle);
      const { bundle: read, problems } = await readWorkbook(await writeWorkbook(bundle));
      expect(problems).toEqual([]);
      expect(read).toEqual(bundle);
      expect(read.powerItems).toHaveLength(9);
      expect(read.responsibilityLists).toHaveLength(9);
    });

    it('reads an ArrayBuffer as well as a Buffer', async () => {
      const data = await writeWorkbook(smallBundle());
      const { bundle, problems } = await readWorkbook(new Uint8Array(data).buffer);
      expect(problems).toEqual([]);
      expect(bundle).toEqual(smallBundle());
    });

    it('exports a non-canonical bundle as its canonical form', async () => {
      const loose: PowerListBundle = {
        orgUnits: [
          { code: 'B', name: ' 下级 ', parentCode: 'A' },
          { code: 'A', name: '上级', parentCode: '' },
        ],
        posts: [],
        powerItems: [{ code: 'X-1', name: ' 事项 ', category: '产权', handlingUnitCode: 'A', conditions: '  ', flow: { steps: [{ kind: StepKind.Review, riskPoints: ['一\n二', ' '] }] } }],
        responsibilityLists: [
          {
            code: 'L',
            title: '清单',
            role: ResponsibilityRole.Office,
            duties: [{ text: '内容', evidence: [{ record: '推断的', stated: false }, { record: '文中的', stated: true }, { record: '未标明的' }], cadence: [{ every: CadencePeriod.Year, clause: '' }] }],
          },
        ],
      };
      const canonical = normaliseBundle(loose);
      expect(canonical.orgUnits.map((u) => u.code)).toEqual(['A', 'B']);
      expect(canonical.orgUnits[0]?.parentCode).toBeNull();
      expect(canonical.powerItems[0]).toEqual(
        expect.objectContaining({ name: '事项', conditions: null, legalBasis: [], subject: null, timeLimitDays: null }),
      );
      expect(canonical.powerItems[0]?.flow?.steps[0]).toEqual({
        name: null,
        kind: StepKind.Review,
        actor: null,
        meetingBodies: [],
        timeLimitDays: null,
        riskPoints: ['一', '二'],
        controlMeasures: [],
        internalSupervisors: [],
        externalSupervisors: [],
      });
      expect(canonical.powerItems[0]?.flow?.sharedBlocks).toEqual([]);
      expect(canonical.responsibilityLists[0]?.duties[0]).toEqual({
        title: null,
        text: '内容',
        cadence: [{ every: CadencePeriod.Year }],
        evidence: [
          { record: '文中的', stated: true },
          { record: '推断的', stated: false },
          { record: '未标明的', stated: false },
        ],
      });
      const { bundle, problems } = await readWorkbook(await writeWorkbook(loose));
      expect(problems).toEqual([]);
      expect(bundle).toEqual(canonical);
    });

    it('writes the documented notation', async () => {
      const wb = await load(await writeWorkbook(fullBundle()));
      expect(cellAt(wb, '流程步骤', 2, '行权主体').value).toBe('角色:经办人员');
      expect(cellAt(wb, '流程步骤', 2, '步骤类型').value).toBe('申请/受理');
      expect(cellAt(wb, '流程步骤', 2, '内部监督主体（重在全过程监督）').value).toBe('角色:科室负责人\n单元:JGJW（机关纪委）');
      expect(cellAt(wb, '流程步骤', 5, '会议机构').value).toBe('党委会、委务会');
      expect(cellAt(wb, '流程步骤', 5, '行权主体').value).toBeNull();
      expect(cellAt(wb, '共用风险框', 2, '适用步骤').value).toBe('1、2、3、4');
      const pi006 = sheet(wb, '权力事项').getRow(7);
      expect(pi006.getCell(1).value).toBe('PI-006');
      expect(textOf(cellAt(wb, '权力事项', 7, '制度依据').value).split('\n')[0]).toBe('《关于深化广元市市属国有企业负责人薪酬制度改革的实施办法》｜广委办〔2016〕98号');
      expect(cellAt(wb, '组织单元', 3, '上级编码').value).toBe('GZW');
      expect(cellAt(wb, '责任清单', 2, '责任角色').value).toBe('党委（主体责任）');
      expect(cellAt(wb, '责任条目', 2, '序号').value).toBe(1);
      expect(cellAt(wb, '履职周期', 4, '周期').value).toBe('每半年');
      const edgeStep = sheet(wb, '流程步骤').getRows(2, 200)?.find((r) => r.getCell(1).value === 'EDGE-1');
      expect(edgeStep?.getCell(5).value).toBe('岗位:CQK-KZ（科长）');
      const edgeCadence = sheet(wb, '履职周期').getRows(2, 200)?.find((r) => r.getCell(1).value === 'EDGE-L');
      expect(edgeCadence?.values).toEqual([undefined, 'EDGE-L', 1, '每年', 2, '否', '第一季度', '03-31', '一季度末', '否', undefined, '办公室', '党委', '每年第一季度至少两次']);
    });

    it('reads what people type besides the export notation', async () => {
      const { bundle, problems } = await readEdited(smallBundle(), (wb) => {
        set(wb, '权力事项', 2, { 事项名称: { richText: [{ text: '资产采购' }, { font: { bold: true }, text: '和出租审核' }] }, 类别: 2024, '时限（工作日）': '１５' });
        set(wb, '流程步骤', 2, { 行权主体: '角色：经办人员', 步骤类型: 'submit', 会议机构: '党委会或董事会' });
        set(wb, '流程步骤', 3, { 行权主体: '单元: CQK (产权科)', '内部监督主体（重在全过程监督）': '角色:主要领导\n\n角色:驻委纪检监察组' });
        set(wb, '共用风险框', 2, { 适用步骤: '1-3，4' });
        set(wb, '责任清单', 2, { 责任角色: 'party-committee' });
        set(wb, '履职周期', 2, { 截止日期: new Date(Date.UTC(2024, 0, 31)), 周期: 'year', 时段: '年终' });
        // What Excel does to a typed 1-31 in a cell not formatted as text (a fresh style: loaded cells share theirs).
        const due = cellAt(wb, '履职周期', 2, '截止日期');
        due.style = { ...due.style, numFmt: 'm-d' };
        set(wb, '履职周期', 3, { 截止日期: '7月31日', 至少: true, 依据条款: { formula: 'CONCATENATE("每季度","梳理")', result: '每季度梳理', date1904: false } });
      });
      expect(problems).toEqual([]);
      const item = bundle.powerItems[0];
      expect(item?.name).toBe('资产采购和出租审核');
      expect(item?.category).toBe('2024');
      expect(item?.timeLimitDays).toBe(15);
      expect(item?.flow?.steps[0]).toEqual(expect.objectContaining({ kind: StepKind.Submit, actor: { kind: ActorKind.Role, ref: 'handler' }, meetingBodies: [MeetingBody.PartyCommittee, MeetingBody.Board] }));
      expect(item?.flow?.steps[1]).toEqual(
        expect.objectContaining({
          actor: { kind: ActorKind.Unit, ref: 'CQK' },
          internalSupervisors: [
            { kind: ActorKind.Role, ref: 'main-leader' },
            { kind: ActorKind.Role, ref: 'external-discipline' },
          ],
        }),
      );
      expect(item?.flow?.sharedBlocks?.[0]?.appliesToSteps).toEqual([1, 2, 3, 4]);
      const duty = bundle.responsibilityLists[0]?.duties[0];
      expect(bundle.responsibilityLists[0]?.role).toBe(ResponsibilityRole.PartyCommittee);
      expect(duty?.cadence?.[0]).toEqual(expect.objectContaining({ every: CadencePeriod.Year, dueMonthDay: '01-31', window: CadenceWindow.YearEnd }));
      expect(duty?.cadence?.[1]).toEqual(expect.objectContaining({ dueMonthDay: '07-31', atLeast: true, clause: '每季度梳理' }));
    });
  });

  describe('template', () => {
    const SHEETS: Record<TemplateKind, Record<string, string[]>> = {
      [TemplateKind.PowerItems]: {
        组织单元: ['单元编码', '单元名称', '上级编码'],
        岗位: ['岗位编码', '岗位名称', '所属单元编码'],
        权力事项: ['事项编码', '事项名称', '类别', '承办单元编码', '实施主体', '制度依据', '受理条件', '办理程序', '时限（工作日）', '责任事项', '监督方式'],
        流程步骤: ['事项编码', '步骤序号', '步骤名称', '步骤类型', '行权主体', '会议机构', '时限（工作日）', '风险点', '防控措施', '内部监督主体（重在全过程监督）', '外部监督主体（重在全履职监督）'],
        共用风险框: ['事项编码', '框编号', '适用步骤', '风险点', '防控措施'],
      },
      [TemplateKind.ResponsibilityLists]: {
        责任清单: ['清单编码', '清单名称', '责任角色', '责任主体'],
        责任条目: ['清单编码', '序号', '标题', '内容', '佐证材料（文中列明）', '佐证材料（推断）'],
        履职周期: ['清单编码', '条目序号', '周期', '次数', '至少', '时段', '截止日期', '截止日期依据', '定期', '触发事件', '报告人', '报告对象', '依据条款'],
      },
    };

    it.each(Object.values(TemplateKind))('%s: instructions first, then the sheets with bold frozen headers', async (kind) => {
      const wb = await load(await writeTemplate(kind));
      expect(wb.worksheets.map((w) => w.name)).toEqual(['填写说明', ...Object.keys(SHEETS[kind])]);
      for (const [name, expected] of Object.entries(SHEETS[kind])) {
        const ws = sheet(wb, name);
        expect(headers(ws)).toEqual(expected);
        expect(ws.getRow(1).getCell(1).font.bold).toBe(true);
        expect(ws.views[0]).toEqual(expect.objectContaining({ state: 'frozen', ySplit: 1 }));
        expect(ws.rowCount).toBe(1);
        expect(ws.getColumn(1).width).toBeGreaterThan(8);
      }
    });

    it('offers dropdowns for the enumerated columns', async () => {
      const items = await load(await writeTemplate(TemplateKind.PowerItems));
      const lists = await load(await writeTemplate(TemplateKind.ResponsibilityLists));
      const dropdown = (wb: ExcelJS.Workbook, name: string, header: string, row = 2) => {
        const v = cellAt(wb, name, row, header).dataValidation as ExcelJS.DataValidation | undefined;
        expect(v?.type).toBe('list');
        return String(v?.formulae[0]);
      };
      expect(dropdown(items, '流程步骤', '步骤类型')).toBe('"申请/受理,审核,会议审批,下达,报送"');
      expect(dropdown(items, '流程步骤', '步骤类型', 1000)).toContain('会议审批');
      expect(dropdown(lists, '责任清单', '责任角色')).toContain('党委书记（第一责任人）');
      expect(dropdown(lists, '履职周期', '周期')).toBe('"每季度,每半年,每年"');
      expect(dropdown(lists, '履职周期', '时段')).toBe('"年初,年底,第一季度"');
      expect(dropdown(lists, '履职周期', '至少')).toBe('"是,否"');
      expect(dropdown(lists, '履职周期', '定期')).toBe('"是,否"');
      expect(cellAt(items, '流程步骤', 2, '行权主体').dataValidation).toBeUndefined();
    });

    it('explains the sheets, the notation and an example in 填写说明', async () => {
      const wb = await load(await writeTemplate(TemplateKind.PowerItems));
      const text: string[] = [];
      sheet(wb, '填写说明').eachRow((row) => row.eachCell((c) => text.push(textOf(c.value))));
      const all = text.join('\n');
      for (const s of ['角色:经办人员', '单元:CQK（产权科）', '岗位:', '外部:', '标题｜文号', '会议审批', '党委会、委务会', '共用风险框', '内部监督主体（重在全过程监督）', '例：']) expect(all).toContain(s);
      expect(all).not.toContain('履职周期');
      const lists: string[] = [];
      sheet(await load(await writeTemplate(TemplateKind.ResponsibilityLists)), '填写说明').eachRow((row) => row.eachCell((c) => lists.push(textOf(c.value))));
      for (const s of ['MM-DD', '每季度', '年初', '佐证材料（推断）', '条目序号']) expect(lists.join('\n')).toContain(s);
    });

    it.each(Object.values(TemplateKind))('%s: reading the empty template gives an empty bundle and no problems', async (kind) => {
      const { bundle, problems } = await readWorkbook(await writeTemplate(kind));
      expect(problems).toEqual([]);
      expect(bundle).toEqual(EMPTY);
    });
  });

  describe('problems', () => {
    it('reports a missing name as required, on its cell', async () => {
      const { problems } = await readEdited(smallBundle(), (wb) => set(wb, '权力事项', 2, { 事项名称: null }));
      expect(problems).toEqual([{ sheet: '权力事项', row: 2, column: '事项名称', message: '必填 / required' }]);
    });

    it('reports an unknown step type with the allowed labels', async () => {
      const { problems } = await readEdited(smallBundle(), (wb) => set(wb, '流程步骤', 3, { 步骤类型: '批准' }));
      expect(problems).toEqual([problem('流程步骤', 3, '步骤类型', '未知的步骤类型「批准」，可填：申请/受理、审核、会议审批、下达、报送 / unknown step type "批准"')]);
    });

    it('reports unknown role labels, in the actor and on a supervisor line', async () => {
      const { problems } = await readEdited(smallBundle(), (wb) => {
        set(wb, '流程步骤', 2, { 行权主体: '角色:局长', '内部监督主体（重在全过程监督）': '角色:科室负责人\n角色:处长' });
        set(wb, '责任清单', 2, { 责任角色: '党支部' });
      });
      expect(problems).toEqual([
        problem('流程步骤', 2, '行权主体', '未知的角色「局长」'),
        problem('流程步骤', 2, '内部监督主体（重在全过程监督）', '第 2 行：未知的角色「处长」'),
        problem('责任清单', 2, '责任角色', '未知的责任角色「党支部」'),
      ]);
    });

    it('suggests the prefix when an actor has none', async () => {
      const { problems } = await readEdited(smallBundle(), (wb) => set(wb, '流程步骤', 2, { 行权主体: '经办人员' }));
      expect(problems).toEqual([problem('流程步骤', 2, '行权主体', '如「角色:经办人员」')]);
    });

    it('reports a duplicate code on the later row', async () => {
      const b = smallBundle();
      const { problems } = await readEdited({ ...b, powerItems: [...b.powerItems, { code: 'PI-001', name: '重复的事项', category: '产权', handlingUnitCode: 'CQK' }] }, () => undefined);
      expect(problems).toEqual([problem('权力事项', 3, '事项编码', '编码「PI-001」重复（第 2 行已有） / code "PI-001" is already on row 2')]);
    });

    it('reports a gap in the step numbers once, where it starts', async () => {
      const { problems } = await readEdited(smallBundle(), (wb) => set(wb, '流程步骤', 4, { 步骤序号: 7 }));
      // Steps 1, 2, 4, 5, 7: the row numbered 4 should be 3.
      expect(problems).toEqual([problem('流程步骤', 5, '步骤序号', '这里应为 3，而不是 4')]);
    });

    it('reports a duplicate step number', async () => {
      const { problems } = await readEdited(smallBundle(), (wb) => set(wb, '流程步骤', 6, { 步骤序号: 4 }));
      expect(problems).toEqual([problem('流程步骤', 6, '步骤序号', '事项「PI-001」的步骤序号 4 重复（第 5 行已有）')]);
    });

    it('reports a step, a shared block, a duty and a cadence naming a code not in the file', async () => {
      const { problems } = await readEdited(smallBundle(), (wb) => {
        set(wb, '流程步骤', 7, { 事项编码: 'PI-404', 步骤序号: 1, 步骤类型: '审核' });
        set(wb, '共用风险框', 3, { 事项编码: 'PI-404', 框编号: 'SB-9', 适用步骤: '1' });
        set(wb, '责任条目', 10, { 清单编码: 'NONE', 序号: 1, 内容: '内容' });
        set(wb, '履职周期', 2, { 清单编码: 'NONE' });
      });
      expect(problems).toEqual([
        problem('流程步骤', 7, '事项编码', '事项编码「PI-404」不在「权力事项」表中 / item code "PI-404" is not in sheet 权力事项'),
        problem('共用风险框', 3, '事项编码', '事项编码「PI-404」不在「权力事项」表中'),
        problem('责任条目', 10, '清单编码', '清单编码「NONE」不在「责任清单」表中'),
        problem('履职周期', 2, '清单编码', '清单编码「NONE」不在「责任清单」表中'),
      ]);
    });

    it('reports a shared block over a missing step and a cadence of a missing duty', async () => {
      const { problems } = await readEdited(smallBundle(), (wb) => {
        set(wb, '共用风险框', 2, { 适用步骤: '1、2、9' });
        set(wb, '履职周期', 2, { 条目序号: 99 });
      });
      expect(problems).toEqual([problem('共用风险框', 2, '适用步骤', '事项「PI-001」没有步骤 9'), problem('履职周期', 2, '条目序号', '清单「GZW-ZR-DW」没有序号为 99 的责任条目')]);
    });

    it('reports an invalid MM-DD due date', async () => {
      const { problems } = await readEdited(smallBundle(), (wb) => {
        set(wb, '履职周期', 2, { 截止日期: '13-45' });
        set(wb, '履职周期', 3, { 截止日期: '02-30' });
      });
      expect(problems).toEqual([problem('履职周期', 2, '截止日期', '截止日期须为 MM-DD（如 01-31）'), problem('履职周期', 3, '截止日期', '「02-30」不是一年中的日期')]);
    });

    it('reports wrong headers and does not read that sheet', async () => {
      const { bundle, problems } = await readEdited(smallBundle(), (wb) => set(wb, '责任清单', 1, { 清单名称: '名称' }));
      expect(problems).toEqual([problem('责任清单', 1, '名称', '未知的列「名称」'), problem('责任清单', 1, '清单名称', '缺少列「清单名称」')]);
      // Its duties and cadences are not reported as naming unknown lists.
      expect(bundle.responsibilityLists).toEqual([]);
      expect(bundle.powerItems).toHaveLength(1);
    });

    it('takes a sheet emptied of everything, headers included, as holding nothing', async () => {
      const { bundle, problems } = await readEdited(smallBundle(), (wb) => {
        const blocks = sheet(wb, '共用风险框');
        for (let r = 1; r <= blocks.rowCount; r++) blocks.getRow(r).values = [];
      });
      expect(problems).toEqual([]);
      expect(bundle.powerItems[0]?.flow?.sharedBlocks).toEqual([]);
    });

    it('reports cells holding error values and over-long or malformed values through the contracts', async () => {
      const { problems } = await readEdited(smallBundle(), (wb) => {
        set(wb, '权力事项', 2, { 事项编码: 'PI 001', 事项名称: '名'.repeat(201), '时限（工作日）': 400, 实施主体: { error: ExcelJS.ErrorValue.Ref } });
        set(wb, '流程步骤', 2, { 风险点: { formula: '1/0', result: { error: ExcelJS.ErrorValue.DivZero }, date1904: false } });
      });
      const code = problems.filter((p) => p.sheet === '权力事项');
      expect(code).toEqual([
        problem('权力事项', 2, '事项编码', '格式不正确 / code must be 1–40 letters'),
        problem('权力事项', 2, '事项名称', '长度不符合要求 / name must be shorter than or equal to 200 characters'),
        problem('权力事项', 2, '实施主体', '单元格含错误值 #REF!'),
        problem('权力事项', 2, '时限（工作日）', '数值过大 / timeLimitDays must not be greater than 365'),
      ]);
      expect(problems).toContainEqual(problem('流程步骤', 2, '风险点', '#DIV/0!'));
    });

    it('reports a list without duties on the list row', async () => {
      const { problems } = await readEdited(smallBundle(), (wb) => {
        for (let r = 2; r <= 9; r++) sheet(wb, '责任条目').getRow(r).values = [];
        for (let r = 2; r <= 30; r++) sheet(wb, '履职周期').getRow(r).values = [];
      });
      expect(problems).toEqual([problem('责任清单', 2, null, '清单至少需要一条责任条目')]);
    });

    it('leaves unit parents outside the file to the service, but reports a loop', async () => {
      const b = smallBundle();
      const outside = await readWorkbook(await writeWorkbook({ ...b, orgUnits: [{ code: 'X', name: '某科', parentCode: 'ELSEWHERE' }] }));
      expect(outside.problems).toEqual([]);
      const { problems } = await readEdited(b, (wb) => set(wb, '组织单元', 2, { 上级编码: 'CQK' }));
      // GZW → CQK → GZW; every unit hangs from the loop.
      expect(problems).toContainEqual(problem('组织单元', 2, '上级编码', '上级编码形成循环：GZW → CQK → GZW'));
      expect(problems).toContainEqual(problem('组织单元', 4, '上级编码', '上级编码形成循环：CQK → GZW → CQK'));
    });

    it('collects every problem of a workbook together, in workbook order', async () => {
      const { problems } = await readEdited(smallBundle(), (wb) => {
        set(wb, '权力事项', 2, { 事项名称: '' });
        set(wb, '流程步骤', 3, { 步骤类型: '批准' });
        set(wb, '流程步骤', 2, { 行权主体: '角色:局长' });
        set(wb, '流程步骤', 6, { 步骤序号: 7 });
        set(wb, '流程步骤', 7, { 事项编码: 'PI-404', 步骤序号: 1, 步骤类型: '审核' });
        set(wb, '履职周期', 2, { 截止日期: '13-45' });
        set(wb, '责任条目', 1, { 内容: '正文' });
      });
      expect(problems).toEqual([
        problem('权力事项', 2, '事项名称', '必填 / required'),
        problem('流程步骤', 2, '行权主体', '未知的角色「局长」'),
        problem('流程步骤', 3, '步骤类型', '未知的步骤类型「批准」'),
        problem('流程步骤', 6, '步骤序号', '这里应为 5，而不是 7'),
        problem('流程步骤', 7, '事项编码', 'PI-404'),
        problem('责任条目', 1, '正文', '未知的列「正文」'),
        problem('责任条目', 1, '内容', '缺少列「内容」'),
        problem('履职周期', 2, '截止日期', '13-45'),
      ]);
    });
  });

  describe('not a workbook', () => {
    it('reports one problem for bytes that are not an xlsx', async () => {
      const { bundle, problems } = await readWorkbook(Buffer.from('清单,编码\nPI-001,资产采购\n'));
      expect(problems).toEqual([{ sheet: '', row: 0, column: null, message: '文件不是 Excel 工作簿（.xlsx） / the file is not an Excel workbook (.xlsx)' }]);
      expect(bundle).toEqual(EMPTY);
    });

    it('reports a zip that is not a workbook, and a legacy .xls, the same way', async () => {
      const zip = Buffer.from('504b0304' + '00'.repeat(40), 'hex');
      expect((await readWorkbook(zip)).problems).toEqual([problem('', 0, null, '文件不是 Excel 工作簿')]);
      const xls = Buffer.from('d0cf11e0a1b11ae1' + '00'.repeat(40), 'hex');
      expect((await readWorkbook(xls)).problems).toEqual([problem('', 0, null, '旧版 .xls')]);
    });

    it('reports a workbook without any of the sheets', async () => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('Sheet1').getCell('A1').value = '编码';
      const { problems } = await readWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
      expect(problems).toEqual([problem('', 0, null, '工作簿中没有可导入的工作表')]);
    });
  });

  describe('locations', () => {
    it('says where each entry and each field came from', async () => {
      const { locations } = await readWorkbook(await writeWorkbook(fullBundle()));
      expect(locations.unit('CQK')).toEqual({ sheet: '组织单元', row: 4 });
      expect(locations.post('CQK-KZ')).toEqual({ sheet: '岗位', row: 6 });
      expect(locations.powerItem('PI-002')).toEqual({ sheet: '权力事项', row: 3 });
      expect(locations.step('PI-002', 2)).toEqual({ sheet: '流程步骤', row: 8 });
      expect(locations.sharedBlock('PI-001', 'SB-1')).toEqual({ sheet: '共用风险框', row: 2 });
      expect(locations.list('GZW-ZR-SJ')).toEqual({ sheet: '责任清单', row: 3 });
      expect(locations.duty('GZW-ZR-DW', 2)).toEqual({ sheet: '责任条目', row: 3 });
      expect(locations.cadence('GZW-ZR-DW', 1, 2)).toEqual({ sheet: '履职周期', row: 4 });
      expect(locations.powerItem('NOPE')).toBeUndefined();
      expect(locations.step('PI-002', 9)).toBeUndefined();

      expect(locations.powerItemField('PI-002', 'handlingUnitCode')).toEqual({ sheet: '权力事项', row: 3, column: '承办单元编码' });
      expect(locations.powerItemField('PI-002', 'flow.steps[1].actor')).toEqual({ sheet: '流程步骤', row: 8, column: '行权主体' });
      expect(locations.powerItemField('PI-002', 'flow.steps.1.internalSupervisors.0.ref')).toEqual({ sheet: '流程步骤', row: 8, column: '内部监督主体（重在全过程监督）' });
      expect(locations.powerItemField('PI-001', 'flow.sharedBlocks[0].appliesToSteps')).toEqual({ sheet: '共用风险框', row: 2, column: '适用步骤' });
      expect(locations.powerItemField('PI-001', 'flow.steps')).toEqual({ sheet: '权力事项', row: 2, column: null });
      expect(locations.listField('GZW-ZR-DW', 'organisation')).toEqual({ sheet: '责任清单', row: 2, column: '责任主体' });
      expect(locations.listField('GZW-ZR-DW', 'duties[0].text')).toEqual({ sheet: '责任条目', row: 2, column: '内容' });
      expect(locations.listField('GZW-ZR-DW', 'duties[0].cadence[1].dueMonthDay')).toEqual({ sheet: '履职周期', row: 3, column: '截止日期' });
      // Duty 1 of GZW-ZR-DW: three records named in the text, then 会议纪要 (inferred).
      expect(locations.listField('GZW-ZR-DW', 'duties[0].evidence[2].record')).toEqual({ sheet: '责任条目', row: 2, column: '佐证材料（文中列明）' });
      expect(locations.listField('GZW-ZR-DW', 'duties[0].evidence[3].record')).toEqual({ sheet: '责任条目', row: 2, column: '佐证材料（推断）' });
      expect(locations.listField('GZW-ZR-DW', 'duties')).toEqual({ sheet: '责任清单', row: 2, column: null });
    });
  });
});
