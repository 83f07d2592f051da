import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { CADENCE_PERIODS, CADENCE_WINDOWS, format } from '../../../i18n/messages';
import { MONTH_DAY } from '../../../power-list/cadence';

/**
 * The cadences (周期) of one duty, simply: by period (每季度/每半年/每年, times, 至少, 年初/年底,
 * 截止 MM-DD), 定期, or on an event. What the editor does not show stays as it was.
 */
export function CadenceEditor({ duty, dutyLabel }: { readonly duty: number; readonly dutyLabel: string }) {
  const { m } = useLanguage();
  const l = m.lists;
  const form = Form.useFormInstance();
  return (
    <Form.List name={[duty, 'cadence']}>
      {(fields, { add, remove }) => (
        <div className="ql-cadences">
          {fields.map((field, i) => {
            const label = `${dutyLabel} · ${format(l.cadenceN, { n: i + 1 })}`;
            const path = ['duties', duty, 'cadence', field.name];
            return (
              // A flex row, not Space: the fields of the chosen mode must sit in the row one by one.
              <div key={field.key} className="ql-cadence-row">
                <Form.Item name={[field.name, 'mode']} label={`${label} · ${l.cadenceMode}`}>
                  <Select style={{ width: 130 }} options={(['every', 'periodic', 'event'] as const).map((mode) => ({ value: mode, label: l.modes[mode] }))} />
                </Form.Item>
                <Form.Item noStyle shouldUpdate>
                  {() => {
                    const mode: unknown = form.getFieldValue([...path, 'mode']);
                    if (mode === 'periodic') return null;
                    if (mode === 'event') {
                      return (
                        <Form.Item name={[field.name, 'onEvent']} label={l.event} rules={[{ required: true, whitespace: true, message: format(m.common.required, { field: l.event }) }]}>
                          <Input style={{ width: 320 }} maxLength={500} />
                        </Form.Item>
                      );
                    }
                    return (
                      <>
                        <Form.Item name={[field.name, 'every']} label={l.period}>
                          <Select allowClear style={{ width: 120 }} options={CADENCE_PERIODS.map((p) => ({ value: p, label: m.cadence.periods[p] }))} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'times']} label={l.times}>
                          <InputNumber min={1} max={52} precision={0} style={{ width: 90 }} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'atLeast']} label={l.atLeast} valuePropName="checked">
                          <Checkbox />
                        </Form.Item>
                        <Form.Item name={[field.name, 'window']} label={l.window}>
                          <Select allowClear style={{ width: 130 }} options={CADENCE_WINDOWS.map((w) => ({ value: w, label: m.cadence.windows[w] }))} />
                        </Form.Item>
                        <Form.Item name={[field.name, 'dueMonthDay']} label={l.due} rules={[{ pattern: MONTH_DAY, message: l.dueRule }]}>
                          <Input style={{ width: 100 }} placeholder="01-31" maxLength={5} />
                        </Form.Item>
                      </>
                    );
                  }}
                </Form.Item>
                <Button className="ql-list-remove" icon={<MinusCircleOutlined />} aria-label={`${l.removeCadence} ${label}`} onClick={() => remove(field.name)}>
                  {l.removeCadence}
                </Button>
              </div>
            );
          })}
          <Button type="dashed" size="small" icon={<PlusOutlined />} aria-label={`${l.addCadence} · ${dutyLabel}`} onClick={() => add({ mode: 'every' })}>
            {l.addCadence}
          </Button>
        </div>
      )}
    </Form.List>
  );
}
