import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { StatusTag } from '../../../components/StatusTag';
import { useLanguage } from '../../../i18n/LanguageProvider';
import { format } from '../../../i18n/messages';
import { PageHeading } from '../../PageHeading';

interface Props {
  readonly title: string;
  readonly code: string;
  readonly status: string;
  readonly versionNo: number;
  readonly latestVersionNo: number;
  /** Where the latest version is shown (the page without ?version). */
  readonly latestPath: string;
  readonly back: { readonly path: string; readonly label: string };
  /** The lifecycle buttons. */
  readonly actions: ReactNode;
}

/** The head of a versioned document's page: back link, name (h1), code, status, version, actions. */
export function DocumentHeader({ title, code, status, versionNo, latestVersionNo, latestPath, back, actions }: Props) {
  const { m } = useLanguage();
  return (
    <header className="ql-doc-header">
      <Link to={back.path} className="ql-back-link">
        <ArrowLeftOutlined aria-hidden="true" /> {back.label}
      </Link>
      <PageHeading title={title} />
      <Space wrap size="middle" className="ql-doc-meta">
        <Typography.Text code id="document-code">
          {code}
        </Typography.Text>
        <StatusTag status={status} />
        <span id="document-version">{format(m.version.label, { no: versionNo })}</span>
      </Space>
      {versionNo !== latestVersionNo && (
        <Alert
          className="ql-doc-notice"
          type="info"
          showIcon
          title={format(m.version.viewingOld, { no: versionNo, latest: latestVersionNo })}
          action={<Link to={latestPath}>{m.version.viewLatest}</Link>}
        />
      )}
      {actions}
    </header>
  );
}
