import { Button, Result, Spin } from 'antd';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router-dom';
import { LanguageProvider, useLanguage } from '../i18n/LanguageProvider';
import { ConsoleLayout } from '../layout/ConsoleLayout';
import { NotFoundPage } from '../pages/NotFoundPage';
import { approvalsRoutes } from '../pages/approvals/routes';
import { PlaceholderPage } from '../pages/PlaceholderPage';
import { powerListRoutes } from '../pages/power-list/routes';
import { problemText } from '../pages/problem-text';
import { SignInPage } from '../pages/SignInPage';
import { type SessionState, SessionProvider } from '../session/SessionProvider';

const router = createBrowserRouter([
  {
    path: '/',
    element: <ConsoleLayout />,
    children: [
      { index: true, element: <Navigate to="/power-list" replace /> },
      powerListRoutes,
      approvalsRoutes,
      { path: 'risks', element: <PlaceholderPage area="risks" /> },
      { path: 'assessment', element: <PlaceholderPage area="assessment" /> },
      { path: 'accountability', element: <PlaceholderPage area="accountability" /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

function Gate({ state, retry }: { readonly state: SessionState; readonly retry: () => void }) {
  const { m } = useLanguage();
  switch (state.status) {
    case 'loading':
      return (
        <main id="main" className="ql-center">
          <Spin size="large" description={m.app.loading} />
        </main>
      );
    case 'signed-out':
      return <SignInPage />;
    case 'failed': {
      const { title, detail } = problemText(state.error, m);
      return (
        <main id="main" className="ql-center">
          <Result
            status="error"
            title={<h1 className="ql-result-title">{m.errors.loadSessionFailed}</h1>}
            subTitle={detail ? `${title}: ${detail}` : title}
            extra={
              <Button type="primary" onClick={retry}>
                {m.errors.retry}
              </Button>
            }
          />
        </main>
      );
    }
    case 'signed-in':
      return <RouterProvider router={router} />;
  }
}

export function App() {
  return (
    <LanguageProvider>
      <SessionProvider>{(state, retry) => <Gate state={state} retry={retry} />}</SessionProvider>
    </LanguageProvider>
  );
}
