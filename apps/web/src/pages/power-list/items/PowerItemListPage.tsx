import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { paths, routes } from '../../../api/paths';
import type { CreatePowerItemBody, PowerItem, PowerItemListEntry, PowerItemPage } from '../../../api/types';
import { useLoad } from '../../../api/useLoad';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { FilterSearch, useUrlFilters } from '../../../components/UrlFilters';
import { StatusTag } from '../../../components/StatusTag';
import { UnitTreeSelect } from '../../../components/UnitTreeSelect';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format, type StatusName, VERSION_STATUSES } from '../../../i18n/messages';
import { powerItemFields, type PowerItemFormValues } from '../../../power-list/forms';
import { useSession } from '../../../session/SessionProvider';
import { PageHeading } from '../../PageHeading';
import { useDirectory } from '../useDirectory';
import { PowerItemFormModal } from './PowerItemFormModal';

const PAGE_SIZE = 20;

function isStatus(value: string | null): value is StatusName {
  return VERSION_STATUSES.some((s) => s === value);
}

/** 权力事项: the tenant's power items, filtered by category, handling unit, status and text (kept in the URL). */
export default function PowerItemListPage() {
  const { m } = useLanguage();
  const { api, can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { params, q, page, update, reset } = useUrlFilters();
  const category = params.get('category') ?? undefined;
  const unit = params.get('unit') ?? undefined;
  const rawStatus = params.get('status');
  const status = isStatus(rawStatus) ? rawStatus : undefined;

  const directory = useDirectory();
  const categories = useLoad((signal) => api.get<string[]>(paths.powerItemCategories, { signal }), [api]);
  const items = useLoad(
    (signal) => api.get<PowerItemPage>(paths.powerItems.list, { query: { category, unit, status, q: q.trim(), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal }),
    [api, category, unit, status, q, page],
  );
  const [creating, setCreating] = useState(false);

  const create = async (values: PowerItemFormValues) => {
    const body: CreatePowerItemBody = { code: (values.code ?? '').trim(), ...powerItemFields(values) };
    const created = await api.post<PowerItem>(paths.powerItems.list, body);
    void message.success(format(m.powerItem.created, { code: created.code }));
    void navigate(routes.item(created.id));
  };

  const columns = useMemo<TableColumnsType<PowerItemListEntry>>(
    () => [
      { title: m.powerList.code, dataIndex: 'code', key: 'code', width: 140, render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
      { title: m.powerList.name, dataIndex: 'name', key: 'name', render: (name: string, row) => <Link to={routes.item(row.id)}>{name}</Link> },
      { title: m.powerList.category, dataIndex: 'category', key: 'category', width: 110 },
      { title: m.powerList.handlingUnit, key: 'unit', width: 160, render: (_, row) => row.handlingUnitName ?? <Typography.Text type="secondary">{row.handlingUnitCode}</Typography.Text> },
      { title: m.powerList.status, dataIndex: 'status', key: 'status', width: 100, render: (s: string) => <StatusTag status={s} /> },
      {
        title: m.powerList.version,
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
      { title: m.powerList.steps, dataIndex: 'stepCount', key: 'steps', width: 80, align: 'right' },
    ],
    [m],
  );

  const filtered = Boolean(category ?? unit ?? status ?? q);
  const result = items.data;

  return (
    <>
      <PageHeading title={m.section.items}>{m.powerList.description}</PageHeading>
      <div className="ql-toolbar">
        <div role="search" aria-label={m.powerList.filters} className="ql-filters">
          <Space wrap>
            <Select<string>
              id="power-item-category"
              aria-label={m.powerList.category}
              allowClear
              placeholder={m.powerList.allCategories}
              style={{ minWidth: 150 }}
              value={category}
              loading={categories.loading}
              onChange={(value) => update({ category: value })}
              options={(categories.data ?? []).map((c) => ({ value: c, label: c }))}
            />
            <UnitTreeSelect
              id="power-item-unit"
              aria-label={m.powerList.unit}
              units={directory.units}
              by="code"
              allowClear
              placeholder={m.powerList.allUnits}
              style={{ minWidth: 200 }}
              value={unit}
              onChange={(value) => update({ unit: value })}
            />
            <Select<StatusName>
              id="power-item-status"
              aria-label={m.powerList.status}
              allowClear
              placeholder={m.powerList.allStatuses}
              style={{ minWidth: 130 }}
              value={status}
              onChange={(value) => update({ status: value })}
              options={VERSION_STATUSES.map((s) => ({ value: s, label: m.statuses[s] }))}
            />
            <FilterSearch id="power-item-search" placeholder={m.powerList.searchPlaceholder} searchText={m.powerList.search} resetText={m.powerList.reset} width={320} q={q} filtered={filtered} update={update} reset={reset} />
          </Space>
        </div>
        {can('power-item:write') && (
          <Button id="create-power-item" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {m.powerList.create}
          </Button>
        )}
      </div>
      {items.error !== null ? (
        <ProblemAlert id="power-items-error" error={items.error} onRetry={items.reload} />
      ) : (
        <Table<PowerItemListEntry>
          id="power-items"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={result?.items ?? []}
          loading={items.loading}
          caption={<span className="ql-sr-only">{m.powerList.tableCaption}</span>}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? m.powerList.emptyFiltered : m.powerList.empty} /> }}
          pagination={
            (result?.total ?? 0) > 0 && {
              current: page,
              pageSize: PAGE_SIZE,
              total: result?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => format(m.powerList.total, { total }),
              onChange: (p) => update({ page: p > 1 ? String(p) : undefined }),
            }
          }
        />
      )}
      <PowerItemFormModal
        open={creating}
        mode="create"
        title={m.powerItem.createTitle}
        units={directory.units}
        categories={categories.data ?? []}
        onClose={() => setCreating(false)}
        onSubmit={create}
      />
    </>
  );
}
