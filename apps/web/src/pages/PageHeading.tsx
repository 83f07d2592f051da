import { Typography } from 'antd';
import type { ReactNode } from 'react';
import { useDocumentTitle } from '../i18n/LanguageProvider';

/** The page's one h1, also its document.title. */
export function PageHeading({ title, children }: { readonly title: string; readonly children?: ReactNode }) {
  useDocumentTitle(title);
  return (
    <div className="ql-page-heading">
      <Typography.Title level={1}>{title}</Typography.Title>
      {children && <Typography.Paragraph type="secondary">{children}</Typography.Paragraph>}
    </div>
  );
}
