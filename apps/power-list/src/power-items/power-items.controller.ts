import { type CallerContext, CreatePowerItemRequest, GetByIdRequest, ListPowerItemsRequest, type PageDto, type PowerItemDto, PowerListSubjects } from '@qinglian/contracts';
import { Caller } from '@qinglian/runtime';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PowerItemsService } from './power-items.service';

@Controller()
export class PowerItemsController {
  constructor(private readonly items: PowerItemsService) {}

  @MessagePattern(PowerListSubjects.powerItemCreate)
  create(@Caller() caller: CallerContext, @Payload() req: CreatePowerItemRequest): Promise<PowerItemDto> {
    return this.items.create(caller, req);
  }

  @MessagePattern(PowerListSubjects.powerItemList)
  list(@Caller() caller: CallerContext, @Payload() req: ListPowerItemsRequest): Promise<PageDto<PowerItemDto>> {
    return this.items.list(caller, req);
  }

  @MessagePattern(PowerListSubjects.powerItemGet)
  get(@Caller() caller: CallerContext, @Payload() req: GetByIdRequest): Promise<PowerItemDto> {
    return this.items.get(caller, req.id);
  }
}
