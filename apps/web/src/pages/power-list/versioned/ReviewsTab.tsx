import { Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { Review, VersionMeta } from '../../../api/types';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { labelOf, roleLabel } from '../../../i18n/messages';
import { dateTimeText } from '../../../power-list/dates';

/** 审核记录: the opinions of the current round, and the roles whose approval is still missing. */
export function ReviewsTab({ version }: { readonly version: VersionMeta }) {
  const { m } = useLanguage();
  const columns: TableColumnsType<Review> = [
    { title: m.reviews.role, dataIndex: 'role', key: 'role', width: 200, render: (r: string) => roleLabel(m, r) },
    { title: m.reviews.reviewer, dataIndex: 'reviewerName', key: 'reviewerName', width: 120 },
    {
      title: m.reviews.decision,
      dataIndex: 'decision',
      key: 'decision',
      width: 110,
      render: (d: string) => <Tag color={d === 'approve' ? 'success' : 'warning'}>{labelOf(m.reviewDecisions, d)}</Tag>,
    },
    { title: m.reviews.opinion, dataIndex: 'opinion', key: 'opinion', render: (o: string) => <span className="ql-pre">{o}</span> },
    { title: m.reviews.time, dataIndex: 'reviewedAt', key: 'reviewedAt', width: 160, render: dateTimeText },
  ];
  const pending = version.pendingReviewRoles;
  return (
    <>
      <div className="ql-pending" id="pending-reviews">
        {version.status === 'in-review' && pending.length > 0 ? (
          <Space wrap>
            <Typography.Text strong>{m.reviews.pending}</Typography.Text>
            {pending.map((r) => (
              <Tag key={r} color="processing">
                {roleLabel(m, r)}
              </Tag>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">{m.reviews.nonePending}</Typography.Text>
        )}
      </div>
      <Table<Review>
        id="reviews"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={version.reviews}
        pagination={false}
        caption={<span className="ql-sr-only">{m.reviews.caption}</span>}
        locale={{ emptyText: m.reviews.empty }}
      />
    </>
  );
}
