import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { paths } from '../../../api/paths';
import type { CreatePostBody, OrgUnit, Post } from '../../../api/types';
import { FormModal } from '../../../components/FormModal';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format } from '../../../i18n/messages';
import { useSession } from '../../../session/SessionProvider';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

interface Props {
  readonly unit: OrgUnit | null;
  readonly posts: readonly Post[];
  readonly onChanged: () => void;
}

/** 岗位 of the selected unit, and 新建岗位 for directory writers. */
export function PostsPanel({ unit, posts, onChanged }: Props) {
  const { m } = useLanguage();
  const d = m.directory;
  const { api, can } = useSession();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  if (!unit) return <Typography.Paragraph type="secondary">{d.pickUnit}</Typography.Paragraph>;

  const own = posts.filter((p) => p.orgUnitId === unit.id);
  const columns: TableColumnsType<Post> = [
    { title: d.postCode, dataIndex: 'code', key: 'code', width: 180, render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
    { title: d.postName, dataIndex: 'name', key: 'name' },
  ];
  const create = async (v: { code: string; name: string }) => {
    const body: CreatePostBody = { code: v.code.trim(), name: v.name.trim(), orgUnitId: unit.id };
    const post = await api.post<Post>(paths.posts, body);
    void message.success(format(d.postCreated, { name: post.name }));
    onChanged();
  };
  return (
    <>
      {can('directory:write') && (
        <Button className="ql-panel-action" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {d.newPost}
        </Button>
      )}
      <Table<Post>
        id="posts"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={own}
        pagination={false}
        caption={<span className="ql-sr-only">{format(d.postsCaption, { unit: unit.name })}</span>}
        locale={{ emptyText: d.noPosts }}
      />
      <FormModal<{ code: string; name: string }>
        open={creating}
        name="new-post"
        title={format(d.newPostTitle, { unit: unit.name })}
        okText={m.common.create}
        failedTitle={d.newPost}
        onClose={() => setCreating(false)}
        onSubmit={create}
      >
        <Form.Item name="code" label={d.postCode} extra={m.common.codeRule} rules={[{ required: true, message: format(m.common.required, { field: d.postCode }) }, { pattern: CODE, message: m.common.codeRule }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="name" label={d.postName} rules={[{ required: true, whitespace: true, message: format(m.common.required, { field: d.postName }) }]}>
          <Input maxLength={100} />
        </Form.Item>
      </FormModal>
    </>
  );
}
