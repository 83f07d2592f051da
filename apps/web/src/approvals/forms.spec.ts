import { actBody, createMatterBody, evaluateBody, executionReportBody, GENERAL_MATTER, issuanceBody } from './forms';

describe('approvals forms', () => {
  it('start a matter: 一般事项 as null, terms trimmed', () => {
    expect(
      createMatterBody({
        powerItemId: 'p1',
        title: ' 工程款支付 ',
        matterType: GENERAL_MATTER,
        terms: { amount: 3200000, counterparty: ' 甲公司 ' },
        description: ' 按合同支付 ',
      }),
    ).toEqual({
      powerItemId: 'p1',
      title: '工程款支付',
      matterType: null,
      terms: { amount: 3200000, counterparty: '甲公司', project: null, scope: null, conditions: null },
      description: '按合同支付',
    });
    expect(createMatterBody({ powerItemId: 'p1', title: 't', matterType: 'largeFunds', description: 'd' }).matterType).toBe('largeFunds');
  });

  it('act: the target only when returning, with the step seen open', () => {
    expect(actBody({ action: 'approve', opinion: ' 同意 ', toStep: 1 }, 3)).toEqual({ action: 'approve', opinion: '同意', stepOrder: 3 });
    expect(actBody({ action: 'return', opinion: '补充材料', toStep: 1 }, 3)).toEqual({ action: 'return', opinion: '补充材料', toStep: 1, stepOrder: 3 });
    expect(actBody({ action: 'reject', opinion: '不同意' }, null)).toEqual({ action: 'reject', opinion: '不同意' });
  });

  it('record an issuance, a report and an evaluation', () => {
    expect(issuanceBody({ docNo: ' 〔2026〕12号 ', title: '批复', issuedOn: '2026-12-05', terms: { amount: 1 }, note: ' ' })).toEqual({
      docNo: '〔2026〕12号',
      title: '批复',
      issuedOn: '2026-12-05',
      terms: { amount: 1, counterparty: null, project: null, scope: null, conditions: null },
      note: null,
    });
    expect(executionReportBody({ reportedOn: '2026-12-20', progressPercent: 40, amountSpent: undefined, counterparty: '乙', note: ' 进展 ' })).toEqual({
      reportedOn: '2026-12-20',
      progressPercent: 40,
      amountSpent: null,
      counterparty: '乙',
      note: '进展',
    });
    expect(
      evaluateBody({ evaluatedOn: '2027-01-10', rating: 'good', summary: ' 好 ', indicators: [{ name: '工期', target: '90天', actual: '88天' }, { name: ' ' }] }),
    ).toEqual({ evaluatedOn: '2027-01-10', rating: 'good', summary: '好', indicators: [{ name: '工期', target: '90天', actual: '88天' }] });
  });
});
