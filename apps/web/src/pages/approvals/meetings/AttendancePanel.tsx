import { Alert, App, Button, Input, Radio, Space, Table, type TableColumnsType, Tag } from 'antd';
import { type HTMLAttributes, useEffect, useMemo, useState } from 'react';
import { approvalPaths } from '../../../api/paths';
import { attendanceBody, attendanceDraft, attendanceProblems, type AttendanceRow } from '../../../approvals/meeting-view';
import type { Meeting, MeetingMember } from '../../../approvals/types';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format } from '../../../i18n/messages';
import { ApprovalsProblemAlert } from '../components/ApprovalsProblemAlert';
import { Muted } from '../components/Tags';
import { useApprovals } from '../components/useApprovals';

interface Props {
  readonly meeting: Meeting;
  /** Attendance is taken while the meeting is scheduled, by meeting:write. */
  readonly editable: boolean;
  readonly onChange: (meeting: Meeting) => void;
}

/** 出席情况: the members (the leadership team on the day) and who is present; editable before opening. */
export function AttendancePanel({ meeting, editable, onChange }: Props) {
  const { m } = useLanguage();
  const t = m.approvals.meeting;
  const { api } = useApprovals();
  const { message } = App.useApp();
  // The draft starts again whenever the recorded attendance changes (saved here or elsewhere).
  const recorded = JSON.stringify(meeting.members.map((x) => [x.subject, x.present, x.absenceReason]));
  const [rows, setRows] = useState<AttendanceRow[]>(() => attendanceDraft(meeting.members));
  // `recorded` stands for the members' attendance; the members list itself is a new array on every poll.
  useEffect(() => setRows(attendanceDraft(meeting.members)), [recorded]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [tried, setTried] = useState(false);
  const problems = useMemo(() => attendanceProblems(rows), [rows]);
  const rowOf = (subject: string) => rows.find((r) => r.subject === subject);
  const setRow = (subject: string, change: Partial<AttendanceRow>) => setRows((rs) => rs.map((r) => (r.subject === subject ? { ...r, ...change } : r)));
  const nameOf = (subject: string) => meeting.members.find((x) => x.subject === subject)?.name ?? subject;

  const save = async () => {
    setTried(true);
    if (problems.length > 0) return;
    setBusy(true);
    setError(null);
    try {
      onChange(await api.put<Meeting>(approvalPaths.attendance(meeting.id), attendanceBody(rows)));
      setTried(false);
      void message.success(t.attendanceSaved);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumnsType<MeetingMember> = [
    {
      title: t.memberName,
      key: 'name',
      width: 150,
      render: (_, x) => (
        <Space size={4} wrap={false} style={{ whiteSpace: 'nowrap' }}>
          <span>{x.name}</span>
          {x.isMainLeader && <Tag color="red">{t.mainLeader}</Tag>}
        </Space>
      ),
    },
    { title: t.memberTitle, dataIndex: 'title', key: 'title', width: 200 },
    {
      title: t.attendance,
      key: 'present',
      width: 190,
      render: (_, x) => {
        if (!editable) {
          if (x.present === null) return <Tag>{t.notTaken}</Tag>;
          return x.present ? <Tag color="green">{t.present}</Tag> : <Tag color="default">{t.absent}</Tag>;
        }
        const row = rowOf(x.subject);
        return (
          <Radio.Group
            aria-label={format(t.attendanceOf, { name: x.name })}
            data-testid={`attendance-${x.subject}`}
            value={row?.present === null || row?.present === undefined ? undefined : row.present ? 'present' : 'absent'}
            onChange={(e) => setRow(x.subject, { present: e.target.value === 'present' })}
            optionType="button"
            options={[
              { value: 'present', label: t.present },
              { value: 'absent', label: t.absent },
            ]}
          />
        );
      },
    },
    {
      title: t.absenceReason,
      key: 'reason',
      width: 260,
      render: (_, x) => {
        if (!editable) return x.absenceReason ?? <Muted />;
        const row = rowOf(x.subject);
        if (row?.present !== false) return <Muted />;
        const missing = tried && row.absenceReason.trim() === '';
        return (
          <Input
            aria-label={format(t.absenceReasonOf, { name: x.name })}
            data-testid={`absence-reason-${x.subject}`}
            status={missing ? 'error' : undefined}
            maxLength={200}
            value={row.absenceReason}
            onChange={(e) => setRow(x.subject, { absenceReason: e.target.value })}
          />
        );
      },
    },
  ];

  return (
    <section aria-label={t.attendance}>
      <div className="ql-toolbar">
        <h2 className="ql-h2">{t.attendance}</h2>
        {editable && (
          <Space wrap>
            <Button data-testid="all-present" onClick={() => setRows((rs) => rs.map((r) => ({ ...r, present: true })))}>
              {t.allPresent}
            </Button>
            <Button type="primary" loading={busy} data-testid="save-attendance" id="save-attendance" onClick={() => void save()}>
              {t.saveAttendance}
            </Button>
          </Space>
        )}
      </div>
      {editable && tried && problems.length > 0 && (
        <Alert
          className="ql-ap-card"
          type="error"
          showIcon
          role="alert"
          title={m.common.fixFields}
          description={
            <ul className="ql-problem-fields">
              {problems.map((p) => (
                <li key={p.subject}>{format(p.problem === 'undecided' ? t.attendanceUndecided : t.attendanceReason, { name: nameOf(p.subject) })}</li>
              ))}
            </ul>
          }
        />
      )}
      {error !== null && <ApprovalsProblemAlert id="attendance-error" error={error} title={t.saveAttendance} />}
      <Table<MeetingMember>
        id="attendance"
        data-testid="attendance-table"
        rowKey="subject"
        size="small"
        columns={columns}
        dataSource={meeting.members}
        pagination={false}
        scroll={{ x: 700 }}
        onRow={(x) => ({ 'data-subject': x.subject, 'data-present': String(x.present) }) as HTMLAttributes<HTMLElement>}
        caption={<span className="ql-sr-only">{t.attendanceCaption}</span>}
      />
    </section>
  );
}
