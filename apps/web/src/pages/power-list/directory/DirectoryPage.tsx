import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Space, Tabs, Tree, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { paths } from '../../../api/paths';
import type { CreateOrgUnitBody, OrgUnit, UpdateOrgUnitBody } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format } from '../../../i18n/messages';
import { unitTree } from '../../../power-list/org-tree';
import { useSession } from '../../../session/SessionProvider';
import { PageHeading } from '../../PageHeading';
import { useDirectory } from '../useDirectory';
import { LeadershipPanel } from './LeadershipPanel';
import { PeoplePanel } from './PeoplePanel';
import { PostsPanel } from './PostsPanel';
import { NewUnitModal, type NewUnitValues, UnitChangeModal, type UnitChangeValues } from './UnitModals';

/** 组织目录: the unit tree on the left; the selected unit's posts, the people and the leadership team on the right. */
export default function DirectoryPage() {
  const { m } = useLanguage();
  const d = m.directory;
  const { api, can } = useSession();
  const { message } = App.useApp();
  const directory = useDirectory();
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('unit');
  const selected = directory.units.find((u) => u.id === selectedId) ?? null;
  const [dialog, setDialog] = useState<'new' | 'change' | null>(null);
  const mayWrite = can('directory:write');

  // Every unit starts expanded, new ones too; what the reader folds stays folded.
  const [expanded, setExpanded] = useState<readonly string[]>([]);
  const known = useRef(new Set<string>());
  useEffect(() => {
    const fresh = directory.units.map((u) => u.id).filter((id) => !known.current.has(id));
    fresh.forEach((id) => known.current.add(id));
    if (fresh.length > 0) setExpanded((e) => [...e, ...fresh]);
  }, [directory.units]);
  const treeData = useMemo(() => unitTree(directory.units), [directory.units]);

  const select = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('unit', id);
    else next.delete('unit');
    setParams(next, { replace: true });
  };

  const createUnit = async (v: NewUnitValues) => {
    const body: CreateOrgUnitBody = { code: v.code.trim(), name: v.name.trim(), ...(v.parentId ? { parentId: v.parentId } : {}) };
    const unit = await api.post<OrgUnit>(paths.orgUnits, body);
    void message.success(format(d.unitCreated, { name: unit.name }));
    directory.reload();
    select(unit.id);
  };
  const changeUnit = async (unit: OrgUnit, v: UnitChangeValues) => {
    const body: UpdateOrgUnitBody = { name: v.name.trim(), parentId: v.parentId ?? null };
    const updated = await api.patch<OrgUnit>(paths.orgUnit(unit.id), body);
    void message.success(format(d.unitUpdated, { name: updated.name }));
    directory.reload();
  };

  return (
    <>
      <PageHeading title={d.title}>{d.description}</PageHeading>
      {directory.error !== null && <ProblemAlert error={directory.error} onRetry={directory.reload} />}
      <div className="ql-directory">
        <Card
          className="ql-directory-tree"
          title={
            <Typography.Title level={2} className="ql-h2" id="unit-tree-heading">
              {d.tree}
            </Typography.Title>
          }
        >
          {mayWrite && (
            <Space size={4} wrap className="ql-panel-action">
              <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog('new')}>
                {d.newUnit}
              </Button>
              <Button size="small" icon={<EditOutlined />} disabled={!selected} onClick={() => setDialog('change')}>
                {d.moveRename}
              </Button>
            </Space>
          )}
          {treeData.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={d.treeEmpty} />
          ) : (
            <Tree
              aria-labelledby="unit-tree-heading"
              treeData={treeData}
              expandedKeys={[...expanded]}
              onExpand={(keys) => setExpanded(keys.map(String))}
              selectedKeys={selected ? [selected.id] : []}
              onSelect={(keys) => select(keys[0] === undefined ? null : String(keys[0]))}
              blockNode
            />
          )}
        </Card>
        <Card
          className="ql-directory-detail"
          title={
            <Typography.Title level={2} className="ql-h2">
              {selected ? `${selected.name}（${selected.code}）` : d.details}
            </Typography.Title>
          }
        >
          <Tabs
            items={[
              { key: 'posts', label: d.tabs.posts, children: <PostsPanel unit={selected} posts={directory.posts} onChanged={directory.reload} /> },
              { key: 'people', label: d.tabs.people, children: <PeoplePanel units={directory.units} posts={directory.posts} /> },
              { key: 'leadership', label: d.tabs.leadership, children: <LeadershipPanel units={directory.units} /> },
            ]}
          />
        </Card>
      </div>
      <NewUnitModal open={dialog === 'new'} units={directory.units} parentId={selected?.id ?? null} onClose={() => setDialog(null)} onSubmit={createUnit} />
      <UnitChangeModal
        open={dialog === 'change'}
        units={directory.units}
        unit={selected}
        onClose={() => setDialog(null)}
        onSubmit={(v) => (selected ? changeUnit(selected, v) : Promise.resolve())}
      />
    </>
  );
}
