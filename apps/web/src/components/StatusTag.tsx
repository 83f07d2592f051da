import { Tag } from 'antd';
import { useLanguage } from '../i18n/LanguageProvider';
import { labelOf, type StatusName } from '../i18n/messages';

// A version's status at a glance: drafts amber, reviews blue, published green, superseded grey.
const COLORS: Readonly<Record<StatusName, string>> = {
  draft: 'gold',
  'in-review': 'processing',
  published: 'success',
  superseded: 'default',
};

export function StatusTag({ status }: { readonly status: string }) {
  const { m } = useLanguage();
  return (
    <Tag color={Object.hasOwn(COLORS, status) ? COLORS[status as StatusName] : 'default'} data-status={status}>
      {labelOf(m.statuses, status)}
    </Tag>
  );
}
