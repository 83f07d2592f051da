import { ArrowLeftOutlined, WarningOutlined } from '@ant-design/icons';
import { Descriptions, type DescriptionsProps, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { approvalPaths, approvalRoutes } from '../../../api/paths';
import { useLoad } from '../../../api/useLoad';
import type { Matter } from '../../../approvals/types';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format } from '../../../i18n/messages';
import { dateTimeText } from '../../../power-list/dates';
import { PageHeading } from '../../PageHeading';
import { ApprovalsProblemAlert } from '../components/ApprovalsProblemAlert';
import { Amount, DueText, MatterStatusTag, MatterTypeTag, MeetingBodyTag, Muted, RequiresMeetingTag, TextOrDash } from '../components/Tags';
import { TermsView } from '../components/Terms';
import { useApprovals, useNow } from '../components/useApprovals';
import { AttachmentsTab } from './AttachmentsTab';
import { DecisionsTab } from './DecisionsTab';
import { ExecutionTab } from './ExecutionTab';
import { FilingTab } from './FilingTab';
import { FlowTab } from './FlowTab';

const TABS = ['flow', 'filing', 'attachments', 'decisions', 'execution'] as const;
type TabKey = (typeof TABS)[number];
const isTab = (v: string | null): v is TabKey => TABS.some((t) => t === v);

/** One matter: its head (status, type, amount, 三重一大), then 办理流程, 会前报备, 附件, 决策 and 执行跟踪. */
export default function MatterDetailPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const rawTab = params.get('tab');
  const tab: TabKey = isTab(rawTab) ? rawTab : 'flow';
  const { m } = useLanguage();
  const a = m.approvals;
  const { api } = useApprovals();
  const now = useNow();
  const loaded = useLoad((signal) => api.get<Matter>(approvalPaths.matter(id), { signal }), [api, id]);
  // The matter shown: as loaded, or as a write answered it.
  const [matter, setMatter] = useState<Matter | undefined>();
  useEffect(() => setMatter(loaded.data), [loaded.data]);

  if (!matter || matter.id !== id) {
    return (
      <>
        <PageHeading title={a.section.matters} />
        {loaded.error !== null ? <ApprovalsProblemAlert id="matter-error" error={loaded.error} onRetry={loaded.reload} /> : <Spin description={m.app.loading} />}
      </>
    );
  }

  const info: DescriptionsProps['items'] = [
    {
      key: 'powerItem',
      label: a.matter.powerItem,
      children: (
        <>
          <Typography.Text code>{matter.powerItemCode}</Typography.Text> {matter.powerItemName}
          <Typography.Text type="secondary">{format(a.matter.powerItemVersion, { no: matter.powerItemVersionNo })}</Typography.Text>
        </>
      ),
    },
    { key: 'proposer', label: a.matter.proposer, children: matter.proposerName },
    { key: 'createdAt', label: a.matter.createdAt, children: dateTimeText(matter.createdAt) },
    { key: 'unit', label: a.matter.handlingUnit, children: matter.handlingUnitCode },
    {
      key: 'step',
      label: a.matter.currentStep,
      children: matter.currentStepName ? (
        <Space wrap>
          <span>{matter.currentStepName}</span>
          <DueText dueAt={matter.dueAt} now={now} />
        </Space>
      ) : (
        <Muted />
      ),
    },
    {
      key: 'bodies',
      label: a.matter.requiredBodies,
      children:
        matter.requiredBodies.length === 0 ? (
          <Muted />
        ) : (
          <Space wrap size={4}>
            {matter.requiredBodies.map((b) => (
              <MeetingBodyTag key={b} body={b} />
            ))}
          </Space>
        ),
    },
    { key: 'description', label: a.matter.description, span: 'filled', children: <TextOrDash value={matter.description} /> },
  ];

  return (
    <>
      <header className="ql-ap-header">
        <Link to={approvalRoutes.matters} className="ql-back-link">
          <ArrowLeftOutlined aria-hidden="true" /> {a.matter.backToList}
        </Link>
        <PageHeading title={matter.title} />
        <Space wrap size="middle" className="ql-ap-meta" id="matter-meta">
          <Typography.Text code id="matter-no" data-testid="matter-no">
            {matter.no}
          </Typography.Text>
          <span data-testid="matter-status">
            <MatterStatusTag status={matter.status} />
          </span>
          <MatterTypeTag type={matter.matterType} />
          {matter.requiresMeeting && <RequiresMeetingTag />}
          <span data-testid="matter-amount">
            <Amount value={matter.amount} />
          </span>
          <Tag data-testid="matter-policy-version">{format(a.common.policyVersion, { no: matter.policyVersionNo })}</Tag>
          {matter.alertCount > 0 && (
            <Link to={approvalRoutes.matterAlerts(matter.id)} data-testid="matter-alerts">
              <WarningOutlined aria-hidden="true" /> {format(a.matter.alerts, { n: matter.alertCount })}
            </Link>
          )}
        </Space>
        <section aria-label={a.matter.info}>
          <Descriptions id="matter-info" bordered size="small" column={{ xs: 1, md: 2 }} items={info} />
          <h2 className="ql-h2 ql-ap-subtitle">{a.matter.terms}</h2>
          <TermsView id="matter-terms" terms={matter.terms} />
        </section>
      </header>
      <Tabs
        className="ql-doc-tabs"
        activeKey={tab}
        onChange={(key) => {
          const next = new URLSearchParams(params);
          if (key === 'flow') next.delete('tab');
          else next.set('tab', key);
          setParams(next, { replace: true });
        }}
        items={[
          { key: 'flow', label: a.matter.tabs.flow, children: <FlowTab matter={matter} now={now} onChange={setMatter} /> },
          { key: 'filing', label: a.matter.tabs.filing, children: <FilingTab matter={matter} onChange={setMatter} /> },
          { key: 'attachments', label: a.matter.tabs.attachments, children: <AttachmentsTab matter={matter} onUploaded={loaded.reload} /> },
          { key: 'decisions', label: a.matter.tabs.decisions, children: <DecisionsTab matter={matter} /> },
          { key: 'execution', label: a.matter.tabs.execution, children: <ExecutionTab matter={matter} onChange={setMatter} /> },
        ]}
      />
    </>
  );
}
