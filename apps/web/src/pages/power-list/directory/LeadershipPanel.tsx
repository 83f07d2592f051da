import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Radio, Select, Space, Table, type TableColumnsType, Tag } from 'antd';
import { useState } from 'react';
import { paths } from '../../../api/paths';
import type { Charge, CreateChargeBody, CreateLeadershipMemberBody, EndBody, LeadershipMember, OrgUnit, Person } from '../../../api/types';
import { useLoad } from '../../../api/useLoad';
import { DateInput } from '../../../components/DateInput';
import { FormModal } from '../../../components/FormModal';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { UnitTreeSelect } from '../../../components/UnitTreeSelect';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format, LEADERSHIP_POSITIONS, type LeadershipPositionName, labelOf } from '../../../i18n/messages';
import { todayInChina } from '../../../power-list/dates';
import { leadershipOrder, termText } from '../../../power-list/directory';
import { useSession } from '../../../session/SessionProvider';
import { EndDateModal } from './EndDateModal';
import { TermFields } from './TermFields';

interface MemberValues {
  readonly personId: string;
  readonly position: LeadershipPositionName;
  readonly title: string;
  readonly startOn: string;
  readonly endOn?: string | null;
}

interface ChargeValues {
  readonly orgUnitId: string;
  readonly startOn: string;
  readonly endOn?: string | null;
}

type Ending = { readonly kind: 'member'; readonly member: LeadershipMember } | { readonly kind: 'charge'; readonly member: LeadershipMember; readonly charge: Charge };

/** 领导班子 on a date: the main leader first, each member's 分管 units; add and end members and charges. */
export function LeadershipPanel({ units }: { readonly units: readonly OrgUnit[] }) {
  const { m } = useLanguage();
  const d = m.directory;
  const { api, can } = useSession();
  const { message } = App.useApp();
  const [on, setOn] = useState(todayInChina);
  const team = useLoad((signal) => api.get<LeadershipMember[]>(paths.leadership, { query: { on }, signal }), [api, on]);
  const [adding, setAdding] = useState(false);
  const people = useLoad((signal) => (adding ? api.get<Person[]>(paths.people, { signal }) : Promise.resolve<Person[]>([])), [api, adding]);
  const [charging, setCharging] = useState<LeadershipMember | null>(null);
  const [ending, setEnding] = useState<Ending | null>(null);
  const mayWrite = can('directory:write');

  const addMember = async (v: MemberValues) => {
    const body: CreateLeadershipMemberBody = { personId: v.personId, position: v.position, title: v.title.trim(), startOn: v.startOn, ...(v.endOn ? { endOn: v.endOn } : {}) };
    await api.post(paths.leadershipMembers, body);
    void message.success(d.memberAdded);
    team.reload();
  };
  const addCharge = async (member: LeadershipMember, v: ChargeValues) => {
    const body: CreateChargeBody = { memberId: member.id, orgUnitId: v.orgUnitId, startOn: v.startOn, ...(v.endOn ? { endOn: v.endOn } : {}) };
    await api.post(paths.charges, body);
    void message.success(d.chargeAdded);
    team.reload();
  };
  const end = async (what: Ending, endOn: string) => {
    const body: EndBody = { endOn };
    await api.post(what.kind === 'member' ? paths.endLeadershipMember(what.member.id) : paths.endCharge(what.charge.id), body);
    void message.success(d.ended);
    team.reload();
  };

  const columns: TableColumnsType<LeadershipMember> = [
    { title: d.memberName, dataIndex: 'personName', key: 'name', width: 110 },
    { title: d.memberTitle, dataIndex: 'title', key: 'title', width: 160 },
    {
      title: d.position,
      dataIndex: 'position',
      key: 'position',
      width: 110,
      render: (p: string) => <Tag color={p === 'main-leader' ? 'red' : 'blue'}>{labelOf(m.leadershipPositions, p)}</Tag>,
    },
    { title: d.term, key: 'term', width: 220, render: (_, mb) => termText(mb.startOn, mb.endOn, m) },
    {
      title: d.charges,
      key: 'charges',
      render: (_, mb) =>
        mb.charges.length === 0 ? (
          <span className="ql-muted">{d.noCharges}</span>
        ) : (
          <ul className="ql-charges" aria-label={`${mb.personName} · ${d.charges}`}>
            {mb.charges.map((c) => (
              <li key={c.id}>
                <Tag color="geekblue" title={termText(c.startOn, c.endOn, m)}>
                  {c.orgUnitName}
                </Tag>
                {mayWrite && c.endOn === null && (
                  <Button size="small" type="link" aria-label={`${format(d.endChargeLabel, { unit: c.orgUnitName })}（${mb.personName}）`} onClick={() => setEnding({ kind: 'charge', member: mb, charge: c })}>
                    {d.endCharge}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        ),
    },
    ...(mayWrite
      ? [
          {
            title: m.common.actions,
            key: 'actions',
            width: 200,
            render: (_: unknown, mb: LeadershipMember) => (
              <Space size={4} wrap>
                <Button size="small" aria-label={`${d.addCharge} ${mb.personName}`} onClick={() => setCharging(mb)}>
                  {d.addCharge}
                </Button>
                {mb.endOn === null && (
                  <Button size="small" aria-label={`${d.endMember} ${mb.personName}`} onClick={() => setEnding({ kind: 'member', member: mb })}>
                    {d.endMember}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Space wrap className="ql-panel-action">
        <label htmlFor="leadership-on">{d.onDate}</label>
        <DateInput id="leadership-on" allowClear={false} value={on} onChange={(v) => setOn(v ?? todayInChina())} />
        {mayWrite && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {d.addMember}
          </Button>
        )}
      </Space>
      {team.error !== null && <ProblemAlert error={team.error} onRetry={team.reload} />}
      <Table<LeadershipMember>
        id="leadership"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={leadershipOrder(team.data ?? [])}
        loading={team.loading}
        pagination={false}
        caption={<span className="ql-sr-only">{format(d.leadershipCaption, { date: on })}</span>}
        locale={{ emptyText: d.noMembers }}
      />
      <FormModal<MemberValues>
        open={adding}
        name="add-member"
        title={d.addMember}
        okText={m.common.add}
        failedTitle={d.addMember}
        initialValues={{ position: 'member', startOn: on }}
        onClose={() => setAdding(false)}
        onSubmit={addMember}
      >
        <Form.Item name="personId" label={d.person} rules={[{ required: true, message: format(m.common.requiredChoice, { field: d.person }) }]}>
          <Select<string> loading={people.loading} showSearch={{ optionFilterProp: 'label' }} options={(people.data ?? []).map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item name="position" label={d.position} rules={[{ required: true }]}>
          <Radio.Group options={LEADERSHIP_POSITIONS.map((p) => ({ value: p, label: m.leadershipPositions[p] }))} />
        </Form.Item>
        <Form.Item name="title" label={d.memberTitle} rules={[{ required: true, whitespace: true, message: format(m.common.required, { field: d.memberTitle }) }]}>
          <Input maxLength={100} />
        </Form.Item>
        <TermFields />
      </FormModal>
      <FormModal<ChargeValues>
        open={charging !== null}
        name="add-charge"
        title={format(d.addChargeTitle, { name: charging?.personName ?? '' })}
        okText={m.common.add}
        failedTitle={d.addCharge}
        initialValues={{ startOn: on }}
        onClose={() => setCharging(null)}
        onSubmit={(v) => (charging ? addCharge(charging, v) : Promise.resolve())}
      >
        <Form.Item name="orgUnitId" label={d.chargeUnit} rules={[{ required: true, message: format(m.common.requiredChoice, { field: d.chargeUnit }) }]}>
          <UnitTreeSelect units={units} by="id" />
        </Form.Item>
        <TermFields />
      </FormModal>
      <EndDateModal
        open={ending !== null}
        title={
          ending?.kind === 'charge'
            ? format(d.endChargeTitle, { name: ending.member.personName, unit: ending.charge.orgUnitName })
            : format(d.endMemberTitle, { name: ending?.member.personName ?? '' })
        }
        onClose={() => setEnding(null)}
        onSubmit={(endOn) => (ending ? end(ending, endOn) : Promise.resolve())}
      />
    </>
  );
}
