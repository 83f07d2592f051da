import {
  type CallerContext,
  CreateResponsibilityListRequest,
  DiffRequest,
  GetByIdRequest,
  ListResponsibilityListsRequest,
  NewDraftRequest,
  PowerListSubjects,
  type ResponsibilityListDto,
  type ResponsibilityListEntryDto,
  ReviewMessage,
  UpdateResponsibilityListDraftMessage,
  type VersionDiffDto,
  VersionRef,
  type VersionSummaryDto,
} from '@qinglian/contracts';
import { Caller } from '@qinglian/runtime';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ResponsibilityListsService } from './responsibility-lists.service';

@Controller()
export class ResponsibilityListsController {
  constructor(private readonly lists: ResponsibilityListsService) {}

  @MessagePattern(PowerListSubjects.responsibilityListCreate)
  create(@Caller() caller: CallerContext, @Payload() req: CreateResponsibilityListRequest): Promise<ResponsibilityListDto> {
    return this.lists.create(caller, req);
  }

  @MessagePattern(PowerListSubjects.responsibilityListList)
  list(@Caller() caller: CallerContext, @Payload() req: ListResponsibilityListsRequest): Promise<ResponsibilityListEntryDto[]> {
    return this.lists.list(caller, req);
  }

  @MessagePattern(PowerListSubjects.responsibilityListPublished)
  published(@Caller() caller: CallerContext): Promise<ResponsibilityListDto[]> {
    return this.lists.published(caller);
  }

  @MessagePattern(PowerListSubjects.responsibilityListGet)
  get(@Caller() caller: CallerContext, @Payload() req: GetByIdRequest): Promise<ResponsibilityListDto> {
    return this.lists.get(caller, req.id);
  }

  @MessagePattern(PowerListSubjects.responsibilityListVersionGet)
  version(@Caller() caller: CallerContext, @Payload() req: VersionRef): Promise<ResponsibilityListDto> {
    return this.lists.get(caller, req.id, req.versionNo);
  }

  @MessagePattern(PowerListSubjects.responsibilityListVersions)
  versions(@Caller() caller: CallerContext, @Payload() req: GetByIdRequest): Promise<VersionSummaryDto[]> {
    return this.lists.versions(caller, req.id);
  }

  @MessagePattern(PowerListSubjects.responsibilityListNewDraft)
  newDraft(@Caller() caller: CallerContext, @Payload() req: NewDraftRequest): Promise<ResponsibilityListDto> {
    return this.lists.newDraft(caller, req.id, req.fromVersionNo);
  }

  @MessagePattern(PowerListSubjects.responsibilityListUpdateDraft)
  updateDraft(@Caller() caller: CallerContext, @Payload() req: UpdateResponsibilityListDraftMessage): Promise<ResponsibilityListDto> {
    return this.lists.updateDraft(caller, req.ref.id, req.ref.versionNo, req.body);
  }

  @MessagePattern(PowerListSubjects.responsibilityListSubmit)
  submit(@Caller() caller: CallerContext, @Payload() req: VersionRef): Promise<ResponsibilityListDto> {
    return this.lists.submit(caller, req.id, req.versionNo);
  }

  @MessagePattern(PowerListSubjects.responsibilityListReview)
  review(@Caller() caller: CallerContext, @Payload() req: ReviewMessage): Promise<ResponsibilityListDto> {
    return this.lists.review(caller, req.ref.id, req.ref.versionNo, req.body);
  }

  @MessagePattern(PowerListSubjects.responsibilityListPublish)
  publish(@Caller() caller: CallerContext, @Payload() req: VersionRef): Promise<ResponsibilityListDto> {
    return this.lists.publish(caller, req.id, req.versionNo);
  }

  @MessagePattern(PowerListSubjects.responsibilityListDiff)
  diff(@Caller() caller: CallerContext, @Payload() req: DiffRequest): Promise<VersionDiffDto> {
    return this.lists.diff(caller, req.id, req.from, req.to);
  }
}
