import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Select, Table, type TableColumnsType, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { paths } from '../../../api/paths';
import type { CreatePersonBody, CreatePostHoldingBody, EndBody, OrgUnit, Person, PersonDetail, Post, PostHolding } from '../../../api/types';
import { useLoad } from '../../../api/useLoad';
import { DateInput } from '../../../components/DateInput';
import { FormModal } from '../../../components/FormModal';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format } from '../../../i18n/messages';
import { todayInChina } from '../../../power-list/dates';
import { runningOn } from '../../../power-list/directory';
import { textOrNull } from '../../../power-list/forms';
import { useSession } from '../../../session/SessionProvider';
import { EndDateModal } from './EndDateModal';
import { TermFields } from './TermFields';

interface Props {
  readonly units: readonly OrgUnit[];
  readonly posts: readonly Post[];
}

interface Assignment {
  readonly postId: string;
  readonly startOn: string;
  readonly endOn?: string | null;
}

/** One person's holdings (任职), loaded when the row is opened, with 离任 for those still running. */
function Holdings({ person, revision, onEnd }: { readonly person: Person; readonly revision: number; readonly onEnd: (h: PostHolding) => void }) {
  const { m } = useLanguage();
  const d = m.directory;
  const { api, can } = useSession();
  const detail = useLoad((signal) => api.get<PersonDetail>(paths.person(person.id), { signal }), [api, person.id, revision]);
  const today = todayInChina();
  const columns: TableColumnsType<PostHolding> = [
    { title: d.post, dataIndex: 'postName', key: 'post' },
    { title: d.unit, dataIndex: 'orgUnitName', key: 'unit' },
    { title: d.startOn, dataIndex: 'startOn', key: 'startOn', width: 120 },
    { title: d.endOn, dataIndex: 'endOn', key: 'endOn', width: 120, render: (e: string | null) => e ?? <Tag color="success">{m.common.openEnded}</Tag> },
    ...(can('directory:write')
      ? [
          {
            title: m.common.actions,
            key: 'actions',
            width: 100,
            render: (_: unknown, h: PostHolding) =>
              runningOn(h.endOn, today) && (
                <Button size="small" aria-label={`${d.end} ${h.postName}`} onClick={() => onEnd(h)}>
                  {d.end}
                </Button>
              ),
          },
        ]
      : []),
  ];
  if (detail.error !== null) return <ProblemAlert error={detail.error} onRetry={detail.reload} />;
  return (
    <Table<PostHolding>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={detail.data?.holdings ?? []}
      loading={detail.loading}
      pagination={false}
      caption={<span className="ql-sr-only">{format(d.holdingsCaption, { name: person.name })}</span>}
      locale={{ emptyText: d.noHoldings }}
    />
  );
}

/** 人员: the tenant's people; each row opens its holdings; 任职 assigns a post, 离任 ends one. */
export function PeoplePanel({ units, posts }: Props) {
  const { m } = useLanguage();
  const d = m.directory;
  const { api, can } = useSession();
  const { message } = App.useApp();
  const people = useLoad((signal) => api.get<Person[]>(paths.people, { signal }), [api]);
  const [creating, setCreating] = useState(false);
  const [assigning, setAssigning] = useState<Person | null>(null);
  const [ending, setEnding] = useState<{ person: Person; holding: PostHolding } | null>(null);
  const [expanded, setExpanded] = useState<readonly string[]>([]);
  const [revisions, setRevisions] = useState<Readonly<Record<string, number>>>({});
  const mayWrite = can('directory:write');

  const unitNames = useMemo(() => new Map(units.map((u) => [u.id, u.name])), [units]);
  const postOptions = posts.map((p) => ({ value: p.id, label: `${p.name}（${unitNames.get(p.orgUnitId) ?? p.code}）` }));
  /** Shows the person's holdings again, opened. */
  const refresh = (personId: string) => {
    setRevisions((r) => ({ ...r, [personId]: (r[personId] ?? 0) + 1 }));
    setExpanded((e) => (e.includes(personId) ? e : [...e, personId]));
  };

  const createPerson = async (v: { name: string; subject?: string; joinedOn?: string | null }) => {
    const body: CreatePersonBody = { name: v.name.trim(), ...(textOrNull(v.subject) ? { subject: v.subject?.trim() } : {}), ...(v.joinedOn ? { joinedOn: v.joinedOn } : {}) };
    const person = await api.post<Person>(paths.people, body);
    void message.success(format(d.personCreated, { name: person.name }));
    people.reload();
  };
  const assign = async (person: Person, v: Assignment) => {
    const body: CreatePostHoldingBody = { personId: person.id, postId: v.postId, startOn: v.startOn, ...(v.endOn ? { endOn: v.endOn } : {}) };
    await api.post<PostHolding>(paths.postHoldings, body);
    void message.success(d.assigned);
    refresh(person.id);
  };
  const end = async (person: Person, holding: PostHolding, endOn: string) => {
    const body: EndBody = { endOn };
    await api.post<PostHolding>(paths.endPostHolding(holding.id), body);
    void message.success(d.ended);
    refresh(person.id);
  };

  const columns: TableColumnsType<Person> = [
    { title: d.personName, dataIndex: 'name', key: 'name' },
    { title: d.subject, dataIndex: 'subject', key: 'subject', render: (s: string | null) => s ?? <span className="ql-muted">{m.common.empty}</span> },
    { title: d.joinedOn, dataIndex: 'joinedOn', key: 'joinedOn', width: 120, render: (j: string | null) => j ?? <span className="ql-muted">{m.common.empty}</span> },
    ...(mayWrite
      ? [
          {
            title: m.common.actions,
            key: 'actions',
            width: 100,
            render: (_: unknown, p: Person) => (
              <Button size="small" aria-label={`${d.assign} ${p.name}`} onClick={() => setAssigning(p)}>
                {d.assign}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      {mayWrite && (
        <Button className="ql-panel-action" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {d.newPerson}
        </Button>
      )}
      {people.error !== null && <ProblemAlert error={people.error} onRetry={people.reload} />}
      <Table<Person>
        id="people"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={people.data ?? []}
        loading={people.loading}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        caption={<span className="ql-sr-only">{d.peopleCaption}</span>}
        locale={{ emptyText: d.noPeople }}
        expandable={{
          expandedRowKeys: [...expanded],
          onExpandedRowsChange: (keys) => setExpanded(keys.map(String)),
          expandedRowRender: (p) => <Holdings person={p} revision={revisions[p.id] ?? 0} onEnd={(holding) => setEnding({ person: p, holding })} />,
        }}
      />
      <FormModal<{ name: string; subject?: string; joinedOn?: string | null }>
        open={creating}
        name="new-person"
        title={d.newPerson}
        okText={m.common.create}
        failedTitle={d.newPerson}
        onClose={() => setCreating(false)}
        onSubmit={createPerson}
      >
        <Form.Item name="name" label={d.personName} rules={[{ required: true, whitespace: true, message: format(m.common.required, { field: d.personName }) }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="subject" label={d.subject}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="joinedOn" label={d.joinedOn}>
          <DateInput />
        </Form.Item>
      </FormModal>
      <FormModal<Assignment>
        open={assigning !== null}
        name="assign-post"
        title={format(d.assignTitle, { name: assigning?.name ?? '' })}
        okText={d.assign}
        failedTitle={d.assign}
        initialValues={{ startOn: todayInChina() }}
        onClose={() => setAssigning(null)}
        onSubmit={(v) => (assigning ? assign(assigning, v) : Promise.resolve())}
      >
        <Form.Item name="postId" label={d.post} rules={[{ required: true, message: format(m.common.requiredChoice, { field: d.post }) }]}>
          <Select<string> showSearch={{ optionFilterProp: 'label' }} options={postOptions} />
        </Form.Item>
        <TermFields />
      </FormModal>
      <EndDateModal
        open={ending !== null}
        title={format(d.endTitle, { name: ending?.person.name ?? '', post: ending?.holding.postName ?? '' })}
        onClose={() => setEnding(null)}
        onSubmit={(endOn) => (ending ? end(ending.person, ending.holding, endOn) : Promise.resolve())}
      />
    </>
  );
}
