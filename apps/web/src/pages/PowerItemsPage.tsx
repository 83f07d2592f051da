import { Alert, Button, Empty, Input, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { OrgUnit, PowerItem, PowerItemPage } from '../api/types';
import { useLanguage } from '../i18n/LanguageProvider';
import { CATEGORIES, type CategoryName, categoryLabel, format } from '../i18n/messages';
import { useSession } from '../session/SessionProvider';
import { PageHeading } from './PageHeading';
import { problemText } from './problem-text';

const PAGE_SIZE = 20;

type Load = { readonly status: 'loading' } | { readonly status: 'done'; readonly page: PowerItemPage } | { readonly status: 'failed'; readonly error: unknown };

function isCategory(value: string | null): value is CategoryName {
  return CATEGORIES.some((c) => c === value);
}

/** 权力清单: the tenant's power items, filtered by category and text (kept in the URL). */
export function PowerItemsPage() {
  const { m } = useLanguage();
  const { api } = useSession();
  const [params, setParams] = useSearchParams();
  const rawCategory = params.get('category');
  const category = isCategory(rawCategory) ? rawCategory : undefined;
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);

  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [units, setUnits] = useState<ReadonlyMap<string, string>>(new Map());
  const [search, setSearch] = useState(q);
  useEffect(() => setSearch(q), [q]);

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ status: 'loading' });
    api
      .get<PowerItemPage>('/api/v1/power-items', { query: { category, q: q.trim(), limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal: controller.signal })
      .then(
        (result) => setLoad({ status: 'done', page: result }),
        (error: unknown) => {
          if (!controller.signal.aborted) setLoad({ status: 'failed', error });
        },
      );
    return () => controller.abort();
  }, [api, category, q, page, attempt]);

  // Unit names for the handling-unit column; without them the column shows the unit's id.
  useEffect(() => {
    const controller = new AbortController();
    api.get<OrgUnit[]>('/api/v1/org-units', { signal: controller.signal }).then(
      (list) => setUnits(new Map(list.map((u) => [u.id, u.name]))),
      () => setUnits(new Map()),
    );
    return () => controller.abort();
  }, [api]);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };

  const columns = useMemo<TableColumnsType<PowerItem>>(
    () => [
      { title: m.powerList.code, dataIndex: 'code', key: 'code', width: 150, render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
      { title: m.powerList.name, dataIndex: 'name', key: 'name' },
      { title: m.powerList.category, dataIndex: 'category', key: 'category', width: 150, render: (c: string) => <Tag>{categoryLabel(m, c)}</Tag> },
      { title: m.powerList.handlingUnit, dataIndex: 'handlingUnitId', key: 'handlingUnit', width: 180, render: (id: string) => units.get(id) ?? <Typography.Text type="secondary">{id}</Typography.Text> },
      { title: m.powerList.legalBasis, dataIndex: 'legalBasis', key: 'legalBasis', ellipsis: { showTitle: true } },
    ],
    [m, units],
  );

  const filtered = Boolean(category ?? q);
  const result = load.status === 'done' ? load.page : null;

  return (
    <>
      <PageHeading title={m.nav.powerList}>{m.powerList.description}</PageHeading>
      <div role="search" aria-label={m.powerList.filters} className="ql-filters">
        <Space wrap>
          <Select<CategoryName>
            id="power-item-category"
            aria-label={m.powerList.category}
            allowClear
            placeholder={m.powerList.allCategories}
            style={{ minWidth: 180 }}
            value={category}
            onChange={(value) => update({ category: value, page: undefined })}
            options={CATEGORIES.map((c) => ({ value: c, label: categoryLabel(m, c) }))}
          />
          <Input.Search
            id="power-item-search"
            aria-label={m.powerList.search}
            placeholder={m.powerList.searchPlaceholder}
            allowClear
            enterButton={m.powerList.search}
            style={{ width: 340 }}
            maxLength={100}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(value) => update({ q: value.trim() || undefined, page: undefined })}
          />
          {filtered && (
            <Button
              onClick={() => {
                setSearch('');
                setParams(new URLSearchParams());
              }}
            >
              {m.powerList.reset}
            </Button>
          )}
        </Space>
      </div>
      {load.status === 'failed' ? (
        <Alert
          id="power-items-error"
          role="alert"
          type="error"
          showIcon
          title={format(m.powerList.loadFailed, { reason: problemText(load.error, m).title })}
          description={problemText(load.error, m).detail}
          action={
            <Button size="small" onClick={() => setAttempt((n) => n + 1)}>
              {m.powerList.retry}
            </Button>
          }
        />
      ) : (
        <Table<PowerItem>
          id="power-items"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={result?.items ?? []}
          loading={load.status === 'loading'}
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
    </>
  );
}
