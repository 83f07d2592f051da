import { MESSAGES } from '../i18n/messages';
import { approvalsFieldLabel, formPath } from './field-labels';

describe('approvals field labels', () => {
  const zh = MESSAGES['zh-CN'];
  const en = MESSAGES['en-US'];
  it('name the area’s fields, then the shared ones', () => {
    expect(approvalsFieldLabel('terms.amount', zh)).toBe('关键要素 · 金额');
    expect(approvalsFieldLabel('terms.scope', zh)).toBe('关键要素 · 范围');
    expect(approvalsFieldLabel('matterTypes[3].thresholdAmount', zh)).toBe('事项类型第 4 项 · 金额标准');
    expect(approvalsFieldLabel('attendance.0.absenceReason', zh)).toBe('出席情况第 1 项 · 缺席原因');
    expect(approvalsFieldLabel('legalBasis', zh)).toBe('制度依据');
    expect(approvalsFieldLabel('somethingNew', zh)).toBe('somethingNew');
    expect(approvalsFieldLabel('terms.amount', en)).toBe('Key terms · Amount');
  });

  it('give the form path of a field', () => {
    expect(formPath('terms.amount')).toEqual(['terms', 'amount']);
    expect(formPath('indicators[1].name')).toEqual(['indicators', 1, 'name']);
  });
});
