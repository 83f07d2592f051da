import { type CallerContext, CreateOrgUnitRequest, CreatePersonRequest, CreatePostRequest, OrgUnitDto, PersonDto, PowerListSubjects, PostDto } from '@qinglian/contracts';
import { Permission } from '@qinglian/auth';
import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequirePermission } from '../platform/auth';
import { ServiceClient } from '../platform/service-client';
import { uuidPipe } from '../platform/validation';

@ApiTags('目录 Directory')
@Controller('api/v1')
export class DirectoryController {
  constructor(private readonly services: ServiceClient) {}

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
  @ApiOkResponse({ type: PersonDto })
  getPerson(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string): Promise<PersonDto> {
    return this.services.call(PowerListSubjects.personGet, { id }, caller);
  }
}
