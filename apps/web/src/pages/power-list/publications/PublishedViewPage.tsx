import { Collapse, Descriptions, Empty, Spin, Typography } from 'antd';
import { ApiError } from '../../../api/client';
import { paths } from '../../../api/paths';
import type { PowerItem, PublishedView } from '../../../api/types';
import { useLoad } from '../../../api/useLoad';
import { ApiImage } from '../../../components/ApiImage';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format, labelOf } from '../../../i18n/messages';
import { dateTimeText } from '../../../power-list/dates';
import { resolvedStepView } from '../../../power-list/step-view';
import { useSession } from '../../../session/SessionProvider';
import { PageHeading } from '../../PageHeading';
import { StepsTable } from '../items/StepsTable';
import { DutiesTable } from '../lists/DutiesTable';

/** A published power item: its fields and its flow chart; the steps as a table if the chart cannot load. */
function PublishedItem({ item }: { readonly item: PowerItem }) {
  const { m } = useLanguage();
  const p = m.powerItem;
  return (
    <>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'category', label: p.category, children: item.category },
          { key: 'unit', label: p.handlingUnit, children: item.handlingUnitName ?? item.handlingUnitCode },
          {
            key: 'legalBasis',
            label: p.legalBasis,
            span: 'filled',
            children: item.legalBasis.map((b) => (b.docNo ? `${b.title}（${b.docNo}）` : b.title)).join('；') || m.common.empty,
          },
          { key: 'timeLimit', label: p.timeLimitDays, children: item.timeLimitDays === null ? m.common.empty : format(m.common.days, { n: item.timeLimitDays }) },
          { key: 'publishedAt', label: m.version.publishedAt, children: dateTimeText(item.version.publishedAt) || m.common.empty },
        ]}
      />
      <ApiImage
        className="ql-chart-image"
        src={paths.publishedFlowChart(item.id)}
        alt={format(m.chart.alt, { name: item.name })}
        revision={item.version.versionId}
        fallback={() => (
          <>
            <Typography.Paragraph type="secondary">{m.publication.chartUnavailable}</Typography.Paragraph>
            <StepsTable id={`flow-${item.code}`} steps={item.flow.steps.map((s) => resolvedStepView(s, m))} sharedBlocks={item.flow.sharedBlocks} />
          </>
        )}
      />
    </>
  );
}

/** 公开内容: the latest publication, read only — for a supervisor, the viewed enterprise's publication. */
export default function PublishedViewPage() {
  const { m } = useLanguage();
  const p = m.publication;
  const { api } = useSession();
  const view = useLoad((signal) => api.get<PublishedView>(paths.currentPublication, { signal }), [api]);
  const nothing = view.error instanceof ApiError && view.error.status === 404;

  return (
    <>
      <PageHeading title={p.viewTitle}>{p.viewDescription}</PageHeading>
      {view.loading && !view.data && <Spin description={m.app.loading} />}
      {nothing && (
        <div id="no-publication">
          <Empty description={p.notPublished} />
        </div>
      )}
      {view.error !== null && !nothing && <ProblemAlert error={view.error} onRetry={view.reload} />}
      {view.data && !view.error && (
        <>
          <section aria-label={p.summary}>
            <Descriptions
              id="publication-summary"
              bordered
              size="small"
              column={{ xs: 1, md: 3 }}
              items={[
                { key: 'scope', label: p.scope, children: labelOf(m.publicationScopes, view.data.scope) },
                { key: 'publishedAt', label: p.publishedAt, children: dateTimeText(view.data.publishedAt) },
                { key: 'publishedBy', label: p.publishedBy, children: view.data.publishedBy },
                { key: 'note', label: p.note, span: 'filled', children: view.data.note ?? m.common.empty },
              ]}
            />
          </section>
          <h2 className="ql-h2 ql-section-title">
            {p.items}（{view.data.powerItems.length}）
          </h2>
          {view.data.powerItems.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <Collapse
              className="ql-published-items"
              // Open: the published view is read to see every flow chart; a reader may fold them.
              defaultActiveKey={view.data.powerItems.map((item) => item.id)}
              items={view.data.powerItems.map((item) => ({
                key: item.id,
                label: `${item.code} · ${item.name}`,
                children: <PublishedItem item={item} />,
              }))}
            />
          )}
          <h2 className="ql-h2 ql-section-title">
            {p.lists}（{view.data.responsibilityLists.length}）
          </h2>
          {view.data.responsibilityLists.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <Collapse
              className="ql-published-lists"
              items={view.data.responsibilityLists.map((list) => ({
                key: list.id,
                label: `${list.code} · ${list.title}`,
                children: <DutiesTable id={`duties-${list.code}`} duties={list.duties} caption={list.title} />,
              }))}
            />
          )}
        </>
      )}
    </>
  );
}
