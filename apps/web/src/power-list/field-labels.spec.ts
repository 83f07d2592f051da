import { MESSAGES } from '../i18n/messages';
import { fieldLabel, fieldPath, stepIndexOf } from './field-labels';

const zh = MESSAGES['zh-CN'];

describe('field labels', () => {
  it('split a field path into names and indexes', () => {
    expect(fieldPath('flow.steps[0].actor')).toEqual(['flow', 'steps', 0, 'actor']);
    expect(fieldPath('duties[2].cadence[0].dueMonthDay')).toEqual(['duties', 2, 'cadence', 0, 'dueMonthDay']);
    expect(fieldPath('name')).toEqual(['name']);
    expect(fieldPath('steps.0.internalSupervisors.1.ref')).toEqual(['steps', 0, 'internalSupervisors', 1, 'ref']);
  });

  it('name what a submit found incomplete', () => {
    expect(fieldLabel('flow.steps[0].actor', zh)).toBe('流程第 1 步 · 行权主体');
    expect(fieldLabel('flow.steps[3].internalSupervisors[1].ref', zh)).toBe('流程第 4 步 · 内部监督主体第 2 项 · 主体');
    expect(fieldLabel('legalBasis[0].docNo', zh)).toBe('制度依据第 1 项 · 文号');
    expect(fieldLabel('duties[2].cadence[0].dueMonthDay', zh)).toBe('第 3 条责任 · 周期第 1 项 · 截止日期');
    expect(fieldLabel('flow.steps', zh)).toBe('行权流程 · 步骤');
    expect(fieldLabel('parentId', zh)).toBe('上级单元');
    expect(fieldLabel('handlingUnitCode', MESSAGES['en-US'])).toBe('handling unit');
  });

  it('show a field it does not know as it is', () => {
    expect(fieldLabel('somethingNew', zh)).toBe('somethingNew');
  });

  it('find the step a field belongs to', () => {
    expect(stepIndexOf('flow.steps[2].actor')).toBe(2);
    expect(stepIndexOf('steps[0].meetingBodies')).toBe(0);
    expect(stepIndexOf('steps.3.actor.ref')).toBe(3);
    expect(stepIndexOf('flow.sharedBlocks[0].appliesToSteps[1]')).toBeNull();
    expect(stepIndexOf('name')).toBeNull();
  });
});
