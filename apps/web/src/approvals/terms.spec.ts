import { comparisonRows, differingFields, sameTerm, termsBody, termsFormValues, termText } from './terms';

const decided = { amount: 3200000, counterparty: '广元市某建设工程有限公司', project: '安置房项目', scope: null, conditions: '按进度支付' };

describe('terms', () => {
  it('read amounts in yuan and texts as written', () => {
    expect(termText('amount', 3200000)).toBe('¥3,200,000.00');
    expect(termText('counterparty', '某公司')).toBe('某公司');
    expect(termText('scope', null)).toBe('');
  });

  it('become a request body: trimmed texts, null for what is empty', () => {
    expect(termsBody({ amount: 100, counterparty: '  甲公司 ', project: '', scope: undefined, conditions: null })).toEqual({
      amount: 100,
      counterparty: '甲公司',
      project: null,
      scope: null,
      conditions: null,
    });
    expect(termsBody(undefined)).toEqual({ amount: null, counterparty: null, project: null, scope: null, conditions: null });
    expect(termsFormValues(decided)).toEqual(decided);
    expect(termsFormValues(null)).toEqual({});
  });

  it('compare values, texts trimmed', () => {
    expect(sameTerm(' a ', 'a')).toBe(true);
    expect(sameTerm('', null)).toBe(true);
    expect(sameTerm(1, 2)).toBe(false);
  });

  it('list every field, marking the service’s differences', () => {
    const issued = { ...decided, amount: 3500000 };
    const rows = comparisonRows(decided, issued, [{ field: 'amount', decided: 3200000, actual: 3500000 }]);
    expect(rows.map((r) => r.field)).toEqual(['amount', 'counterparty', 'project', 'scope', 'conditions']);
    expect(rows[0]).toEqual({ field: 'amount', decided: 3200000, actual: 3500000, differs: true });
    expect(rows[1]).toEqual({ field: 'counterparty', decided: '广元市某建设工程有限公司', actual: '广元市某建设工程有限公司', differs: false });
    expect(differingFields(rows)).toEqual(['amount']);
  });

  it('compare the terms themselves when the service gave no differences', () => {
    const rows = comparisonRows(decided, { ...decided, counterparty: '另一公司' }, null);
    expect(differingFields(rows)).toEqual(['counterparty']);
    expect(differingFields(comparisonRows(null, decided, null))).toEqual([]);
  });
});
