import {
  ActorKind,
  type ActorRef,
  type Flow,
  type FlowDto,
  type FlowStepDto,
  MeetingBodyLabels,
  type PowerItemFields,
  type ResolvedActorDto,
  type ResolvedFlowDto,
  StepKind,
} from '@qinglian/contracts';
import { isRole, RoleLabels } from '@qinglian/auth';
import { type Problem } from '../documents/versioned-documents';

/** What a power item version stores: every field, lists present, text trimmed, empty text null. */
export interface PowerItemContent {
  readonly name: string;
  readonly category: string;
  readonly handlingUnitCode: string;
  readonly legalBasis: { readonly title: string; readonly docNo: string | null }[];
  readonly subject: string | null;
  readonly conditions: string | null;
  readonly procedure: string | null;
  readonly timeLimitDays: number | null;
  readonly responsibility: string | null;
  readonly supervisionMode: string | null;
  readonly flow: FlowDto;
}

/** The tenant's units and posts by code, for checking and labelling actors. */
export interface DirectoryIndex {
  readonly units: ReadonlyMap<string, { readonly id: string; readonly name: string }>;
  readonly posts: ReadonlyMap<string, { readonly name: string; readonly unitName: string }>;
}

export const EMPTY_FLOW: FlowDto = { steps: [], sharedBlocks: [] };

export function normaliseContent(req: PowerItemFields & { flow?: Flow | FlowDto }, currentFlow: FlowDto = EMPTY_FLOW): PowerItemContent {
  return {
    name: req.name.trim(),
    category: req.category.trim(),
    handlingUnitCode: req.handlingUnitCode,
    legalBasis: (req.legalBasis ?? []).map((b) => ({ title: b.title.trim(), docNo: text(b.docNo) })),
    subject: text(req.subject),
    conditions: text(req.conditions),
    procedure: text(req.procedure),
    timeLimitDays: req.timeLimitDays ?? null,
    responsibility: text(req.responsibility),
    supervisionMode: text(req.supervisionMode),
    flow: req.flow ? normaliseFlow(req.flow) : currentFlow,
  };
}

export function normaliseFlow(flow: Flow | FlowDto): FlowDto {
  return {
    steps: flow.steps.map(
      (s, i): FlowStepDto => ({
        order: i + 1,
        name: text(s.name),
        kind: s.kind,
        actor: s.actor ? { kind: s.actor.kind, ref: s.actor.ref.trim() } : null,
        meetingBodies: [...new Set(s.meetingBodies ?? [])],
        timeLimitDays: s.timeLimitDays ?? null,
        riskPoints: lines(s.riskPoints),
        controlMeasures: lines(s.controlMeasures),
        internalSupervisors: (s.internalSupervisors ?? []).map((a) => ({ kind: a.kind, ref: a.ref.trim() })),
        externalSupervisors: (s.externalSupervisors ?? []).map((a) => ({ kind: a.kind, ref: a.ref.trim() })),
      }),
    ),
    sharedBlocks: (flow.sharedBlocks ?? []).map((b) => ({
      id: b.id.trim(),
      appliesToSteps: [...new Set(b.appliesToSteps)].sort((x, y) => x - y),
      riskPoints: lines(b.riskPoints),
      controlMeasures: lines(b.controlMeasures),
    })),
  };
}

/** What must hold even in a draft: the unit exists, every named actor exists, meeting steps name their body. */
export function draftProblems(c: PowerItemContent, dir: DirectoryIndex): Problem[] {
  const problems: Problem[] = [];
  if (!dir.units.has(c.handlingUnitCode)) {
    problems.push({ field: 'handlingUnitCode', rule: 'exists', message: `承办单元 ${c.handlingUnitCode} 在组织目录中不存在 / handling unit ${c.handlingUnitCode} does not exist in the directory` });
  }
  c.flow.steps.forEach((s, i) => {
    const at = `flow.steps[${i}]`;
    const where = `流程第${i + 1}步`;
    if (s.actor) problems.push(...actorProblems(s.actor, `${at}.actor`, `${where}的行权主体`, dir));
    s.internalSupervisors.forEach((a, j) => problems.push(...actorProblems(a, `${at}.internalSupervisors[${j}]`, `${where}的内部监督主体`, dir)));
    s.externalSupervisors.forEach((a, j) => problems.push(...actorProblems(a, `${at}.externalSupervisors[${j}]`, `${where}的外部监督主体`, dir)));
    if (s.kind === StepKind.Meeting && s.meetingBodies.length === 0) {
      problems.push({ field: `${at}.meetingBodies`, rule: 'meeting-body', message: `${where}是会议审批，须写明会议机构（党委会、委务会……） / step ${i + 1} is a meeting step and must name its meeting body` });
    }
    if (s.kind !== StepKind.Meeting && s.meetingBodies.length > 0) {
      problems.push({ field: `${at}.meetingBodies`, rule: 'meeting-only', message: `${where}不是会议审批，不能填写会议机构 / only a meeting step names meeting bodies (step ${i + 1} is ${s.kind})` });
    }
  });
  const ids = new Set<string>();
  c.flow.sharedBlocks.forEach((b, i) => {
    if (ids.has(b.id)) problems.push({ field: `flow.sharedBlocks[${i}].id`, rule: 'unique', message: `共用风险框编号 ${b.id} 重复 / shared block id ${b.id} is used twice` });
    ids.add(b.id);
    const bad = b.appliesToSteps.filter((n) => n > c.flow.steps.length);
    if (bad.length > 0) {
      problems.push({ field: `flow.sharedBlocks[${i}].appliesToSteps`, rule: 'exists', message: `共用风险框 ${b.id} 指向不存在的步骤 ${bad.join('、')} / shared block ${b.id} names steps that do not exist: ${bad.join(', ')}` });
    }
  });
  return problems;
}

/** What must hold before review: a complete flow that starts where a matter enters. */
export function completenessProblems(c: PowerItemContent): Problem[] {
  const problems: Problem[] = [];
  const steps = c.flow.steps;
  if (steps.length === 0) return [{ field: 'flow.steps', rule: 'not-empty', message: '行权流程至少要有一个步骤 / the flow needs at least one step' }];
  if (steps[0]?.kind !== StepKind.Submit) {
    problems.push({ field: 'flow.steps[0].kind', rule: 'starts-with-submit', message: '行权流程须以申请/受理步骤开始 / a flow starts with a submit step' });
  }
  steps.forEach((s, i) => {
    if (s.name === null) problems.push({ field: `flow.steps[${i}].name`, rule: 'required', message: `流程第${i + 1}步缺少步骤名称 / step ${i + 1} has no name` });
    if (s.actor === null && s.kind !== StepKind.Meeting) problems.push({ field: `flow.steps[${i}].actor`, rule: 'required', message: `流程第${i + 1}步缺少行权主体 / step ${i + 1} has no actor` });
  });
  return problems;
}

function actorProblems(a: ActorRef, field: string, what: string, dir: DirectoryIndex): Problem[] {
  const ok =
    a.kind === ActorKind.Role ? isRole(a.ref) : a.kind === ActorKind.Unit ? dir.units.has(a.ref) : a.kind === ActorKind.Post ? dir.posts.has(a.ref) : a.ref.length > 0;
  if (ok) return [];
  const zh = { role: '角色目录中没有角色', unit: '组织目录中没有单元', post: '组织目录中没有岗位', external: '外部机构名称为空' }[a.kind];
  return [{ field, rule: 'exists', message: `${what}：${zh} ${a.ref} / ${field}: no ${a.kind} ${a.ref} ${a.kind === ActorKind.Role ? 'in the role catalogue' : 'in the directory'}` }];
}

export function resolveActor(a: ActorRef, dir: DirectoryIndex): ResolvedActorDto {
  switch (a.kind) {
    case ActorKind.Role:
      return { kind: a.kind, ref: a.ref, label: isRole(a.ref) ? RoleLabels[a.ref].zh.replace(/（.*）$/, '') : a.ref, resolved: isRole(a.ref) };
    case ActorKind.Unit: {
      const u = dir.units.get(a.ref);
      return { kind: a.kind, ref: a.ref, label: u?.name ?? a.ref, resolved: u !== undefined };
    }
    case ActorKind.Post: {
      const p = dir.posts.get(a.ref);
      return { kind: a.kind, ref: a.ref, label: p ? `${p.unitName}${p.name}` : a.ref, resolved: p !== undefined };
    }
    case ActorKind.External:
      return { kind: a.kind, ref: a.ref, label: a.ref, resolved: true };
  }
}

export function resolveFlow(flow: FlowDto, dir: DirectoryIndex): ResolvedFlowDto {
  return {
    steps: flow.steps.map((s) => ({
      ...s,
      actor: s.actor ? resolveActor(s.actor, dir) : null,
      internalSupervisors: s.internalSupervisors.map((a) => resolveActor(a, dir)),
      externalSupervisors: s.externalSupervisors.map((a) => resolveActor(a, dir)),
    })),
    sharedBlocks: flow.sharedBlocks,
  };
}

/** Names and content in one text, for substring search (风险点, 防控措施, 制度依据 …). */
export function searchTextOf(code: string, c: PowerItemContent): string {
  const parts = [
    code,
    c.name,
    c.category,
    ...c.legalBasis.flatMap((b) => [b.title, b.docNo ?? '']),
    c.subject ?? '',
    c.conditions ?? '',
    c.procedure ?? '',
    c.responsibility ?? '',
    c.supervisionMode ?? '',
    ...c.flow.steps.flatMap((s) => [s.name ?? '', ...s.riskPoints, ...s.controlMeasures, ...s.meetingBodies.map((m) => MeetingBodyLabels[m].zh)]),
    ...c.flow.sharedBlocks.flatMap((b) => [...b.riskPoints, ...b.controlMeasures]),
  ];
  return parts.filter((p) => p.length > 0).join('\n');
}

export const FIELD_LABELS: Readonly<Record<string, string>> = {
  name: '事项名称',
  category: '类别',
  handlingUnitCode: '承办单元',
  legalBasis: '制度依据',
  subject: '实施主体',
  conditions: '受理条件',
  procedure: '办理程序',
  timeLimitDays: '时限（工作日）',
  responsibility: '责任事项',
  supervisionMode: '监督方式',
  flow: '',
  steps: '流程步骤',
  sharedBlocks: '共用风险框',
  order: '序号',
  kind: '类型',
  actor: '行权主体',
  ref: '',
  meetingBodies: '会议机构',
  riskPoints: '风险点',
  controlMeasures: '防控措施',
  internalSupervisors: '内部监督主体',
  externalSupervisors: '外部监督主体',
  appliesToSteps: '适用步骤',
  title: '名称',
  docNo: '文号',
  id: '编号',
};

export const LIST_LABELS: Readonly<Record<string, string>> = {
  steps: '流程第{n}步',
  legalBasis: '制度依据{n}',
  sharedBlocks: '共用风险框{n}',
  internalSupervisors: '内部监督主体{n}',
  externalSupervisors: '外部监督主体{n}',
};

function text(v: string | null | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

function lines(v: readonly string[] | undefined): string[] {
  return (v ?? []).map((x) => x.trim()).filter((x) => x.length > 0);
}
