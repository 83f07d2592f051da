import { type CallerContext, type FileRefDto, ImportRequest, type ImportResultDto, type InlineFileDto, PowerListSubjects, TemplateRequest } from '@qinglian/contracts';
import { Caller } from '@qinglian/runtime';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ExchangeService } from './exchange.service';

@Controller()
export class ExchangeController {
  constructor(private readonly exchange: ExchangeService) {}

  @MessagePattern(PowerListSubjects.excelTemplate)
  template(@Caller() caller: CallerContext, @Payload() req: TemplateRequest): Promise<InlineFileDto> {
    return this.exchange.template(caller, req.kind);
  }

  @MessagePattern(PowerListSubjects.excelExport)
  export(@Caller() caller: CallerContext): Promise<FileRefDto> {
    return this.exchange.export(caller);
  }

  @MessagePattern(PowerListSubjects.excelImport)
  import(@Caller() caller: CallerContext, @Payload() req: ImportRequest): Promise<ImportResultDto> {
    return this.exchange.import(caller, req.objectKey);
  }
}
