import { Menu, Spin } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { approvalsSectionOf, visibleSections } from '../../approvals/sections';
import { useLanguage } from '../../i18n/LanguageProvider';
import { useSession } from '../../session/SessionProvider';
import './approvals.css';

/** 决策审批's own navigation above its pages, which load on demand. */
export function ApprovalsLayout() {
  const { m } = useLanguage();
  const { me } = useSession();
  const { pathname } = useLocation();
  const current = approvalsSectionOf(pathname);
  return (
    <>
      <nav aria-label={m.approvals.section.label} className="ql-section-nav">
        <Menu
          mode="horizontal"
          selectedKeys={current ? [current] : []}
          items={visibleSections(me.permissions).map((s) => ({
            key: s.key,
            label: (
              <Link to={s.path} id={`approvals-nav-${s.key}`} aria-current={current === s.key ? 'page' : undefined}>
                {m.approvals.section[s.key]}
              </Link>
            ),
          }))}
        />
      </nav>
      <Suspense
        fallback={
          <div className="ql-page-loading">
            <Spin description={m.app.loading} />
          </div>
        }
      >
        <Outlet />
      </Suspense>
    </>
  );
}
