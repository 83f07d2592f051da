import { Descriptions, Space, Table, type TableColumnsType } from 'antd';
import { formatYuan } from '../../../approvals/money';
import { toPercent } from '../../../approvals/policy-form';
import type { PolicyContent } from '../../../approvals/types';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format, labelOf } from '../../../i18n/messages';
import { MeetingBodyTag } from '../components/Tags';

type TypeRule = PolicyContent['matterTypes'][number];
type Limit = PolicyContent['stepTimeLimits'][number];

/** A policy's content: matter types with thresholds and bodies, quorum, majority, time limits, reminders, splitting window. */
export function PolicyView({ content, id }: { readonly content: PolicyContent; readonly id?: string }) {
  const { m } = useLanguage();
  const a = m.approvals;
  const t = a.policy;
  const cmp = (strict: boolean) => (strict ? t.strictCmp : t.atLeastCmp);

  const typeColumns: TableColumnsType<TypeRule> = [
    { title: t.type, dataIndex: 'type', key: 'type', width: 160, render: (v: string) => labelOf(a.matterTypes, v) },
    {
      title: t.threshold,
      key: 'threshold',
      width: 200,
      render: (_, r) => (r.thresholdAmount === null || r.thresholdAmount === undefined ? t.always : format(t.fromAmount, { amount: formatYuan(r.thresholdAmount) })),
    },
    {
      title: t.bodies,
      key: 'bodies',
      render: (_, r) => (
        <Space size={4} wrap>
          {r.bodies.map((b, i) => (
            <span key={b}>
              {i > 0 && a.common.arrow}
              <MeetingBodyTag body={b} />
            </span>
          ))}
        </Space>
      ),
    },
  ];
  const limitColumns: TableColumnsType<Limit> = [
    { title: t.stepKind, dataIndex: 'kind', key: 'kind', render: (k: string) => labelOf(m.stepKinds, k) },
    { title: t.days, dataIndex: 'days', key: 'days', width: 120, render: (n: number) => format(t.daysText, { n }) },
  ];

  return (
    <div id={id} data-testid={id}>
      <h3 className="ql-ap-subtitle">{t.matterTypes}</h3>
      <Table<TypeRule>
        data-testid="policy-matter-types"
        rowKey="type"
        size="small"
        columns={typeColumns}
        dataSource={content.matterTypes}
        pagination={false}
        caption={<span className="ql-sr-only">{t.matterTypesCaption}</span>}
      />
      <Descriptions
        className="ql-ap-steps"
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'quorum',
            label: t.quorum,
            children: <span data-testid="policy-quorum">{format(t.rule, { base: t.quorumBase, cmp: cmp(content.quorum.strict), pct: toPercent(content.quorum.fraction) })}</span>,
          },
          {
            key: 'majority',
            label: t.majority,
            children: (
              <span data-testid="policy-majority">
                {format(t.rule, {
                  base: format(t.majorityBase, { base: labelOf(t.bases, content.majority.base) }),
                  cmp: cmp(content.majority.strict),
                  pct: toPercent(content.majority.fraction),
                })}
              </span>
            ),
          },
          { key: 'reminder', label: t.reminder, children: format(t.reminderText, { n: content.reminderHours }) },
          { key: 'splitting', label: t.splitting, children: format(t.splittingText, { n: content.splittingWindowDays }) },
        ]}
      />
      <h3 className="ql-ap-subtitle">{t.timeLimits}</h3>
      <Table<Limit>
        rowKey="kind"
        size="small"
        columns={limitColumns}
        dataSource={content.stepTimeLimits}
        pagination={false}
        caption={<span className="ql-sr-only">{t.timeLimitsCaption}</span>}
      />
    </div>
  );
}
