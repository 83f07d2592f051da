import { Button, Empty, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { approvalPaths, approvalRoutes } from '../../../api/paths';
import { useLoad } from '../../../api/useLoad';
import { sortTodos, todoTarget } from '../../../approvals/todos';
import type { Todo } from '../../../approvals/types';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format, labelOf } from '../../../i18n/messages';
import { dateTimeText } from '../../../power-list/dates';
import { PageHeading } from '../../PageHeading';
import { ApprovalsProblemAlert } from '../components/ApprovalsProblemAlert';
import { DueText } from '../components/Tags';
import { useApprovals, useNow } from '../components/useApprovals';

const KIND_COLORS: Readonly<Record<string, string>> = { step: 'blue', 'compliance-review': 'purple', sign: 'magenta', position: 'gold' };

/** 我的待办: steps assigned to me, reviews and signatures waiting for my role, positions I owe. */
export default function TodosPage() {
  const { m } = useLanguage();
  const a = m.approvals;
  const { api } = useApprovals();
  const now = useNow();
  const navigate = useNavigate();
  const todos = useLoad((signal) => api.get<Todo[]>(approvalPaths.todos, { signal }), [api]);

  const columns: TableColumnsType<Todo> = [
    {
      title: a.todos.kind,
      dataIndex: 'kind',
      key: 'kind',
      width: 130,
      render: (kind: string) => (
        <Tag color={KIND_COLORS[kind] ?? 'default'} data-kind={kind}>
          {labelOf(a.todoKinds, kind)}
        </Tag>
      ),
    },
    {
      title: a.todos.matter,
      key: 'matter',
      render: (_, t) => (
        <>
          <Typography.Text code>{t.matterNo}</Typography.Text> <Link to={approvalRoutes.matter(t.matterId)}>{t.matterTitle}</Link>
        </>
      ),
    },
    { title: a.todos.label, dataIndex: 'label', key: 'label' },
    { title: a.todos.startedAt, dataIndex: 'startedAt', key: 'startedAt', width: 150, render: (v: string) => dateTimeText(v) },
    { title: a.todos.dueAt, key: 'dueAt', width: 260, render: (_, t) => <DueText dueAt={t.dueAt} now={now} /> },
    {
      title: a.todos.action,
      key: 'action',
      width: 100,
      render: (_, t) => {
        const action = labelOf(a.todos.actions, t.kind);
        return (
          <Button type="primary" size="small" aria-label={format(a.todos.actionLabel, { action, no: t.matterNo })} data-testid="todo-action" onClick={() => void navigate(todoTarget(t))}>
            {action}
          </Button>
        );
      },
    },
  ];

  return (
    <>
      <PageHeading title={a.section.todos}>{a.todos.description}</PageHeading>
      {todos.error !== null ? (
        <ApprovalsProblemAlert id="todos-error" error={todos.error} onRetry={todos.reload} />
      ) : (
        <Table<Todo>
          id="todos"
          data-testid="todos"
          rowKey={(t) => `${t.kind}:${t.taskId ?? ''}:${t.meetingId ?? ''}:${t.matterId}`}
          size="middle"
          columns={columns}
          dataSource={sortTodos(todos.data ?? [])}
          loading={todos.loading}
          rowClassName={(t) => (t.overdue ? 'ql-row-flagged' : '')}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          caption={<span className="ql-sr-only">{a.todos.caption}</span>}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={a.todos.empty} /> }}
        />
      )}
    </>
  );
}
