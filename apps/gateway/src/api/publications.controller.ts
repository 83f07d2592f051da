import { type CallerContext, CreatePublicationRequest, type InlineFileDto, PowerListSubjects, type PublicationSummaryDto, type PublishedViewDto } from '@qinglian/contracts';
import { Permission } from '@qinglian/auth';
import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { type Response } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequirePermission } from '../platform/auth';
import { sendInlineFile } from '../platform/files';
import { ServiceClient } from '../platform/service-client';
import { uuidPipe } from '../platform/validation';

@ApiTags('公开 Publication')
@Controller('api/v1/publications')
export class PublicationsController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @RequirePermission(Permission.PublishWrite)
  @ApiOperation({ summary: '发布公开 Publish what is published now, to a scope' })
  create(@CurrentCaller() caller: CallerContext, @Body() body: CreatePublicationRequest): Promise<PublicationSummaryDto> {
    return this.services.call(PowerListSubjects.publicationCreate, body, caller);
  }

  @Get()
  @RequirePermission(Permission.PowerItemRead)
  list(@CurrentCaller() caller: CallerContext): Promise<PublicationSummaryDto[]> {
    return this.services.call(PowerListSubjects.publicationList, {}, caller);
  }

  @Get('current/power-items/:id/flow.svg')
  @RequirePermission(Permission.PublicationRead)
  @ApiOperation({ summary: '公开内容中的流程图 The chart of a power item as published' })
  async flowSvg(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Res() res: Response): Promise<void> {
    sendInlineFile(res, await this.services.call<InlineFileDto>(PowerListSubjects.publicationFlowSvg, { id }, caller), true);
  }

  @Get('current')
  @RequirePermission(Permission.PublicationRead)
  @ApiOperation({ summary: '公开内容 The published view (a supervisor passes x-qinglian-tenant)' })
  current(@CurrentCaller() caller: CallerContext): Promise<PublishedViewDto> {
    return this.services.call(PowerListSubjects.publicationCurrent, {}, caller);
  }
}
