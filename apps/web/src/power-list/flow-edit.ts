// The flow editor works on a copy of the draft's flow: steps in order, and the shared blocks that
// refer to steps by their 1-based order. Moving or deleting a step renumbers those references, so
// a block keeps covering the same steps. PUT …/flow then sends the whole flow.
import type { ActorRef, FlowBody, ResolvedFlowStep, SharedBlock } from '../api/types';
import type { MeetingBodyName, StepKindName } from '../i18n/messages';
import { toActorRef } from './actors';

export interface EditStep {
  readonly name: string | null;
  readonly kind: StepKindName;
  readonly actor: ActorRef | null;
  readonly meetingBodies: readonly MeetingBodyName[];
  readonly timeLimitDays: number | null;
  readonly riskPoints: readonly string[];
  readonly controlMeasures: readonly string[];
  readonly internalSupervisors: readonly ActorRef[];
  readonly externalSupervisors: readonly ActorRef[];
}

export interface EditFlow {
  readonly steps: readonly EditStep[];
  readonly sharedBlocks: readonly SharedBlock[];
}

export function emptyStep(): EditStep {
  return { name: null, kind: 'review', actor: null, meetingBodies: [], timeLimitDays: null, riskPoints: [], controlMeasures: [], internalSupervisors: [], externalSupervisors: [] };
}

/** The editable copy of a flow as the server answered it (labels dropped). */
export function toEditFlow(flow: { readonly steps: readonly ResolvedFlowStep[]; readonly sharedBlocks: readonly SharedBlock[] }): EditFlow {
  return {
    steps: [...flow.steps]
      .sort((a, b) => a.order - b.order)
      .map((s) => ({
        name: s.name,
        kind: s.kind,
        actor: s.actor ? toActorRef(s.actor) : null,
        meetingBodies: s.meetingBodies,
        timeLimitDays: s.timeLimitDays,
        riskPoints: s.riskPoints,
        controlMeasures: s.controlMeasures,
        internalSupervisors: s.internalSupervisors.map(toActorRef),
        externalSupervisors: s.externalSupervisors.map(toActorRef),
      })),
    sharedBlocks: flow.sharedBlocks,
  };
}

/** PUT …/flow. Only meeting steps carry meeting bodies; an empty name is no name. */
export function toFlowBody(flow: EditFlow): FlowBody {
  return {
    steps: flow.steps.map((s) => ({
      name: s.name?.trim() ? s.name.trim() : null,
      kind: s.kind,
      actor: s.actor,
      meetingBodies: s.kind === 'meeting' ? [...s.meetingBodies] : [],
      timeLimitDays: s.timeLimitDays,
      riskPoints: [...s.riskPoints],
      controlMeasures: [...s.controlMeasures],
      internalSupervisors: [...s.internalSupervisors],
      externalSupervisors: [...s.externalSupervisors],
    })),
    // Field by field: the gateway refuses properties a Flow does not have.
    sharedBlocks: flow.sharedBlocks.map((b) => ({ id: b.id, appliesToSteps: [...b.appliesToSteps], riskPoints: [...b.riskPoints], controlMeasures: [...b.controlMeasures] })),
  };
}

/** Renumbers the blocks' step orders through `to` (old order → new order, or null when the step is gone). */
function remapBlocks(blocks: readonly SharedBlock[], to: (order: number) => number | null): SharedBlock[] {
  return blocks
    .map((b) => ({
      ...b,
      appliesToSteps: b.appliesToSteps
        .map(to)
        .filter((o): o is number => o !== null)
        .sort((x, y) => x - y),
    }))
    .filter((b) => b.appliesToSteps.length > 0);
}

export function addStep(flow: EditFlow, step: EditStep): EditFlow {
  return { ...flow, steps: [...flow.steps, step] };
}

export function replaceStep(flow: EditFlow, index: number, step: EditStep): EditFlow {
  return { ...flow, steps: flow.steps.map((s, i) => (i === index ? step : s)) };
}

export function removeStep(flow: EditFlow, index: number): EditFlow {
  const gone = index + 1;
  return {
    steps: flow.steps.filter((_, i) => i !== index),
    sharedBlocks: remapBlocks(flow.sharedBlocks, (o) => (o === gone ? null : o > gone ? o - 1 : o)),
  };
}

/** Moves a step one place up (-1) or down (+1); out of range leaves the flow as it is. */
export function moveStep(flow: EditFlow, index: number, delta: -1 | 1): EditFlow {
  const other = index + delta;
  const a = flow.steps[index];
  const b = flow.steps[other];
  if (a === undefined || b === undefined) return flow;
  const steps = [...flow.steps];
  steps[index] = b;
  steps[other] = a;
  const [x, y] = [index + 1, other + 1];
  return { steps, sharedBlocks: remapBlocks(flow.sharedBlocks, (o) => (o === x ? y : o === y ? x : o)) };
}

/** Adds a shared block (index null) or replaces one; a new block gets the next free id SB-n. */
export function upsertBlock(flow: EditFlow, index: number | null, block: Omit<SharedBlock, 'id'>): EditFlow {
  const steps = [...new Set(block.appliesToSteps)].sort((x, y) => x - y);
  if (index !== null) return { ...flow, sharedBlocks: flow.sharedBlocks.map((b, i) => (i === index ? { ...block, id: b.id, appliesToSteps: steps } : b)) };
  const taken = new Set(flow.sharedBlocks.map((b) => b.id));
  let n = flow.sharedBlocks.length + 1;
  while (taken.has(`SB-${n}`)) n++;
  return { ...flow, sharedBlocks: [...flow.sharedBlocks, { ...block, id: `SB-${n}`, appliesToSteps: steps }] };
}

export function removeBlock(flow: EditFlow, index: number): EditFlow {
  return { ...flow, sharedBlocks: flow.sharedBlocks.filter((_, i) => i !== index) };
}
