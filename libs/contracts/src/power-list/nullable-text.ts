import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';

/**
 * An optional text field that may also be sent as null (cleared): absent, null, or a string of at
 * most `maxLength` characters. One decorator instead of the same five on every such field.
 */
export function NullableText(description: string, maxLength: number, example?: string): PropertyDecorator {
  const decorators = [
    ApiPropertyOptional({ description, nullable: true, type: String, maxLength, ...(example === undefined ? {} : { example }) }),
    ValidateIf((_o, v) => v !== null),
    IsOptional(),
    IsString(),
    MaxLength(maxLength),
  ];
  return (target, key) => {
    for (const d of decorators) d(target, key);
  };
}
