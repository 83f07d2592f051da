import { Card, Tag, Typography } from 'antd';
import { useLanguage } from '../i18n/LanguageProvider';
import type { AreaKey } from '../i18n/messages';
import { PageHeading } from './PageHeading';

/** An area whose service has no screens yet: its name and what it will hold, and no made-up data. */
export function PlaceholderPage({ area }: { readonly area: Exclude<AreaKey, 'powerList'> }) {
  const { m } = useLanguage();
  return (
    <>
      <PageHeading title={m.nav[area]} />
      <Card className="ql-placeholder">
        <Tag color="default">{m.placeholder.status}</Tag>
        <Typography.Paragraph className="ql-placeholder-text">{m.areas[area]}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">{m.placeholder.body}</Typography.Paragraph>
      </Card>
    </>
  );
}
