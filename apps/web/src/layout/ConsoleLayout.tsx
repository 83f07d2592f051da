import { BankOutlined, EyeOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, App, Button, Layout, Menu, Select, Tag, Tooltip } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { AREAS } from '../app/areas';
import { useLanguage } from '../i18n/LanguageProvider';
import { roleLabel, tenantKindLabel } from '../i18n/messages';
import { useSession } from '../session/SessionProvider';
import { LanguageSwitch } from './LanguageSwitch';

/** Header (who, where, language, sign-out), the five areas' navigation, and the page. */
export function ConsoleLayout() {
  const { m } = useLanguage();
  const { me, viewedTenant, readOnly, viewTenant, signOut } = useSession();
  const { message } = App.useApp();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);
  // After moving to another area, keyboard and screen-reader users continue in the new page.
  const shownPath = useRef(pathname);
  useEffect(() => {
    if (pathname === shownPath.current) return;
    shownPath.current = pathname;
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [pathname]);
  const selected = AREAS.find((a) => pathname === a.path || pathname.startsWith(`${a.path}/`));

  const onSignOut = () => {
    setSigningOut(true);
    signOut().catch(() => {
      setSigningOut(false);
      void message.error(m.header.signOutFailed);
    });
  };

  return (
    <Layout className="ql-shell">
      <a className="ql-skip-link" href="#main">
        {m.app.skipToContent}
      </a>
      <Layout.Header className="ql-header">
        <Link to="/" className="ql-brand">
          <span className="ql-logo ql-logo-small" aria-hidden="true">
            廉
          </span>
          <span className="ql-brand-name">{m.app.fullName}</span>
        </Link>
        <div className="ql-header-items">
          <span className="ql-who" id="current-user">
            <UserOutlined aria-hidden="true" />
            <span className="ql-sr-only">{m.header.user}：</span>
            <span>{me.user.name}</span>
          </span>
          <span className="ql-where" id="current-tenant">
            <BankOutlined aria-hidden="true" />
            {me.tenants.length > 1 ? (
              <Select
                id="tenant-switch"
                aria-label={m.header.switchTenant}
                size="small"
                variant="borderless"
                value={viewedTenant.id}
                onChange={viewTenant}
                popupMatchSelectWidth={false}
                options={me.tenants.map((t) => ({ value: t.id, label: t.name, title: `${t.name}（${tenantKindLabel(m, t.kind)}）` }))}
              />
            ) : (
              <>
                <span className="ql-sr-only">{m.header.tenant}：</span>
                <span>{me.tenant.name}</span>
              </>
            )}
            {readOnly && (
              <Tooltip title={m.header.readOnlyHint}>
                <Tag id="read-only" color="orange" icon={<EyeOutlined aria-hidden="true" />} tabIndex={0}>
                  {m.header.readOnly}
                </Tag>
              </Tooltip>
            )}
          </span>
          <ul className="ql-roles" id="current-roles" aria-label={m.header.roles}>
            {me.roles.map((r) => (
              <li key={r}>
                <Tag color="blue">{roleLabel(m, r)}</Tag>
              </li>
            ))}
          </ul>
          <LanguageSwitch />
          <Button id="sign-out" icon={<LogoutOutlined />} loading={signingOut} onClick={onSignOut}>
            {m.header.signOut}
          </Button>
        </div>
      </Layout.Header>
      <Layout>
        <Layout.Sider className="ql-sider" theme="light" width={232} breakpoint="lg" collapsedWidth={0}>
          <nav aria-label={m.nav.label}>
            <Menu
              mode="inline"
              selectedKeys={selected ? [selected.path] : []}
              // Mouse clicks follow the link; Enter on a focused item (keyboard) lands here.
              onClick={({ key, domEvent }) => {
                if (!(domEvent.target instanceof Element && domEvent.target.closest('a'))) void navigate(key);
              }}
              items={AREAS.map((a) => ({ key: a.path, icon: a.icon, label: <Link to={a.path}>{m.nav[a.key]}</Link> }))}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content id="main" className="ql-content" tabIndex={-1}>
          {readOnly && <Alert className="ql-readonly-banner" type="warning" showIcon title={`${m.header.readOnly} · ${viewedTenant.name}`} description={m.header.readOnlyHint} />}
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
