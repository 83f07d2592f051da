import { Button, Empty, Form, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { DocumentPaths } from '../../../api/paths';
import type { VersionDiff, VersionSummary } from '../../../api/types';
import { useLoad } from '../../../api/useLoad';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { StatusTag } from '../../../components/StatusTag';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format, labelOf } from '../../../i18n/messages';
import { dateTimeText } from '../../../power-list/dates';
import type { DiffContext } from '../../../power-list/diff-values';
import { useSession } from '../../../session/SessionProvider';
import { DiffTable } from './DiffTable';

interface Props {
  readonly paths: DocumentPaths;
  readonly id: string;
  /** The version shown on the page. */
  readonly currentNo: number;
  /** The page of a version. */
  readonly versionRoute: (no: number) => string;
  /** Changes when a version is added or changes status, to list them again. */
  readonly revision: string;
  readonly diff: DiffContext;
}

/** 版本记录: every version, newest first, and the differences between two of them. */
export function VersionsTab({ paths, id, currentNo, versionRoute, revision, diff }: Props) {
  const { m } = useLanguage();
  const { api } = useSession();
  const versions = useLoad((signal) => api.get<VersionSummary[]>(paths.versions(id), { signal }), [api, id, revision]);
  const list = versions.data ?? [];

  const [from, setFrom] = useState<number | undefined>();
  const [to, setTo] = useState<number | undefined>();
  // Compare the two newest versions unless the reader chose others.
  useEffect(() => {
    const [newest, previous] = versions.data ?? [];
    setTo((t) => t ?? newest?.versionNo);
    setFrom((f) => f ?? previous?.versionNo);
  }, [versions.data]);

  const [result, setResult] = useState<{ readonly diff?: VersionDiff; readonly error?: unknown; readonly loading: boolean } | null>(null);
  const compare = async () => {
    if (from === undefined || to === undefined || from === to) return;
    setResult({ loading: true });
    try {
      setResult({ diff: await api.get<VersionDiff>(paths.diff(id), { query: { from, to } }), loading: false });
    } catch (error) {
      setResult({ error, loading: false });
    }
  };

  const columns: TableColumnsType<VersionSummary> = [
    {
      title: m.versions.no,
      dataIndex: 'versionNo',
      key: 'versionNo',
      width: 140,
      render: (no: number) =>
        no === currentNo ? (
          <span aria-current="page">
            {format(m.version.label, { no })}
            <Typography.Text type="secondary">{m.versions.current}</Typography.Text>
          </span>
        ) : (
          <Link to={versionRoute(no)}>{format(m.version.label, { no })}</Link>
        ),
    },
    { title: m.version.status, dataIndex: 'status', key: 'status', width: 110, render: (s: string) => <StatusTag status={s} /> },
    { title: m.versions.title, dataIndex: 'title', key: 'title' },
    { title: m.version.author, dataIndex: 'authorName', key: 'authorName', width: 120 },
    { title: m.version.createdAt, dataIndex: 'createdAt', key: 'createdAt', width: 160, render: dateTimeText },
    { title: m.version.publishedAt, dataIndex: 'publishedAt', key: 'publishedAt', width: 160, render: dateTimeText },
    { title: m.version.supersededAt, dataIndex: 'supersededAt', key: 'supersededAt', width: 160, render: dateTimeText },
  ];

  const options = list.map((v) => ({ value: v.versionNo, label: format(m.versions.option, { no: v.versionNo, status: labelOf(m.statuses, v.status) }) }));
  const same = from !== undefined && from === to;

  return (
    <>
      {versions.error !== null && <ProblemAlert error={versions.error} onRetry={versions.reload} />}
      <Table<VersionSummary>
        id="versions"
        rowKey="versionNo"
        size="small"
        columns={columns}
        dataSource={list}
        loading={versions.loading}
        pagination={false}
        caption={<span className="ql-sr-only">{m.versions.caption}</span>}
      />
      {list.length > 1 && (
        <section className="ql-diff" aria-labelledby="compare-heading">
          <Typography.Title level={2} id="compare-heading" className="ql-h2">
            {m.versions.compare}
          </Typography.Title>
          <Form layout="inline" name="compare-versions" onFinish={() => void compare()}>
            <Form.Item label={m.versions.from} htmlFor="compare-from">
              <Select<number> id="compare-from" style={{ minWidth: 180 }} value={from} onChange={setFrom} options={options} />
            </Form.Item>
            <Form.Item label={m.versions.to} htmlFor="compare-to">
              <Select<number> id="compare-to" style={{ minWidth: 180 }} value={to} onChange={setTo} options={options} />
            </Form.Item>
            <Form.Item>
              <Space>
                <Button type="primary" htmlType="submit" disabled={from === undefined || to === undefined || same} loading={result?.loading}>
                  {m.versions.compareButton}
                </Button>
                {same && <Typography.Text type="secondary">{m.versions.pickTwo}</Typography.Text>}
              </Space>
            </Form.Item>
          </Form>
          {result?.error !== undefined && <ProblemAlert error={result.error} title={m.versions.compare} />}
          {result?.diff &&
            (result.diff.changes.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={m.versions.noChanges} />
            ) : (
              <DiffTable diff={result.diff} context={diff} />
            ))}
        </section>
      )}
    </>
  );
}
