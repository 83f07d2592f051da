import { Form, Space } from 'antd';
import { DateInput } from '../../../components/DateInput';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format } from '../../../i18n/messages';

/** 起止日期 of a holding, a membership or a charge: a required start, an open end. */
export function TermFields() {
  const { m } = useLanguage();
  const d = m.directory;
  return (
    <Space size="large" wrap>
      <Form.Item name="startOn" label={d.startOn} rules={[{ required: true, message: format(m.common.requiredChoice, { field: d.startOn }) }]}>
        <DateInput allowClear={false} />
      </Form.Item>
      <Form.Item name="endOn" label={d.endOn}>
        <DateInput />
      </Form.Item>
    </Space>
  );
}
