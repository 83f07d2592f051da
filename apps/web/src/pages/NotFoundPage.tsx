import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useLanguage } from '../i18n/LanguageProvider';
import { PageHeading } from './PageHeading';

export function NotFoundPage() {
  const { m } = useLanguage();
  const navigate = useNavigate();
  return (
    <>
      <PageHeading title={m.errors.notFoundTitle} />
      <Result
        status="404"
        subTitle={m.errors.notFoundBody}
        extra={
          <Button type="primary" onClick={() => void navigate('/')}>
            {m.errors.backHome}
          </Button>
        }
      />
    </>
  );
}
