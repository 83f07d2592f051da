import {
  type CallerContext,
  CreateChargeRequest,
  CreateLeadershipMemberRequest,
  CreateOrgUnitRequest,
  CreatePersonRequest,
  CreatePostHoldingRequest,
  CreatePostRequest,
  type LeadershipMemberDto,
  OnDateRequest,
  OrgUnitDto,
  type PersonDetailDto,
  PersonDto,
  PowerListSubjects,
  PostDto,
  type PostHoldingDto,
  type TenantDto,
} from '@qinglian/contracts';
import { Permission } from '@qinglian/auth';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, CurrentIdentity, RequirePermission } from '../platform/auth';
import { type Identity } from '../platform/authenticator';
import { TenantDirectory } from '../platform/tenant-directory';
import { ServiceClient } from '../platform/service-client';
import { uuidPipe } from '../platform/validation';
import { EndBody, UpdateOrgUnitBody } from './directory-bodies';

@ApiTags('目录 Directory')
@Controller('api/v1')
export class DirectoryController {
  constructor(
    private readonly services: ServiceClient,
    private readonly tenants: TenantDirectory,
  ) {}

  @Get('tenants')
  @RequirePermission(Permission.DirectoryRead)
  @ApiOperation({ summary: '租户树 The caller’s tenant and the tenants below it' })
  listTenants(@CurrentIdentity() identity: Identity): Promise<TenantDto[]> {
    return this.tenants.subtree(identity.tenant.id);
  }

  @Patch('org-units/:id')
  @RequirePermission(Permission.DirectoryWrite)
  @ApiOperation({ summary: '重命名或移动组织单元 Rename or move an org unit (no cycles)' })
  updateOrgUnit(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Body() body: UpdateOrgUnitBody): Promise<OrgUnitDto> {
    return this.services.call(PowerListSubjects.orgUnitUpdate, { id, name: body.name, parentId: body.parentId }, caller);
  }

  @Post('post-holdings')
  @RequirePermission(Permission.DirectoryWrite)
  @ApiOperation({ summary: '任职 A person takes a post' })
  createHolding(@CurrentCaller() caller: CallerContext, @Body() body: CreatePostHoldingRequest): Promise<PostHoldingDto> {
    return this.services.call(PowerListSubjects.postHoldingCreate, body, caller);
  }

  @Post('post-holdings/:id/end')
  @HttpCode(200)
  @RequirePermission(Permission.DirectoryWrite)
  @ApiOperation({ summary: '离任 End a post holding' })
  endHolding(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Body() body: EndBody): Promise<PostHoldingDto> {
    return this.services.call(PowerListSubjects.postHoldingEnd, { id, endOn: body.endOn }, caller);
  }

  @Get('leadership')
  @RequirePermission(Permission.DirectoryRead)
  @ApiOperation({ summary: '领导班子 The leadership team on a date (default today), with 分管 units' })
  leadership(@CurrentCaller() caller: CallerContext, @Query() q: OnDateRequest): Promise<LeadershipMemberDto[]> {
    return this.services.call(PowerListSubjects.leadershipMembersOn, q, caller);
  }

  @Post('leadership/members')
  @RequirePermission(Permission.DirectoryWrite)
  createMember(@CurrentCaller() caller: CallerContext, @Body() body: CreateLeadershipMemberRequest): Promise<LeadershipMemberDto> {
    return this.services.call(PowerListSubjects.leadershipMemberCreate, body, caller);
  }

  @Post('leadership/members/:id/end')
  @HttpCode(200)
  @RequirePermission(Permission.DirectoryWrite)
  endMember(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Body() body: EndBody): Promise<LeadershipMemberDto> {
    return this.services.call(PowerListSubjects.leadershipMemberEnd, { id, endOn: body.endOn }, caller);
  }

  @Post('leadership/charges')
  @RequirePermission(Permission.DirectoryWrite)
  @ApiOperation({ summary: '分管 A leader takes charge of a unit' })
  createCharge(@CurrentCaller() caller: CallerContext, @Body() body: CreateChargeRequest): Promise<LeadershipMemberDto> {
    return this.services.call(PowerListSubjects.leadershipChargeCreate, body, caller);
  }

  @Post('leadership/charges/:id/end')
  @HttpCode(200)
  @RequirePermission(Permission.DirectoryWrite)
  endCharge(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Body() body: EndBody): Promise<LeadershipMemberDto> {
    return this.services.call(PowerListSubjects.leadershipChargeEnd, { id, endOn: body.endOn }, caller);
  }

  @Post('org-units')
  @RequirePermission(Permission.DirectoryWrite)
  @ApiOperation({ summary: '新建组织单元 Create an org unit' })
  @ApiCreatedResponse({ type: OrgUnitDto })
  createOrgUnit(@CurrentCaller() caller: CallerContext, @Body() body: CreateOrgUnitRequest): Promise<OrgUnitDto> {
    return this.services.call(PowerListSubjects.orgUnitCreate, body, caller);
  }

  @Get('org-units')
  @RequirePermission(Permission.DirectoryRead)
  @ApiOperation({ summary: '组织单元（树，按路径排序） List org units, tree order' })
  @ApiOkResponse({ type: [OrgUnitDto] })
  listOrgUnits(@CurrentCaller() caller: CallerContext): Promise<OrgUnitDto[]> {
    return this.services.call(PowerListSubjects.orgUnitList, {}, caller);
  }

  @Get('org-units/:id')
  @RequirePermission(Permission.DirectoryRead)
  @ApiOkResponse({ type: OrgUnitDto })
  getOrgUnit(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string): Promise<OrgUnitDto> {
    return this.services.call(PowerListSubjects.orgUnitGet, { id }, caller);
  }

  @Post('posts')
  @RequirePermission(Permission.DirectoryWrite)
  @ApiOperation({ summary: '新建岗位 Create a post' })
  @ApiCreatedResponse({ type: PostDto })
  createPost(@CurrentCaller() caller: CallerContext, @Body() body: CreatePostRequest): Promise<PostDto> {
    return this.services.call(PowerListSubjects.postCreate, body, caller);
  }

  @Get('posts')
  @RequirePermission(Permission.DirectoryRead)
  @ApiOkResponse({ type: [PostDto] })
  listPosts(@CurrentCaller() caller: CallerContext): Promise<PostDto[]> {
    return this.services.call(PowerListSubjects.postList, {}, caller);
  }

  @Get('posts/:id')
  @RequirePermission(Permission.DirectoryRead)
  @ApiOkResponse({ type: PostDto })
  getPost(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string): Promise<PostDto> {
    return this.services.call(PowerListSubjects.postGet, { id }, caller);
  }

  @Post('people')
  @RequirePermission(Permission.DirectoryWrite)
  @ApiOperation({ summary: '新建人员 Create a person' })
  @ApiCreatedResponse({ type: PersonDto })
  createPerson(@CurrentCaller() caller: CallerContext, @Body() body: CreatePersonRequest): Promise<PersonDto> {
    return this.services.call(PowerListSubjects.personCreate, body, caller);
  }

  @Get('people')
  @RequirePermission(Permission.DirectoryRead)
  @ApiOkResponse({ type: [PersonDto] })
  listPeople(@CurrentCaller() caller: CallerContext): Promise<PersonDto[]> {
    return this.services.call(PowerListSubjects.personList, {}, caller);
  }

  @Get('people/:id')
  @RequirePermission(Permission.DirectoryRead)
  @ApiOperation({ summary: '人员及任职 A person with their post holdings' })
  getPerson(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string): Promise<PersonDetailDto> {
    return this.services.call(PowerListSubjects.personGet, { id }, caller);
  }
}
