import { LoginOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Typography } from 'antd';
import { useLanguage, useDocumentTitle } from '../i18n/LanguageProvider';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { SIGN_IN_FAILURES, type SignInFailure } from '../i18n/messages';
import { currentPath, loginUrl } from '../session/SessionProvider';

/** The reason the gateway gave for a failed sign-in, if the page was opened with one. */
function signInFailure(): SignInFailure | undefined {
  const code = new URLSearchParams(window.location.search).get('signInError');
  return SIGN_IN_FAILURES.find((f) => f === code);
}

/** Shown whenever the gateway answers 401: the only way in is the realm's login page. */
export function SignInPage() {
  const { m } = useLanguage();
  useDocumentTitle(m.signIn.title);
  const failure = signInFailure();
  // After a refused sign-in, ask the realm for credentials again (another account), and come back to '/'.
  const href = failure ? `${loginUrl('/')}&prompt=login` : loginUrl(currentPath());
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
          {failure && <Alert id="sign-in-error" type="error" showIcon role="alert" title={m.signIn.failed} description={m.signIn.failures[failure]} className="ql-signin-error" />}
          <Button id="sign-in" type="primary" size="large" icon={<LoginOutlined />} href={href} block>
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
