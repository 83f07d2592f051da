import { type MeetingBody } from '../power-list/flow.dto';
import { type DecisionResult, type DecisionTermsDto, type FilingKind, type MatterStatus, type StepAction, type TermDifferenceDto } from './matter.dto';
import { type AlertKind, type Position } from './meeting.dto';
import { type MatterType } from './policy.dto';

/**
 * Every event approvals publishes, `approvals.<entity>.<event>`; payloads below, all version 1.
 * The `approvals.alert.*` events are the detections risk-registry and accountability consume.
 */
export const ApprovalsEvents = {
  policyChanged: 'approvals.policy.changed',
  matterSubmitted: 'approvals.matter.submitted',
  stepActed: 'approvals.step.acted',
  matterWithdrawn: 'approvals.matter.withdrawn',
  stepReminder: 'approvals.step.reminder',
  filingRecorded: 'approvals.filing.recorded',
  /** 抄送派驻纪检监察组存档备查 */
  filingCopied: 'approvals.filing.copied',
  meetingScheduled: 'approvals.meeting.scheduled',
  meetingOpened: 'approvals.meeting.opened',
  meetingClosed: 'approvals.meeting.closed',
  agendaItemAdded: 'approvals.agenda-item.added',
  recusalRecorded: 'approvals.recusal.recorded',
  positionStated: 'approvals.position.stated',
  decisionSealed: 'approvals.decision.sealed',
  issuanceRecorded: 'approvals.issuance.recorded',
  executionReported: 'approvals.execution.reported',
  matterClosed: 'approvals.matter.closed',
  signingKeyRotated: 'approvals.signing-key.rotated',
  /** 应上会未上会 */
  alertShouldHaveMet: 'approvals.alert.should-have-met',
  /** 拆分事项规避上会 */
  alertSplitting: 'approvals.alert.splitting',
  /** 擅自改变决策事项 */
  alertDecisionChanged: 'approvals.alert.decision-changed',
  /** 决议决策与落实推进不一致 */
  alertExecutionDivergent: 'approvals.alert.execution-divergent',
  /** 办理超时 */
  alertOverdue: 'approvals.alert.overdue',
} as const;

export const AlertEventTypes: Readonly<Record<AlertKind, string>> = {
  'should-have-met': ApprovalsEvents.alertShouldHaveMet,
  splitting: ApprovalsEvents.alertSplitting,
  'decision-changed': ApprovalsEvents.alertDecisionChanged,
  'execution-divergent': ApprovalsEvents.alertExecutionDivergent,
  overdue: ApprovalsEvents.alertOverdue,
};

export interface PolicyChangedV1 {
  readonly versionNo: number;
}

export interface MatterRefV1 {
  readonly matterId: string;
  readonly matterNo: string;
  readonly title: string;
  readonly matterType: MatterType | null;
  readonly amount: number | null;
  readonly counterparty: string | null;
  readonly powerItemId: string;
  readonly powerItemCode: string;
}

export interface MatterSubmittedV1 extends MatterRefV1 {
  readonly requiresMeeting: boolean;
  readonly policyVersionNo: number;
  readonly proposerSubject: string;
}

export interface StepActedV1 {
  readonly matterId: string;
  readonly taskId: string;
  readonly stepOrder: number;
  readonly action: StepAction;
  readonly opinion: string;
  readonly actorSubject: string;
  readonly returnedTo: number | null;
  readonly matterStatus: MatterStatus;
  readonly nextStep: number | null;
}

export interface MatterWithdrawnV1 {
  readonly matterId: string;
  readonly reason: string;
}

export interface StepDeadlineV1 {
  readonly matterId: string;
  readonly matterNo: string;
  readonly taskId: string;
  readonly stepOrder: number;
  readonly stepName: string;
  readonly dueAt: string;
  readonly assignees: string[];
}

export interface FilingRecordedV1 {
  readonly matterId: string;
  readonly kind: FilingKind;
  readonly entryId: string;
}

export interface FilingCopiedV1 {
  readonly matterId: string;
  readonly matterNo: string;
  readonly copiedAt: string;
  readonly entryIds: string[];
}

export interface MeetingScheduledV1 {
  readonly meetingId: string;
  readonly body: MeetingBody;
  readonly heldOn: string;
  readonly members: string[];
}

export interface MeetingOpenedV1 {
  readonly meetingId: string;
  readonly present: number;
  readonly members: number;
}

export interface AgendaItemAddedV1 {
  readonly meetingId: string;
  readonly agendaItemId: string;
  readonly matterId: string;
}

export interface RecusalRecordedV1 {
  readonly meetingId: string;
  readonly agendaItemId: string;
  readonly matterId: string;
  readonly subject: string;
  readonly kind: 'declared' | 'required';
  readonly reason: string;
}

export interface PositionStatedV1 {
  readonly meetingId: string;
  readonly agendaItemId: string;
  readonly matterId: string;
  readonly subject: string;
  readonly position: Position;
  readonly reason: string | null;
  readonly seq: number;
}

/** Sealed: the hash and signature let any consumer check the record later. */
export interface DecisionSealedV1 {
  readonly decisionId: string;
  readonly meetingId: string;
  readonly matterId: string;
  readonly body: MeetingBody;
  readonly result: DecisionResult;
  readonly terms: DecisionTermsDto;
  /** who agreed, disagreed…: accountability takes liability from these */
  readonly positions: { readonly subject: string; readonly position: Position }[];
  readonly hash: string;
  readonly keyId: string;
}

export interface IssuanceRecordedV1 {
  readonly matterId: string;
  readonly issuanceId: string;
  readonly docNo: string;
  readonly differences: TermDifferenceDto[];
}

export interface ExecutionReportedV1 {
  readonly matterId: string;
  readonly reportId: string;
  readonly progressPercent: number;
  readonly divergences: TermDifferenceDto[];
}

export interface MatterClosedV1 {
  readonly matterId: string;
  readonly rating: string;
}

export interface SigningKeyRotatedV1 {
  readonly keyId: string;
  readonly retiredKeyId: string | null;
}

/** Every `approvals.alert.*` payload. */
export interface AlertRaisedV1 {
  readonly alertId: string;
  readonly kind: AlertKind;
  readonly matter: MatterRefV1;
  readonly relatedMatterIds: string[];
  readonly summary: string;
  /** kind-specific detail: differences, the split matters and their total, the overdue task… */
  readonly detail: Record<string, unknown>;
}
