import { Alert, Form, type FormInstance, Input, Select } from 'antd';
import { useState } from 'react';
import { approvalPaths, paths } from '../../../api/paths';
import type { PowerItemPage } from '../../../api/types';
import { useLoad } from '../../../api/useLoad';
import { type CreateMatterFormValues, GENERAL_MATTER } from '../../../approvals/forms';
import { meetingBodiesFor } from '../../../approvals/policy-form';
import type { Policy } from '../../../approvals/types';
import { MATTER_TYPES } from '../../../i18n/approvals';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format } from '../../../i18n/messages';
import { ApprovalsFormModal } from '../components/ApprovalsFormModal';
import { TermsFields } from '../components/Terms';
import { useApprovals } from '../components/useApprovals';

interface Props {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly onSubmit: (values: CreateMatterFormValues) => Promise<void>;
}

/** What the current 决策规则 say about the matter as typed: which bodies must decide it, in turn. */
function MeetingPreview({ form, policy }: { readonly form: FormInstance<CreateMatterFormValues>; readonly policy: Policy | undefined }) {
  const { m } = useLanguage();
  const type = Form.useWatch('matterType', form);
  const amount = Form.useWatch(['terms', 'amount'], form) as number | null | undefined;
  const bodies = meetingBodiesFor(policy?.content, type === GENERAL_MATTER ? null : type, amount);
  if (!policy || !bodies) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="ql-ap-card"
      data-testid="meeting-preview"
      title={format(m.approvals.createMatter.meetingNeeded, {
        no: policy.versionNo,
        bodies: bodies.map((b) => m.meetingBodies[b]).join(m.approvals.common.arrow),
      })}
    />
  );
}

/** 发起事项: a published power item, the title, type, 关键要素 and 申请说明. */
export function CreateMatterModal({ open, onClose, onSubmit }: Props) {
  const { m } = useLanguage();
  const c = m.approvals.createMatter;
  const { api } = useApprovals();
  const [q, setQ] = useState('');
  // Items with a published version: the latest version may be a newer draft, so the list is not
  // filtered by status=published (the status of the latest version) but by the published version.
  const items = useLoad(
    (signal) => (open ? api.get<PowerItemPage>(paths.powerItems.list, { query: { q: q.trim(), limit: 200 }, signal }) : Promise.resolve(undefined)),
    [api, open, q],
  );
  const policy = useLoad((signal) => (open ? api.get<Policy>(approvalPaths.policy, { signal }) : Promise.resolve(undefined)), [api, open]);
  const published = (items.data?.items ?? []).filter((i) => i.publishedVersionNo !== null);
  const required = (field: string) => ({ required: true, whitespace: true, message: format(m.common.required, { field }) });

  return (
    <ApprovalsFormModal<CreateMatterFormValues>
      open={open}
      name="create-matter"
      title={c.title}
      width={860}
      okText={c.title}
      failedTitle={c.title}
      initialValues={{ matterType: GENERAL_MATTER, terms: {} }}
      onClose={onClose}
      onSubmit={onSubmit}
    >
      {(form) => (
        <>
          <Form.Item name="powerItemId" label={c.powerItem} extra={c.powerItemHint} rules={[{ required: true, message: format(m.common.requiredChoice, { field: c.powerItem }) }]}>
            <Select<string>
              placeholder={c.powerItemPlaceholder}
              loading={items.loading}
              showSearch={{ filterOption: false, onSearch: setQ }}
              notFoundContent={items.loading ? undefined : c.noPublished}
              options={published.map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }))}
            />
          </Form.Item>
          <Form.Item name="title" label={m.approvals.matters.title} rules={[required(m.approvals.matters.title), { min: 2, max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="matterType" label={c.matterType} rules={[{ required: true }]}>
            <Select
              style={{ maxWidth: 320 }}
              options={[{ value: GENERAL_MATTER, label: m.approvals.common.general }, ...MATTER_TYPES.map((t) => ({ value: t, label: m.approvals.matterTypes[t] }))]}
            />
          </Form.Item>
          <fieldset className="ql-fieldset">
            <legend>{c.terms}</legend>
            <TermsFields />
          </fieldset>
          <MeetingPreview form={form} policy={policy.data} />
          <Form.Item name="description" label={c.description} rules={[required(c.description), { min: 2, max: 4000 }]}>
            <Input.TextArea rows={4} maxLength={4000} showCount />
          </Form.Item>
        </>
      )}
    </ApprovalsFormModal>
  );
}
