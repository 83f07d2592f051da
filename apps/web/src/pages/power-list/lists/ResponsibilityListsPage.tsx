import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { paths, routes } from '../../../api/paths';
import type { CreateResponsibilityListBody, ResponsibilityList, ResponsibilityListEntry } from '../../../api/types';
import { useLoad } from '../../../api/useLoad';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { StatusTag } from '../../../components/StatusTag';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format, labelOf, RESPONSIBILITY_ROLES, type ResponsibilityRoleName, type StatusName, VERSION_STATUSES } from '../../../i18n/messages';
import { dateTimeText } from '../../../power-list/dates';
import { listFields, type ListFormValues } from '../../../power-list/forms';
import { useSession } from '../../../session/SessionProvider';
import { PageHeading } from '../../PageHeading';
import { ListFormModal } from './ListFormModal';

const isRole = (v: string | null): v is ResponsibilityRoleName => RESPONSIBILITY_ROLES.some((r) => r === v);
const isStatus = (v: string | null): v is StatusName => VERSION_STATUSES.some((s) => s === v);

/** 责任清单: the tenant's responsibility lists, filtered by role and status (kept in the URL). */
export default function ResponsibilityListsPage() {
  const { m } = useLanguage();
  const l = m.lists;
  const { api, can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const rawRole = params.get('role');
  const role = isRole(rawRole) ? rawRole : undefined;
  const rawStatus = params.get('status');
  const status = isStatus(rawStatus) ? rawStatus : undefined;
  const lists = useLoad((signal) => api.get<ResponsibilityListEntry[]>(paths.responsibilityLists.list, { query: { role, status }, signal }), [api, role, status]);
  const [creating, setCreating] = useState(false);

  const update = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  };
  const create = async (values: ListFormValues) => {
    const body: CreateResponsibilityListBody = { code: (values.code ?? '').trim(), ...listFields(values) };
    const created = await api.post<ResponsibilityList>(paths.responsibilityLists.list, body);
    void message.success(format(l.created, { code: created.code }));
    void navigate(routes.list(created.id));
  };

  const columns: TableColumnsType<ResponsibilityListEntry> = [
    { title: l.code, dataIndex: 'code', key: 'code', width: 150, render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
    { title: l.name, dataIndex: 'title', key: 'title', render: (t: string, row) => <Link to={routes.list(row.id)}>{t}</Link> },
    { title: l.role, dataIndex: 'role', key: 'role', width: 200, render: (r: string) => labelOf(m.responsibilityRoles, r) },
    { title: l.status, dataIndex: 'status', key: 'status', width: 100, render: (s: string) => <StatusTag status={s} /> },
    {
      title: l.version,
      key: 'version',
      width: 190,
      render: (_, row) => (
        <>
          {format(m.powerList.versionText, { no: row.latestVersionNo })}
          {row.publishedVersionNo !== null && row.publishedVersionNo !== row.latestVersionNo && (
            <Typography.Text type="secondary">{format(m.powerList.publishedVersion, { no: row.publishedVersionNo })}</Typography.Text>
          )}
        </>
      ),
    },
    { title: l.dutyCount, dataIndex: 'dutyCount', key: 'dutyCount', width: 80, align: 'right' },
    { title: l.updatedAt, dataIndex: 'updatedAt', key: 'updatedAt', width: 160, render: dateTimeText },
  ];
  const filtered = Boolean(role ?? status);

  return (
    <>
      <PageHeading title={l.title}>{l.description}</PageHeading>
      <div className="ql-toolbar">
        <div role="search" aria-label={l.filters} className="ql-filters">
          <Space wrap>
            <Select<ResponsibilityRoleName>
              id="list-role"
              aria-label={l.role}
              allowClear
              placeholder={l.allRoles}
              style={{ minWidth: 220 }}
              value={role}
              onChange={(v) => update('role', v)}
              options={RESPONSIBILITY_ROLES.map((r) => ({ value: r, label: m.responsibilityRoles[r] }))}
            />
            <Select<StatusName>
              id="list-status"
              aria-label={l.status}
              allowClear
              placeholder={l.allStatuses}
              style={{ minWidth: 130 }}
              value={status}
              onChange={(v) => update('status', v)}
              options={VERSION_STATUSES.map((s) => ({ value: s, label: m.statuses[s] }))}
            />
          </Space>
        </div>
        {can('responsibility-list:write') && (
          <Button id="create-list" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {l.create}
          </Button>
        )}
      </div>
      {lists.error !== null ? (
        <ProblemAlert id="lists-error" error={lists.error} onRetry={lists.reload} />
      ) : (
        <Table<ResponsibilityListEntry>
          id="responsibility-lists"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={lists.data ?? []}
          loading={lists.loading}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => format(m.common.total, { total }) }}
          caption={<span className="ql-sr-only">{l.caption}</span>}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? l.emptyFiltered : l.empty} /> }}
        />
      )}
      <ListFormModal open={creating} mode="create" title={l.createTitle} onClose={() => setCreating(false)} onSubmit={create} />
    </>
  );
}
