import { EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Modal, Spin, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { approvalPaths } from '../../../api/paths';
import { useLoad } from '../../../api/useLoad';
import { policyBody, policyFormValues, type PolicyFormValues } from '../../../approvals/policy-form';
import type { Policy } from '../../../approvals/types';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format } from '../../../i18n/messages';
import { dateTimeText } from '../../../power-list/dates';
import { PageHeading } from '../../PageHeading';
import { ApprovalsProblemAlert } from '../components/ApprovalsProblemAlert';
import { useApprovals } from '../components/useApprovals';
import { PolicyFormModal } from './PolicyFormModal';
import { PolicyView } from './PolicyView';

/** 决策规则: the current policy, its versions, and (policy:write) a new version. */
export default function PolicyPage() {
  const { m } = useLanguage();
  const a = m.approvals;
  const t = a.policy;
  const { api, may } = useApprovals();
  const { message } = App.useApp();
  const current = useLoad((signal) => api.get<Policy>(approvalPaths.policy, { signal }), [api]);
  const versions = useLoad((signal) => api.get<Policy[]>(approvalPaths.policyVersions, { signal }), [api]);
  const [editing, setEditing] = useState(false);
  const [viewing, setViewing] = useState<Policy | null>(null);

  const save = async (values: PolicyFormValues) => {
    const saved = await api.put<Policy>(approvalPaths.policy, policyBody(values));
    void message.success(format(t.saved, { no: saved.versionNo }));
    current.reload();
    versions.reload();
  };

  const who = (p: Policy) => (p.createdByName ?? p.createdBy ?? t.platformDefault);

  const columns: TableColumnsType<Policy> = [
    { title: t.versionNo, dataIndex: 'versionNo', key: 'no', width: 100, render: (no: number) => format(t.versionLabel, { no }) },
    { title: t.createdAt, dataIndex: 'createdAt', key: 'at', width: 170, render: (v: string) => dateTimeText(v) },
    { title: t.createdBy, key: 'by', render: (_, p) => who(p) },
    {
      title: m.common.actions,
      key: 'view',
      width: 140,
      render: (_, p) => (
        <Button size="small" onClick={() => setViewing(p)}>
          {format(t.viewVersion, { no: p.versionNo })}
        </Button>
      ),
    },
  ];

  const policy = current.data;
  return (
    <>
      <PageHeading title={a.section.policy}>{t.description}</PageHeading>
      {current.error !== null && <ApprovalsProblemAlert id="policy-error" error={current.error} onRetry={current.reload} />}
      {!policy && current.error === null && <Spin description={m.app.loading} />}
      {policy && (
        <Card
          className="ql-ap-card"
          title={
            <>
              <h2 className="ql-h2" data-testid="policy-version" data-version={policy.versionNo}>
                {format(t.current, { no: policy.versionNo })}
              </h2>
              <Typography.Text type="secondary" className="ql-small">
                {format(t.updatedBy, { name: who(policy), time: dateTimeText(policy.createdAt) })}
              </Typography.Text>
            </>
          }
          extra={
            may('policy:write') && (
              <Button type="primary" icon={<EditOutlined />} id="edit-policy" data-testid="edit-policy" onClick={() => setEditing(true)}>
                {t.edit}
              </Button>
            )
          }
        >
          <PolicyView content={policy.content} id="policy-current" />
        </Card>
      )}
      <h2 className="ql-h2 ql-section-title">{t.versions}</h2>
      {versions.error !== null && <ApprovalsProblemAlert error={versions.error} onRetry={versions.reload} />}
      <Table<Policy>
        id="policy-versions"
        data-testid="policy-versions"
        rowKey="versionNo"
        size="small"
        columns={columns}
        dataSource={versions.data ?? []}
        loading={versions.loading}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        caption={<span className="ql-sr-only">{t.versionsCaption}</span>}
      />
      <Modal open={viewing !== null} title={viewing ? format(t.versionLabel, { no: viewing.versionNo }) : ''} width={860} footer={null} onCancel={() => setViewing(null)} destroyOnHidden>
        {viewing && <PolicyView content={viewing.content} />}
      </Modal>
      <PolicyFormModal open={editing} initialValues={policy ? policyFormValues(policy.content) : undefined} onClose={() => setEditing(false)} onSubmit={save} />
    </>
  );
}
