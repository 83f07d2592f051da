import { MESSAGES } from '../i18n/messages';
import { directoryNames } from './actors';
import { diffValueLines } from './diff-values';

const ctx = {
  m: MESSAGES['zh-CN'],
  names: directoryNames([{ id: 'u1', code: 'CQK', name: '产权科', parentId: null, path: ['u1'], createdAt: '' }], []),
};

describe('diffValueLines', () => {
  it('shows text, numbers and empties', () => {
    expect(diffValueLines('name', '市属国有企业产权处置审核', ctx)).toEqual(['市属国有企业产权处置审核']);
    expect(diffValueLines('timeLimitDays', 15, ctx)).toEqual(['15 个工作日']);
    expect(diffValueLines('subject', null, ctx)).toEqual([]);
    expect(diffValueLines('conditions', undefined, ctx)).toEqual([]);
  });

  it('shows a list one item a line', () => {
    expect(diffValueLines('flow.steps[2].riskPoints', ['未按规定审核', '超越权限'], ctx)).toEqual(['未按规定审核', '超越权限']);
  });

  it('names kinds, meeting bodies, statuses and roles', () => {
    expect(diffValueLines('flow.steps[1].kind', 'meeting', ctx)).toEqual(['会议审批']);
    expect(diffValueLines('flow.steps[1].actor.kind', 'unit', ctx)).toEqual(['组织单元']);
    expect(diffValueLines('flow.steps[1].externalSupervisors[0].kind', 'external', ctx)).toEqual(['外部机构']);
    expect(diffValueLines('duties[0].cadence[0].every', 'quarter', ctx)).toEqual(['每季度']);
    expect(diffValueLines('flow.steps[1].meetingBodies', ['party-committee', 'commission-affairs'], ctx)).toEqual(['党委会', '委务会']);
    expect(diffValueLines('role', 'secretary', ctx)).toEqual(['党委书记（第一责任人）']);
  });

  it('names actor refs', () => {
    expect(diffValueLines('flow.steps[0].actor', { kind: 'unit', ref: 'CQK' }, ctx)).toEqual(['产权科']);
    expect(diffValueLines('flow.steps[0].internalSupervisors', [{ kind: 'role', ref: 'integrity-office' }, { kind: 'external', ref: '市审计局' }], ctx)).toEqual([
      '廉洁风险防控工作办公室',
      '市审计局',
    ]);
  });

  it('shows legal bases, cadences, evidence, duties and whole steps readably', () => {
    expect(diffValueLines('legalBasis', [{ title: '《企业国有资产法》', docNo: null }, { title: '《办法》', docNo: '广国资委[2019]212号' }], ctx)).toEqual([
      '《企业国有资产法》',
      '《办法》（广国资委[2019]212号）',
    ]);
    expect(diffValueLines('duties[0].cadence', [{ every: 'halfYear', times: 1, atLeast: true }], ctx)).toEqual(['每半年至少1次']);
    expect(diffValueLines('duties[0].evidence', [{ record: '会议纪要', stated: true }, { record: '台账', stated: false }], ctx)).toEqual(['会议纪要', '台账（推断）']);
    expect(diffValueLines('duties[3]', { number: 4, title: '研究部署', text: '每年研究部署党风廉政建设工作', cadence: [], evidence: [] }, ctx)).toEqual(['研究部署：每年研究部署党风廉政建设工作']);
    expect(diffValueLines('flow.steps[4]', { order: 5, name: '分管领导审核', kind: 'review', actor: { kind: 'role', ref: 'leader-in-charge' } }, ctx)).toEqual(['分管领导审核（审核） · 分管领导']);
  });

  it('shows a shared block by its steps and contents', () => {
    expect(diffValueLines('flow.sharedBlocks[0]', { id: 'SB-1', appliesToSteps: [2, 3], riskPoints: ['把关不严'], controlMeasures: ['集体研究'] }, ctx)).toEqual([
      '第 2、3 步',
      '把关不严',
      '集体研究',
    ]);
  });
});
