import { PlusOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useEffect, useState } from 'react';
import type { ActorRef } from '../api/types';
import { useLanguage } from '../i18n/LanguageProvider';
import { format } from '../i18n/messages';
import { actorKey } from '../power-list/actors';
import { ActorRefInput, type DirectoryChoices } from './ActorRefInput';

interface Props extends DirectoryChoices {
  readonly id?: string;
  readonly value?: readonly ActorRef[];
  readonly onChange?: (value: ActorRef[]) => void;
  /** The list's name (内部监督主体 …), for each row's controls. */
  readonly label: string;
}

const complete = (rows: readonly (ActorRef | null)[]): ActorRef[] => rows.filter((r): r is ActorRef => r !== null);
const same = (a: readonly ActorRef[], b: readonly ActorRef[]) => a.length === b.length && a.every((r, i) => b[i] !== undefined && actorKey(r) === actorKey(b[i]));

/** A list of actor refs (监督主体): rows being filled in stay until they are complete or removed. */
export function ActorListInput({ id, value, onChange, label, units, posts }: Props) {
  const { m } = useLanguage();
  const [rows, setRows] = useState<(ActorRef | null)[]>(() => [...(value ?? [])]);
  useEffect(() => setRows((r) => (same(complete(r), value ?? []) ? r : [...(value ?? [])])), [value]);

  const update = (next: (ActorRef | null)[]) => {
    setRows(next);
    onChange?.(complete(next));
  };

  return (
    <div id={id} className="ql-actor-list">
      {rows.map((row, i) => {
        const rowLabel = format(m.flow.supervisorN, { list: label, n: i + 1 });
        return (
          <div key={i} className="ql-actor-row">
            <ActorRefInput label={rowLabel} value={row} units={units} posts={posts} onChange={(ref) => update(rows.map((r, j) => (j === i ? ref : r)))} />
            <Button aria-label={`${m.common.remove} ${rowLabel}`} onClick={() => update(rows.filter((_, j) => j !== i))}>
              {m.common.remove}
            </Button>
          </div>
        );
      })}
      <Button type="dashed" icon={<PlusOutlined />} onClick={() => setRows([...rows, null])}>
        {m.flow.addSupervisor}
      </Button>
    </div>
  );
}
