import { Alert, App, Button, Card, Checkbox, Form, type FormInstance, Input, Radio, Select, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { Link } from 'react-router-dom';
import { approvalPaths, approvalRoutes } from '../../../api/paths';
import { concludeState, mayDeclareRecusal, nameOf, positionFormState, positionsInOrder, reasonRequired, recusableMembers } from '../../../approvals/meeting-view';
import { termsBody, type TermsFormValues, termsFormValues } from '../../../approvals/terms';
import type { AgendaItem, ConcludeBody, DecisionRecord, Meeting, PositionBody, PositionEntry } from '../../../approvals/types';
import { POSITIONS, type PositionName } from '../../../i18n/approvals';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format, labelOf } from '../../../i18n/messages';
import { dateTimeText } from '../../../power-list/dates';
import { messageIn } from '../../../power-list/problems';
import { ApprovalsFormModal } from '../components/ApprovalsFormModal';
import { ApprovalsProblemAlert } from '../components/ApprovalsProblemAlert';
import { MatterTypeTag, Muted, PositionTag, ResultTag, TextOrDash } from '../components/Tags';
import { TermsFields, TermsView } from '../components/Terms';
import { useApprovals } from '../components/useApprovals';

interface Props {
  readonly meeting: Meeting;
  readonly item: AgendaItem;
  readonly onChange: (meeting: Meeting) => void;
  /** After a decision is sealed: the meeting is read again. */
  readonly onConcluded: (record: DecisionRecord) => void;
}

interface PositionValues {
  readonly position: PositionName;
  readonly reason?: string;
}

interface ConcludeValues {
  readonly summary?: string;
  readonly amend?: boolean;
  readonly terms?: TermsFormValues;
}

type Dialog = 'declare' | 'require' | 'conclude' | null;

/** MY position on an item: 同意/不同意/缓议/弃权, a reason unless 同意; held back for the main leader (末位表态). */
function PositionForm({ meeting, item, blocked, onChange }: { readonly meeting: Meeting; readonly item: AgendaItem; readonly blocked: string | null; readonly onChange: (meeting: Meeting) => void }) {
  const { lang, m } = useLanguage();
  const a = m.approvals;
  const t = a.meeting;
  const { api } = useApprovals();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<PositionValues>();
  const position = Form.useWatch('position', form);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const needsReason = reasonRequired(position);

  const submit = (values: PositionValues) => {
    modal.confirm({
      title: format(t.myPositionOn, { seq: item.seq }),
      content: t.positionConfirm,
      okText: t.submitPosition,
      cancelText: m.common.cancel,
      onOk: async () => {
        setBusy(true);
        setError(null);
        try {
          const reason = values.reason?.trim() ?? '';
          const body: PositionBody = { position: values.position, ...(reason ? { reason } : {}) };
          onChange(await api.post<Meeting>(approvalPaths.positions(meeting.id, item.id), body));
          void message.success(t.stated);
        } catch (e) {
          setError(e);
        } finally {
          setBusy(false);
        }
      },
    });
  };

  return (
    <section className="ql-ap-position-form" data-testid="position-form" aria-label={format(t.myPositionOn, { seq: item.seq })} data-blocked={blocked ? 'true' : 'false'}>
      <h3 className="ql-h2 ql-ap-subtitle">{t.myPosition}</h3>
      {blocked && <Alert className="ql-ap-card" type="warning" showIcon data-testid="main-leader-blocked" id={`main-leader-blocked-${String(item.seq)}`} title={t.mainLeaderBlocked} description={messageIn(blocked, lang)} />}
      {error !== null && <ApprovalsProblemAlert id={`position-error-${String(item.seq)}`} error={error} title={t.submitPosition} />}
      <Form<PositionValues> form={form} name={`position-${String(item.seq)}`} layout="vertical" disabled={blocked !== null} onFinish={submit}>
        <Form.Item name="position" label={t.positionLabel} rules={[{ required: true, message: t.positionRule }]}>
          <Radio.Group optionType="button" buttonStyle="solid" options={POSITIONS.map((p) => ({ value: p, label: a.positions[p] }))} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t.reasonLabel}
          extra={t.reasonHint}
          dependencies={['position']}
          rules={[{ required: needsReason, whitespace: true, min: needsReason ? 2 : 0, max: 2000, message: t.reasonRule }]}
        >
          <Input.TextArea rows={3} maxLength={2000} showCount />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="submit-position">
          {t.submitPosition}
        </Button>
      </Form>
    </section>
  );
}

/** One agenda item: the matter and its terms, recusals, the positions in order, who is pending, MY position, 形成决议. */
export function AgendaItemCard({ meeting, item, onChange, onConcluded }: Props) {
  const { m } = useLanguage();
  const a = m.approvals;
  const t = a.meeting;
  const { api, may, subject } = useApprovals();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Dialog>(null);
  const mine = positionFormState(meeting, item, subject, may('position:write'));
  const conclude = concludeState(meeting, item, may('meeting:write'));
  const mayDeclare = mayDeclareRecusal(meeting, item, subject, may('position:write'));
  const mayRequire = may('meeting:write') && item.status === 'open' && meeting.status !== 'closed';
  const title = format(t.itemTitle, { seq: item.seq, title: item.matterTitle });

  const recuse = async (values: { subject?: string; reason: string }) => {
    const body = { reason: values.reason.trim(), ...(values.subject ? { subject: values.subject } : {}) };
    onChange(await api.post<Meeting>(approvalPaths.recusals(meeting.id, item.id), body));
    void message.success(t.recused);
  };

  const concludeItem = async (values: ConcludeValues) => {
    const summary = values.summary?.trim() ?? '';
    const body: ConcludeBody = { ...(values.amend ? { terms: termsBody(values.terms) } : {}), ...(summary ? { summary } : {}) };
    const record = await api.post<DecisionRecord>(approvalPaths.conclude(meeting.id, item.id), body);
    void message.success(format(t.concluded, { result: labelOf(a.decisionResults, record.content.result) }));
    onConcluded(record);
  };

  const columns: TableColumnsType<PositionEntry> = [
    { title: t.seq, dataIndex: 'seq', key: 'seq', width: 60, align: 'right' },
    {
      title: t.name,
      key: 'name',
      width: 160,
      render: (_, p) => (
        <Space size={4}>
          <span>{p.name}</span>
          {p.isMainLeader && <Tag color="red">{t.mainLeader}</Tag>}
        </Space>
      ),
    },
    { title: t.position, dataIndex: 'position', key: 'position', width: 90, render: (p: string) => <PositionTag position={p} /> },
    { title: t.reason, dataIndex: 'reason', key: 'reason', render: (r: string | null) => <TextOrDash value={r} /> },
    { title: t.statedAt, dataIndex: 'statedAt', key: 'statedAt', width: 150, render: (v: string) => dateTimeText(v) },
  ];

  const concludeBlockedReason = conclude.show && !conclude.enabled ? t.concludeBlocked[conclude.reason] : null;

  return (
    <Card
      className="ql-ap-agenda-item"
      data-testid="agenda-item"
      data-seq={item.seq}
      data-matter-no={item.matterNo}
      data-status={item.status}
      title={
        <Space wrap>
          <h3 className="ql-h2">{title}</h3>
          <Typography.Text code>{item.matterNo}</Typography.Text>
          <MatterTypeTag type={item.matterType} />
          <Tag color={item.status === 'open' ? 'processing' : 'default'}>{t.itemStatus[item.status]}</Tag>
        </Space>
      }
      extra={<Link to={approvalRoutes.matter(item.matterId)}>{a.common.view}</Link>}
    >
      {item.status === 'decided' && item.result && (
        <Alert
          className="ql-ap-card"
          type={item.result === 'passed' ? 'success' : item.result === 'rejected' ? 'error' : 'warning'}
          showIcon
          title={
            <Space wrap>
              <span>
                {t.result}
                {a.common.colon}
              </span>
              <ResultTag result={item.result} testId="decision-result" />
            </Space>
          }
          action={
            item.decisionId && (
              <Link to={approvalRoutes.decision(item.decisionId)} data-testid="decision-link">
                {t.viewDecision}
              </Link>
            )
          }
        />
      )}
      <h4 className="ql-ap-subtitle">{t.terms}</h4>
      <TermsView terms={item.terms} />

      <div className="ql-toolbar ql-ap-steps">
        <h4 className="ql-ap-subtitle">{t.recusals}</h4>
        <Space wrap>
          {mayDeclare && (
            <Button size="small" data-testid="declare-recusal" onClick={() => setDialog('declare')}>
              {t.declareRecusal}
            </Button>
          )}
          {mayRequire && (
            <Button size="small" data-testid="require-recusal" onClick={() => setDialog('require')}>
              {t.requireRecusal}
            </Button>
          )}
        </Space>
      </div>
      {item.recusals.length === 0 ? (
        <Muted>{t.noRecusals}</Muted>
      ) : (
        <ul className="ql-lines" data-testid="recusals">
          {item.recusals.map((r) => (
            <li key={r.subject} data-subject={r.subject}>
              {format(t.recusalOf, { name: r.name, kind: t.recusalKinds[r.kind], reason: r.reason })}
              <Typography.Text type="secondary" className="ql-small">
                {' '}
                {dateTimeText(r.recordedAt)}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}

      <h4 className="ql-ap-subtitle">{t.positions}</h4>
      <Table<PositionEntry>
        data-testid="positions-table"
        rowKey="subject"
        size="small"
        columns={columns}
        dataSource={positionsInOrder(item.positions)}
        pagination={false}
        scroll={{ x: 700 }}
        onRow={(p) => ({ 'data-subject': p.subject, 'data-position': p.position }) as HTMLAttributes<HTMLElement>}
        caption={<span className="ql-sr-only">{format(t.positionsCaption, { seq: item.seq })}</span>}
        locale={{ emptyText: t.noPositions }}
      />
      {item.status === 'open' && (
        <p className="ql-ap-steps" data-testid="pending-members" data-count={item.pending.length}>
          {item.pending.length === 0 ? (
            <Typography.Text type="secondary">{t.nonePending}</Typography.Text>
          ) : (
            <>
              <span>{t.pending}</span>
              {item.pending.map((s) => (
                <Tag key={s} data-subject={s}>
                  {nameOf(meeting, s)}
                </Tag>
              ))}
            </>
          )}
        </p>
      )}

      {mine.show && <PositionForm meeting={meeting} item={item} blocked={mine.blocked} onChange={onChange} />}

      {conclude.show && (
        <div className="ql-ap-actions">
          <Space wrap>
            <Tooltip title={concludeBlockedReason}>
              <span>
                <Button type="primary" danger disabled={!conclude.enabled} data-testid="conclude" onClick={() => setDialog('conclude')}>
                  {t.conclude}
                </Button>
              </span>
            </Tooltip>
            {concludeBlockedReason && (
              <Typography.Text type="secondary" data-testid="conclude-blocked-reason">
                {concludeBlockedReason}
              </Typography.Text>
            )}
          </Space>
        </div>
      )}

      <ApprovalsFormModal<{ reason: string }>
        open={dialog === 'declare'}
        name={`declare-recusal-form-${String(item.seq)}`}
        title={format(t.declareTitle, { title: item.matterTitle })}
        okText={t.declareRecusal}
        failedTitle={t.declareRecusal}
        onClose={() => setDialog(null)}
        onSubmit={recuse}
      >
        <Form.Item name="reason" label={t.recusalReason} rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t.recusalReasonRule }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </ApprovalsFormModal>
      <ApprovalsFormModal<{ subject: string; reason: string }>
        open={dialog === 'require'}
        name={`require-recusal-form-${String(item.seq)}`}
        title={format(t.requireTitle, { title: item.matterTitle })}
        okText={t.requireRecusal}
        failedTitle={t.requireRecusal}
        onClose={() => setDialog(null)}
        onSubmit={recuse}
      >
        <Form.Item name="subject" label={t.recusalMember} rules={[{ required: true, message: format(m.common.requiredChoice, { field: t.recusalMember }) }]}>
          <Select<string> options={recusableMembers(meeting, item).map((x) => ({ value: x.subject, label: format(a.common.withNote, { text: x.name, note: x.title }) }))} />
        </Form.Item>
        <Form.Item name="reason" label={t.recusalReason} rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t.recusalReasonRule }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </ApprovalsFormModal>
      <ApprovalsFormModal<ConcludeValues>
        open={dialog === 'conclude'}
        name={`conclude-form-${String(item.seq)}`}
        title={format(t.concludeTitle, { title: item.matterTitle })}
        width={820}
        okText={t.conclude}
        failedTitle={t.conclude}
        initialValues={{ amend: false, terms: termsFormValues(item.terms) }}
        onClose={() => setDialog(null)}
        onSubmit={concludeItem}
      >
        {(form) => <ConcludeFields form={form} />}
      </ApprovalsFormModal>
    </Card>
  );
}

function ConcludeFields({ form }: { readonly form: FormInstance<ConcludeValues> }) {
  const { m } = useLanguage();
  const t = m.approvals.meeting;
  const amend = Form.useWatch('amend', form);
  return (
    <>
      <Form.Item name="summary" label={t.summary} rules={[{ max: 4000 }]}>
        <Input.TextArea rows={4} maxLength={4000} showCount />
      </Form.Item>
      <Form.Item name="amend" valuePropName="checked">
        <Checkbox>{t.amendTerms}</Checkbox>
      </Form.Item>
      {amend && (
        <fieldset className="ql-fieldset">
          <legend>{t.amendedTerms}</legend>
          <TermsFields />
        </fieldset>
      )}
    </>
  );
}
