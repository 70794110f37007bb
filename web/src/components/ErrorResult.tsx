import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useI18n } from '../lib/i18n';
import { ApiError } from '../lib/problem';

/*
 * What a screen shows instead of its content: never a blank page. 404 and 403 say so plainly
 * (a chamber outside one's scope is a 404 by the API's design); anything else names the
 * problem and offers to try again.
 */
function HomeButton() {
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => navigate('/')}>
      {t('auth.backHome')}
    </Button>
  );
}

export function NotFoundResult() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={<h1 className="result-title">{t('error.notFound')}</h1>}
      subTitle={t('error.notFoundText')}
      extra={<HomeButton />}
    />
  );
}

export function ForbiddenResult() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title={<h1 className="result-title">{t('error.forbidden')}</h1>}
      subTitle={t('error.forbiddenText')}
      extra={<HomeButton />}
    />
  );
}

export function ErrorResult({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t, apiMessage } = useI18n();
  if (error instanceof ApiError && error.status === 404) return <NotFoundResult />;
  if (error instanceof ApiError && error.status === 403) return <ForbiddenResult />;
  return (
    <Result
      status="error"
      title={<h1 className="result-title">{describeError(error, t, apiMessage)}</h1>}
      extra={
        retry && (
          <Button type="primary" onClick={retry}>
            {t('error.retry')}
          </Button>
        )
      }
    />
  );
}

type T = ReturnType<typeof useI18n>['t'];

/** One line about an error, in the reader's language: the API's detail after its status's name. */
export function describeError(error: unknown, t: T, apiMessage: (m: string) => string): string {
  if (!(error instanceof ApiError)) return t('error.generic');
  if (error.status === 0) return t('error.network');
  const key = `error.status.${error.status}` as Parameters<T>[0];
  const known = ['400', '401', '403', '404', '409', '412', '422', '428', '500', '503'];
  const head = known.includes(String(error.status)) ? t(key) : t('error.generic');
  const detail = error.problem.detail ? apiMessage(error.problem.detail) : '';
  return detail && detail !== head ? t('error.withDetail', { head, detail }) : head;
}
