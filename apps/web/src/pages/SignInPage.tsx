import { LoginOutlined } from '@ant-design/icons';
import { Button, Card, Typography } from 'antd';
import { useLanguage, useDocumentTitle } from '../i18n/LanguageProvider';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { currentPath, loginUrl } from '../session/SessionProvider';

/** Shown whenever the gateway answers 401: the only way in is the realm's login page. */
export function SignInPage() {
  const { m } = useLanguage();
  useDocumentTitle(m.signIn.title);
  return (
    <div className="ql-signin">
      <header className="ql-signin-top">
        <LanguageSwitch />
      </header>
      <main id="main" className="ql-signin-main">
        <Card className="ql-signin-card">
          <div className="ql-logo" aria-hidden="true">
            廉
          </div>
          <Typography.Title level={1} className="ql-signin-title">
            {m.app.name}
          </Typography.Title>
          <Typography.Paragraph className="ql-signin-subtitle">{m.app.fullName}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">{m.signIn.description}</Typography.Paragraph>
          <Button id="sign-in" type="primary" size="large" icon={<LoginOutlined />} href={loginUrl(currentPath())} block>
            {m.signIn.button}
          </Button>
          <Typography.Paragraph type="secondary" className="ql-signin-note">
            {m.signIn.note}
          </Typography.Paragraph>
        </Card>
      </main>
    </div>
  );
}
