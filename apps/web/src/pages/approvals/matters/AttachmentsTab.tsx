import { UploadOutlined } from '@ant-design/icons';
import { App, Button, Select, Space, Table, type TableColumnsType, Tag, Upload } from 'antd';
import { useState } from 'react';
import { approvalPaths } from '../../../api/paths';
import { fileSize } from '../../../approvals/files';
import type { Attachment, Matter } from '../../../approvals/types';
import { FileLink } from '../../../components/FileLink';
import { ATTACHMENT_PURPOSES, type AttachmentPurposeName } from '../../../i18n/approvals';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format, labelOf } from '../../../i18n/messages';
import { dateTimeText } from '../../../power-list/dates';
import { ApprovalsProblemAlert } from '../components/ApprovalsProblemAlert';
import { HashText } from '../components/Tags';
import { useApprovals } from '../components/useApprovals';

interface Props {
  readonly matter: Matter;
  /** After an upload: the matter is read again (the answer is the attachment only). */
  readonly onUploaded: () => void;
}

/** 附件: the matter's files with their SM3 hashes; upload (multipart: purpose, file) and download. */
export function AttachmentsTab({ matter, onUploaded }: Props) {
  const { m } = useLanguage();
  const a = m.approvals;
  const t = a.attachments;
  const { api, may } = useApprovals();
  const { message } = App.useApp();
  const [purpose, setPurpose] = useState<AttachmentPurposeName>('general');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const mayUpload = may('matter:write') || may('compliance-review:write') || may('execution:write');

  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      // The purpose first: a streaming reader sees it before the file's bytes.
      const form = new FormData();
      form.append('purpose', purpose);
      form.append('file', file, file.name);
      await api.request<Attachment>('POST', approvalPaths.attachments(matter.id), { body: form });
      void message.success(format(t.uploaded, { name: file.name }));
      onUploaded();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumnsType<Attachment> = [
    { title: t.fileName, dataIndex: 'fileName', key: 'fileName' },
    { title: t.purpose, dataIndex: 'purpose', key: 'purpose', width: 130, render: (p: string) => <Tag>{labelOf(a.attachmentPurposes, p)}</Tag> },
    { title: t.size, dataIndex: 'size', key: 'size', width: 100, align: 'right', render: (n: number) => fileSize(n) },
    { title: t.sm3, dataIndex: 'sm3', key: 'sm3', width: 190, render: (h: string) => <HashText value={h} testId="attachment-sm3" /> },
    { title: t.uploadedBy, dataIndex: 'uploadedByName', key: 'by', width: 110 },
    { title: t.uploadedAt, dataIndex: 'uploadedAt', key: 'at', width: 150, render: (v: string) => dateTimeText(v) },
    {
      title: m.common.actions,
      key: 'download',
      width: 110,
      render: (_, x) => (
        <FileLink href={approvalPaths.attachment(matter.id, x.id)} fileName={x.fileName}>
          {t.download}
        </FileLink>
      ),
    },
  ];

  return (
    <section aria-label={t.caption}>
      {mayUpload && (
        <Space wrap className="ql-ap-actions" data-testid="attachment-upload">
          <Select<AttachmentPurposeName>
            id="attachment-purpose"
            aria-label={t.purposeLabel}
            style={{ minWidth: 160 }}
            value={purpose}
            onChange={setPurpose}
            options={ATTACHMENT_PURPOSES.map((p) => ({ value: p, label: a.attachmentPurposes[p] }))}
          />
          <Upload
            showUploadList={false}
            multiple={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy} id="upload-attachment">
              {t.upload}
            </Button>
          </Upload>
        </Space>
      )}
      {error !== null && <ApprovalsProblemAlert id="upload-error" error={error} title={t.failed} />}
      <Table<Attachment>
        id="attachments"
        data-testid="attachments"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={matter.attachments}
        pagination={false}
        scroll={{ x: 900 }}
        caption={<span className="ql-sr-only">{t.caption}</span>}
        locale={{ emptyText: t.empty }}
      />
    </section>
  );
}
