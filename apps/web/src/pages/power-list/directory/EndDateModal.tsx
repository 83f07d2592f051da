import { Form } from 'antd';
import { DateInput } from '../../../components/DateInput';
import { FormModal } from '../../../components/FormModal';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format } from '../../../i18n/messages';
import { todayInChina } from '../../../power-list/dates';

interface Props {
  readonly open: boolean;
  readonly title: string;
  readonly onClose: () => void;
  /** Sends the end date (inclusive, YYYY-MM-DD). */
  readonly onSubmit: (endOn: string) => Promise<void>;
}

/** Ends a holding (离任), a leadership membership or a 分管 charge on a date, today by default. */
export function EndDateModal({ open, title, onClose, onSubmit }: Props) {
  const { m } = useLanguage();
  return (
    <FormModal<{ endOn: string }>
      open={open}
      name="end-date"
      title={title}
      okText={m.common.confirm}
      initialValues={{ endOn: todayInChina() }}
      onClose={onClose}
      onSubmit={(v) => onSubmit(v.endOn)}
    >
      <Form.Item name="endOn" label={m.directory.endOn} rules={[{ required: true, message: format(m.common.requiredChoice, { field: m.directory.endOn }) }]}>
        <DateInput allowClear={false} />
      </Form.Item>
    </FormModal>
  );
}
