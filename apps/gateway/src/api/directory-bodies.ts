import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';

/** PATCH /org-units/:id body (the id is in the path). */
export class UpdateOrgUnitBody {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @ValidateIf((_o, v) => v !== null)
  @IsOptional()
  @IsUUID('all')
  parentId?: string | null;
}

export class EndBody {
  @ApiProperty({ example: '2026-06-30' })
  @IsDateString({ strict: true })
  endOn!: string;
}
