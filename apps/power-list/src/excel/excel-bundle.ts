import {
  type ActorRef,
  type Cadence,
  type CreatePowerItemRequest,
  type CreateResponsibilityListRequest,
  type Duty,
  type Flow,
  type FlowStep,
  type SharedBlock,
} from '@qinglian/contracts';

/** 组织单元 as the workbook carries it: the parent by code, so a file moves between tenants. */
export interface BundleUnit {
  code: string;
  name: string;
  parentCode: string | null;
}

/** 岗位 with its unit by code. */
export interface BundlePost {
  code: string;
  name: string;
  unitCode: string;
}

/**
 * Everything one workbook holds. The reader always produces the canonical shape (`normaliseBundle`):
 * every optional text null when empty, every list present ([] when empty), every flow present with
 * `sharedBlocks`, cadences without empty keys, evidence stated-first.
 */
export interface PowerListBundle {
  orgUnits: BundleUnit[];
  posts: BundlePost[];
  powerItems: CreatePowerItemRequest[];
  responsibilityLists: CreateResponsibilityListRequest[];
}

/** A row of a sheet, as Excel numbers it (1-based; row 1 is the header). */
export interface RowLocation {
  readonly sheet: string;
  readonly row: number;
}

/** A cell: its row and its column's header (null when the problem is with the whole row). */
export interface CellLocation extends RowLocation {
  readonly column: string | null;
}

/** Where each entry came from, so the service can report its own problems as (sheet, row, column). */
export interface BundleLocations {
  unit(code: string): RowLocation | undefined;
  post(code: string): RowLocation | undefined;
  powerItem(code: string): RowLocation | undefined;
  /** `order` is 1-based, the step's position in the item's flow. */
  step(itemCode: string, order: number): RowLocation | undefined;
  sharedBlock(itemCode: string, blockId: string): RowLocation | undefined;
  list(code: string): RowLocation | undefined;
  /** `number` is 1-based, the duty's position in the list. */
  duty(listCode: string, number: number): RowLocation | undefined;
  /** `index` is 0-based, the cadence's position in the duty's `cadence`. */
  cadence(listCode: string, dutyNumber: number, index: number): RowLocation | undefined;
  /**
   * The cell behind a field of a power item request, e.g. `name` → 权力事项!事项名称,
   * `flow.steps[2].actor` or `flow.steps.2.actor.ref` → 流程步骤!行权主体 on the third step's row.
   * A field with no column of its own (`flow.steps`) gives the item's row with column null.
   */
  powerItemField(code: string, field: string): CellLocation | undefined;
  /** The same for a responsibility list request (`duties[0].cadence[1].dueMonthDay` → 履职周期!截止日期). */
  listField(code: string, field: string): CellLocation | undefined;
}

/** The canonical form of a bundle: what `readWorkbook` returns and what `writeWorkbook` writes. */
export function normaliseBundle(bundle: PowerListBundle): PowerListBundle {
  return {
    orgUnits: parentsFirst(
      bundle.orgUnits.map((u) => ({ code: u.code.trim(), name: u.name.trim(), parentCode: text(u.parentCode) })),
    ),
    posts: bundle.posts.map((p) => ({ code: p.code.trim(), name: p.name.trim(), unitCode: p.unitCode.trim() })),
    powerItems: bundle.powerItems.map(normalisePowerItem),
    responsibilityLists: bundle.responsibilityLists.map(normaliseList),
  };
}

function normalisePowerItem(item: CreatePowerItemRequest): CreatePowerItemRequest {
  return {
    code: item.code.trim(),
    name: item.name.trim(),
    category: item.category.trim(),
    handlingUnitCode: item.handlingUnitCode.trim(),
    legalBasis: (item.legalBasis ?? []).map((b) => ({ title: b.title.trim(), docNo: text(b.docNo) })),
    subject: text(item.subject),
    conditions: text(item.conditions),
    procedure: text(item.procedure),
    timeLimitDays: item.timeLimitDays ?? null,
    responsibility: text(item.responsibility),
    supervisionMode: text(item.supervisionMode),
    flow: normaliseFlow(item.flow),
  };
}

function normaliseFlow(flow: Flow | undefined): Flow {
  return {
    steps: (flow?.steps ?? []).map(
      (s): FlowStep => ({
        name: text(s.name),
        kind: s.kind,
        actor: s.actor ? actor(s.actor) : null,
        meetingBodies: [...new Set(s.meetingBodies ?? [])],
        timeLimitDays: s.timeLimitDays ?? null,
        riskPoints: lines(s.riskPoints),
        controlMeasures: lines(s.controlMeasures),
        internalSupervisors: (s.internalSupervisors ?? []).map(actor),
        externalSupervisors: (s.externalSupervisors ?? []).map(actor),
      }),
    ),
    sharedBlocks: (flow?.sharedBlocks ?? []).map(
      (b): SharedBlock => ({
        id: b.id.trim(),
        appliesToSteps: [...new Set(b.appliesToSteps)].sort((x, y) => x - y),
        riskPoints: lines(b.riskPoints),
        controlMeasures: lines(b.controlMeasures),
      }),
    ),
  };
}

function normaliseList(list: CreateResponsibilityListRequest): CreateResponsibilityListRequest {
  return {
    code: list.code.trim(),
    title: list.title.trim(),
    role: list.role,
    organisation: text(list.organisation),
    duties: list.duties.map(
      (d): Duty => ({
        title: text(d.title),
        text: multiline(d.text),
        cadence: (d.cadence ?? []).map(normaliseCadence),
        // The sheet has one column for records the duty text names and one for inferred ones.
        evidence: evidence(d.evidence ?? []),
      }),
    ),
  };
}

const CADENCE_TEXT_KEYS = ['dueDerivedFrom', 'onEvent', 'reporter', 'reportTo', 'clause'] as const;

/** Keys that are empty are left out (the contract's optional fields have no null). */
function normaliseCadence(c: Cadence): Cadence {
  const out: Cadence = {};
  if (c.every != null) out.every = c.every;
  if (c.times != null) out.times = c.times;
  if (c.atLeast != null) out.atLeast = c.atLeast;
  if (c.window != null) out.window = c.window;
  const due = c.dueMonthDay?.trim();
  if (due) out.dueMonthDay = due;
  if (c.periodic != null) out.periodic = c.periodic;
  for (const k of CADENCE_TEXT_KEYS) {
    const v = text(c[k]);
    if (v !== null) out[k] = v;
  }
  return out;
}

function evidence(records: readonly { record: string; stated?: boolean }[]): { record: string; stated: boolean }[] {
  const all = records.flatMap((e) => lines([e.record]).map((record) => ({ record, stated: e.stated ?? false })));
  return [...all.filter((e) => e.stated), ...all.filter((e) => !e.stated)];
}

function actor(a: ActorRef): ActorRef {
  return { kind: a.kind, ref: a.ref.trim() };
}

/** Trimmed text with Windows line ends made plain; empty becomes null. */
export function text(v: string | null | undefined): string | null {
  const t = v == null ? '' : multiline(v);
  return t === '' ? null : t;
}

function multiline(v: string): string {
  return v.replace(/\r\n?/g, '\n').trim();
}

/** One entry per line: entries are split on line breaks, trimmed, and empty ones dropped. */
export function lines(v: readonly string[] | undefined): string[] {
  return (v ?? []).flatMap((x) => x.split(/\r\n|\r|\n/)).map((x) => x.trim()).filter((x) => x !== '');
}

/**
 * Units ordered so a parent in the list comes before its children, otherwise in their own order: the
 * service creates them in this order. `cyclic` are the units whose parent chain loops back on itself
 * (or hangs from such a loop); `normaliseBundle` keeps them, at the end.
 */
export function orderParentsFirst<U extends { code: string; parentCode: string | null }>(units: readonly U[]): { ordered: U[]; cyclic: U[] } {
  const inList = new Set(units.map((u) => u.code));
  const placed = new Set<string>();
  const ordered: U[] = [];
  const pending = [...units];
  for (;;) {
    const i = pending.findIndex((u) => u.parentCode === null || !inList.has(u.parentCode) || placed.has(u.parentCode));
    if (i < 0) break;
    const [next] = pending.splice(i, 1) as [U];
    ordered.push(next);
    placed.add(next.code);
  }
  return { ordered, cyclic: pending };
}

function parentsFirst<U extends { code: string; parentCode: string | null }>(units: readonly U[]): U[] {
  const { ordered, cyclic } = orderParentsFirst(units);
  return [...ordered, ...cyclic];
}
