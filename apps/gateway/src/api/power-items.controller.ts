import { type CallerContext, CreatePowerItemRequest, ListPowerItemsRequest, type PageDto, PowerItemDto, PowerListSubjects } from '@qinglian/contracts';
import { Permission } from '@qinglian/auth';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, RequirePermission } from '../platform/auth';
import { ServiceClient } from '../platform/service-client';
import { uuidPipe } from '../platform/validation';

@ApiTags('权力清单 Power items')
@Controller('api/v1/power-items')
export class PowerItemsController {
  constructor(private readonly services: ServiceClient) {}

  @Post()
  @RequirePermission(Permission.PowerItemWrite)
  @ApiOperation({ summary: '新建权力事项 Create a power item' })
  @ApiCreatedResponse({ type: PowerItemDto })
  create(@CurrentCaller() caller: CallerContext, @Body() body: CreatePowerItemRequest): Promise<PowerItemDto> {
    return this.services.call(PowerListSubjects.powerItemCreate, body, caller);
  }

  @Get()
  @RequirePermission(Permission.PowerItemRead)
  @ApiOperation({ summary: '权力事项列表 List power items (filter by category, handling unit, text)' })
  list(@CurrentCaller() caller: CallerContext, @Query() query: ListPowerItemsRequest): Promise<PageDto<PowerItemDto>> {
    return this.services.call(PowerListSubjects.powerItemList, query, caller);
  }

  @Get(':id')
  @RequirePermission(Permission.PowerItemRead)
  @ApiOkResponse({ type: PowerItemDto })
  get(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string): Promise<PowerItemDto> {
    return this.services.call(PowerListSubjects.powerItemGet, { id }, caller);
  }
}
