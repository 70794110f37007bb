import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { UserManager } from 'oidc-client-ts';
import { useMemo, useRef } from 'react';
import { RouterProvider } from 'react-router';
import { ApiContext, createApiClient } from '../lib/api';
import type { ConsoleConfig } from '../lib/config';
import { I18nProvider, useI18n } from '../lib/i18n';
import { ApiError } from '../lib/problem';
import { type AuthHandle, AuthProvider } from './auth/AuthProvider';
import { createRouter } from './router';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // 4xx answers are final (403, 404 show their page at once); faults are tried again.
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

function Providers({ config, userManager }: { config: ConsoleConfig; userManager: UserManager }) {
  const { locale } = useI18n();
  dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  const handle = useRef<AuthHandle | null>(null);
  const api = useMemo(
    () =>
      createApiClient({
        baseUrl: config.apiBase,
        token: () => handle.current?.token() ?? Promise.resolve(undefined),
        renew: () => handle.current?.renew() ?? Promise.resolve(undefined),
        onUnauthorized: () => handle.current?.unauthorized(),
      }),
    [config.apiBase],
  );
  const router = useMemo(() => createRouter(userManager), [userManager]);
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      // "批 准" reads (and is announced) as two words; keep a button's name as it is written.
      button={{ autoInsertSpace: false }}
      theme={{
        token: {
          // Ant Design's blue one step darker, and secondary text darker than its defaults: both
          // then meet WCAG AA contrast (4.5:1) on white and on the layout's grey.
          colorPrimary: '#0958d9',
          // Hovered and pressed, a button gets darker, not lighter: its white text keeps 4.5:1
          // while the pointer rests on it (Ant Design's default hover blue gives 4.16:1).
          colorPrimaryHover: '#003eb3',
          colorPrimaryActive: '#002c8c',
          colorLink: '#0958d9',
          colorLinkHover: '#003eb3',
          colorErrorHover: '#a8071a',
          colorErrorActive: '#820014',
          colorInfo: '#0958d9',
          colorSuccess: '#237804',
          colorWarning: '#ad4e00',
          colorError: '#cf1322',
          // The darker status colours above would tint alerts' and tags' backgrounds grey-green
          // and brown: keep Ant Design's own light ones.
          colorSuccessBg: '#f6ffed',
          colorSuccessBorder: '#b7eb8f',
          colorWarningBg: '#fffbe6',
          colorWarningBorder: '#ffe58f',
          colorErrorBg: '#fff2f0',
          colorErrorBorder: '#ffccc7',
          colorInfoBg: '#e6f4ff',
          colorInfoBorder: '#91caff',
          colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
          colorTextDescription: 'rgba(0, 0, 0, 0.65)',
          // A select's placeholder ("输入商会名称查找") is read as text: 4.7:1 on white.
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
          borderRadius: 6,
          // No animations: a button's loading spinner stayed on it when the answer came before
          // its appearing transition had started (the leaving one then never ends), and the
          // console is used for work, where a screen that is at once where it goes reads best.
          motion: false,
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
        },
      }}
    >
      <AntApp>
        <ApiContext.Provider value={api}>
          <AuthProvider userManager={userManager} handle={handle}>
            <RouterProvider router={router} />
          </AuthProvider>
        </ApiContext.Provider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App({ config, userManager }: { config: ConsoleConfig; userManager: UserManager }) {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Providers config={config} userManager={userManager} />
      </I18nProvider>
    </QueryClientProvider>
  );
}
