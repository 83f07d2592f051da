import { ParseUUIDPipe, ValidationPipe } from '@nestjs/common';
import { flattenValidationErrors, REQUEST_VALIDATION } from '@qinglian/contracts';
import { BadRequestProblem } from './problem.filter';

/** Same rules as the services (whitelist, forbid unknown), answered early with field and rule. */
export function gatewayValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...REQUEST_VALIDATION,
    exceptionFactory: (errors) => new BadRequestProblem(flattenValidationErrors(errors)),
  });
}

export function uuidPipe(): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new BadRequestProblem([{ field: 'id', rule: 'isUuid', message: 'id must be a UUID' }]),
  });
}
