import {
  ActOnStepRequest,
  type AlertDto,
  ApprovalsSubjects,
  type AttachmentDto,
  AttachmentPurpose,
  type CallerContext,
  CreateMatterRequest,
  EvaluateRequest,
  type InlineFileDto,
  ListAlertsRequest,
  ListMattersRequest,
  type MatterDto,
  type MatterSummaryDto,
  type PageDto,
  PolicyContent,
  type PolicyDto,
  RecordFilingRequest,
  RecordIssuanceRequest,
  ReportExecutionRequest,
  SignFilingRequest,
  type TodoDto,
  WithdrawRequest,
} from '@qinglian/contracts';
import { Permission } from '@qinglian/auth';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { CurrentCaller, RequirePermission } from '../platform/auth';
import { sendInlineFile } from '../platform/files';
import { BadRequestProblem } from '../platform/problem.filter';
import { ServiceClient } from '../platform/service-client';
import { uuidPipe } from '../platform/validation';

/** Attachments are documents (opinions, reports, scans); the cap keeps a mistaken upload out. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

interface UploadedAttachment {
  readonly buffer: Buffer;
  readonly originalname: string;
  readonly mimetype: string;
  readonly size: number;
}

/** 决策规则 and 事项: a matter's life from submission through the filing to execution and evaluation. */
@ApiTags('事项 Matters')
@Controller('api/v1')
export class MattersController {
  constructor(private readonly services: ServiceClient) {}

  @Get('approvals/policy')
  @RequirePermission(Permission.PolicyRead)
  @ApiOperation({ summary: '当前决策规则 The tenant’s current policy' })
  policy(@CurrentCaller() caller: CallerContext): Promise<PolicyDto> {
    return this.services.call(ApprovalsSubjects.policyGet, {}, caller);
  }

  @Get('approvals/policy/versions')
  @RequirePermission(Permission.PolicyRead)
  policyVersions(@CurrentCaller() caller: CallerContext): Promise<PolicyDto[]> {
    return this.services.call(ApprovalsSubjects.policyVersions, {}, caller);
  }

  @Put('approvals/policy')
  @RequirePermission(Permission.PolicyWrite)
  @ApiOperation({ summary: '修改决策规则（新版本） Change the policy: a new version' })
  updatePolicy(@CurrentCaller() caller: CallerContext, @Body() body: PolicyContent): Promise<PolicyDto> {
    return this.services.call(ApprovalsSubjects.policyUpdate, body, caller);
  }

  @Post('matters')
  @RequirePermission(Permission.MatterWrite)
  @ApiOperation({ summary: '发起事项 Start a matter on a published power item' })
  create(@CurrentCaller() caller: CallerContext, @Body() body: CreateMatterRequest): Promise<MatterDto> {
    return this.services.call(ApprovalsSubjects.matterCreate, body, caller);
  }

  @Get('matters')
  @RequirePermission(Permission.MatterRead)
  list(@CurrentCaller() caller: CallerContext, @Query() query: ListMattersRequest): Promise<PageDto<MatterSummaryDto>> {
    return this.services.call(ApprovalsSubjects.matterList, query, caller);
  }

  @Get('matters/:id')
  @RequirePermission(Permission.MatterRead)
  get(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string): Promise<MatterDto> {
    return this.services.call(ApprovalsSubjects.matterGet, { id }, caller);
  }

  @Post('matters/:id/act')
  @HttpCode(200)
  @RequirePermission(Permission.TaskWrite)
  @ApiOperation({ summary: '办理：同意/不同意/退回，须签署明确意见 Act on the open step with a written opinion' })
  act(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Body() body: ActOnStepRequest): Promise<MatterDto> {
    return this.services.call(ApprovalsSubjects.matterAct, { ref: { id }, body }, caller);
  }

  @Post('matters/:id/withdraw')
  @HttpCode(200)
  @RequirePermission(Permission.MatterRead)
  @ApiOperation({ summary: '撤回（发起人，审核前） Withdraw before review' })
  withdraw(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Body() body: WithdrawRequest): Promise<MatterDto> {
    return this.services.call(ApprovalsSubjects.matterWithdraw, { ref: { id }, body }, caller);
  }

  @Post('matters/:id/attachments')
  @RequirePermission(Permission.MatterRead)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiOperation({ summary: '上传附件（SM3 哈希） Upload an attachment; fields file and purpose' })
  async attach(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @UploadedFile() file: UploadedAttachment | undefined, @Body('purpose') purpose: string | undefined): Promise<AttachmentDto> {
    const problems: { field: string; rule: string; message: string }[] = [];
    if (!file || file.size === 0) problems.push({ field: 'file', rule: 'required', message: '请选择要上传的文件（表单字段 file） / upload a file in form field "file"' });
    const purposes = Object.values(AttachmentPurpose) as string[];
    const p = purpose ?? AttachmentPurpose.General;
    if (!purposes.includes(p)) problems.push({ field: 'purpose', rule: 'isEnum', message: `purpose must be one of ${purposes.join(', ')}` });
    if (problems.length > 0 || !file) throw new BadRequestProblem(problems);
    const objectKey = await this.services.files.put(file.buffer, `attachment of ${id} by ${caller.userId}`);
    // multer decodes the multipart file name as latin1; browsers send UTF-8.
    const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8');
    return this.services.call(ApprovalsSubjects.attachmentAdd, { matterId: id, purpose: p, objectKey, fileName, contentType: file.mimetype || 'application/octet-stream', size: file.size }, caller);
  }

  @Get('matters/:id/attachments/:attachmentId')
  @RequirePermission(Permission.MatterRead)
  async attachment(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) matterId: string, @Param('attachmentId', uuidPipe()) attachmentId: string, @Res() res: Response): Promise<void> {
    sendInlineFile(res, await this.services.call<InlineFileDto>(ApprovalsSubjects.attachmentGet, { matterId, attachmentId }, caller), false);
  }

  @Post('matters/:id/filing')
  @RequirePermission(Permission.MatterRead)
  @ApiOperation({ summary: '会前报备：合法合规审查/调研论证/征求意见/风险评估 Record a filing item' })
  filing(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Body() body: RecordFilingRequest): Promise<MatterDto> {
    return this.services.call(ApprovalsSubjects.filingRecord, { ref: { id }, body }, caller);
  }

  @Post('matters/:id/filing/sign')
  @HttpCode(200)
  @RequirePermission(Permission.FilingSign)
  @ApiOperation({ summary: '书记签字并抄送派驻纪检监察组 The secretary signs; the filing is copied to the discipline group' })
  sign(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Body() body: SignFilingRequest): Promise<MatterDto> {
    return this.services.call(ApprovalsSubjects.filingSign, { ref: { id }, body }, caller);
  }

  @Get('filings')
  @RequirePermission(Permission.FilingRead)
  @ApiOperation({ summary: '已报备事项（派驻纪检监察组存档备查） Filed matters' })
  filings(@CurrentCaller() caller: CallerContext): Promise<MatterSummaryDto[]> {
    return this.services.call(ApprovalsSubjects.filingList, {}, caller);
  }

  @Post('matters/:id/issuances')
  @RequirePermission(Permission.ExecutionWrite)
  @ApiOperation({ summary: '登记下达意见/批复，与决策记录比对 Record the issued document' })
  issue(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Body() body: RecordIssuanceRequest): Promise<MatterDto> {
    return this.services.call(ApprovalsSubjects.issuanceRecord, { ref: { id }, body }, caller);
  }

  @Post('matters/:id/execution-reports')
  @RequirePermission(Permission.ExecutionWrite)
  report(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Body() body: ReportExecutionRequest): Promise<MatterDto> {
    return this.services.call(ApprovalsSubjects.executionReport, { ref: { id }, body }, caller);
  }

  @Post('matters/:id/evaluation')
  @RequirePermission(Permission.EvaluationWrite)
  @ApiOperation({ summary: '执行后评价（办结） Post-evaluation closes the matter' })
  evaluate(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Body() body: EvaluateRequest): Promise<MatterDto> {
    return this.services.call(ApprovalsSubjects.evaluationRecord, { ref: { id }, body }, caller);
  }

  @Get('todos')
  @RequirePermission(Permission.MatterRead)
  @ApiOperation({ summary: '我的待办 My tasks' })
  todos(@CurrentCaller() caller: CallerContext): Promise<TodoDto[]> {
    return this.services.call(ApprovalsSubjects.todoList, {}, caller);
  }

  @Get('alerts')
  @RequirePermission(Permission.AlertRead)
  @ApiOperation({ summary: '预警 Alerts raised by detection' })
  alerts(@CurrentCaller() caller: CallerContext, @Query() query: ListAlertsRequest): Promise<AlertDto[]> {
    return this.services.call(ApprovalsSubjects.alertList, query, caller);
  }
}
