import { type DecisionTermsDto } from '@qinglian/contracts';
import { compareTerms, executionDivergences, normaliseText, toTerms } from './terms';

const decided: DecisionTermsDto = { amount: 3_200_000, counterparty: '广元市城建工程有限公司', project: '嘉陵江安置房二期', scope: '二期工程进度款', conditions: '按监理确认的工程量支付' };

describe('normaliseText', () => {
  it.each([
    ['  a   b  ', 'a b'],
    ['ＡＢＣ１２３', 'ABC123'],
    ['\t\n', null],
    [null, null],
    [undefined, null],
  ])('%j → %j', (input, out) => {
    expect(normaliseText(input)).toBe(out);
  });
});

describe('compareTerms (将印发文件与会议决策记录比对)', () => {
  it('finds nothing when the issued terms are the decided ones', () => {
    expect(compareTerms(decided, { ...decided })).toEqual([]);
  });

  it('reports each changed term with both values as given', () => {
    expect(compareTerms(decided, { ...decided, amount: 3_500_000 })).toEqual([{ field: 'amount', decided: 3_200_000, actual: 3_500_000 }]);
    expect(compareTerms(decided, { ...decided, counterparty: '另一公司' })).toEqual([{ field: 'counterparty', decided: decided.counterparty, actual: '另一公司' }]);
    expect(compareTerms(decided, { ...decided, project: 'X', scope: 'Y', conditions: 'Z' }).map((d) => d.field)).toEqual(['project', 'scope', 'conditions']);
  });

  it('compares amounts in cents: 100.10 and 100.1 are equal, 0.1 + 0.2 is 0.3', () => {
    expect(compareTerms({ ...decided, amount: 100.1 }, { ...decided, amount: 100.1 })).toEqual([]);
    expect(compareTerms({ ...decided, amount: 0.3 }, { ...decided, amount: 0.1 + 0.2 })).toEqual([]);
    expect(compareTerms({ ...decided, amount: 100.1 }, { ...decided, amount: 100.11 })).toHaveLength(1);
  });

  it('ignores spacing and full-width forms in text, but not a dropped or added term', () => {
    expect(compareTerms(decided, { ...decided, counterparty: ' 广元市城建工程有限公司 ', conditions: '按监理确认的工程量支付' })).toEqual([]);
    expect(compareTerms(decided, { ...decided, conditions: null })).toEqual([{ field: 'conditions', decided: decided.conditions, actual: null }]);
    expect(compareTerms({ ...decided, amount: null }, decided)).toEqual([{ field: 'amount', decided: null, actual: 3_200_000 }]);
  });
});

describe('executionDivergences (决议决策与落实推进不一致)', () => {
  it('flags spending over the decided amount, not under it', () => {
    expect(executionDivergences(decided, { amountSpent: 3_200_000.01, counterparty: null })).toEqual([{ field: 'amount', decided: 3_200_000, actual: 3_200_000.01 }]);
    expect(executionDivergences(decided, { amountSpent: 3_200_000, counterparty: null })).toEqual([]);
    expect(executionDivergences(decided, { amountSpent: 100, counterparty: null })).toEqual([]);
    expect(executionDivergences({ ...decided, amount: null }, { amountSpent: 1, counterparty: null })).toHaveLength(1);
  });

  it('flags another counterparty when one is named', () => {
    expect(executionDivergences(decided, { amountSpent: null, counterparty: '广元市某劳务公司' })).toEqual([{ field: 'counterparty', decided: decided.counterparty, actual: '广元市某劳务公司' }]);
    expect(executionDivergences(decided, { amountSpent: null, counterparty: '广元市城建工程有限公司 ' })).toEqual([]);
    expect(executionDivergences(decided, { amountSpent: null, counterparty: null })).toEqual([]);
  });
});

describe('toTerms', () => {
  it('fills what is missing with null and keeps what is given', () => {
    expect(toTerms({ amount: 5 })).toEqual({ amount: 5, counterparty: null, project: null, scope: null, conditions: null });
    expect(toTerms({ counterparty: '  ', scope: ' 范围 ' })).toMatchObject({ counterparty: null, scope: '范围' });
    expect(toTerms(undefined)).toEqual({ amount: null, counterparty: null, project: null, scope: null, conditions: null });
  });
});
