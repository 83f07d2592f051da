// Values in a version diff (`FieldChangeDto.from/to`) are whatever the field holds: text, numbers,
// lists, actor refs, legal bases, cadences, whole steps or duties. They are shown as lines of text.
import { format, labelOf, type Messages } from '../i18n/messages';
import { actorLabel, type DirectoryNames, isActorRef } from './actors';
import { cadenceText } from './cadence';
import { fieldPath } from './field-labels';

export interface DiffContext {
  readonly m: Messages;
  readonly names: DirectoryNames;
}

type Obj = Readonly<Record<string, unknown>>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (o: Obj, key: string): string | undefined => (typeof o[key] === 'string' ? o[key] : undefined);

/**
 * The last name in a field path (`flow.steps[2].meetingBodies[0]` → meetingBodies), qualified when
 * it is an actor's: `flow.steps[2].actor.kind` → actor.kind (a unit or a role, not a step kind).
 */
function leafName(field: string): string {
  const names = fieldPath(field).filter((s): s is string => typeof s === 'string');
  const leaf = names[names.length - 1] ?? '';
  const parent = names[names.length - 2] ?? '';
  return leaf === 'kind' && ACTOR_LISTS.has(parent) ? 'actor.kind' : leaf;
}

const ACTOR_LISTS = new Set(['actor', 'internalSupervisors', 'externalSupervisors']);

/** A scalar in the light of the field it belongs to (a kind, a status, a role, a number of days). */
function scalar(name: string, value: string | number | boolean, ctx: DiffContext): string {
  const { m } = ctx;
  if (typeof value === 'boolean') return value ? m.common.yes : m.common.no;
  if (typeof value === 'number') return name === 'timeLimitDays' ? format(m.common.days, { n: value }) : String(value);
  switch (name) {
    case 'kind':
      return labelOf(m.stepKinds, value);
    case 'actor.kind':
      return labelOf(m.actorKinds, value);
    case 'status':
      return labelOf(m.statuses, value);
    case 'role':
      return labelOf(m.responsibilityRoles, value);
    case 'meetingBodies':
      return labelOf(m.meetingBodies, value);
    case 'every':
      return labelOf(m.cadence.periods, value);
    case 'window':
      return labelOf(m.cadence.windows, value);
    default:
      return value;
  }
}

/** A whole object: an actor, a legal basis, a cadence, evidence, a step, a duty or a shared block. */
function object(name: string, o: Obj, ctx: DiffContext): string[] {
  const { m } = ctx;
  if (isActorRef(o)) return [actorLabel(o, m, ctx.names)];
  if (name === 'cadence') return [cadenceText(o, m)];
  const title = str(o, 'title');
  if (name === 'legalBasis' && title !== undefined) {
    const docNo = str(o, 'docNo');
    return [docNo ? `${title}（${docNo}）` : title];
  }
  const record = str(o, 'record');
  if (record !== undefined) return [o['stated'] === false ? `${record}${m.lists.inferred}` : record];
  const text = str(o, 'text');
  if (text !== undefined) return [title ? `${title}：${text}` : text];
  const kind = str(o, 'kind');
  if (kind !== undefined) {
    // A step added or removed as a whole: its name, kind and actor.
    const stepName = str(o, 'name') ?? m.flow.unnamed;
    const actor = isActorRef(o['actor']) ? ` · ${actorLabel(o['actor'], m, ctx.names)}` : '';
    return [`${stepName}（${labelOf(m.stepKinds, kind)}）${actor}`];
  }
  if (Array.isArray(o['appliesToSteps'])) {
    const steps = o['appliesToSteps'].map(String).join(m.flow.stepListSeparator);
    return [format(m.flow.stepList, { steps }), ...lines('riskPoints', o['riskPoints'], ctx), ...lines('controlMeasures', o['controlMeasures'], ctx)];
  }
  return [JSON.stringify(o)];
}

function lines(name: string, value: unknown, ctx: DiffContext): string[] {
  if (value === null || value === undefined || value === '') return [];
  if (Array.isArray(value)) return value.flatMap((v: unknown) => lines(name, v, ctx));
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return [scalar(name, value, ctx)];
  if (isObj(value)) return object(name, value, ctx);
  return []; // nothing JSON carries (functions, symbols) reaches here
}

/** The lines that show one side of a change; none for an empty value (shown as —). */
export function diffValueLines(field: string, value: unknown, ctx: DiffContext): string[] {
  return lines(leafName(field), value, ctx);
}
