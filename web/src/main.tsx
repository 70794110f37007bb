import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createUserManager } from './app/auth/user-manager';
import { loadConfig } from './lib/config';
import { initialLocale, translate } from './lib/i18n';
import './styles.css';

const root = createRoot(document.getElementById('root') as HTMLElement);
const locale = initialLocale(localStorage);
document.documentElement.lang = locale === 'en' ? 'en' : 'zh-CN';
document.title = translate(locale, 'app.title');

try {
  const config = await loadConfig();
  root.render(
    <StrictMode>
      <App config={config} userManager={createUserManager(config)} />
    </StrictMode>,
  );
} catch (error) {
  // Without its configuration the console cannot sign anyone in: say so, never a blank page.
  root.render(
    <div className="boot-error" role="alert">
      <h1>{translate(locale, 'app.configError')}</h1>
      <p>{error instanceof Error ? error.message : String(error)}</p>
    </div>,
  );
}
