import { Alert as AntAlert, Button, Empty, Result, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { approvalPaths, approvalRoutes } from '../../../api/paths';
import { useLoad } from '../../../api/useLoad';
import type { Alert } from '../../../approvals/types';
import { ALERT_KINDS, type AlertKindName } from '../../../i18n/approvals';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { dateTimeText } from '../../../power-list/dates';
import { PageHeading } from '../../PageHeading';
import { ApprovalsProblemAlert } from '../components/ApprovalsProblemAlert';
import { AlertKindTag, Muted } from '../components/Tags';
import { useApprovals } from '../components/useApprovals';

const isKind = (v: string | null): v is AlertKindName => ALERT_KINDS.some((k) => k === v);

/** 预警 (alert:read): the alerts raised on matters, by kind, or those of one matter (?matterId=). */
export default function AlertsPage() {
  const { m } = useLanguage();
  const a = m.approvals;
  const t = a.alerts;
  const { api, has } = useApprovals();
  const [params, setParams] = useSearchParams();
  const raw = params.get('kind');
  const kind = isKind(raw) ? raw : undefined;
  const matterId = params.get('matterId') ?? undefined;
  const allowed = has('alert:read');
  const alerts = useLoad(
    (signal) => (allowed ? api.get<Alert[]>(approvalPaths.alerts, { query: { kind, matterId }, signal }) : Promise.resolve<Alert[]>([])),
    [api, allowed, kind, matterId],
  );

  if (!allowed) {
    return (
      <>
        <PageHeading title={a.section.alerts} />
        <Result status="403" title={t.forbidden} />
      </>
    );
  }

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };

  const columns: TableColumnsType<Alert> = [
    { title: t.kind, dataIndex: 'kind', key: 'kind', width: 200, render: (k: string) => <AlertKindTag kind={k} /> },
    {
      title: t.matter,
      key: 'matter',
      width: 280,
      render: (_, x) => (
        <>
          <Typography.Text code>{x.matterNo}</Typography.Text> <Link to={approvalRoutes.matter(x.matterId)}>{x.matterTitle}</Link>
        </>
      ),
    },
    { title: t.summary, dataIndex: 'summary', key: 'summary', render: (s: string) => <span className="ql-pre">{s}</span> },
    {
      title: t.related,
      key: 'related',
      width: 160,
      render: (_, x) =>
        x.relatedMatterIds.length === 0 ? (
          <Muted />
        ) : (
          <Space orientation="vertical" size={0}>
            {x.relatedMatterIds.map((id, i) => (
              <Link key={id} to={approvalRoutes.matter(id)}>
                {`${t.related} ${String(i + 1)}`}
              </Link>
            ))}
          </Space>
        ),
    },
    { title: t.raisedAt, dataIndex: 'raisedAt', key: 'raisedAt', width: 150, render: (v: string) => dateTimeText(v) },
  ];

  return (
    <>
      <PageHeading title={a.section.alerts}>{t.description}</PageHeading>
      <div className="ql-toolbar">
        <div role="search" aria-label={t.filters} className="ql-filters">
          <Select<AlertKindName>
            id="alert-kind"
            aria-label={t.kind}
            allowClear
            placeholder={t.allKinds}
            style={{ minWidth: 220 }}
            value={kind}
            onChange={(v) => set('kind', v)}
            options={ALERT_KINDS.map((k) => ({ value: k, label: a.alertKinds[k] }))}
          />
        </div>
      </div>
      {matterId && (
        <AntAlert
          className="ql-ap-card"
          type="info"
          showIcon
          title={t.onlyMatter}
          action={
            <Button size="small" onClick={() => set('matterId', undefined)}>
              {t.showAll}
            </Button>
          }
        />
      )}
      {alerts.error !== null ? (
        <ApprovalsProblemAlert id="alerts-error" error={alerts.error} onRetry={alerts.reload} />
      ) : (
        <Table<Alert>
          id="alerts"
          data-testid="alerts"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={[...(alerts.data ?? [])].sort((x, y) => y.raisedAt.localeCompare(x.raisedAt))}
          loading={alerts.loading}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 1000 }}
          caption={<span className="ql-sr-only">{t.caption}</span>}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.empty} /> }}
        />
      )}
    </>
  );
}
