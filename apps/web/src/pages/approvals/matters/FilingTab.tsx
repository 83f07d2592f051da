import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Select, Space, Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { approvalPaths } from '../../../api/paths';
import { filingRows, type FilingRow, mayRecordFiling, signState } from '../../../approvals/matter-view';
import type { ApprovalWritePermission } from '../../../approvals/permissions';
import type { Matter } from '../../../approvals/types';
import type { FilingKindName, FilingRecordKind } from '../../../i18n/approvals';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format } from '../../../i18n/messages';
import { dateTimeText } from '../../../power-list/dates';
import { ApprovalsFormModal } from '../components/ApprovalsFormModal';
import { Muted, TextOrDash } from '../components/Tags';
import { useApprovals } from '../components/useApprovals';

interface Props {
  readonly matter: Matter;
  readonly onChange: (matter: Matter) => void;
}

/** Who may record each of the four records. */
const RECORD_PERMISSION: Readonly<Record<FilingRecordKind, ApprovalWritePermission>> = {
  'compliance-review': 'compliance-review:write',
  research: 'matter:write',
  consultation: 'matter:write',
  'risk-assessment': 'matter:write',
};

const isRecordKind = (k: FilingKindName): k is FilingRecordKind => k !== 'secretary-signature';

interface RecordValues {
  readonly opinion: string;
  readonly attachmentIds?: string[];
}

/** 会前报备: the five items with ✓/✗, who recorded them when with what opinion; record, sign. */
export function FilingTab({ matter, onChange }: Props) {
  const { m } = useLanguage();
  const a = m.approvals;
  const t = a.filing;
  const { api, may } = useApprovals();
  const { message } = App.useApp();
  const [recording, setRecording] = useState<FilingRecordKind | null>(null);
  const [signing, setSigning] = useState(false);
  const filing = matter.filing;

  if (!filing.required) return <Alert type="info" showIcon title={t.notRequired} data-testid="filing-not-required" />;

  const sign = signState(matter, may('filing-signature:write'));
  const attachmentName = (id: string) => matter.attachments.find((x) => x.id === id)?.fileName ?? id;

  const record = async (values: RecordValues) => {
    if (!recording) return;
    const body = { kind: recording, opinion: values.opinion.trim(), ...(values.attachmentIds && values.attachmentIds.length > 0 ? { attachmentIds: values.attachmentIds } : {}) };
    onChange(await api.post<Matter>(approvalPaths.filing(matter.id), body));
    void message.success(format(t.recorded, { kind: a.filingKinds[recording] }));
  };

  const signFiling = async ({ opinion }: { opinion: string }) => {
    onChange(await api.post<Matter>(approvalPaths.signFiling(matter.id), { opinion: opinion.trim() }));
    void message.success(t.signed);
  };

  const signBlockedReason =
    sign.show && !sign.enabled ? (sign.missing.length > 0 ? format(t.signBlocked, { items: sign.missing.map((k) => a.filingKinds[k]).join(a.common.listSeparator) }) : t.signNotAllowed) : null;

  const actionOf = (row: FilingRow) => {
    const kind = row.kind;
    if (isRecordKind(kind)) {
      if (!may(RECORD_PERMISSION[kind]) || !mayRecordFiling(matter, kind)) return null;
      const label = format(t.recordLabel, { kind: a.filingKinds[kind] });
      return (
        <Button size="small" type="primary" ghost aria-label={label} data-testid={`record-filing-${kind}`} onClick={() => setRecording(kind)}>
          {t.record}
        </Button>
      );
    }
    if (!sign.show) return null;
    const button = (
      <Button type="primary" size="small" disabled={!sign.enabled} data-testid="sign-filing" id="sign-filing" onClick={() => setSigning(true)}>
        {t.sign}
      </Button>
    );
    return signBlockedReason ? (
      <Space orientation="vertical" size={2}>
        <Tooltip title={signBlockedReason}>
          <span>{button}</span>
        </Tooltip>
        <Typography.Text type="secondary" className="ql-small" data-testid="sign-blocked-reason">
          {signBlockedReason}
        </Typography.Text>
      </Space>
    ) : (
      button
    );
  };

  const columns: TableColumnsType<FilingRow> = [
    { title: t.item, dataIndex: 'kind', key: 'kind', width: 140, render: (k: FilingKindName) => a.filingKinds[k] },
    {
      title: t.status,
      key: 'done',
      width: 100,
      render: (_, row) =>
        row.done ? (
          <span className="ql-ap-check-done" data-done="true">
            <CheckCircleFilled aria-hidden="true" /> ✓ <span className="ql-sr-only">{t.done}</span>
          </span>
        ) : (
          <span className="ql-ap-check-missing" data-done="false">
            <CloseCircleFilled aria-hidden="true" /> ✗ <span className="ql-sr-only">{t.missing}</span>
          </span>
        ),
    },
    { title: t.recordedBy, key: 'by', width: 110, render: (_, row) => row.entry?.recordedByName ?? <Muted /> },
    { title: t.recordedAt, key: 'at', width: 150, render: (_, row) => (row.entry ? dateTimeText(row.entry.recordedAt) : <Muted />) },
    {
      title: t.opinion,
      key: 'opinion',
      render: (_, row) => (
        <>
          <TextOrDash value={row.entry?.opinion} />
          {row.entry && row.entry.attachmentIds.length > 0 && (
            <div className="ql-small ql-muted">
              {t.attachments}{a.common.colon}{row.entry.attachmentIds.map(attachmentName).join(a.common.listSeparator)}
            </div>
          )}
        </>
      ),
    },
    { title: m.common.actions, key: 'action', width: 200, render: (_, row) => actionOf(row) },
  ];

  return (
    <section aria-label={t.caption}>
      <Typography.Paragraph type="secondary">{t.hint}</Typography.Paragraph>
      {filing.copiedToDisciplineAt && (
        <Alert
          className="ql-ap-card"
          type="success"
          showIcon
          data-testid="filing-copied"
          title={format(t.copiedAt, { time: dateTimeText(filing.copiedToDisciplineAt) })}
        />
      )}
      {!filing.copiedToDisciplineAt && filing.complete && <Alert className="ql-ap-card" type="success" showIcon title={t.complete} />}
      <Table<FilingRow>
        id="filing-checklist"
        data-testid="filing-checklist"
        rowKey="kind"
        size="small"
        columns={columns}
        dataSource={filingRows(filing)}
        pagination={false}
        scroll={{ x: 900 }}
        onRow={(row) => ({ 'data-kind': row.kind, 'data-done': String(row.done) }) as HTMLAttributes<HTMLElement>}
        caption={<span className="ql-sr-only">{t.caption}</span>}
      />
      <ApprovalsFormModal<RecordValues>
        open={recording !== null}
        name="record-filing-form"
        title={recording ? format(t.recordTitle, { kind: a.filingKinds[recording] }) : ''}
        okText={t.record}
        failedTitle={t.failed}
        onClose={() => setRecording(null)}
        onSubmit={record}
      >
        <Form.Item name="opinion" label={t.opinion} rules={[{ required: true, whitespace: true, min: 2, max: 4000, message: t.opinionRule }]}>
          <Input.TextArea rows={5} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item name="attachmentIds" label={t.attachments}>
          <Select<string[]>
            mode="multiple"
            allowClear
            options={matter.attachments.map((x) => ({ value: x.id, label: format(a.common.withNote, { text: x.fileName, note: a.attachmentPurposes[x.purpose] }) }))}
          />
        </Form.Item>
      </ApprovalsFormModal>
      <ApprovalsFormModal<{ opinion: string }>
        open={signing}
        name="sign-filing-form"
        title={t.signTitle}
        okText={t.sign}
        failedTitle={t.sign}
        onClose={() => setSigning(false)}
        onSubmit={signFiling}
      >
        <Form.Item name="opinion" label={t.signOpinion} rules={[{ required: true, whitespace: true, min: 2, max: 2000, message: t.opinionRule }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </ApprovalsFormModal>
    </section>
  );
}
