import { Table, type TableColumnsType } from 'antd';
import type { VersionDiff } from '../../../api/types';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format } from '../../../i18n/messages';
import { type DiffContext, diffValueLines } from '../../../power-list/diff-values';

type Change = VersionDiff['changes'][number];

/** One side of a change, a line per item; an empty value as —. */
function Value({ field, value, context }: { readonly field: string; readonly value: unknown; readonly context: DiffContext }) {
  const lines = diffValueLines(field, value, context);
  if (lines.length === 0) return <span className="ql-muted">{context.m.common.empty}</span>;
  if (lines.length === 1) return <span className="ql-pre">{lines[0]}</span>;
  return (
    <ul className="ql-lines">
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}

/** What changed between two versions: the field as people read it, before and after. */
export function DiffTable({ diff, context }: { readonly diff: VersionDiff; readonly context: DiffContext }) {
  const { m } = useLanguage();
  const columns: TableColumnsType<Change> = [
    { title: m.versions.field, dataIndex: 'label', key: 'label', width: 220 },
    { title: m.versions.fromValue, key: 'from', render: (_, c) => <Value field={c.field} value={c.from} context={context} /> },
    { title: m.versions.toValue, key: 'to', render: (_, c) => <Value field={c.field} value={c.to} context={context} /> },
  ];
  return (
    <Table<Change>
      id="version-diff"
      rowKey="field"
      size="small"
      columns={columns}
      dataSource={diff.changes}
      pagination={false}
      caption={format(m.versions.diffCaption, { from: diff.fromVersionNo, to: diff.toVersionNo })}
    />
  );
}
