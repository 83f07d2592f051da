import { Tag, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { shortHash } from '../../../approvals/hash';
import { formatYuan } from '../../../approvals/money';
import { dueColor, dueInfo, durationText } from '../../../approvals/time';
import type { AlertKindName, DecisionResultName, MatterStatusName, MeetingStatusName, PositionName } from '../../../i18n/approvals';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format, labelOf } from '../../../i18n/messages';
import { dateTimeText } from '../../../power-list/dates';

const MATTER_STATUS_COLORS: Readonly<Record<MatterStatusName, string>> = {
  'in-progress': 'processing',
  'awaiting-meeting': 'gold',
  executing: 'cyan',
  closed: 'success',
  rejected: 'error',
  withdrawn: 'default',
};
const MEETING_STATUS_COLORS: Readonly<Record<MeetingStatusName, string>> = { scheduled: 'blue', 'in-session': 'processing', closed: 'default' };
const POSITION_COLORS: Readonly<Record<PositionName, string>> = { agree: 'green', disagree: 'red', defer: 'orange', abstain: 'default' };
const RESULT_COLORS: Readonly<Record<DecisionResultName, string>> = { passed: 'success', rejected: 'error', deferred: 'warning' };
const ALERT_COLORS: Readonly<Record<AlertKindName, string>> = {
  'should-have-met': 'red',
  splitting: 'volcano',
  'decision-changed': 'red',
  'execution-divergent': 'magenta',
  overdue: 'orange',
};

function colorOf<K extends string>(table: Readonly<Record<K, string>>, key: string): string {
  return Object.hasOwn(table, key) ? table[key as K] : 'default';
}

export function MatterStatusTag({ status }: { readonly status: string }) {
  const { m } = useLanguage();
  return (
    <Tag color={colorOf(MATTER_STATUS_COLORS, status)} data-status={status}>
      {labelOf(m.approvals.matterStatuses, status)}
    </Tag>
  );
}

/** The “三重一大” type, or 一般事项. */
export function MatterTypeTag({ type }: { readonly type: string | null }) {
  const { m } = useLanguage();
  if (type === null) return <Tag data-matter-type="general">{m.approvals.common.general}</Tag>;
  return (
    <Tag color="purple" data-matter-type={type}>
      {labelOf(m.approvals.matterTypes, type)}
    </Tag>
  );
}

export function RequiresMeetingTag() {
  const { m } = useLanguage();
  return (
    <Tag color="red" data-testid="requires-meeting">
      {m.approvals.common.requiresMeeting}
    </Tag>
  );
}

export function MeetingStatusTag({ status }: { readonly status: string }) {
  const { m } = useLanguage();
  return (
    <Tag color={colorOf(MEETING_STATUS_COLORS, status)} data-status={status}>
      {labelOf(m.approvals.meetingStatuses, status)}
    </Tag>
  );
}

export function PositionTag({ position }: { readonly position: string }) {
  const { m } = useLanguage();
  return (
    <Tag color={colorOf(POSITION_COLORS, position)} data-position={position}>
      {labelOf(m.approvals.positions, position)}
    </Tag>
  );
}

export function ResultTag({ result, testId }: { readonly result: string; readonly testId?: string }) {
  const { m } = useLanguage();
  return (
    <Tag color={colorOf(RESULT_COLORS, result)} data-result={result} data-testid={testId}>
      {labelOf(m.approvals.decisionResults, result)}
    </Tag>
  );
}

export function AlertKindTag({ kind }: { readonly kind: string }) {
  const { m } = useLanguage();
  return (
    <Tag color={colorOf(ALERT_COLORS, kind)} data-alert-kind={kind}>
      {labelOf(m.approvals.alertKinds, kind)}
    </Tag>
  );
}

export function MeetingBodyTag({ body }: { readonly body: string }) {
  const { m } = useLanguage();
  return (
    <Tag color="geekblue" data-body={body}>
      {labelOf(m.meetingBodies, body)}
    </Tag>
  );
}

/** A due time with what is left: red when overdue, orange within 24 hours. */
export function DueText({ dueAt, now, done }: { readonly dueAt: string | null; readonly now: Date; readonly done?: boolean }) {
  const { m } = useLanguage();
  const a = m.approvals.common;
  if (!dueAt) return <Muted />;
  if (done) return <span>{dateTimeText(dueAt)}</span>;
  const info = dueInfo(dueAt, now);
  const span = durationText(info.remainingMs, a.duration);
  return (
    <span className="ql-due" data-due-state={info.state}>
      <span>{dateTimeText(dueAt)}</span>{' '}
      <Tag color={dueColor(info.state)} data-testid="due-remaining">
        {info.state === 'overdue' ? format(a.overdueBy, { time: span }) : format(a.remaining, { time: span })}
      </Tag>
    </span>
  );
}

/** — for a value not stated. */
export function Muted({ children }: { readonly children?: ReactNode }) {
  const { m } = useLanguage();
  return <span className="ql-muted">{children ?? m.common.empty}</span>;
}

/** Text as written (line breaks kept), or —. */
export function TextOrDash({ value }: { readonly value: string | null | undefined }) {
  return value ? <span className="ql-pre">{value}</span> : <Muted />;
}

export function Amount({ value }: { readonly value: number | null | undefined }) {
  const text = formatYuan(value);
  return text ? <span className="ql-amount">{text}</span> : <Muted />;
}

/** A hash in monospace, shortened, the whole in a tooltip (and copyable). */
export function HashText({ value, testId }: { readonly value: string; readonly testId?: string }) {
  const short = shortHash(value);
  return (
    <Tooltip title={<span className="ql-mono ql-break">{value}</span>}>
      <code className="ql-mono" data-testid={testId} data-value={value} tabIndex={0} aria-label={value}>
        {short}
      </code>
    </Tooltip>
  );
}
