import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { ActorRef } from './flow.dto';

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

/** Renames or moves a unit; moving it below one of its own descendants is refused (no cycles). */
export class UpdateOrgUnitRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  id!: string;

  @ApiPropertyOptional({ description: '名称 Name', maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string;

  @ApiPropertyOptional({ description: '上级单元 New parent unit id; null makes it a root', format: 'uuid', nullable: true, type: String })
  @ValidateIf((_o, v) => v !== null)
  @IsOptional()
  @IsUUID('all')
  parentId?: string | null;
}

/** 岗位 — a post within an org unit. */
export class CreatePostRequest {
  @ApiProperty({ description: '岗位编码 Code, unique in the tenant', example: 'CQK-KZ', maxLength: 40 })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/, { message: 'code must be 1–40 letters, digits, "_", "." or "-"' })
  code!: string;

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
  @ApiProperty() code!: string;
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

/** 任职 — a person holds a post from `startOn` until `endOn` (inclusive; open when null). */
export class CreatePostHoldingRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  personId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  postId!: string;

  @ApiProperty({ description: '任职开始 YYYY-MM-DD', example: '2020-01-01' })
  @IsDateString({ strict: true })
  startOn!: string;

  @ApiPropertyOptional({ description: '任职结束 YYYY-MM-DD (inclusive)', nullable: true, type: String })
  @ValidateIf((_o, v) => v !== null)
  @IsOptional()
  @IsDateString({ strict: true })
  endOn?: string | null;
}

/** Ends a holding, a leadership membership or a 分管 charge on a date. */
export class EndRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  id!: string;

  @ApiProperty({ description: '结束日期 YYYY-MM-DD (inclusive)', example: '2026-06-30' })
  @IsDateString({ strict: true })
  endOn!: string;
}

export interface PostHoldingDto {
  readonly id: string;
  readonly personId: string;
  readonly personName: string;
  readonly postId: string;
  readonly postCode: string;
  readonly postName: string;
  readonly orgUnitId: string;
  readonly orgUnitName: string;
  readonly startOn: string;
  readonly endOn: string | null;
}

/** 班子职务: the main leader (主要领导, 党委书记) or a member. */
export enum LeadershipPosition {
  MainLeader = 'main-leader',
  Member = 'member',
}

export class CreateLeadershipMemberRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  personId!: string;

  @ApiProperty({ enum: LeadershipPosition })
  @IsEnum(LeadershipPosition)
  position!: LeadershipPosition;

  @ApiProperty({ description: '职务 Title as people say it', example: '党委书记、主任' })
  @IsString()
  @Length(1, 100)
  title!: string;

  @ApiProperty({ example: '2020-01-01' })
  @IsDateString({ strict: true })
  startOn!: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @ValidateIf((_o, v) => v !== null)
  @IsOptional()
  @IsDateString({ strict: true })
  endOn?: string | null;
}

/** 分管 — a leadership member is in charge of a unit (and the units below it). */
export class CreateChargeRequest {
  @ApiProperty({ format: 'uuid', description: 'Leadership membership id' })
  @IsUUID('all')
  memberId!: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  orgUnitId!: string;

  @ApiProperty({ example: '2020-01-01' })
  @IsDateString({ strict: true })
  startOn!: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @ValidateIf((_o, v) => v !== null)
  @IsOptional()
  @IsDateString({ strict: true })
  endOn?: string | null;
}

export interface ChargeDto {
  readonly id: string;
  readonly orgUnitId: string;
  readonly orgUnitCode: string;
  readonly orgUnitName: string;
  readonly startOn: string;
  readonly endOn: string | null;
}

export interface LeadershipMemberDto {
  readonly id: string;
  readonly personId: string;
  readonly personName: string;
  readonly subject: string | null;
  readonly position: LeadershipPosition;
  readonly title: string;
  readonly startOn: string;
  readonly endOn: string | null;
  readonly charges: ChargeDto[];
}

/** A date query: `on` defaults to today (Asia/Shanghai) when omitted. */
export class OnDateRequest {
  @ApiPropertyOptional({ description: 'YYYY-MM-DD', example: '2026-11-22' })
  @IsOptional()
  @IsDateString({ strict: true })
  on?: string;
}

/** `power-list.leadership.in-charge-of`: who is in charge of a unit on a date. */
export class InChargeOfRequest extends OnDateRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  orgUnitId!: string;
}

export interface InChargeOfDto {
  readonly orgUnitId: string;
  readonly on: string;
  /** The unit whose charge applies: the unit itself, or the nearest ancestor someone is in charge of. */
  readonly chargedUnitId: string | null;
  readonly leaders: { readonly memberId: string; readonly personId: string; readonly personName: string; readonly subject: string | null; readonly title: string }[];
}

/**
 * `power-list.directory.assignees-on`: who acts as a flow step's actor on a date — a post's or a
 * unit's holders, the main leader, the leadership team, or the leader in charge of the handling unit.
 */
export class AssigneesOnRequest extends OnDateRequest {
  @ValidateNested()
  @Type(() => ActorRef)
  actor!: ActorRef;

  @IsString()
  @Length(1, 50)
  handlingUnitCode!: string;
}

export interface AssigneesOnDto {
  readonly on: string;
  /** People who can sign in (with a subject); others in the post are not assignable. */
  readonly people: { readonly personId: string; readonly name: string; readonly subject: string }[];
  /** How they were found, or why no one was (zh-CN first). */
  readonly note: string;
}

/** `power-list.person.posts-on`: which posts a person held on a date. */
export class PostsOnRequest extends OnDateRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  personId!: string;
}

export class PersonBySubjectRequest {
  @IsString()
  @Length(1, 200)
  subject!: string;
}

/** A person with the posts they hold or held. */
export interface PersonDetailDto extends PersonDto {
  readonly holdings: PostHoldingDto[];
}
