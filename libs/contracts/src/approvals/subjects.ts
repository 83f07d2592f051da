import { healthSubject } from '../subjects';

/** approvals' request-reply subjects, `approvals.<entity>.<verb>`; payload → reply in the comment where not obvious. */
export const ApprovalsSubjects = {
  health: healthSubject('approvals'),
  policyGet: 'approvals.policy.get',
  policyVersions: 'approvals.policy.versions',
  policyUpdate: 'approvals.policy.update',
  matterCreate: 'approvals.matter.create',
  matterList: 'approvals.matter.list',
  matterGet: 'approvals.matter.get',
  /** ActOnStepMessage → MatterDto */
  matterAct: 'approvals.matter.act',
  matterWithdraw: 'approvals.matter.withdraw',
  /** { matterId, purpose, file: FileRefDto } → AttachmentDto */
  attachmentAdd: 'approvals.attachment.add',
  /** { matterId, attachmentId } → InlineFileDto */
  attachmentGet: 'approvals.attachment.get',
  filingRecord: 'approvals.filing.record',
  filingSign: 'approvals.filing.sign',
  /** → MatterSummaryDto[] of filed matters (派驻纪检监察组存档) */
  filingList: 'approvals.filing.list',
  issuanceRecord: 'approvals.issuance.record',
  executionReport: 'approvals.execution.report',
  evaluationRecord: 'approvals.evaluation.record',
  /** → TodoDto[] of the caller */
  todoList: 'approvals.todo.list',
  meetingCreate: 'approvals.meeting.create',
  meetingList: 'approvals.meeting.list',
  meetingGet: 'approvals.meeting.get',
  meetingAttendance: 'approvals.meeting.attendance',
  meetingOpen: 'approvals.meeting.open',
  meetingClose: 'approvals.meeting.close',
  agendaAdd: 'approvals.agenda.add',
  recusalRecord: 'approvals.recusal.record',
  positionState: 'approvals.position.state',
  /** ConcludeMessage → DecisionRecordDto (sealed) */
  agendaConclude: 'approvals.agenda.conclude',
  decisionGet: 'approvals.decision.get',
  /** VerifyDecisionMessage → DecisionVerificationDto */
  decisionVerify: 'approvals.decision.verify',
  /** IdRef → InlineFileDto (print-ready HTML) */
  decisionPrint: 'approvals.decision.print',
  signingKeyList: 'approvals.signing-key.list',
  signingKeyRotate: 'approvals.signing-key.rotate',
  alertList: 'approvals.alert.list',
} as const;
