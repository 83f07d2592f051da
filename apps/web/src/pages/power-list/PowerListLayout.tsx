import { Menu, Spin } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { useLanguage } from '../../i18n/LanguageProvider';
import { SECTIONS, sectionOf } from '../../power-list/sections';

/** 权力清单's own navigation above its pages, which load on demand. */
export function PowerListLayout() {
  const { m } = useLanguage();
  const { pathname } = useLocation();
  const current = sectionOf(pathname);
  return (
    <>
      <nav aria-label={m.section.label} className="ql-section-nav">
        <Menu
          mode="horizontal"
          selectedKeys={current ? [current] : []}
          items={SECTIONS.map((s) => ({
            key: s.key,
            label: (
              <Link to={s.path} aria-current={current === s.key ? 'page' : undefined}>
                {m.section[s.key]}
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
