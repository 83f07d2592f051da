import { Table, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { type ComparisonRow, termText } from '../../../approvals/terms';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format } from '../../../i18n/messages';
import { Muted } from './Tags';

interface Props {
  readonly rows: readonly ComparisonRow[];
  readonly caption: string;
  /** Column headings: 决策 and 印发 (or 提请 and 决议). */
  readonly left: string;
  readonly right: string;
  readonly testId?: string;
}

/** Two columns of 关键要素 side by side; differing rows red. */
export function ComparisonTable({ rows, caption, left, right, testId = 'comparison-table' }: Props) {
  const { m } = useLanguage();
  const a = m.approvals;
  const value = (field: string, v: string | number | null) => {
    const text = termText(field, v);
    return text ? <span className="ql-pre">{text}</span> : <Muted />;
  };
  const columns: TableColumnsType<ComparisonRow> = [
    { title: a.execution.field, dataIndex: 'field', key: 'field', width: 120, render: (f: ComparisonRow['field'], r) => (
      <>
        {a.termFields[f]}
        {r.differs && <span className="ql-sr-only">{format(a.common.withNote, { text: '', note: a.execution.changed })}</span>}
      </>
    ) },
    { title: left, key: 'decided', render: (_, r) => value(r.field, r.decided) },
    { title: right, key: 'actual', render: (_, r) => value(r.field, r.actual) },
  ];
  return (
    <Table<ComparisonRow>
      data-testid={testId}
      rowKey="field"
      size="small"
      bordered
      columns={columns}
      dataSource={[...rows]}
      pagination={false}
      rowClassName={(r) => (r.differs ? 'ql-row-diff' : '')}
      onRow={(r) => ({ 'data-field': r.field, 'data-differs': String(r.differs) }) as HTMLAttributes<HTMLElement>}
      caption={<span className="ql-sr-only">{caption}</span>}
    />
  );
}
