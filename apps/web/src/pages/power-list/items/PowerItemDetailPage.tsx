import { App, Spin, Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { paths, routes } from '../../../api/paths';
import type { PowerItem } from '../../../api/types';
import { useLoad } from '../../../api/useLoad';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format } from '../../../i18n/messages';
import { powerItemFields, powerItemFormValues, type PowerItemFormValues } from '../../../power-list/forms';
import { useSession } from '../../../session/SessionProvider';
import { PageHeading } from '../../PageHeading';
import { useDirectory } from '../useDirectory';
import { DocumentHeader } from '../versioned/DocumentHeader';
import { LifecycleActions } from '../versioned/LifecycleActions';
import { ReviewsTab } from '../versioned/ReviewsTab';
import { VersionsTab } from '../versioned/VersionsTab';
import { FlowChart } from './FlowChart';
import { FlowTab } from './FlowTab';
import { PowerItemFormModal } from './PowerItemFormModal';
import { PowerItemInfo } from './PowerItemInfo';

/** A version number from `?version=`, or undefined for the latest. */
function versionParam(value: string | null): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** One power item: the latest version (or ?version=N), its lifecycle, flow, chart, versions and reviews. */
export default function PowerItemDetailPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const requested = versionParam(params.get('version'));
  const { m } = useLanguage();
  const { api, can } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const directory = useDirectory();
  const loaded = useLoad(
    (signal) => api.get<PowerItem>(requested === undefined ? paths.powerItems.one(id) : paths.powerItems.version(id, requested), { signal }),
    [api, id, requested],
  );
  // The version shown: as loaded, or as a write answered it (no second request needed).
  const [item, setItem] = useState<PowerItem | undefined>();
  useEffect(() => setItem(loaded.data), [loaded.data]);
  const [editing, setEditing] = useState(false);
  const categories = useLoad((signal) => (editing ? api.get<string[]>(paths.powerItemCategories, { signal }) : Promise.resolve<string[]>([])), [api, editing]);

  if (!item || item.id !== id) {
    return (
      <>
        <PageHeading title={m.section.items} />
        {loaded.error !== null ? <ProblemAlert id="power-item-error" error={loaded.error} onRetry={loaded.reload} /> : <Spin description={m.app.loading} />}
      </>
    );
  }

  const v = item.version;
  const latest = v.versionNo === item.latestVersionNo;
  const mayWrite = can('power-item:write');
  // After a lifecycle action the latest version is the one to show, loaded afresh.
  const showLatest = () => {
    if (requested === undefined) loaded.reload();
    else void navigate(routes.item(id));
  };
  const saveDraft = async (values: PowerItemFormValues) => {
    setItem(await api.put<PowerItem>(paths.powerItems.version(id, v.versionNo), powerItemFields(values)));
    void message.success(m.common.saved);
  };

  return (
    <>
      <DocumentHeader
        title={item.name}
        code={item.code}
        status={v.status}
        versionNo={v.versionNo}
        latestVersionNo={item.latestVersionNo}
        latestPath={routes.item(id)}
        back={{ path: routes.items, label: m.powerItem.backToList }}
        actions={
          <LifecycleActions
            paths={paths.powerItems}
            id={id}
            title={item.name}
            version={v}
            latestVersionNo={item.latestVersionNo}
            writePermission="power-item:write"
            onEdit={() => setEditing(true)}
            onChanged={showLatest}
          />
        }
      />
      <Tabs
        className="ql-doc-tabs"
        items={[
          { key: 'info', label: m.powerItem.tabs.info, children: <PowerItemInfo item={item} /> },
          {
            key: 'flow',
            label: m.powerItem.tabs.flow,
            children: <FlowTab item={item} directory={directory} editable={v.status === 'draft' && latest && mayWrite} onSaved={setItem} />,
          },
          { key: 'chart', label: m.powerItem.tabs.chart, children: <FlowChart item={item} /> },
          {
            key: 'versions',
            label: m.powerItem.tabs.versions,
            children: (
              <VersionsTab
                paths={paths.powerItems}
                id={id}
                currentNo={v.versionNo}
                versionRoute={(no) => routes.item(id, no)}
                revision={`${String(item.latestVersionNo)}:${v.status}`}
                diff={{ m, names: directory.names }}
              />
            ),
          },
          { key: 'reviews', label: m.powerItem.tabs.reviews, children: <ReviewsTab version={v} /> },
        ]}
      />
      <PowerItemFormModal
        open={editing}
        mode="edit"
        title={format(m.powerItem.editTitle, { code: item.code, no: v.versionNo })}
        initialValues={powerItemFormValues(item)}
        units={directory.units}
        categories={categories.data ?? []}
        onClose={() => setEditing(false)}
        onSubmit={saveDraft}
      />
    </>
  );
}
