import { Input } from 'antd';
import { useEffect, useState } from 'react';
import { fromLines, sameLines, toLines } from '../power-list/lines';

interface Props {
  readonly id?: string;
  readonly value?: readonly string[];
  readonly onChange?: (value: string[]) => void;
  readonly rows?: number;
  readonly placeholder?: string;
  readonly 'aria-describedby'?: string;
}

/** A list of texts edited one item a line (Form.Item passes id, value and onChange). */
export function LinesInput({ id, value, onChange, rows = 3, placeholder, 'aria-describedby': describedBy }: Props) {
  const [text, setText] = useState(() => fromLines(value ?? []));
  // Follow a new value from outside, but not the echo of what is being typed (a blank last line).
  useEffect(() => setText((t) => (sameLines(t, value ?? []) ? t : fromLines(value ?? []))), [value]);
  return (
    <Input.TextArea
      id={id}
      rows={rows}
      value={text}
      placeholder={placeholder}
      aria-describedby={describedBy}
      onChange={(e) => {
        setText(e.target.value);
        onChange?.(toLines(e.target.value));
      }}
    />
  );
}
