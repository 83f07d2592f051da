import {
  AddAgendaItemRequest,
  ApprovalsSubjects,
  type CallerContext,
  ConcludeRequest,
  CreateMeetingRequest,
  type DecisionRecordDto,
  type DecisionVerificationDto,
  type InlineFileDto,
  ListMeetingsRequest,
  type MeetingDto,
  type MeetingSummaryDto,
  RecusalRequest,
  SetAttendanceRequest,
  type SigningKeyDto,
  StatePositionRequest,
  VerifyPrintedRequest,
} from '@qinglian/contracts';
import { Permission } from '@qinglian/auth';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Response } from 'express';
import { CurrentCaller, RequirePermission } from '../platform/auth';
import { sendInlineFile } from '../platform/files';
import { ServiceClient } from '../platform/service-client';
import { uuidPipe } from '../platform/validation';

/** 会议 (事中) and the sealed 决策记录 with the tenant's signing keys. */
@ApiTags('会议与决策 Meetings and decisions')
@Controller('api/v1')
export class MeetingsController {
  constructor(private readonly services: ServiceClient) {}

  @Post('meetings')
  @RequirePermission(Permission.MeetingWrite)
  @ApiOperation({ summary: '新建会议（成员取当日领导班子） Schedule a meeting' })
  create(@CurrentCaller() caller: CallerContext, @Body() body: CreateMeetingRequest): Promise<MeetingDto> {
    return this.services.call(ApprovalsSubjects.meetingCreate, body, caller);
  }

  @Get('meetings')
  @RequirePermission(Permission.MeetingRead)
  list(@CurrentCaller() caller: CallerContext, @Query() query: ListMeetingsRequest): Promise<MeetingSummaryDto[]> {
    return this.services.call(ApprovalsSubjects.meetingList, query, caller);
  }

  @Get('meetings/:id')
  @RequirePermission(Permission.MeetingRead)
  get(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string): Promise<MeetingDto> {
    return this.services.call(ApprovalsSubjects.meetingGet, { id }, caller);
  }

  @Put('meetings/:id/attendance')
  @RequirePermission(Permission.MeetingWrite)
  @ApiOperation({ summary: '登记出席 Take attendance' })
  attendance(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Body() body: SetAttendanceRequest): Promise<MeetingDto> {
    return this.services.call(ApprovalsSubjects.meetingAttendance, { ref: { id }, body }, caller);
  }

  @Post('meetings/:id/open')
  @HttpCode(200)
  @RequirePermission(Permission.MeetingWrite)
  @ApiOperation({ summary: '开会（须达到法定人数） Open the meeting: quorum required' })
  open(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string): Promise<MeetingDto> {
    return this.services.call(ApprovalsSubjects.meetingOpen, { id }, caller);
  }

  @Post('meetings/:id/close')
  @HttpCode(200)
  @RequirePermission(Permission.MeetingWrite)
  close(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string): Promise<MeetingDto> {
    return this.services.call(ApprovalsSubjects.meetingClose, { id }, caller);
  }

  @Post('meetings/:id/agenda')
  @RequirePermission(Permission.MeetingWrite)
  @ApiOperation({ summary: '列入议程（“三重一大”事项须已报备） Put a matter on the agenda' })
  agenda(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Body() body: AddAgendaItemRequest): Promise<MeetingDto> {
    return this.services.call(ApprovalsSubjects.agendaAdd, { ref: { id }, body }, caller);
  }

  @Post('meetings/:id/agenda/:itemId/recusals')
  @RequirePermission(Permission.MeetingRead)
  @ApiOperation({ summary: '回避：本人申请，或主持人要求（subject） Recusal: declared, or required by the chair' })
  recuse(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) meetingId: string, @Param('itemId', uuidPipe()) itemId: string, @Body() body: RecusalRequest): Promise<MeetingDto> {
    return this.services.call(ApprovalsSubjects.recusalRecord, { ref: { meetingId, itemId }, body }, caller);
  }

  @Post('meetings/:id/agenda/:itemId/positions')
  @RequirePermission(Permission.PositionWrite)
  @ApiOperation({ summary: '表态（主要领导末位表态） State a position; the main leader states last' })
  position(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) meetingId: string, @Param('itemId', uuidPipe()) itemId: string, @Body() body: StatePositionRequest): Promise<MeetingDto> {
    return this.services.call(ApprovalsSubjects.positionState, { ref: { meetingId, itemId }, body }, caller);
  }

  @Post('meetings/:id/agenda/:itemId/conclude')
  @RequirePermission(Permission.MeetingWrite)
  @ApiOperation({ summary: '形成决议并封存（SM3 + SM2） Conclude and seal the decision record' })
  conclude(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) meetingId: string, @Param('itemId', uuidPipe()) itemId: string, @Body() body: ConcludeRequest): Promise<DecisionRecordDto> {
    return this.services.call(ApprovalsSubjects.agendaConclude, { ref: { meetingId, itemId }, body }, caller);
  }

  @Get('decisions/:id')
  @RequirePermission(Permission.DecisionRead)
  decision(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string): Promise<DecisionRecordDto> {
    return this.services.call(ApprovalsSubjects.decisionGet, { id }, caller);
  }

  @Get('decisions/:id/verify')
  @RequirePermission(Permission.DecisionRead)
  @ApiOperation({ summary: '验证决策记录（可附打印件上的哈希与签名） Verify a record, or a printed copy' })
  verify(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Query() query: VerifyPrintedRequest): Promise<DecisionVerificationDto> {
    return this.services.call(ApprovalsSubjects.decisionVerify, { ref: { id }, body: query }, caller);
  }

  @Get('decisions/:id/print')
  @RequirePermission(Permission.DecisionRead)
  @ApiOperation({ summary: '打印版决策记录（含哈希与签名） Print-ready record' })
  async print(@CurrentCaller() caller: CallerContext, @Param('id', uuidPipe()) id: string, @Res() res: Response): Promise<void> {
    sendInlineFile(res, await this.services.call<InlineFileDto>(ApprovalsSubjects.decisionPrint, { id }, caller), true);
  }

  @Get('approvals/signing-keys')
  @RequirePermission(Permission.DecisionRead)
  @ApiOperation({ summary: 'SM2 公钥（含已轮换） Public keys, retired ones included' })
  keys(@CurrentCaller() caller: CallerContext): Promise<SigningKeyDto[]> {
    return this.services.call(ApprovalsSubjects.signingKeyList, {}, caller);
  }

  @Post('approvals/signing-keys/rotate')
  @HttpCode(200)
  @RequirePermission(Permission.SigningKeyWrite)
  rotate(@CurrentCaller() caller: CallerContext): Promise<SigningKeyDto> {
    return this.services.call(ApprovalsSubjects.signingKeyRotate, {}, caller);
  }
}
