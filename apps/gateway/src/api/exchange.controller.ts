import { type CallerContext, ErrorCode, type FileRefDto, type ImportResultDto, type InlineFileDto, PowerListSubjects, TemplateKind } from '@qinglian/contracts';
import { Permission } from '@qinglian/auth';
import { Controller, Get, HttpCode, NotFoundException, Param, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { CurrentCaller, RequirePermission } from '../platform/auth';
import { sendBytes, sendInlineFile } from '../platform/files';
import { BadRequestProblem } from '../platform/problem.filter';
import { ServiceCallError, ServiceClient } from '../platform/service-client';

/** Uploaded workbooks are small; a cap keeps a mistaken upload from filling memory. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** What multer hands over (memory storage). */
interface UploadedWorkbook {
  readonly buffer: Buffer;
  readonly originalname: string;
}

const XLSX_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

@ApiTags('导入导出 Excel exchange')
@Controller('api/v1/excel')
export class ExchangeController {
  constructor(private readonly services: ServiceClient) {}

  @Get('templates/:file')
  @RequirePermission(Permission.PowerItemRead)
  @ApiOperation({ summary: '下载导入模板 Download a template: power-items.xlsx | responsibility-lists.xlsx' })
  async template(@CurrentCaller() caller: CallerContext, @Param('file') file: string, @Res() res: Response): Promise<void> {
    const kind = file.replace(/\.xlsx$/, '');
    if (!(Object.values(TemplateKind) as string[]).includes(kind)) {
      throw new NotFoundException(`no template ${file}: there are ${Object.values(TemplateKind).map((k) => `${k}.xlsx`).join(' and ')}`);
    }
    sendInlineFile(res, await this.services.call<InlineFileDto>(PowerListSubjects.excelTemplate, { kind }, caller), false);
  }

  @Get('export.xlsx')
  @RequirePermission(Permission.PowerItemRead)
  @ApiOperation({ summary: '导出已发布的权力清单、流程和责任清单 Export what is published' })
  async export(@CurrentCaller() caller: CallerContext, @Res() res: Response): Promise<void> {
    const ref = await this.services.call<FileRefDto>(PowerListSubjects.excelExport, {}, caller);
    const data = await this.services.files.take(ref.objectKey);
    if (data === null) throw new ServiceCallError({ code: ErrorCode.Unavailable, message: 'the export expired before it could be sent' });
    sendBytes(res, data, ref.contentType, ref.fileName, false);
  }

  @Post('import')
  @HttpCode(200)
  @RequirePermission(Permission.PowerItemWrite)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: '导入 Import a filled-in workbook (all or nothing; items become drafts)' })
  async import(@CurrentCaller() caller: CallerContext, @UploadedFile() file: UploadedWorkbook | undefined): Promise<ImportResultDto> {
    if (!file) throw new BadRequestProblem([{ field: 'file', rule: 'required', message: '请上传 .xlsx 文件（表单字段 file） / upload an .xlsx file in form field "file"' }]);
    if (!file.buffer.subarray(0, 4).equals(XLSX_SIGNATURE)) {
      throw new BadRequestProblem([{ field: 'file', rule: 'xlsx', message: `${file.originalname} 不是 Excel (.xlsx) 文件 / ${file.originalname} is not an .xlsx workbook` }]);
    }
    const objectKey = await this.services.files.put(file.buffer, `import by ${caller.userId}`);
    return this.services.call(PowerListSubjects.excelImport, { objectKey }, caller);
  }
}
