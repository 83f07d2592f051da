import type { ResolvedFlowStep } from '../api/types';
import { addStep, type EditFlow, emptyStep, moveStep, removeBlock, removeStep, replaceStep, toEditFlow, toFlowBody, upsertBlock } from './flow-edit';

const step = (name: string) => ({ ...emptyStep(), name });
const flow: EditFlow = {
  steps: [step('受理'), step('科室审核'), step('分管领导审核'), step('党委会审议')],
  sharedBlocks: [{ id: 'SB-1', appliesToSteps: [2, 3], riskPoints: ['把关不严'], controlMeasures: ['集体研究'] }],
};
const names = (f: EditFlow) => f.steps.map((s) => s.name);

describe('flow editing', () => {
  it('moves a step and keeps the shared block on the same steps', () => {
    const moved = moveStep(flow, 2, 1);
    expect(names(moved)).toEqual(['受理', '科室审核', '党委会审议', '分管领导审核']);
    expect(moved.sharedBlocks[0]!.appliesToSteps).toEqual([2, 4]);
    expect(moveStep(flow, 0, -1)).toBe(flow);
    expect(moveStep(flow, 3, 1)).toBe(flow);
  });

  it('deletes a step, renumbering the blocks and dropping a block left with no step', () => {
    const removed = removeStep(flow, 1);
    expect(names(removed)).toEqual(['受理', '分管领导审核', '党委会审议']);
    expect(removed.sharedBlocks[0]!.appliesToSteps).toEqual([2]);
    expect(removeStep(removed, 1).sharedBlocks).toEqual([]);
  });

  it('adds a shared block with the next free id, edits one keeping its id, and deletes one', () => {
    const added = upsertBlock(flow, null, { appliesToSteps: [4, 1, 4], riskPoints: ['a'], controlMeasures: [] });
    expect(added.sharedBlocks.map((b) => [b.id, b.appliesToSteps])).toEqual([
      ['SB-1', [2, 3]],
      ['SB-2', [1, 4]],
    ]);
    const edited = upsertBlock(added, 0, { appliesToSteps: [1, 2], riskPoints: ['b'], controlMeasures: ['c'] });
    expect(edited.sharedBlocks[0]).toEqual({ id: 'SB-1', appliesToSteps: [1, 2], riskPoints: ['b'], controlMeasures: ['c'] });
    expect(removeBlock(edited, 0).sharedBlocks.map((b) => b.id)).toEqual(['SB-2']);
    expect(upsertBlock(removeBlock(edited, 0), null, { appliesToSteps: [1], riskPoints: [], controlMeasures: [] }).sharedBlocks.map((b) => b.id)).toEqual(['SB-2', 'SB-3']);
  });

  it('adds and replaces steps', () => {
    expect(names(addStep(flow, step('下达批复')))).toHaveLength(5);
    expect(names(replaceStep(flow, 0, step('申请')))[0]).toBe('申请');
  });

  it('copies an answered flow without labels, in order, and sends it back clean', () => {
    const answered: ResolvedFlowStep[] = [
      {
        order: 2,
        name: '党委会审议',
        kind: 'meeting',
        actor: null,
        meetingBodies: ['party-committee', 'commission-affairs'],
        timeLimitDays: null,
        riskPoints: [],
        controlMeasures: [],
        internalSupervisors: [{ kind: 'role', ref: 'integrity-office', label: '廉洁风险防控工作办公室', resolved: true }],
        externalSupervisors: [],
      },
      {
        order: 1,
        name: '  ',
        kind: 'submit',
        actor: { kind: 'unit', ref: 'CQK', label: '产权科', resolved: true },
        meetingBodies: ['board'],
        timeLimitDays: 5,
        riskPoints: ['材料不全'],
        controlMeasures: [],
        internalSupervisors: [],
        externalSupervisors: [],
      },
    ];
    const edit = toEditFlow({ steps: answered, sharedBlocks: [] });
    expect(edit.steps.map((s) => s.kind)).toEqual(['submit', 'meeting']);
    expect(edit.steps[1]!.internalSupervisors).toEqual([{ kind: 'role', ref: 'integrity-office' }]);
    const body = toFlowBody(edit);
    expect(body.steps[0]).toEqual({
      name: null,
      kind: 'submit',
      actor: { kind: 'unit', ref: 'CQK' },
      meetingBodies: [],
      timeLimitDays: 5,
      riskPoints: ['材料不全'],
      controlMeasures: [],
      internalSupervisors: [],
      externalSupervisors: [],
    });
    expect(body.steps[1]!.meetingBodies).toEqual(['party-committee', 'commission-affairs']);
    expect(body.sharedBlocks).toEqual([]);
    // Only a Flow's own properties: the gateway refuses any other.
    const block = { id: 'SB-1', appliesToSteps: [1], riskPoints: ['r'], controlMeasures: ['c'], label: 'x' };
    expect(toFlowBody({ steps: [], sharedBlocks: [block] }).sharedBlocks).toEqual([{ id: 'SB-1', appliesToSteps: [1], riskPoints: ['r'], controlMeasures: ['c'] }]);
  });
});
