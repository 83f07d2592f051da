import { EyeOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Radio, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { paths, routes } from '../../../api/paths';
import type { CreatePublicationBody, PublicationSummary } from '../../../api/types';
import { useLoad } from '../../../api/useLoad';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { labelOf, PUBLICATION_SCOPES, type PublicationScopeName } from '../../../i18n/messages';
import { dateTimeText } from '../../../power-list/dates';
import { textOrNull } from '../../../power-list/forms';
import { useSession } from '../../../session/SessionProvider';
import { PageHeading } from '../../PageHeading';

interface PublishValues {
  readonly scope: PublicationScopeName;
  readonly note?: string;
}

/** 公开: make a publication (publish:write) and list the publications made. */
export default function PublicationsPage() {
  const { m } = useLanguage();
  const p = m.publication;
  const { api, can } = useSession();
  const { message, modal } = App.useApp();
  const publications = useLoad((signal) => api.get<PublicationSummary[]>(paths.publications, { signal }), [api]);
  const [form] = Form.useForm<PublishValues>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const publish = (values: PublishValues) => {
    modal.confirm({
      title: p.publishTitle,
      content: p.publishConfirm,
      okText: p.publish,
      cancelText: m.common.cancel,
      onOk: async () => {
        setBusy(true);
        setError(null);
        try {
          const note = textOrNull(values.note);
          const body: CreatePublicationBody = { scope: values.scope, ...(note === null ? {} : { note }) };
          await api.post<PublicationSummary>(paths.publications, body);
          void message.success(p.published);
          form.resetFields();
          publications.reload();
        } catch (e) {
          setError(e);
        } finally {
          setBusy(false);
        }
      },
    });
  };

  const columns: TableColumnsType<PublicationSummary> = [
    { title: p.publishedAt, dataIndex: 'publishedAt', key: 'publishedAt', width: 160, render: dateTimeText },
    { title: p.scope, dataIndex: 'scope', key: 'scope', width: 200, render: (s: string) => labelOf(m.publicationScopes, s) },
    { title: p.note, dataIndex: 'note', key: 'note', render: (n: string | null) => n ?? <span className="ql-muted">{m.common.empty}</span> },
    { title: p.publishedBy, dataIndex: 'publishedBy', key: 'publishedBy', width: 120 },
    { title: p.powerItemCount, dataIndex: 'powerItemCount', key: 'powerItemCount', width: 100, align: 'right' },
    { title: p.listCount, dataIndex: 'responsibilityListCount', key: 'responsibilityListCount', width: 100, align: 'right' },
  ];

  return (
    <>
      <PageHeading title={p.title}>{p.description}</PageHeading>
      <p>
        <Link to={routes.published} id="view-publication">
          <EyeOutlined aria-hidden="true" /> {p.viewCurrent}
        </Link>
      </p>
      {can('publish:write') && (
        <Card className="ql-publish" title={<h2 className="ql-h2">{p.publishTitle}</h2>}>
          {error !== null && <ProblemAlert id="publish-error" error={error} title={p.publishTitle} />}
          <Form<PublishValues> form={form} name="publish" layout="vertical" initialValues={{ scope: 'tenant' }} onFinish={publish}>
            <Form.Item name="scope" label={p.scope} rules={[{ required: true }]}>
              <Radio.Group options={PUBLICATION_SCOPES.map((s) => ({ value: s, label: m.publicationScopes[s] }))} />
            </Form.Item>
            <Form.Item name="note" label={p.note}>
              <Input.TextArea rows={2} maxLength={1000} showCount />
            </Form.Item>
            <Button id="publish-publication" type="primary" htmlType="submit" loading={busy}>
              {p.publish}
            </Button>
          </Form>
        </Card>
      )}
      <h2 className="ql-h2 ql-section-title">{p.caption}</h2>
      {publications.error !== null && <ProblemAlert error={publications.error} onRetry={publications.reload} />}
      <Table<PublicationSummary>
        id="publications"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={publications.data ?? []}
        loading={publications.loading}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        caption={<span className="ql-sr-only">{p.caption}</span>}
        locale={{ emptyText: p.empty }}
      />
    </>
  );
}
