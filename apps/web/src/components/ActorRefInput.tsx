import { Input, Radio, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { ActorRef, OrgUnit, Post } from '../api/types';
import { useLanguage } from '../i18n/LanguageProvider';
import { ACTOR_KINDS, type ActorKindName, roleLabel, ROLES } from '../i18n/messages';
import { isActorKind } from '../power-list/actors';
import { UnitTreeSelect } from './UnitTreeSelect';

export interface DirectoryChoices {
  readonly units: readonly OrgUnit[];
  readonly posts: readonly Post[];
}

interface Props extends DirectoryChoices {
  readonly id?: string;
  readonly value?: ActorRef | null;
  readonly onChange?: (value: ActorRef | null) => void;
  /** Names the two controls for screen readers: "<label> · 主体类型", "<label> · 主体". */
  readonly label: string;
  /** Offers 不指定 (no actor), for a step that has none yet or a meeting step. */
  readonly allowNone?: boolean;
}

/**
 * An actor reference: its kind, then the ref — a role from the role list, a unit from the tree (by
 * code), a post (by code) or an outside body's name typed in.
 */
export function ActorRefInput({ id, value, onChange, label, allowNone = false, units, posts }: Props) {
  const { m } = useLanguage();
  const [kind, setKind] = useState<ActorKindName | null>(value?.kind ?? (allowNone ? null : 'role'));
  useEffect(() => {
    if (value) setKind(value.kind);
  }, [value]);

  const unitNames = useMemo(() => new Map(units.map((u) => [u.id, u.name])), [units]);
  const emit = (ref: string | undefined) => onChange?.(kind && ref ? { kind, ref } : null);
  const ref = value?.ref;
  const refLabel = `${label} · ${m.flow.actorRef}`;

  const refInput = () => {
    switch (kind) {
      case null:
        return null;
      case 'role':
        return (
          <Select<string>
            aria-label={refLabel}
            style={{ minWidth: 220 }}
            value={ref}
            onChange={emit}
            showSearch={{ optionFilterProp: 'label' }}
            options={ROLES.map((r) => ({ value: r, label: roleLabel(m, r) }))}
          />
        );
      case 'unit':
        return <UnitTreeSelect aria-label={refLabel} style={{ minWidth: 220 }} units={units} by="code" value={ref} onChange={emit} />;
      case 'post':
        return (
          <Select<string>
            aria-label={refLabel}
            style={{ minWidth: 260 }}
            value={ref}
            onChange={emit}
            showSearch={{ optionFilterProp: 'label' }}
            options={posts.map((p) => ({ value: p.code, label: `${p.name}（${unitNames.get(p.orgUnitId) ?? p.code}）` }))}
          />
        );
      case 'external':
        return <Input aria-label={refLabel} style={{ minWidth: 260 }} maxLength={100} value={ref ?? ''} onChange={(e) => emit(e.target.value)} />;
    }
  };

  return (
    <div className="ql-actor" role="group" aria-label={label}>
      <Radio.Group
        id={id}
        aria-label={`${label} · ${m.flow.actorKind}`}
        size="small"
        optionType="button"
        value={kind ?? ''}
        onChange={(e) => {
          const next: unknown = e.target.value;
          setKind(isActorKind(next) ? next : null);
          onChange?.(null);
        }}
        options={[...(allowNone ? [{ value: '' as const, label: m.flow.actorNone }] : []), ...ACTOR_KINDS.map((k) => ({ value: k, label: m.actorKinds[k] }))]}
      />
      {refInput()}
    </div>
  );
}
