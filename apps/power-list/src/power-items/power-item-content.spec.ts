import { ActorKind, MeetingBody, StepKind } from '@qinglian/contracts';
import { completenessProblems, type DirectoryIndex, draftProblems, normaliseContent, resolveFlow, searchTextOf } from './power-item-content';

const dir: DirectoryIndex = {
  units: new Map([['CQK', { id: 'u1', name: '产权科' }]]),
  posts: new Map([['CQK-KZ', { name: '科长', unitName: '产权科' }]]),
};

const content = (steps: object[], extra: object = {}) =>
  normaliseContent({ name: ' 市属国有企业产权（股权）处置等审核 ', category: '产权', handlingUnitCode: 'CQK', flow: { steps: steps as never }, ...extra });

const submit = { name: '企业申请', kind: StepKind.Submit, actor: { kind: ActorKind.Role, ref: 'handler' } };
const meeting = { name: '会议审批', kind: StepKind.Meeting, meetingBodies: [MeetingBody.PartyCommittee, MeetingBody.CommissionAffairs] };

describe('power item content', () => {
  it('normalises: trims text, numbers steps, fills every list, empty text becomes null', () => {
    const c = content([submit], { subject: '  ', legalBasis: [{ title: ' 《公司法》 ' }] });
    expect(c.name).toBe('市属国有企业产权（股权）处置等审核');
    expect(c.subject).toBeNull();
    expect(c.legalBasis).toEqual([{ title: '《公司法》', docNo: null }]);
    expect(c.flow.steps[0]).toEqual({ ...submit, order: 1, meetingBodies: [], timeLimitDays: null, riskPoints: [], controlMeasures: [], internalSupervisors: [], externalSupervisors: [] });
  });

  it('accepts actors that exist in the directory or the role catalogue', () => {
    const c = content([submit, { name: '科长审核', kind: StepKind.Review, actor: { kind: ActorKind.Post, ref: 'CQK-KZ' }, externalSupervisors: [{ kind: ActorKind.External, ref: '市纪委监委第一监督检查室' }] }, meeting]);
    expect(draftProblems(c, dir)).toEqual([]);
  });

  it('names the step and the field of every actor that does not exist, and meeting rules', () => {
    const c = content([
      { ...submit, actor: { kind: ActorKind.Unit, ref: 'NOPE' } },
      { name: '审核', kind: StepKind.Review, actor: { kind: ActorKind.Role, ref: 'janitor' }, meetingBodies: [MeetingBody.Board] },
      { ...meeting, meetingBodies: [] },
    ]);
    expect(draftProblems(c, dir).map((p) => `${p.field}:${p.rule}`)).toEqual(['flow.steps[0].actor:exists', 'flow.steps[1].actor:exists', 'flow.steps[1].meetingBodies:meeting-only', 'flow.steps[2].meetingBodies:meeting-body']);
  });

  it('checks the handling unit and shared blocks', () => {
    const c = content([submit], { handlingUnitCode: 'TZK' });
    const withBlock = { ...c, flow: { ...c.flow, sharedBlocks: [{ id: 'SB-1', appliesToSteps: [1, 3], riskPoints: [], controlMeasures: [] }] } };
    expect(draftProblems(withBlock, dir).map((p) => p.field)).toEqual(['handlingUnitCode', 'flow.sharedBlocks[0].appliesToSteps']);
  });

  it('is complete only with a flow that starts with a submit step, every step named, every non-meeting step with an actor', () => {
    expect(completenessProblems(content([submit, meeting]))).toEqual([]);
    expect(completenessProblems(content([])).map((p) => p.rule)).toEqual(['not-empty']);
    expect(completenessProblems(content([meeting, { ...submit, name: null, actor: null }])).map((p) => `${p.field}:${p.rule}`)).toEqual(['flow.steps[0].kind:starts-with-submit', 'flow.steps[1].name:required', 'flow.steps[1].actor:required']);
  });

  it('resolves actors to what people read, marking what no longer exists', () => {
    const flow = resolveFlow(content([{ ...submit, internalSupervisors: [{ kind: ActorKind.Role, ref: 'main-leader' }, { kind: ActorKind.Unit, ref: 'GONE' }] }]).flow, dir);
    expect(flow.steps[0]?.actor).toEqual({ kind: 'role', ref: 'handler', label: '经办人员', resolved: true });
    expect(flow.steps[0]?.internalSupervisors.map((a) => [a.label, a.resolved])).toEqual([
      ['主要领导', true],
      ['GONE', false],
    ]);
  });

  it('searches names and content: risk points, measures, legal basis, meeting bodies', () => {
    const text = searchTextOf('PI-003', content([{ ...submit, riskPoints: ['审核把关不严'] }, meeting], { legalBasis: [{ title: '《企业国有资产交易监督管理办法》', docNo: '32号令' }] }));
    for (const s of ['PI-003', '产权（股权）处置', '审核把关不严', '交易监督', '32号令', '党委会']) expect(text).toContain(s);
  });
});
