import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useLanguage } from '../i18n/LanguageProvider';
import { problemText } from '../pages/problem-text';
import { useSession } from '../session/SessionProvider';

interface Props {
  /** A GET endpoint answering a file (a template, an export, a chart). */
  readonly href: string;
  readonly fileName: string;
  readonly children: string;
  readonly id?: string;
}

/**
 * A download. In one's own tenant it is a plain link (the session cookie is enough). While a
 * supervisor views a tenant below, the file must be fetched with x-qinglian-tenant, which a link
 * cannot send: the bytes are fetched through the API client and handed to the browser.
 */
export function FileLink({ href, fileName, children, id }: Props) {
  const { api, readOnly } = useSession();
  const { m } = useLanguage();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (!readOnly) {
    return (
      <Button id={id} href={href} download={fileName} icon={<DownloadOutlined />}>
        {children}
      </Button>
    );
  }
  const download = async () => {
    setBusy(true);
    try {
      const url = URL.createObjectURL(await api.getBlob(href));
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      a.click();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      void message.error(problemText(e, m).title);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button id={id} icon={<DownloadOutlined />} loading={busy} onClick={() => void download()}>
      {children}
    </Button>
  );
}
