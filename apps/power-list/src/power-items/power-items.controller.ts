import {
  type CallerContext,
  CreatePowerItemRequest,
  DiffRequest,
  GetByIdRequest,
  type InlineFileDto,
  ListPowerItemsRequest,
  NewDraftRequest,
  type PageDto,
  type PowerItemDto,
  type PowerItemListEntryDto,
  PowerListSubjects,
  PublishedPowerItemRequest,
  PutFlowMessage,
  ReviewMessage,
  UpdatePowerItemDraftMessage,
  type VersionDiffDto,
  VersionRef,
  type VersionSummaryDto,
} from '@qinglian/contracts';
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
  list(@Caller() caller: CallerContext, @Payload() req: ListPowerItemsRequest): Promise<PageDto<PowerItemListEntryDto>> {
    return this.items.list(caller, req);
  }

  @MessagePattern(PowerListSubjects.powerItemCategories)
  categories(@Caller() caller: CallerContext): Promise<string[]> {
    return this.items.categories(caller);
  }

  @MessagePattern(PowerListSubjects.powerItemGet)
  get(@Caller() caller: CallerContext, @Payload() req: GetByIdRequest): Promise<PowerItemDto> {
    return this.items.get(caller, req.id);
  }

  @MessagePattern(PowerListSubjects.powerItemVersionGet)
  version(@Caller() caller: CallerContext, @Payload() req: VersionRef): Promise<PowerItemDto> {
    return this.items.get(caller, req.id, req.versionNo);
  }

  @MessagePattern(PowerListSubjects.powerItemPublishedGet)
  published(@Caller() caller: CallerContext, @Payload() req: PublishedPowerItemRequest): Promise<PowerItemDto> {
    return this.items.published(caller, req);
  }

  @MessagePattern(PowerListSubjects.powerItemVersions)
  versions(@Caller() caller: CallerContext, @Payload() req: GetByIdRequest): Promise<VersionSummaryDto[]> {
    return this.items.versions(caller, req.id);
  }

  @MessagePattern(PowerListSubjects.powerItemNewDraft)
  newDraft(@Caller() caller: CallerContext, @Payload() req: NewDraftRequest): Promise<PowerItemDto> {
    return this.items.newDraft(caller, req.id, req.fromVersionNo);
  }

  @MessagePattern(PowerListSubjects.powerItemUpdateDraft)
  updateDraft(@Caller() caller: CallerContext, @Payload() req: UpdatePowerItemDraftMessage): Promise<PowerItemDto> {
    return this.items.updateDraft(caller, req.ref.id, req.ref.versionNo, req.body);
  }

  @MessagePattern(PowerListSubjects.powerItemPutFlow)
  putFlow(@Caller() caller: CallerContext, @Payload() req: PutFlowMessage): Promise<PowerItemDto> {
    return this.items.putFlow(caller, req.ref.id, req.ref.versionNo, req.body);
  }

  @MessagePattern(PowerListSubjects.powerItemSubmit)
  submit(@Caller() caller: CallerContext, @Payload() req: VersionRef): Promise<PowerItemDto> {
    return this.items.submit(caller, req.id, req.versionNo);
  }

  @MessagePattern(PowerListSubjects.powerItemReview)
  review(@Caller() caller: CallerContext, @Payload() req: ReviewMessage): Promise<PowerItemDto> {
    return this.items.review(caller, req.ref.id, req.ref.versionNo, req.body);
  }

  @MessagePattern(PowerListSubjects.powerItemPublish)
  publish(@Caller() caller: CallerContext, @Payload() req: VersionRef): Promise<PowerItemDto> {
    return this.items.publish(caller, req.id, req.versionNo);
  }

  @MessagePattern(PowerListSubjects.powerItemDiff)
  diff(@Caller() caller: CallerContext, @Payload() req: DiffRequest): Promise<VersionDiffDto> {
    return this.items.diff(caller, req.id, req.from, req.to);
  }

  @MessagePattern(PowerListSubjects.powerItemFlowSvg)
  flowSvg(@Caller() caller: CallerContext, @Payload() req: VersionRef): Promise<InlineFileDto> {
    return this.items.flowSvg(caller, req.id, req.versionNo);
  }

  @MessagePattern(PowerListSubjects.powerItemFlowPng)
  flowPng(@Caller() caller: CallerContext, @Payload() req: VersionRef): Promise<InlineFileDto> {
    return this.items.flowPng(caller, req.id, req.versionNo);
  }
}
