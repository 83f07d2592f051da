import { Table, type TableColumnsType, Tag } from 'antd';
import type { ReactNode } from 'react';
import type { SharedBlock } from '../../../api/types';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format, labelOf } from '../../../i18n/messages';
import type { StepView } from '../../../power-list/step-view';

function Lines({ items }: { readonly items: readonly string[] }) {
  const { m } = useLanguage();
  if (items.length === 0) return <span className="ql-muted">{m.common.empty}</span>;
  return (
    <ul className="ql-lines">
      {items.map((t, i) => (
        <li key={i}>{t}</li>
      ))}
    </ul>
  );
}

interface Props {
  readonly id: string;
  readonly steps: readonly StepView[];
  readonly sharedBlocks: readonly SharedBlock[];
  /** A last column of buttons (the editor's). */
  readonly actions?: (step: StepView, index: number) => ReactNode;
  /** Steps to mark (those a refused save names). */
  readonly flagged?: ReadonlySet<number>;
  /** A last column of buttons for the shared blocks (the editor's). */
  readonly blockActions?: (block: SharedBlock, index: number) => ReactNode;
}

/** 行权流程: one row per step, 权力运行 on the left and 监督运行 on the right; shared blocks below. */
export function StepsTable({ id, steps, sharedBlocks, actions, flagged, blockActions }: Props) {
  const { m } = useLanguage();
  const f = m.flow;
  const inBlock = new Set(sharedBlocks.flatMap((b) => b.appliesToSteps));
  const columns: TableColumnsType<StepView> = [
    { title: f.order, dataIndex: 'order', key: 'order', width: 60, align: 'center' },
    { title: f.name, dataIndex: 'name', key: 'name', width: 180 },
    { title: f.kind, dataIndex: 'kind', key: 'kind', width: 100, render: (k: string) => <Tag>{labelOf(m.stepKinds, k)}</Tag> },
    { title: f.actor, dataIndex: 'actor', key: 'actor', width: 160 },
    { title: f.timeLimit, dataIndex: 'timeLimit', key: 'timeLimit', width: 110, render: (t: string | null) => t ?? <span className="ql-muted">{m.common.empty}</span> },
    {
      title: f.riskPoints,
      key: 'riskPoints',
      render: (_, s) => (
        <>
          <Lines items={s.riskPoints} />
          {inBlock.has(s.order) && <span className="ql-muted">{f.fromBlocks}</span>}
        </>
      ),
    },
    { title: f.controlMeasures, key: 'controlMeasures', render: (_, s) => <Lines items={s.controlMeasures} /> },
    { title: f.internalSupervisors, key: 'internal', width: 160, render: (_, s) => <Lines items={s.internalSupervisors} /> },
    { title: f.externalSupervisors, key: 'external', width: 160, render: (_, s) => <Lines items={s.externalSupervisors} /> },
    ...(actions ? [{ title: m.common.actions, key: 'actions', width: 150, render: (_: unknown, s: StepView, i: number) => actions(s, i) }] : []),
  ];
  const blockColumns: TableColumnsType<SharedBlock> = [
    { title: f.appliesTo, key: 'steps', width: 160, render: (_, b) => format(f.stepList, { steps: b.appliesToSteps.join(f.stepListSeparator) }) },
    { title: f.riskPoints, key: 'riskPoints', render: (_, b) => <Lines items={b.riskPoints} /> },
    { title: f.controlMeasures, key: 'controlMeasures', render: (_, b) => <Lines items={b.controlMeasures} /> },
    ...(blockActions ? [{ title: m.common.actions, key: 'actions', width: 150, render: (_: unknown, b: SharedBlock, i: number) => blockActions(b, i) }] : []),
  ];
  return (
    <>
      <Table<StepView>
        id={id}
        rowKey="order"
        size="small"
        bordered
        columns={columns}
        dataSource={[...steps]}
        pagination={false}
        scroll={{ x: 1200 }}
        rowClassName={(s) => (flagged?.has(s.order - 1) ? 'ql-row-flagged' : '')}
        caption={<span className="ql-sr-only">{f.caption}</span>}
        locale={{ emptyText: f.empty }}
      />
      {sharedBlocks.length > 0 && (
        <Table<SharedBlock>
          id={`${id}-blocks`}
          className="ql-blocks"
          rowKey="id"
          size="small"
          bordered
          columns={blockColumns}
          dataSource={[...sharedBlocks]}
          pagination={false}
          caption={f.sharedBlocksCaption}
        />
      )}
    </>
  );
}
