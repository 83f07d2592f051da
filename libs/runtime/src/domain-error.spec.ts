import { ErrorCode } from '@qinglian/contracts';
import { BadRequestException, NotFoundException } from '@nestjs/common';
import { constraintField, DomainError, RequestValidationError, toServiceError } from './domain-error';

describe('toServiceError', () => {
  it('keeps a domain error as it is', () => {
    expect(toServiceError(DomainError.conflict('code X already exists', 'code', 'unique'))).toEqual({ code: ErrorCode.Conflict, message: 'code X already exists', field: 'code', rule: 'unique' });
    expect(toServiceError(DomainError.notFound('power item', 'abc'))).toEqual({ code: ErrorCode.NotFound, message: 'power item abc not found' });
  });

  it('lists every validation problem and names the first', () => {
    const e = new RequestValidationError([
      { field: 'name', rule: 'isLength', message: 'name must be longer than or equal to 1 characters' },
      { field: 'code', rule: 'matches', message: 'bad code' },
    ]);
    expect(toServiceError(e)).toMatchObject({ code: ErrorCode.Validation, field: 'name', rule: 'isLength', errors: expect.arrayContaining([expect.objectContaining({ field: 'code' })]) as unknown });
  });

  it('maps PostgreSQL constraint violations to caller errors naming the field', () => {
    expect(toServiceError({ code: '23505', constraint: 'power_item__code__uq', detail: 'Key (tenant_id, code)=(…) already exists.' })).toMatchObject({ code: ErrorCode.Conflict, field: 'code', rule: 'unique' });
    expect(toServiceError({ driverError: { code: '23503', constraint: 'power_item__handling_unit_id__fk' } })).toMatchObject({ code: ErrorCode.Validation, field: 'handlingUnitId', rule: 'exists' });
    expect(toServiceError({ code: '42501' })).toMatchObject({ code: ErrorCode.Forbidden });
  });

  it('maps Nest HTTP exceptions by status and hides anything unexpected', () => {
    expect(toServiceError(new NotFoundException('nope')).code).toBe(ErrorCode.NotFound);
    expect(toServiceError(new BadRequestException('bad')).code).toBe(ErrorCode.Validation);
    expect(toServiceError(new Error('password=hunter2 leaked'))).toEqual({ code: ErrorCode.Internal, message: 'internal error' });
  });

  it('reads the field from constraint names', () => {
    expect(constraintField('org_unit__parent_id__fk')).toBe('parentId');
    expect(constraintField('some_other_name')).toBe('some_other_name');
  });
});
