import {
  type CallerContext,
  CreateResponsibilityListRequest,
  ListResponsibilityListsRequest,
  PowerListSubjects,
  type ResponsibilityListDto,
  type ResponsibilityListEntryDto,
  ReviewRequest,
  UpdateResponsibilityListDraftRequest,
  type VersionDiffDto,
  type VersionSummaryDto,
} from '@qinglian/contracts';
import { Permission } from '@qinglian/auth';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequirePermission } from '../platform/auth';
import { versionNoPipe } from '../platform/files';
import { ServiceClient } from '../platform/service-client';
import { uuidPipe } from '../platform/validation';
import { DiffQuery, NewDraftBody } from './versioning';

/** 责任清单: the same version life as power items (draft → review → published → superseded). */
@ApiTags('责任清单 Responsibility lists')
@Controller('api/v1/responsibility-lists')
export class ResponsibilityListsController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @RequirePermission(Permission.ResponsibilityListWrite)
  @ApiOperation({ summary: '新建责任清单（第1版草稿） Create a list as a draft' })
  create(@CurrentCaller() caller: CallerContext, @Body() body: CreateResponsibilityListRequest): Promise<ResponsibilityListDto> {
    return this.services.call(PowerListSubjects.responsibilityListCreate, body, caller);
  }

  @Get()
  @RequirePermission(Permission.ResponsibilityListRead)
  list(@CurrentCaller() caller: CallerContext, @Query() query: ListResponsibilityListsRequest): Promise<ResponsibilityListEntryDto[]> {
    return this.services.call(PowerListSubjects.responsibilityListList, query, caller);
  }

  @Get(':id')
  @RequirePermission(Permission.ResponsibilityListRead)
  get(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string): Promise<ResponsibilityListDto> {
    return this.services.call(PowerListSubjects.responsibilityListGet, { id }, caller);
  }

  @Get(':id/versions')
  @RequirePermission(Permission.ResponsibilityListRead)
  versions(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string): Promise<VersionSummaryDto[]> {
    return this.services.call(PowerListSubjects.responsibilityListVersions, { id }, caller);
  }

  @Post(':id/versions')
  @RequirePermission(Permission.ResponsibilityListWrite)
  newDraft(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Body() body: NewDraftBody): Promise<ResponsibilityListDto> {
    return this.services.call(PowerListSubjects.responsibilityListNewDraft, { id, fromVersionNo: body.fromVersionNo }, caller);
  }

  @Get(':id/diff')
  @RequirePermission(Permission.ResponsibilityListRead)
  diff(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Query() q: DiffQuery): Promise<VersionDiffDto> {
    return this.services.call(PowerListSubjects.responsibilityListDiff, { id, from: q.from, to: q.to }, caller);
  }

  @Get(':id/versions/:no')
  @RequirePermission(Permission.ResponsibilityListRead)
  version(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Param('no', versionNoPipe()) versionNo: number): Promise<ResponsibilityListDto> {
    return this.services.call(PowerListSubjects.responsibilityListVersionGet, { id, versionNo }, caller);
  }

  @Put(':id/versions/:no')
  @RequirePermission(Permission.ResponsibilityListWrite)
  updateDraft(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Param('no', versionNoPipe()) versionNo: number, @Body() body: UpdateResponsibilityListDraftRequest): Promise<ResponsibilityListDto> {
    return this.services.call(PowerListSubjects.responsibilityListUpdateDraft, { ref: { id, versionNo }, body }, caller);
  }

  @Post(':id/versions/:no/submit')
  @HttpCode(200)
  @RequirePermission(Permission.ResponsibilityListWrite)
  submit(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Param('no', versionNoPipe()) versionNo: number): Promise<ResponsibilityListDto> {
    return this.services.call(PowerListSubjects.responsibilityListSubmit, { id, versionNo }, caller);
  }

  @Post(':id/versions/:no/reviews')
  @RequirePermission(Permission.ReviewWrite)
  review(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Param('no', versionNoPipe()) versionNo: number, @Body() body: ReviewRequest): Promise<ResponsibilityListDto> {
    return this.services.call(PowerListSubjects.responsibilityListReview, { ref: { id, versionNo }, body }, caller);
  }

  @Post(':id/versions/:no/publish')
  @HttpCode(200)
  @RequirePermission(Permission.PublishWrite)
  publish(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Param('no', versionNoPipe()) versionNo: number): Promise<ResponsibilityListDto> {
    return this.services.call(PowerListSubjects.responsibilityListPublish, { id, versionNo }, caller);
  }
}
