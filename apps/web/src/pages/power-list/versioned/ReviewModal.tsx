import { Form, Input, Radio } from 'antd';
import type { ReviewBody } from '../../../api/types';
import { FormModal } from '../../../components/FormModal';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format, REVIEW_DECISIONS } from '../../../i18n/messages';

interface Props {
  readonly open: boolean;
  readonly title: string;
  readonly versionNo: number;
  readonly onClose: () => void;
  readonly onSubmit: (review: ReviewBody) => Promise<void>;
}

/** 审核: 同意 or 退回修改, always with a written opinion (审核人必须发表明确的意见). */
export function ReviewModal({ open, title, versionNo, onClose, onSubmit }: Props) {
  const { m } = useLanguage();
  return (
    <FormModal<ReviewBody>
      open={open}
      name="review"
      title={format(m.lifecycle.reviewTitle, { title, no: versionNo })}
      okText={m.lifecycle.review}
      failedTitle={m.lifecycle.failed}
      initialValues={{ decision: 'approve', opinion: '' }}
      onClose={onClose}
      onSubmit={(values) => onSubmit({ decision: values.decision, opinion: values.opinion.trim() })}
    >
      <Form.Item name="decision" label={m.lifecycle.decision} rules={[{ required: true }]}>
        <Radio.Group options={REVIEW_DECISIONS.map((d) => ({ value: d, label: m.reviewDecisions[d] }))} />
      </Form.Item>
      <Form.Item
        name="opinion"
        label={m.lifecycle.opinion}
        rules={[{ required: true, whitespace: true, min: 2, max: 2000, message: m.lifecycle.opinionRule }]}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
    </FormModal>
  );
}
