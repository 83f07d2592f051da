import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { REQUEST_VALIDATION, flattenValidationErrors } from '../validation';
import { PowerItemFields } from './power-item.dto';

const problems = (extra: object) =>
  flattenValidationErrors(validateSync(plainToInstance(PowerItemFields, { name: '资产采购和出租审核', category: '产权', handlingUnitCode: 'CQK', ...extra }), REQUEST_VALIDATION)).map(
    (p) => `${p.field}:${p.rule}`,
  );

describe('NullableText', () => {
  it('accepts a field absent, null (cleared) or within its length', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ subject: null, conditions: '企业提交申请材料齐全' })).toEqual([]);
  });

  it('refuses text over its length and anything that is not text', () => {
    expect(problems({ subject: '国'.repeat(201) })).toEqual(['subject:maxLength']);
    expect(problems({ supervisionMode: 7 })).toEqual(expect.arrayContaining(['supervisionMode:isString']));
  });
});
