import { Table, type TableColumnsType } from 'antd';
import type { Duty } from '../../../api/types';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { cadencesText } from '../../../power-list/cadence';

/** 责任条目: number, title, the duty, when it falls due (周期) and the evidence (佐证材料). */
export function DutiesTable({ id, duties, caption }: { readonly id: string; readonly duties: readonly Duty[]; readonly caption?: string }) {
  const { m } = useLanguage();
  const l = m.lists;
  const empty = <span className="ql-muted">{m.common.empty}</span>;
  const columns: TableColumnsType<Duty> = [
    { title: l.number, dataIndex: 'number', key: 'number', width: 60, align: 'center' },
    { title: l.dutyTitle, dataIndex: 'title', key: 'title', width: 160, render: (t: string | null) => t ?? empty },
    { title: l.dutyText, dataIndex: 'text', key: 'text', render: (t: string) => <span className="ql-pre">{t}</span> },
    { title: l.cadence, key: 'cadence', width: 220, render: (_, d) => cadencesText(d.cadence, m) || empty },
    {
      title: l.evidence,
      key: 'evidence',
      width: 200,
      render: (_, d) =>
        d.evidence.length === 0 ? (
          empty
        ) : (
          <ul className="ql-lines">
            {d.evidence.map((e, i) => (
              <li key={i}>
                {e.record}
                {!e.stated && <span className="ql-muted">{l.inferred}</span>}
              </li>
            ))}
          </ul>
        ),
    },
  ];
  return (
    <Table<Duty>
      id={id}
      rowKey="number"
      size="small"
      bordered
      columns={columns}
      dataSource={[...duties].sort((a, b) => a.number - b.number)}
      pagination={false}
      caption={<span className="ql-sr-only">{caption ?? l.dutiesCaption}</span>}
    />
  );
}
