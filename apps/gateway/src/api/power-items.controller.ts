import {
  type CallerContext,
  CreatePowerItemRequest,
  Flow,
  type InlineFileDto,
  ListPowerItemsRequest,
  type PageDto,
  type PowerItemDto,
  type PowerItemListEntryDto,
  PowerListSubjects,
  ReviewRequest,
  UpdatePowerItemDraftRequest,
  type VersionDiffDto,
  type VersionSummaryDto,
} from '@qinglian/contracts';
import { Permission } from '@qinglian/auth';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { CurrentCaller, RequirePermission } from '../platform/auth';
import { sendInlineFile, versionNoPipe } from '../platform/files';
import { ServiceClient } from '../platform/service-client';
import { uuidPipe } from '../platform/validation';
import { DiffQuery, NewDraftBody } from './versioning';

@ApiTags('权力事项 Power items')
@Controller('api/v1/power-items')
export class PowerItemsController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @RequirePermission(Permission.PowerItemWrite)
  @ApiOperation({ summary: '新建权力事项（第1版草稿） Create a power item as a draft' })
  create(@CurrentCaller() caller: CallerContext, @Body() body: CreatePowerItemRequest): Promise<PowerItemDto> {
    return this.services.call(PowerListSubjects.powerItemCreate, body, caller);
  }

  @Get()
  @RequirePermission(Permission.PowerItemRead)
  @ApiOperation({ summary: '权力事项列表 List (filter by category, unit, status; search names and content)' })
  list(@CurrentCaller() caller: CallerContext, @Query() query: ListPowerItemsRequest): Promise<PageDto<PowerItemListEntryDto>> {
    return this.services.call(PowerListSubjects.powerItemList, query, caller);
  }

  @Get('categories')
  @RequirePermission(Permission.PowerItemRead)
  @ApiOperation({ summary: '类别 Categories in use' })
  categories(@CurrentCaller() caller: CallerContext): Promise<string[]> {
    return this.services.call(PowerListSubjects.powerItemCategories, {}, caller);
  }

  @Get(':id')
  @RequirePermission(Permission.PowerItemRead)
  @ApiOperation({ summary: '最新版本 The latest version' })
  get(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string): Promise<PowerItemDto> {
    return this.services.call(PowerListSubjects.powerItemGet, { id }, caller);
  }

  @Get(':id/versions')
  @RequirePermission(Permission.PowerItemRead)
  @ApiOperation({ summary: '版本记录 Versions, newest first' })
  versions(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string): Promise<VersionSummaryDto[]> {
    return this.services.call(PowerListSubjects.powerItemVersions, { id }, caller);
  }

  @Post(':id/versions')
  @RequirePermission(Permission.PowerItemWrite)
  @ApiOperation({ summary: '新建修订稿 New draft from the published (or a named) version' })
  newDraft(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Body() body: NewDraftBody): Promise<PowerItemDto> {
    return this.services.call(PowerListSubjects.powerItemNewDraft, { id, fromVersionNo: body.fromVersionNo }, caller);
  }

  @Get(':id/diff')
  @RequirePermission(Permission.PowerItemRead)
  @ApiOperation({ summary: '版本比较 Compare two versions field by field' })
  diff(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Query() q: DiffQuery): Promise<VersionDiffDto> {
    return this.services.call(PowerListSubjects.powerItemDiff, { id, from: q.from, to: q.to }, caller);
  }

  @Get(':id/versions/:no')
  @RequirePermission(Permission.PowerItemRead)
  version(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Param('no', versionNoPipe()) versionNo: number): Promise<PowerItemDto> {
    return this.services.call(PowerListSubjects.powerItemVersionGet, { id, versionNo }, caller);
  }

  @Put(':id/versions/:no')
  @RequirePermission(Permission.PowerItemWrite)
  @ApiOperation({ summary: '修改草稿 Replace a draft' })
  updateDraft(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Param('no', versionNoPipe()) versionNo: number, @Body() body: UpdatePowerItemDraftRequest): Promise<PowerItemDto> {
    return this.services.call(PowerListSubjects.powerItemUpdateDraft, { ref: { id, versionNo }, body }, caller);
  }

  @Put(':id/versions/:no/flow')
  @RequirePermission(Permission.PowerItemWrite)
  @ApiOperation({ summary: '修改行权流程 Replace a draft’s flow' })
  putFlow(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Param('no', versionNoPipe()) versionNo: number, @Body() body: Flow): Promise<PowerItemDto> {
    return this.services.call(PowerListSubjects.powerItemPutFlow, { ref: { id, versionNo }, body }, caller);
  }

  @Post(':id/versions/:no/submit')
  @HttpCode(200)
  @RequirePermission(Permission.PowerItemWrite)
  @ApiOperation({ summary: '提交审核 Submit a draft for review' })
  submit(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Param('no', versionNoPipe()) versionNo: number): Promise<PowerItemDto> {
    return this.services.call(PowerListSubjects.powerItemSubmit, { id, versionNo }, caller);
  }

  @Post(':id/versions/:no/reviews')
  @RequirePermission(Permission.ReviewWrite)
  @ApiOperation({ summary: '审核 Record a review opinion' })
  review(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Param('no', versionNoPipe()) versionNo: number, @Body() body: ReviewRequest): Promise<PowerItemDto> {
    return this.services.call(PowerListSubjects.powerItemReview, { ref: { id, versionNo }, body }, caller);
  }

  @Post(':id/versions/:no/publish')
  @HttpCode(200)
  @RequirePermission(Permission.PublishWrite)
  @ApiOperation({ summary: '发布 Publish a reviewed version' })
  publish(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Param('no', versionNoPipe()) versionNo: number): Promise<PowerItemDto> {
    return this.services.call(PowerListSubjects.powerItemPublish, { id, versionNo }, caller);
  }

  @Get(':id/versions/:no/flow.svg')
  @RequirePermission(Permission.PowerItemRead)
  @ApiOperation({ summary: '流程图 SVG Flow chart' })
  async flowSvg(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Param('no', versionNoPipe()) versionNo: number, @Res() res: Response): Promise<void> {
    sendInlineFile(res, await this.services.call<InlineFileDto>(PowerListSubjects.powerItemFlowSvg, { id, versionNo }, caller), true);
  }

  @Get(':id/versions/:no/flow.png')
  @RequirePermission(Permission.PowerItemRead)
  @ApiOperation({ summary: '流程图 PNG (for printing)' })
  async flowPng(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Param('no', versionNoPipe()) versionNo: number, @Res() res: Response): Promise<void> {
    sendInlineFile(res, await this.services.call<InlineFileDto>(PowerListSubjects.powerItemFlowPng, { id, versionNo }, caller), false);
  }
}
