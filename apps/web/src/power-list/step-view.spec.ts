import { MESSAGES } from '../i18n/messages';
import { directoryNames } from './actors';
import { emptyStep } from './flow-edit';
import { editStepView, resolvedStepView } from './step-view';

const zh = MESSAGES['zh-CN'];

describe('step views', () => {
  it('show a meeting step by its bodies joined with 或', () => {
    const view = resolvedStepView(
      {
        order: 3,
        name: '党委会或委务会审议',
        kind: 'meeting',
        actor: null,
        meetingBodies: ['party-committee', 'commission-affairs'],
        timeLimitDays: null,
        riskPoints: ['决策不民主'],
        controlMeasures: [],
        internalSupervisors: [{ kind: 'unit', ref: 'GONE', label: 'GONE', resolved: false }],
        externalSupervisors: [{ kind: 'role', ref: 'external-discipline', label: '派驻纪检监察组', resolved: true }],
      },
      zh,
    );
    expect(view).toMatchObject({ order: 3, actor: '党委会或委务会', timeLimit: null, internalSupervisors: ['GONE（目录中已不存在）'], externalSupervisors: ['派驻纪检监察组'] });
  });

  it('name the editor’s steps from the directory, numbering from 1', () => {
    const names = directoryNames([{ id: 'u', code: 'CQK', name: '产权科', parentId: null, path: ['u'], createdAt: '' }], []);
    const view = editStepView({ ...emptyStep(), kind: 'submit', actor: { kind: 'unit', ref: 'CQK' }, timeLimitDays: 3, internalSupervisors: [{ kind: 'role', ref: 'department-head' }] }, 0, zh, names);
    expect(view).toMatchObject({ order: 1, name: '（未命名）', actor: '产权科', timeLimit: '3 个工作日', internalSupervisors: ['科室负责人'] });
    expect(editStepView(emptyStep(), 4, zh, names).actor).toBe('（未指定）');
  });
});
