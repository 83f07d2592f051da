import { App, Descriptions, Spin, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { paths, routes } from '../../../api/paths';
import type { ResponsibilityList } from '../../../api/types';
import { useLoad } from '../../../api/useLoad';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format, labelOf } from '../../../i18n/messages';
import { NO_NAMES } from '../../../power-list/actors';
import { dateTimeText } from '../../../power-list/dates';
import { listFields, listFormValues, type ListFormValues } from '../../../power-list/forms';
import { useSession } from '../../../session/SessionProvider';
import { PageHeading } from '../../PageHeading';
import { DocumentHeader } from '../versioned/DocumentHeader';
import { LifecycleActions } from '../versioned/LifecycleActions';
import { ReviewsTab } from '../versioned/ReviewsTab';
import { VersionsTab } from '../versioned/VersionsTab';
import { DutiesTable } from './DutiesTable';
import { ListFormModal } from './ListFormModal';

function versionParam(value: string | null): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** One responsibility list: the latest version (or ?version=N), its lifecycle, duties, versions and reviews. */
export default function ResponsibilityListDetailPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const requested = versionParam(params.get('version'));
  const { m } = useLanguage();
  const l = m.lists;
  const { api } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const docPaths = paths.responsibilityLists;
  const loaded = useLoad(
    (signal) => api.get<ResponsibilityList>(requested === undefined ? docPaths.one(id) : docPaths.version(id, requested), { signal }),
    [api, id, requested],
  );
  const [list, setList] = useState<ResponsibilityList | undefined>();
  useEffect(() => setList(loaded.data), [loaded.data]);
  const [editing, setEditing] = useState(false);

  if (!list || list.id !== id) {
    return (
      <>
        <PageHeading title={l.title} />
        {loaded.error !== null ? <ProblemAlert id="list-error" error={loaded.error} onRetry={loaded.reload} /> : <Spin description={m.app.loading} />}
      </>
    );
  }

  const v = list.version;
  // After a lifecycle action the latest version is the one to show, loaded afresh.
  const showLatest = () => {
    if (requested === undefined) loaded.reload();
    else void navigate(routes.list(id));
  };
  const saveDraft = async (values: ListFormValues) => {
    setList(await api.put<ResponsibilityList>(docPaths.version(id, v.versionNo), listFields(values)));
    void message.success(m.common.saved);
  };

  return (
    <>
      <DocumentHeader
        title={list.title}
        code={list.code}
        status={v.status}
        versionNo={v.versionNo}
        latestVersionNo={list.latestVersionNo}
        latestPath={routes.list(id)}
        back={{ path: routes.lists, label: l.backToList }}
        actions={
          <LifecycleActions
            paths={docPaths}
            id={id}
            title={list.title}
            version={v}
            latestVersionNo={list.latestVersionNo}
            writePermission="responsibility-list:write"
            onEdit={() => setEditing(true)}
            onChanged={showLatest}
          />
        }
      />
      <section aria-label={l.infoCaption}>
        <Descriptions
          id="list-info"
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'role', label: l.role, children: labelOf(m.responsibilityRoles, list.role) },
            { key: 'organisation', label: l.organisation, children: list.organisation ?? m.common.empty },
            { key: 'author', label: m.version.author, children: v.authorName },
            { key: 'updatedAt', label: m.version.updatedAt, children: dateTimeText(v.updatedAt) },
            { key: 'publishedAt', label: m.version.publishedAt, children: dateTimeText(v.publishedAt) || m.common.empty },
            { key: 'basedOn', label: m.version.basedOn, children: v.basedOnVersionNo === null ? m.common.empty : format(m.version.label, { no: v.basedOnVersionNo }) },
          ]}
        />
      </section>
      <Tabs
        className="ql-doc-tabs"
        items={[
          { key: 'duties', label: l.tabs.duties, children: <DutiesTable id="duties" duties={list.duties} /> },
          {
            key: 'versions',
            label: l.tabs.versions,
            children: (
              <VersionsTab
                paths={docPaths}
                id={id}
                currentNo={v.versionNo}
                versionRoute={(no) => routes.list(id, no)}
                revision={`${String(list.latestVersionNo)}:${v.status}`}
                diff={{ m, names: NO_NAMES }}
              />
            ),
          },
          { key: 'reviews', label: l.tabs.reviews, children: <ReviewsTab version={v} /> },
        ]}
      />
      <ListFormModal
        open={editing}
        mode="edit"
        title={format(l.editTitle, { code: list.code, no: v.versionNo })}
        initialValues={listFormValues(list)}
        onClose={() => setEditing(false)}
        onSubmit={saveDraft}
      />
    </>
  );
}
