import { type CallerContext, CreatePublicationRequest, PowerListSubjects, type PublicationSummaryDto, type PublishedViewDto } from '@qinglian/contracts';
import { Permission } from '@qinglian/auth';
import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequirePermission } from '../platform/auth';
import { ServiceClient } from '../platform/service-client';

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

  @Get('current')
  @RequirePermission(Permission.PublicationRead)
  @ApiOperation({ summary: '公开内容 The published view (a supervisor passes x-qinglian-tenant)' })
  current(@CurrentCaller() caller: CallerContext): Promise<PublishedViewDto> {
    return this.services.call(PowerListSubjects.publicationCurrent, {}, caller);
  }
}
