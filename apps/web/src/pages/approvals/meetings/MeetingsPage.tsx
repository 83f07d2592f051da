import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Form, Input, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { approvalPaths, approvalRoutes } from '../../../api/paths';
import { useLoad } from '../../../api/useLoad';
import { textOrNull } from '../../../approvals/forms';
import type { CreateMeetingBody, Meeting, MeetingSummary } from '../../../approvals/types';
import { DateInput } from '../../../components/DateInput';
import { MEETING_STATUSES, type MeetingStatusName } from '../../../i18n/approvals';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format, MEETING_BODIES, type MeetingBodyName } from '../../../i18n/messages';
import { todayInChina } from '../../../power-list/dates';
import { PageHeading } from '../../PageHeading';
import { ApprovalsFormModal } from '../components/ApprovalsFormModal';
import { ApprovalsProblemAlert } from '../components/ApprovalsProblemAlert';
import { MeetingBodyTag, MeetingStatusTag } from '../components/Tags';
import { useApprovals } from '../components/useApprovals';

interface CreateValues {
  readonly body: MeetingBodyName;
  readonly title: string;
  readonly heldOn: string;
  readonly location?: string;
}

const isStatus = (v: string | null): v is MeetingStatusName => MEETING_STATUSES.some((s) => s === v);

/** 会议: the decision meetings, by status; 新建会议 for meeting:write. */
export default function MeetingsPage() {
  const { m } = useLanguage();
  const a = m.approvals;
  const t = a.meetings;
  const { api, may } = useApprovals();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = isStatus(raw) ? raw : undefined;
  const meetings = useLoad((signal) => api.get<MeetingSummary[]>(approvalPaths.meetings, { query: { status }, signal }), [api, status]);
  const [creating, setCreating] = useState(false);

  const create = async (values: CreateValues) => {
    const body: CreateMeetingBody = { body: values.body, title: values.title.trim(), heldOn: values.heldOn, location: textOrNull(values.location) };
    const created = await api.post<Meeting>(approvalPaths.meetings, body);
    void message.success(format(t.created, { title: created.title }));
    void navigate(approvalRoutes.meeting(created.id));
  };

  const columns: TableColumnsType<MeetingSummary> = [
    { title: t.heldOn, dataIndex: 'heldOn', key: 'heldOn', width: 120 },
    { title: t.body, dataIndex: 'body', key: 'body', width: 150, render: (b: string) => <MeetingBodyTag body={b} /> },
    { title: t.title, dataIndex: 'title', key: 'title', render: (title: string, row) => <Link to={approvalRoutes.meeting(row.id)}>{title}</Link> },
    { title: t.status, dataIndex: 'status', key: 'status', width: 100, render: (s: string) => <MeetingStatusTag status={s} /> },
    { title: t.members, dataIndex: 'memberCount', key: 'members', width: 80, align: 'right' },
    { title: t.agenda, dataIndex: 'agendaCount', key: 'agenda', width: 80, align: 'right' },
  ];

  return (
    <>
      <PageHeading title={a.section.meetings}>{t.description}</PageHeading>
      <div className="ql-toolbar">
        <Space wrap>
          <Select<MeetingStatusName>
            id="meeting-status"
            aria-label={t.status}
            allowClear
            placeholder={t.allStatuses}
            style={{ minWidth: 130 }}
            value={status}
            onChange={(v: MeetingStatusName | undefined) => setParams(v === undefined ? {} : { status: v })}
            options={MEETING_STATUSES.map((s) => ({ value: s, label: a.meetingStatuses[s] }))}
          />
        </Space>
        {may('meeting:write') && (
          <Button id="create-meeting" data-testid="create-meeting" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t.create}
          </Button>
        )}
      </div>
      {meetings.error !== null ? (
        <ApprovalsProblemAlert id="meetings-error" error={meetings.error} onRetry={meetings.reload} />
      ) : (
        <Table<MeetingSummary>
          id="meetings"
          data-testid="meetings"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={[...(meetings.data ?? [])].sort((x, y) => y.heldOn.localeCompare(x.heldOn))}
          loading={meetings.loading}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 800 }}
          caption={<span className="ql-sr-only">{t.caption}</span>}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.empty} /> }}
        />
      )}
      <ApprovalsFormModal<CreateValues>
        open={creating}
        name="create-meeting-form"
        title={t.createTitle}
        okText={m.common.create}
        failedTitle={t.createTitle}
        initialValues={{ body: 'party-committee', heldOn: todayInChina() }}
        onClose={() => setCreating(false)}
        onSubmit={create}
      >
        <Typography.Paragraph type="secondary">{t.membersHint}</Typography.Paragraph>
        <Form.Item name="body" label={t.body} rules={[{ required: true }]}>
          <Select<MeetingBodyName> options={MEETING_BODIES.map((b) => ({ value: b, label: m.meetingBodies[b] }))} />
        </Form.Item>
        <Form.Item name="title" label={t.title} rules={[{ required: true, whitespace: true, min: 2, max: 200, message: format(m.common.required, { field: t.title }) }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="heldOn" label={t.heldOn} rules={[{ required: true, message: format(m.common.requiredChoice, { field: t.heldOn }) }]}>
          <DateInput allowClear={false} />
        </Form.Item>
        <Form.Item name="location" label={t.location} rules={[{ max: 200 }]}>
          <Input maxLength={200} />
        </Form.Item>
      </ApprovalsFormModal>
    </>
  );
}
