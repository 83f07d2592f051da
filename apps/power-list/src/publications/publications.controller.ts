import { type CallerContext, CreatePublicationRequest, GetByIdRequest, type InlineFileDto, PowerListSubjects, type PublicationSummaryDto, type PublishedViewDto } from '@qinglian/contracts';
import { Caller } from '@qinglian/runtime';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PublicationsService } from './publications.service';

@Controller()
export class PublicationsController {
  constructor(private readonly publications: PublicationsService) {}

  @MessagePattern(PowerListSubjects.publicationCreate)
  create(@Caller() caller: CallerContext, @Payload() req: CreatePublicationRequest): Promise<PublicationSummaryDto> {
    return this.publications.create(caller, req);
  }

  @MessagePattern(PowerListSubjects.publicationList)
  list(@Caller() caller: CallerContext): Promise<PublicationSummaryDto[]> {
    return this.publications.list(caller);
  }

  @MessagePattern(PowerListSubjects.publicationFlowSvg)
  flowSvg(@Caller() caller: CallerContext, @Payload() req: GetByIdRequest): Promise<InlineFileDto> {
    return this.publications.flowSvg(caller, req.id);
  }

  @MessagePattern(PowerListSubjects.publicationCurrent)
  current(@Caller() caller: CallerContext): Promise<PublishedViewDto> {
    return this.publications.current(caller);
  }
}
