import { ArrowLeftOutlined, PlusOutlined, SyncOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Empty, Form, Select, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { approvalPaths, approvalRoutes } from '../../../api/paths';
import { useLoad } from '../../../api/useLoad';
import { agendaCandidates, mayAddAgenda, openState, shouldPoll } from '../../../approvals/meeting-view';
import { formatYuan } from '../../../approvals/money';
import type { Meeting, MatterPage } from '../../../approvals/types';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format, labelOf } from '../../../i18n/messages';
import { dateTimeText } from '../../../power-list/dates';
import { PageHeading } from '../../PageHeading';
import { ApprovalsFormModal } from '../components/ApprovalsFormModal';
import { ApprovalsProblemAlert } from '../components/ApprovalsProblemAlert';
import { MeetingBodyTag, MeetingStatusTag, Muted } from '../components/Tags';
import { useApprovals } from '../components/useApprovals';
import { AgendaItemCard } from './AgendaItemCard';
import { AttendancePanel } from './AttendancePanel';

/** While in session the meeting is read again this often, so everyone sees the others' positions. */
const POLL_MS = 3_000;

/** 应到 / 实到 / 法定人数 / 是否达到. */
function QuorumBox({ meeting }: { readonly meeting: Meeting }) {
  const { m } = useLanguage();
  const t = m.approvals.meeting;
  const q = meeting.quorum;
  const cell = (label: string, value: ReactNode, testId: string) => (
    <div className="ql-ap-quorum-cell">
      <div className="ql-muted ql-small">{label}</div>
      <div className="ql-ap-quorum-value" data-testid={testId}>
        {value}
      </div>
    </div>
  );
  return (
    <Card size="small" className="ql-ap-card" title={<h2 className="ql-h2">{t.quorum}</h2>} data-testid="quorum" data-met={String(q.met)}>
      <div className="ql-ap-quorum">
        {cell(t.quorumMembers, q.members, 'quorum-members')}
        {cell(t.quorumPresent, q.present, 'quorum-present')}
        {cell(t.quorumRequired, q.required, 'quorum-required')}
        {cell(t.quorumMet, <span className={q.met ? 'ql-ap-quorum-met' : 'ql-ap-quorum-unmet'}>{q.met ? t.met : t.notMet}</span>, 'quorum-met')}
      </div>
    </Card>
  );
}

/** 会议: attendance and quorum, 开会, the agenda with recusals and positions in order, MY position, 形成决议. */
export default function MeetingPage() {
  const { id = '' } = useParams();
  const { m } = useLanguage();
  const a = m.approvals;
  const t = a.meeting;
  const { api, may } = useApprovals();
  const { modal, message } = App.useApp();
  const loaded = useLoad((signal) => api.get<Meeting>(approvalPaths.meeting(id), { signal }), [api, id]);
  const [meeting, setMeeting] = useState<Meeting | undefined>();
  useEffect(() => setMeeting(loaded.data), [loaded.data]);
  const [failure, setFailure] = useState<{ title: string; error: unknown } | null>(null);
  const [adding, setAdding] = useState(false);
  const reload = loaded.reload;

  // Poll while in session: positions arrive from other people's browsers.
  const polling = shouldPoll(meeting);
  useEffect(() => {
    if (!polling) return undefined;
    const timer = window.setInterval(reload, POLL_MS);
    return () => window.clearInterval(timer);
  }, [polling, reload]);

  const awaiting = useLoad(
    (signal) => (adding ? api.get<MatterPage>(approvalPaths.matters, { query: { status: 'awaiting-meeting', limit: 200 }, signal }) : Promise.resolve(undefined)),
    [api, adding],
  );

  if (!meeting || meeting.id !== id) {
    return (
      <>
        <PageHeading title={a.section.meetings} />
        {loaded.error !== null ? <ApprovalsProblemAlert id="meeting-error" error={loaded.error} onRetry={loaded.reload} /> : <Spin description={m.app.loading} />}
      </>
    );
  }

  /** A write's answer is shown at once; a fresh read follows, so a poll started before the write cannot bring back the old state. */
  const changed = (next: Meeting) => {
    setMeeting(next);
    reload();
  };

  const run = (opts: { title: string; confirm: string; path: string; done: string }) => {
    modal.confirm({
      title: opts.title,
      content: opts.confirm,
      okText: opts.title,
      cancelText: m.common.cancel,
      onOk: async () => {
        setFailure(null);
        try {
          changed(await api.post<Meeting>(opts.path));
          void message.success(opts.done);
        } catch (error) {
          setFailure({ title: opts.title, error });
        }
      },
    });
  };

  const open = openState(meeting, may('meeting:write'));
  const openBlockedReason = open.show && !open.enabled ? t.openBlocked[open.reason] : null;
  const candidates = agendaCandidates(awaiting.data?.items ?? [], meeting);

  const addAgenda = async ({ matterId }: { matterId: string }) => {
    changed(await api.post<Meeting>(approvalPaths.agenda(meeting.id), { matterId }));
    void message.success(t.agendaAdded);
  };

  return (
    <>
      <header className="ql-ap-header">
        <Link to={approvalRoutes.meetings} className="ql-back-link">
          <ArrowLeftOutlined aria-hidden="true" /> {t.backToList}
        </Link>
        <PageHeading title={meeting.title} />
        <Space wrap size="middle" className="ql-ap-meta">
          <MeetingBodyTag body={meeting.body} />
          <span data-testid="meeting-status">
            <MeetingStatusTag status={meeting.status} />
          </span>
          <span>{meeting.heldOn}</span>
          {meeting.location && <span>{meeting.location}</span>}
          <Tag>{format(a.common.policyVersion, { no: meeting.policyVersionNo })}</Tag>
          {polling && (
            <Typography.Text type="secondary" className="ql-small" data-testid="meeting-live">
              <SyncOutlined spin aria-hidden="true" /> {t.live}
            </Typography.Text>
          )}
        </Space>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'opened', label: t.openedAt, children: meeting.openedAt ? dateTimeText(meeting.openedAt) : <Muted /> },
            { key: 'closed', label: t.closedAt, children: meeting.closedAt ? dateTimeText(meeting.closedAt) : <Muted /> },
          ]}
        />
        <Space wrap className="ql-ap-actions" role="group" aria-label={m.common.actions}>
          {open.show && (
            <>
              <Tooltip title={openBlockedReason}>
                <span>
                  <Button
                    type="primary"
                    id="open-meeting"
                    data-testid="open-meeting"
                    disabled={!open.enabled}
                    onClick={() => run({ title: t.open, confirm: t.openConfirm, path: approvalPaths.openMeeting(meeting.id), done: t.opened })}
                  >
                    {t.open}
                  </Button>
                </span>
              </Tooltip>
              {openBlockedReason && (
                <Typography.Text type="secondary" data-testid="open-blocked-reason">
                  {openBlockedReason}
                </Typography.Text>
              )}
            </>
          )}
          {meeting.status === 'in-session' && may('meeting:write') && (
            <Button id="close-meeting" data-testid="close-meeting" onClick={() => run({ title: t.close, confirm: t.closeConfirm, path: approvalPaths.closeMeeting(meeting.id), done: t.closed })}>
              {t.close}
            </Button>
          )}
        </Space>
        {failure && <ApprovalsProblemAlert id="meeting-action-error" error={failure.error} title={failure.title} />}
        {loaded.error !== null && <ApprovalsProblemAlert id="meeting-refresh-error" error={loaded.error} onRetry={loaded.reload} />}
      </header>

      <div className="ql-ap-grid">
        <div>
          <AttendancePanel meeting={meeting} editable={meeting.status === 'scheduled' && may('meeting:write')} onChange={changed} />
        </div>
        <QuorumBox meeting={meeting} />
      </div>

      <section aria-label={t.agenda} className="ql-section-title">
        <div className="ql-toolbar">
          <h2 className="ql-h2">{t.agenda}</h2>
          {mayAddAgenda(meeting, may('meeting:write')) && (
            <Button icon={<PlusOutlined />} data-testid="add-agenda" id="add-agenda" onClick={() => setAdding(true)}>
              {t.addAgenda}
            </Button>
          )}
        </div>
        {meeting.agenda.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.agendaEmpty} />
        ) : (
          [...meeting.agenda]
            .sort((x, y) => x.seq - y.seq)
            .map((item) => <AgendaItemCard key={item.id} meeting={meeting} item={item} onChange={changed} onConcluded={() => reload()} />)
        )}
      </section>

      <ApprovalsFormModal<{ matterId: string }>
        open={adding}
        name="add-agenda-form"
        title={t.addAgendaTitle}
        width={720}
        okText={t.addAgenda}
        failedTitle={t.addAgenda}
        onClose={() => setAdding(false)}
        onSubmit={addAgenda}
      >
        <Typography.Paragraph type="secondary">{t.agendaHint}</Typography.Paragraph>
        {awaiting.error !== null && <ApprovalsProblemAlert error={awaiting.error} onRetry={awaiting.reload} />}
        <Form.Item name="matterId" label={t.agendaMatter} rules={[{ required: true, message: format(m.common.requiredChoice, { field: t.agendaMatter }) }]}>
          <Select<string>
            loading={awaiting.loading}
            showSearch={{ optionFilterProp: 'label' }}
            notFoundContent={awaiting.loading ? undefined : t.noAwaiting}
            options={candidates.map((x) => ({
              value: x.id,
              label: [x.no, x.title, x.matterType ? labelOf(a.matterTypes, x.matterType) : a.common.general, formatYuan(x.amount)].filter(Boolean).join(' · '),
            }))}
          />
        </Form.Item>
      </ApprovalsFormModal>
    </>
  );
}
