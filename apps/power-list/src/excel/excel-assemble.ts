import {
  type Cadence,
  CreateOrgUnitRequest,
  CreatePostRequest,
  CreatePowerItemRequest,
  CreateResponsibilityListRequest,
  type Duty,
  type FlowStep,
  flattenValidationErrors,
  REQUEST_VALIDATION,
  type SharedBlock,
} from '@qinglian/contracts';
import { type ClassConstructor, plainToInstance } from 'class-transformer';
import { validateSync, type ValidatorOptions } from 'class-validator';
import { type BundleLocations, type BundlePost, type BundleUnit, type CellLocation, orderParentsFirst, type PowerListBundle, type RowLocation } from './excel-bundle';
import { LocationIndex } from './excel-locations';
import { type Msg, say } from './excel-notation';
import { type ProblemList } from './excel-problems';
import {
  BLOCK_SHEET,
  type BlockRow,
  CADENCE_SHEET,
  type CadenceRow,
  DUTY_SHEET,
  type DutyRow,
  headerOf,
  ITEM_SHEET,
  type ItemRow,
  LIST_SHEET,
  type ListRow,
  POST_SHEET,
  type PostRow,
  type SheetDef,
  STEP_SHEET,
  type StepRow,
  UNIT_SHEET,
  type UnitRow,
} from './excel-sheets';

/**
 * From sheet rows to a bundle: the checks across rows and sheets (duplicate codes, rows naming an
 * item or list not in the file, step and duty numbering), then each entity against its contract.
 */

/**
 * The rows of one sheet. A field whose cell had a problem is missing from its row (the problem is
 * already reported), so the key fields are checked before a row is used.
 */
export interface SheetRows<R> {
  /** False when the sheet's headers are wrong: rows naming its codes are not checked against it. */
  readonly usable: boolean;
  readonly rows: readonly Located<R>[];
}

interface Located<R> {
  readonly row: number;
  readonly value: R;
}

export interface WorkbookRows {
  readonly units: SheetRows<UnitRow>;
  readonly posts: SheetRows<PostRow>;
  readonly items: SheetRows<ItemRow>;
  readonly steps: SheetRows<StepRow>;
  readonly blocks: SheetRows<BlockRow>;
  readonly lists: SheetRows<ListRow>;
  readonly duties: SheetRows<DutyRow>;
  readonly cadences: SheetRows<CadenceRow>;
}

export function assemble(rows: WorkbookRows, problems: ProblemList): { bundle: PowerListBundle; locations: BundleLocations } {
  const index = new LocationIndex();
  const bundle: PowerListBundle = {
    orgUnits: assembleUnits(rows.units, problems, index),
    posts: assemblePosts(rows.posts, problems, index),
    powerItems: assembleItems(rows, problems, index),
    responsibilityLists: assembleLists(rows, problems, index),
  };
  const locations = index.locations(bundle);
  // A sheet that could not be read leaves its parents without children: not their fault.
  const unread = (prefix: string, sheet: SheetRows<unknown>) => (field: string) => !sheet.usable && (field === prefix || field.startsWith(`${prefix}.`));
  validateBundle(bundle, locations, problems, { items: unread('flow.steps', rows.steps), lists: unread('duties', rows.duties) });
  return { bundle, locations };
}

// ---------------------------------------------------------------- directory

function assembleUnits(sheet: SheetRows<UnitRow>, problems: ProblemList, index: LocationIndex): BundleUnit[] {
  const rows = unique(UNIT_SHEET, withFields(sheet.rows, 'code'), 'code', (u) => u.code, problems, codeTwice);
  for (const r of rows) index.units.set(r.value.code, at(UNIT_SHEET, r.row));
  const units = rows.map((r) => ({ code: r.value.code, name: r.value.name, parentCode: r.value.parentCode }));
  // Parents in the file come first (the service creates units in order); a loop cannot be created.
  const { ordered, cyclic } = orderParentsFirst(units);
  const parentOf = new Map(units.map((u) => [u.code, u.parentCode]));
  for (const u of cyclic) {
    const chain = [u.code];
    let parent = parentOf.get(u.code) ?? null;
    while (parent !== null && !chain.includes(parent)) {
      chain.push(parent);
      parent = parentOf.get(parent) ?? null;
    }
    const loop = [...chain, parent ?? ''].join(' → ');
    problems.add(cell(UNIT_SHEET, index.units.get(u.code), 'parentCode'), say(`上级编码形成循环：${loop}`, `the parent codes form a loop: ${loop}`));
  }
  return [...ordered, ...cyclic];
}

function assemblePosts(sheet: SheetRows<PostRow>, problems: ProblemList, index: LocationIndex): BundlePost[] {
  const rows = unique(POST_SHEET, withFields(sheet.rows, 'code'), 'code', (p) => p.code, problems, codeTwice);
  for (const r of rows) index.posts.set(r.value.code, at(POST_SHEET, r.row));
  return rows.map((r) => ({ code: r.value.code, name: r.value.name, unitCode: r.value.unitCode }));
}

// ---------------------------------------------------------------- power items

function assembleItems(rows: WorkbookRows, problems: ProblemList, index: LocationIndex): CreatePowerItemRequest[] {
  const items = unique(ITEM_SHEET, withFields(rows.items.rows, 'code'), 'code', (i) => i.code, problems, codeTwice);
  const codes = new Set(items.map((i) => i.value.code));
  const notAnItem = (code: string) => say(`事项编码「${code}」不在「${ITEM_SHEET.name}」表中`, `item code "${code}" is not in sheet ${ITEM_SHEET.name}`);
  const steps = groupBy(belongingTo(STEP_SHEET, withFields(rows.steps.rows, 'itemCode'), 'itemCode', codes, rows.items.usable, notAnItem, problems), (s) => s.itemCode);
  const blocks = groupBy(belongingTo(BLOCK_SHEET, withFields(rows.blocks.rows, 'itemCode'), 'itemCode', codes, rows.items.usable, notAnItem, problems), (b) => b.itemCode);

  return items.map(({ row, value: item }) => {
    index.items.set(item.code, at(ITEM_SHEET, row));
    const { rows: itemSteps, complete } = numbered(STEP_SHEET, steps.get(item.code) ?? [], 'order', problems, (n, first) =>
      say(`事项「${item.code}」的步骤序号 ${n} 重复（第 ${first} 行已有）`, `item ${item.code} has step ${n} twice (first on row ${first})`),
    );
    index.steps.set(item.code, itemSteps.map((s) => at(STEP_SHEET, s.row)));
    const orders = new Set(itemSteps.map((s) => s.value.order));
    const itemBlocks = unique(BLOCK_SHEET, withFields(blocks.get(item.code) ?? [], 'id'), 'id', (b) => b.id, problems, (id, first) =>
      say(`事项「${item.code}」的框编号「${id}」重复（第 ${first} 行已有）`, `item ${item.code} has block ${id} twice (first on row ${first})`),
    );
    // With steps missing or misnumbered (reported already), every block over them would be reported too.
    if (rows.steps.usable && complete) for (const b of itemBlocks) checkBlockSteps(b, item.code, orders, problems);
    index.blocks.set(item.code, itemBlocks.map((b) => at(BLOCK_SHEET, b.row)));
    return {
      code: item.code,
      name: item.name,
      category: item.category,
      handlingUnitCode: item.handlingUnitCode,
      legalBasis: item.legalBasis,
      subject: item.subject,
      conditions: item.conditions,
      procedure: item.procedure,
      timeLimitDays: item.timeLimitDays,
      responsibility: item.responsibility,
      supervisionMode: item.supervisionMode,
      flow: { steps: itemSteps.map(({ value: s }) => flowStep(s)), sharedBlocks: itemBlocks.map(({ value: b }) => sharedBlock(b)) },
    };
  });
}

function flowStep(s: StepRow): FlowStep {
  return {
    name: s.name,
    kind: s.kind,
    actor: s.actor,
    meetingBodies: s.meetingBodies,
    timeLimitDays: s.timeLimitDays,
    riskPoints: s.riskPoints,
    controlMeasures: s.controlMeasures,
    internalSupervisors: s.internalSupervisors,
    externalSupervisors: s.externalSupervisors,
  };
}

function sharedBlock(b: BlockRow): SharedBlock {
  return { id: b.id, appliesToSteps: b.appliesToSteps, riskPoints: b.riskPoints, controlMeasures: b.controlMeasures };
}

function checkBlockSteps(b: Located<BlockRow>, itemCode: string, orders: ReadonlySet<number>, problems: ProblemList): void {
  const applies: Partial<BlockRow> = b.value;
  const missing = (applies.appliesToSteps ?? []).filter((n) => !orders.has(n));
  if (missing.length === 0) return;
  const list = missing.join('、');
  problems.add(cell(BLOCK_SHEET, at(BLOCK_SHEET, b.row), 'appliesToSteps'), say(`事项「${itemCode}」没有步骤 ${list}`, `item ${itemCode} has no step ${missing.join(', ')}`));
}

// ---------------------------------------------------------------- responsibility lists

function assembleLists(rows: WorkbookRows, problems: ProblemList, index: LocationIndex): CreateResponsibilityListRequest[] {
  const lists = unique(LIST_SHEET, withFields(rows.lists.rows, 'code'), 'code', (l) => l.code, problems, codeTwice);
  const codes = new Set(lists.map((l) => l.value.code));
  const notAList = (code: string) => say(`清单编码「${code}」不在「${LIST_SHEET.name}」表中`, `list code "${code}" is not in sheet ${LIST_SHEET.name}`);
  const duties = groupBy(belongingTo(DUTY_SHEET, withFields(rows.duties.rows, 'listCode'), 'listCode', codes, rows.lists.usable, notAList, problems), (d) => d.listCode);
  const cadenceRows = belongingTo(CADENCE_SHEET, withFields(rows.cadences.rows, 'listCode', 'dutyNumber'), 'listCode', codes, rows.lists.usable, notAList, problems);
  const cadences = groupBy(cadenceRows, (c) => LocationIndex.cadenceKey(c.listCode, c.dutyNumber));

  return lists.map(({ row, value: list }) => {
    index.lists.set(list.code, at(LIST_SHEET, row));
    const { rows: listDuties, complete } = numbered(DUTY_SHEET, duties.get(list.code) ?? [], 'number', problems, (n, first) =>
      say(`清单「${list.code}」的序号 ${n} 重复（第 ${first} 行已有）`, `list ${list.code} has duty ${n} twice (first on row ${first})`),
    );
    index.duties.set(list.code, listDuties.map((d) => at(DUTY_SHEET, d.row)));
    const numbers = new Set(listDuties.map((d) => d.value.number));
    if (rows.duties.usable && complete) {
      for (const c of cadenceRows) {
        if (c.value.listCode !== list.code || numbers.has(c.value.dutyNumber)) continue;
        problems.add(cell(CADENCE_SHEET, at(CADENCE_SHEET, c.row), 'dutyNumber'), say(`清单「${list.code}」没有序号为 ${c.value.dutyNumber} 的责任条目`, `list ${list.code} has no duty ${c.value.dutyNumber}`));
      }
    }
    return {
      code: list.code,
      title: list.title,
      role: list.role,
      organisation: list.organisation,
      duties: listDuties.map(({ value: d }): Duty => {
        const key = LocationIndex.cadenceKey(list.code, d.number);
        const dutyCadences = cadences.get(key) ?? [];
        index.cadences.set(key, dutyCadences.map((c) => at(CADENCE_SHEET, c.row)));
        return {
          title: d.title,
          text: d.text,
          cadence: dutyCadences.map(({ value }) => cadenceOf(value)),
          evidence: [...d.statedEvidence.map((record) => ({ record, stated: true })), ...d.inferredEvidence.map((record) => ({ record, stated: false }))],
        };
      }),
    };
  });
}

function cadenceOf(row: CadenceRow): Cadence {
  const { listCode: _list, dutyNumber: _duty, ...cadence } = row;
  return cadence;
}

// ---------------------------------------------------------------- checks across rows

function at(sheet: { readonly name: string }, row: number): RowLocation {
  return { sheet: sheet.name, row };
}

function cell<R>(sheet: SheetDef<R>, row: RowLocation | undefined, field: keyof R & string): CellLocation {
  return { ...(row ?? { sheet: sheet.name, row: 0 }), column: headerOf(sheet, field) };
}

const codeTwice = (code: string, first: number): Msg => say(`编码「${code}」重复（第 ${first} 行已有）`, `code "${code}" is already on row ${first}`);

/** Rows whose key fields were read (a key whose cell had a problem is reported already). */
function withFields<R>(rows: readonly Located<R>[], ...keys: (keyof R)[]): Located<R>[] {
  return rows.filter((r) => keys.every((k) => (r.value as Partial<R>)[k] !== undefined));
}

/** The first row per key; later rows with the same key are reported on the key's cell. */
function unique<R>(sheet: SheetDef<R>, rows: readonly Located<R>[], field: keyof R & string, key: (r: R) => string, problems: ProblemList, twice: (key: string, firstRow: number) => Msg): Located<R>[] {
  const first = new Map<string, number>();
  return rows.filter((r) => {
    const k = key(r.value);
    const seen = first.get(k);
    if (seen === undefined) first.set(k, r.row);
    else problems.add(cell(sheet, at(sheet, r.row), field), twice(k, seen));
    return seen === undefined;
  });
}

/** Rows whose parent (item or list) is in the file; the others are reported, unless the parent sheet could not be read. */
function belongingTo<R extends Record<K, string>, K extends keyof R & string>(
  sheet: SheetDef<R>,
  rows: readonly Located<R>[],
  field: K,
  parents: ReadonlySet<string>,
  parentSheetUsable: boolean,
  unknown: (code: string) => Msg,
  problems: ProblemList,
): Located<R>[] {
  return rows.filter((r) => {
    const code = r.value[field];
    if (parents.has(code)) return true;
    if (parentSheetUsable) problems.add(cell(sheet, at(sheet, r.row), field), unknown(code));
    return false;
  });
}

/**
 * The rows of one item's steps (or one list's duties) in number order. Numbers must be unique and
 * run 1..n; the first gap is reported, not the numbers after it. Rows whose number could not be read
 * are left out, and then gaps are not checked (the missing number would be reported twice).
 * `complete`: every row is there, numbered 1..n.
 */
function numbered<R extends Record<K, number>, K extends keyof R & string>(
  sheet: SheetDef<R>,
  rows: readonly Located<R>[],
  field: K,
  problems: ProblemList,
  twice: (n: number, firstRow: number) => Msg,
): { rows: Located<R>[]; complete: boolean } {
  const readable = withFields(rows, field);
  const distinct = unique(sheet, readable, field, (v) => String(v[field]), problems, (n, first) => twice(Number(n), first));
  const sorted = [...distinct].sort((a, b) => a.value[field] - b.value[field]);
  const gap = sorted.findIndex((r, i) => r.value[field] !== i + 1);
  const r = sorted[gap];
  if (r && readable.length === rows.length) {
    const n = r.value[field];
    problems.add(cell(sheet, at(sheet, r.row), field), say(`序号须从 1 起连续编号：这里应为 ${gap + 1}，而不是 ${n}`, `numbers must run 1, 2, 3 … without gaps: expected ${gap + 1} here, not ${n}`));
  }
  return { rows: sorted, complete: gap < 0 && sorted.length === rows.length };
}

function groupBy<R>(rows: readonly Located<R>[], key: (r: R) => string): Map<string, Located<R>[]> {
  const out = new Map<string, Located<R>[]>();
  for (const r of rows) {
    const k = key(r.value);
    const group = out.get(k);
    if (group) group.push(r);
    else out.set(k, [r]);
  }
  return out;
}

// ---------------------------------------------------------------- contracts

/** `ignore`: fields of items and lists not to report (their sheet could not be read). */
function validateBundle(
  bundle: PowerListBundle,
  locations: BundleLocations,
  problems: ProblemList,
  ignore: { readonly items: (field: string) => boolean; readonly lists: (field: string) => boolean },
): void {
  // Units and posts name their parent by code here, not by id: only code and name are checked.
  const directory = { skipMissingProperties: true };
  const all = () => false;
  for (const u of bundle.orgUnits) {
    validate(CreateOrgUnitRequest, { code: u.code, name: u.name }, (f) => fieldCell(UNIT_SHEET, locations.unit(u.code), f), all, problems, directory);
  }
  for (const p of bundle.posts) {
    validate(CreatePostRequest, { code: p.code, name: p.name }, (f) => fieldCell(POST_SHEET, locations.post(p.code), f), all, problems, directory);
  }
  for (const i of bundle.powerItems) validate(CreatePowerItemRequest, i, (f) => locations.powerItemField(i.code, f), ignore.items, problems);
  for (const l of bundle.responsibilityLists) validate(CreateResponsibilityListRequest, l, (f) => locations.listField(l.code, f), ignore.lists, problems);
}

function fieldCell<R>(sheet: SheetDef<R>, row: RowLocation | undefined, field: string): CellLocation | undefined {
  return row ? { ...row, column: headerOf(sheet, field) } : undefined;
}

function validate<T extends object>(
  cls: ClassConstructor<T>,
  plain: object,
  locate: (field: string) => CellLocation | undefined,
  ignore: (field: string) => boolean,
  problems: ProblemList,
  options: ValidatorOptions = {},
): void {
  const errors = validateSync(plainToInstance(cls, plain), { ...REQUEST_VALIDATION, ...options });
  for (const e of flattenValidationErrors(errors)) {
    const where = ignore(e.field) ? undefined : locate(e.field);
    if (where) problems.addUnlessReported(where, ruleMessage(e.field, e.rule, e.message));
  }
}

/** The contracts' messages are English: a Chinese gist goes first. */
const RULE_ZH: Readonly<Record<string, string>> = {
  isString: '须为文本',
  isLength: '长度不符合要求',
  maxLength: '内容过长',
  minLength: '内容过短',
  matches: '格式不正确',
  isEnum: '不是允许的值',
  isInt: '须为整数',
  min: '数值过小',
  max: '数值过大',
  arrayMaxSize: '条目过多',
  arrayMinSize: '至少需要一项',
  isArray: '须为列表',
  isBoolean: '须为 是 或 否',
  whitelistValidation: '不允许的字段',
};

function ruleMessage(field: string, rule: string, message: string): Msg {
  if (field === 'duties' && rule === 'arrayMinSize') return say(`清单至少需要一条责任条目（写在「${DUTY_SHEET.name}」表）`, message);
  return say(RULE_ZH[rule] ?? '内容无效', message);
}
