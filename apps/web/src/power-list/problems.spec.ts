import { ApiError } from '../api/client';
import { fieldProblems, messageIn } from './problems';

describe('fieldProblems', () => {
  it('lists every wrong field of a validation problem', () => {
    const error = new ApiError({
      title: 'Bad Request',
      status: 400,
      field: 'flow.steps[0].actor',
      detail: 'flow.steps[0].actor: required; name: required',
      errors: [
        { field: 'flow.steps[0].actor', rule: 'required', message: '须指定行权主体' },
        { field: 'name', rule: 'required', message: '必填' },
      ],
    });
    expect(fieldProblems(error)).toEqual([
      { field: 'flow.steps[0].actor', message: '须指定行权主体' },
      { field: 'name', message: '必填' },
    ]);
  });

  it('falls back to the one field a problem names, and to nothing', () => {
    expect(fieldProblems(new ApiError({ title: 'Bad Request', status: 400, field: 'parentId', detail: 'would make a cycle' }))).toEqual([{ field: 'parentId', message: 'would make a cycle' }]);
    expect(fieldProblems(new ApiError({ title: 'Conflict', status: 409, detail: 'a draft exists' }))).toEqual([]);
    expect(fieldProblems(new Error('x'))).toEqual([]);
  });
});

describe('messageIn', () => {
  it('picks the reader’s half of a bilingual message', () => {
    const message = '流程第1步缺少行权主体 / step 1 has no actor';
    expect(messageIn(message, 'zh-CN')).toBe('流程第1步缺少行权主体');
    expect(messageIn(message, 'en-US')).toBe('step 1 has no actor');
  });

  it('leaves other messages as they are', () => {
    expect(messageIn('name must be shorter than or equal to 200 characters', 'zh-CN')).toBe('name must be shorter than or equal to 200 characters');
    expect(messageIn('a/b and c / d', 'zh-CN')).toBe('a/b and c / d');
    expect(messageIn('甲 / 乙', 'en-US')).toBe('甲 / 乙');
  });
});
