import {
  GlobalOutlined,
  IdcardOutlined,
  LoginOutlined,
  LogoutOutlined,
  MenuOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Drawer, Dropdown, Flex, Grid, Layout, Menu, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useI18n } from '../../lib/i18n';
import { JURISDICTION, regionLabel } from '../../lib/regions';
import { useSession } from '../../lib/session';
import { menuItems, selectedKey } from './menu';

/** The frame of every screen: header (name, language, account), side menu by role, content. */
export function AppLayout() {
  const { t, locale, setLocale } = useI18n();
  const { principal, signIn, signOut } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const wide = screens.lg !== false;
  const [drawer, setDrawer] = useState(false);
  const items = useMemo(() => menuItems(principal, t), [principal, t]);
  const selected = selectedKey(location.pathname, items);
  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      onClick={() => setDrawer(false)}
      style={{ borderInlineEnd: 'none' }}
    />
  );
  const org = t('app.org', { region: regionLabel(principal?.regionCode ?? JURISDICTION) });
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <Layout.Header className="app-header">
        <Flex align="center" gap={8} style={{ minWidth: 0 }}>
          {!wide && (
            <Button
              type="text"
              aria-label={t('app.menu')}
              icon={<MenuOutlined />}
              onClick={() => setDrawer(true)}
              className="header-button"
            />
          )}
          <div className="brand">
            <span className="brand-org">{org}</span>
            <span className="brand-title">{t('app.title')}</span>
          </div>
        </Flex>
        <Flex align="center" gap={4}>
          <Button
            type="text"
            className="header-button"
            icon={<GlobalOutlined />}
            lang={locale === 'en' ? 'zh-CN' : 'en'}
            onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}
          >
            {t('app.switchLanguage')}
          </Button>
          {principal ? (
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  {
                    key: 'who',
                    disabled: true,
                    label: (
                      <div>
                        <div>{principal.name}</div>
                        <Typography.Text type="secondary">
                          {principal.role ? t(`auth.role.${principal.role}`) : ''}
                          {principal.regionCode ? ` · ${regionLabel(principal.regionCode)}` : ''}
                        </Typography.Text>
                      </div>
                    ),
                  },
                  { type: 'divider' },
                  {
                    key: 'profile',
                    icon: <IdcardOutlined />,
                    label: t('nav.profile'),
                    onClick: () => navigate('/profile'),
                  },
                  {
                    key: 'out',
                    icon: <LogoutOutlined />,
                    label: t('auth.signOut'),
                    onClick: signOut,
                  },
                ],
              }}
            >
              <Button
                type="text"
                className="header-button"
                icon={<UserOutlined />}
                // On a phone only the icon shows: the button keeps its name.
                aria-label={principal.role ? t(`auth.role.${principal.role}`) : principal.name}
              >
                <span className="account-label">
                  {principal.role ? t(`auth.role.${principal.role}`) : principal.name}
                </span>
              </Button>
            </Dropdown>
          ) : (
            <Button type="primary" icon={<LoginOutlined />} onClick={() => signIn()}>
              {t('auth.signIn')}
            </Button>
          )}
        </Flex>
      </Layout.Header>
      <Layout>
        {wide ? (
          <Layout.Sider width={220} theme="light" className="app-sider">
            <nav aria-label={t('app.menu')}>{menu}</nav>
          </Layout.Sider>
        ) : (
          <Drawer
            open={drawer}
            onClose={() => setDrawer(false)}
            placement="left"
            size={260}
            title={t('app.title')}
            styles={{ body: { padding: 0 } }}
          >
            <nav aria-label={t('app.menu')}>{menu}</nav>
          </Drawer>
        )}
        {/* antd's Content is the page's <main> landmark */}
        <Layout.Content id="main" className="app-content" tabIndex={-1}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
