import { Space, Steps, Table, type TableColumnsType, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { approvalRoutes } from '../../../api/paths';
import { bodiesProgress } from '../../../approvals/matter-view';
import type { Matter, MatterDecision } from '../../../approvals/types';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { labelOf } from '../../../i18n/messages';
import { dateTimeText } from '../../../power-list/dates';
import { HashText, MeetingBodyTag, ResultTag } from '../components/Tags';

/** 决策: the bodies that must decide, in turn, and every sealed decision with its record. */
export function DecisionsTab({ matter }: { readonly matter: Matter }) {
  const { m } = useLanguage();
  const a = m.approvals;
  const t = a.decisions;
  const progress = bodiesProgress(matter);
  const decisions = [...matter.decisions].sort((x, y) => x.sealedAt.localeCompare(y.sealedAt));

  const columns: TableColumnsType<MatterDecision> = [
    { title: t.body, dataIndex: 'body', key: 'body', width: 150, render: (b: string) => <MeetingBodyTag body={b} /> },
    { title: t.heldOn, dataIndex: 'heldOn', key: 'heldOn', width: 120 },
    { title: t.result, dataIndex: 'result', key: 'result', width: 100, render: (r: string) => <ResultTag result={r} /> },
    { title: t.hash, dataIndex: 'hash', key: 'hash', width: 190, render: (h: string) => <HashText value={h} /> },
    { title: t.sealedAt, dataIndex: 'sealedAt', key: 'sealedAt', width: 150, render: (v: string) => dateTimeText(v) },
    {
      title: m.common.actions,
      key: 'view',
      width: 130,
      render: (_, d) => (
        <Link to={approvalRoutes.decision(d.decisionId)} data-testid="decision-link">
          {t.view}
        </Link>
      ),
    },
  ];

  return (
    <section aria-label={t.caption}>
      {progress.length > 0 && (
        <>
          <h2 className="ql-h2 ql-ap-subtitle">{t.progress}</h2>
          <Steps
            className="ql-ap-steps"
            size="small"
            data-testid="bodies-progress"
            items={progress.map((p) => ({
              key: p.body,
              title: labelOf(m.meetingBodies, p.body),
              status: p.decision === null ? 'wait' : p.decision.result === 'passed' ? 'finish' : p.decision.result === 'rejected' ? 'error' : 'process',
              content: p.decision ? (
                <Space size={4}>
                  <ResultTag result={p.decision.result} />
                  <Typography.Text type="secondary">{p.decision.heldOn}</Typography.Text>
                </Space>
              ) : (
                t.awaiting
              ),
            }))}
          />
        </>
      )}
      <Table<MatterDecision>
        id="matter-decisions"
        data-testid="matter-decisions"
        rowKey="decisionId"
        size="small"
        columns={columns}
        dataSource={decisions}
        pagination={false}
        scroll={{ x: 800 }}
        caption={<span className="ql-sr-only">{t.caption}</span>}
        locale={{ emptyText: t.empty }}
      />
    </section>
  );
}
