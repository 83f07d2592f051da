import { PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { App, Badge, Button, Empty, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { approvalPaths, approvalRoutes } from '../../../api/paths';
import { useLoad } from '../../../api/useLoad';
import { createMatterBody, type CreateMatterFormValues } from '../../../approvals/forms';
import type { Matter, MatterPage, MatterSummary } from '../../../approvals/types';
import { MATTER_STATUSES, MATTER_TYPES, type MatterStatusName, type MatterTypeName } from '../../../i18n/approvals';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format } from '../../../i18n/messages';
import { FilterSearch, useUrlFilters } from '../../../components/UrlFilters';
import { PageHeading } from '../../PageHeading';
import { ApprovalsProblemAlert } from '../components/ApprovalsProblemAlert';
import { Amount, DueText, MatterStatusTag, MatterTypeTag, Muted, RequiresMeetingTag } from '../components/Tags';
import { useApprovals, useNow } from '../components/useApprovals';
import { CreateMatterModal } from './CreateMatterModal';

const PAGE_SIZE = 20;

const isStatus = (v: string | null): v is MatterStatusName => MATTER_STATUSES.some((s) => s === v);
const isType = (v: string | null): v is MatterTypeName => MATTER_TYPES.some((t) => t === v);

/** 事项: filtered by status, type and text (kept in the URL); 发起事项 for matter:write. */
export default function MattersPage() {
  const { m } = useLanguage();
  const a = m.approvals;
  const { api, may } = useApprovals();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const now = useNow();
  const { params, q, page, update, reset } = useUrlFilters();
  const rawStatus = params.get('status');
  const status = isStatus(rawStatus) ? rawStatus : undefined;
  const rawType = params.get('matterType');
  const matterType = isType(rawType) ? rawType : undefined;
  const matters = useLoad(
    (signal) => api.get<MatterPage>(approvalPaths.matters, { query: { status, matterType, q: q.trim(), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal }),
    [api, status, matterType, q, page],
  );
  const [creating, setCreating] = useState(false);

  const create = async (values: CreateMatterFormValues) => {
    const created = await api.post<Matter>(approvalPaths.matters, createMatterBody(values));
    void message.success(format(a.createMatter.created, { no: created.no }));
    void navigate(approvalRoutes.matter(created.id));
  };

  const columns = useMemo<TableColumnsType<MatterSummary>>(
    () => [
      { title: a.matters.no, dataIndex: 'no', key: 'no', width: 150, render: (no: string) => <Typography.Text code>{no}</Typography.Text> },
      {
        title: a.matters.title,
        key: 'title',
        render: (_, row) => (
          <Space orientation="vertical" size={2}>
            <Link to={approvalRoutes.matter(row.id)}>{row.title}</Link>
            <Typography.Text type="secondary" className="ql-small">
              {row.powerItemCode} {row.powerItemName} · {row.proposerName}
            </Typography.Text>
          </Space>
        ),
      },
      {
        title: a.matter.type,
        key: 'type',
        width: 170,
        render: (_, row) => (
          <Space orientation="vertical" size={2}>
            <MatterTypeTag type={row.matterType} />
            {row.requiresMeeting && <RequiresMeetingTag />}
          </Space>
        ),
      },
      { title: a.matters.amount, dataIndex: 'amount', key: 'amount', width: 150, align: 'right', render: (v: number | null) => <Amount value={v} /> },
      { title: a.matters.status, dataIndex: 'status', key: 'status', width: 100, render: (s: string) => <MatterStatusTag status={s} /> },
      {
        title: a.matters.currentStep,
        key: 'step',
        width: 260,
        render: (_, row) =>
          row.currentStepName ? (
            <Space orientation="vertical" size={2}>
              <span>{row.currentStepName}</span>
              <DueText dueAt={row.dueAt} now={now} />
            </Space>
          ) : (
            <Muted />
          ),
      },
      {
        title: a.matters.alerts,
        dataIndex: 'alertCount',
        key: 'alerts',
        width: 80,
        align: 'center',
        render: (n: number, row) =>
          n > 0 ? (
            <Link to={approvalRoutes.matterAlerts(row.id)} aria-label={format(a.matters.alertCount, { n })}>
              <Badge count={n} color="red">
                <WarningOutlined aria-hidden="true" style={{ fontSize: 18, color: '#cf1322' }} />
              </Badge>
            </Link>
          ) : (
            <Muted />
          ),
      },
    ],
    [a, now],
  );

  const filtered = Boolean(status ?? matterType ?? q);
  const result = matters.data;

  return (
    <>
      <PageHeading title={a.section.matters}>{a.matters.description}</PageHeading>
      <div className="ql-toolbar">
        <div role="search" aria-label={a.matters.filters} className="ql-filters">
          <Space wrap>
            <Select<MatterStatusName>
              id="matter-status"
              aria-label={a.matters.status}
              allowClear
              placeholder={a.matters.allStatuses}
              style={{ minWidth: 130 }}
              value={status}
              onChange={(value) => update({ status: value })}
              options={MATTER_STATUSES.map((s) => ({ value: s, label: a.matterStatuses[s] }))}
            />
            <Select<MatterTypeName>
              id="matter-type"
              aria-label={a.matters.type}
              allowClear
              placeholder={a.matters.allTypes}
              style={{ minWidth: 160 }}
              value={matterType}
              onChange={(value) => update({ matterType: value })}
              options={MATTER_TYPES.map((t) => ({ value: t, label: a.matterTypes[t] }))}
            />
            <FilterSearch id="matter-search" placeholder={a.matters.searchPlaceholder} searchText={a.matters.search} resetText={a.matters.reset} width={300} q={q} filtered={filtered} update={update} reset={reset} />
          </Space>
        </div>
        {may('matter:write') && (
          <Button id="create-matter" data-testid="create-matter" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {a.matters.create}
          </Button>
        )}
      </div>
      {matters.error !== null ? (
        <ApprovalsProblemAlert id="matters-error" error={matters.error} onRetry={matters.reload} />
      ) : (
        <Table<MatterSummary>
          id="matters"
          data-testid="matters"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={result?.items ?? []}
          loading={matters.loading}
          scroll={{ x: 1100 }}
          caption={<span className="ql-sr-only">{a.matters.caption}</span>}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? a.matters.emptyFiltered : a.matters.empty} /> }}
          pagination={
            (result?.total ?? 0) > 0 && {
              current: page,
              pageSize: PAGE_SIZE,
              total: result?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => format(a.matters.total, { total }),
              onChange: (p) => update({ page: p > 1 ? String(p) : undefined }),
            }
          }
        />
      )}
      <CreateMatterModal open={creating} onClose={() => setCreating(false)} onSubmit={create} />
    </>
  );
}
