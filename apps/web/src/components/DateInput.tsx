import { DatePicker } from 'antd';
import dayjs from 'dayjs';

interface Props {
  readonly id?: string;
  /** YYYY-MM-DD, as the API writes dates. */
  readonly value?: string | null;
  readonly onChange?: (value: string | null) => void;
  readonly allowClear?: boolean;
  readonly 'aria-label'?: string;
}

/** A date as the API carries it (YYYY-MM-DD), picked with Ant Design's DatePicker. */
export function DateInput({ id, value, onChange, allowClear = true, 'aria-label': ariaLabel }: Props) {
  return (
    <DatePicker
      id={id}
      aria-label={ariaLabel}
      allowClear={allowClear}
      value={value ? dayjs(value, 'YYYY-MM-DD') : null}
      format="YYYY-MM-DD"
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
    />
  );
}
