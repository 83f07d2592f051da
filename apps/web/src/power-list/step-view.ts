// One row of a flow table, whether the step comes from the server (labels resolved there) or from
// the editor (labels from the role table and the directory).
import type { ResolvedFlowStep } from '../api/types';
import { format, type Messages } from '../i18n/messages';
import { actorLabel, type DirectoryNames, meetingBodiesText, resolvedLabel } from './actors';
import type { EditStep } from './flow-edit';

export interface StepView {
  readonly order: number;
  readonly name: string;
  readonly kind: string;
  /** 行权主体; a meeting step's bodies (党委会或委务会). */
  readonly actor: string;
  readonly timeLimit: string | null;
  readonly riskPoints: readonly string[];
  readonly controlMeasures: readonly string[];
  readonly internalSupervisors: readonly string[];
  readonly externalSupervisors: readonly string[];
}

function actorText(kind: string, actor: string | null, bodies: readonly string[], m: Messages): string {
  const meeting = kind === 'meeting' && bodies.length > 0 ? meetingBodiesText(bodies, m) : null;
  if (meeting !== null && actor !== null) return `${actor} · ${meeting}`;
  return meeting ?? actor ?? m.flow.noActor;
}

function days(n: number | null, m: Messages): string | null {
  return n === null ? null : format(m.common.days, { n });
}

export function resolvedStepView(step: ResolvedFlowStep, m: Messages): StepView {
  return {
    order: step.order,
    name: step.name ?? m.flow.unnamed,
    kind: step.kind,
    actor: actorText(step.kind, step.actor ? resolvedLabel(step.actor, m) : null, step.meetingBodies, m),
    timeLimit: days(step.timeLimitDays, m),
    riskPoints: step.riskPoints,
    controlMeasures: step.controlMeasures,
    internalSupervisors: step.internalSupervisors.map((a) => resolvedLabel(a, m)),
    externalSupervisors: step.externalSupervisors.map((a) => resolvedLabel(a, m)),
  };
}

export function editStepView(step: EditStep, index: number, m: Messages, names: DirectoryNames): StepView {
  return {
    order: index + 1,
    name: step.name?.trim() ? step.name : m.flow.unnamed,
    kind: step.kind,
    actor: actorText(step.kind, step.actor ? actorLabel(step.actor, m, names) : null, step.meetingBodies, m),
    timeLimit: days(step.timeLimitDays, m),
    riskPoints: step.riskPoints,
    controlMeasures: step.controlMeasures,
    internalSupervisors: step.internalSupervisors.map((a) => actorLabel(a, m, names)),
    externalSupervisors: step.externalSupervisors.map((a) => actorLabel(a, m, names)),
  };
}
