import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { ActOnStepRequest, AttachmentPurpose, EvaluateRequest, RecordFilingRequest, RecordIssuanceRequest, ReportExecutionRequest, SignFilingRequest, WithdrawRequest } from './matter.dto';
import { AddAgendaItemRequest, ConcludeRequest, RecusalRequest, SetAttendanceRequest, StatePositionRequest, VerifyPrintedRequest } from './meeting.dto';

export class IdRef {
  @IsUUID('all')
  id!: string;
}

export class AgendaItemRef {
  @IsUUID('all')
  meetingId!: string;

  @IsUUID('all')
  itemId!: string;
}

type Ctor<T> = new () => T;

/**
 * NATS payload of a call that names an entity and carries a body: `{ ref, body }` — the HTTP path's
 * ids in `ref`, the HTTP body unchanged in `body`, both validated again by the service.
 */
function refMessage<R, B>(Ref: Ctor<R>, Body: Ctor<B>): Ctor<{ ref: R; body: B }> {
  class RefMessage {
    @ValidateNested()
    @Type(() => Ref)
    ref!: R;

    @ValidateNested()
    @Type(() => Body)
    body!: B;
  }
  return RefMessage;
}

export class ActOnStepMessage extends refMessage(IdRef, ActOnStepRequest) {}
export class WithdrawMessage extends refMessage(IdRef, WithdrawRequest) {}
export class RecordFilingMessage extends refMessage(IdRef, RecordFilingRequest) {}
export class SignFilingMessage extends refMessage(IdRef, SignFilingRequest) {}
export class RecordIssuanceMessage extends refMessage(IdRef, RecordIssuanceRequest) {}
export class ReportExecutionMessage extends refMessage(IdRef, ReportExecutionRequest) {}
export class EvaluateMessage extends refMessage(IdRef, EvaluateRequest) {}
export class SetAttendanceMessage extends refMessage(IdRef, SetAttendanceRequest) {}
export class AddAgendaItemMessage extends refMessage(IdRef, AddAgendaItemRequest) {}
export class RecusalMessage extends refMessage(AgendaItemRef, RecusalRequest) {}
export class StatePositionMessage extends refMessage(AgendaItemRef, StatePositionRequest) {}
export class ConcludeMessage extends refMessage(AgendaItemRef, ConcludeRequest) {}
export class VerifyDecisionMessage extends refMessage(IdRef, VerifyPrintedRequest) {}

/** A file uploaded to the gateway, passed by claim check (JetStream object store) to be kept with a matter. */
export class AddAttachmentMessage {
  @IsUUID('all')
  matterId!: string;

  @IsEnum(AttachmentPurpose)
  purpose!: AttachmentPurpose;

  @IsString()
  @Length(1, 200)
  objectKey!: string;

  @IsString()
  @Length(1, 255)
  fileName!: string;

  @IsString()
  @Length(1, 200)
  contentType!: string;

  @IsInt()
  @Min(1)
  @Max(20 * 1024 * 1024)
  size!: number;
}

export class AttachmentRef {
  @IsUUID('all')
  matterId!: string;

  @IsUUID('all')
  attachmentId!: string;
}
