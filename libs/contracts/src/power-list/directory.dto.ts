import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';

/** 组织单元 — a department or office (部门/科室); units form a tree within a tenant. */
export class CreateOrgUnitRequest {
  @ApiProperty({ description: '名称 Name', example: '产权科', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ description: '编码 Code, unique in the tenant', example: 'CQK', maxLength: 40 })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, { message: 'code must be 1–40 letters, digits, "_", "." or "-"' })
  code!: string;

  @ApiPropertyOptional({ description: '上级单元 Parent unit id; omitted for a root unit', format: 'uuid' })
  @IsOptional()
  @IsUUID('4')
  parentId?: string;
}

export class OrgUnitDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() code!: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String }) parentId!: string | null;
  @ApiProperty({ description: 'Ids from the root down to this unit', type: [String] }) path!: string[];
  @ApiProperty() createdAt!: string;
}

/** 岗位 — a post within an org unit. */
export class CreatePostRequest {
  @ApiProperty({ description: '岗位名称 Post name', example: '科长', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ description: '所属单元 Org unit id', format: 'uuid' })
  @IsUUID('4')
  orgUnitId!: string;
}

export class PostDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'uuid' }) orgUnitId!: string;
  @ApiProperty() createdAt!: string;
}

/** 人员 — a person in the tenant's directory, linked to their sign-in subject. */
export class CreatePersonRequest {
  @ApiProperty({ description: '姓名 Full name', example: '张三', maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({ description: 'Subject (sub) of the person in the identity provider', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  subject?: string;

  @ApiPropertyOptional({ description: '入职日期 Joined on (YYYY-MM-DD)', example: '2020-01-01' })
  @IsOptional()
  @IsDateString({ strict: true })
  joinedOn?: string;
}

export class PersonDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) subject!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) joinedOn!: string | null;
  @ApiProperty() createdAt!: string;
}

export class GetByIdRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  id!: string;
}
