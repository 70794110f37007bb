import { App, Button, Card, Skeleton, Tabs, Tag } from 'antd';
import { useParams, useSearchParams } from 'react-router';
import { describeError, ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../lib/format';
import { useI18n } from '../../lib/i18n';
import { regionLabel } from '../../lib/regions';
import { AssignmentsCard } from './AssignmentsCard';
import { useCycle, useFinalize, useResults } from './api';
import { CycleStatusTag } from './labels';
import { ResultsCard } from './ResultsCard';

/**
 * One cycle, as FIC staff run it: who reviews whom, the results so far (with vetoes and awards),
 * and finalizing, after a confirmation that says what it locks.
 */
export default function CycleScreen() {
  const { cycleId = '' } = useParams();
  const i18n = useI18n();
  const { t, locale } = i18n;
  const { modal, message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const cycle = useCycle(cycleId);
  const results = useResults(cycleId);
  const finalize = useFinalize(cycleId);
  if (cycle.isError) return <ErrorResult error={cycle.error} retry={() => void cycle.refetch()} />;
  if (cycle.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  const c = cycle.data;
  const open = c.status === 'open';
  const entries = results.data?.items.length ?? 0;
  const confirmFinalize = () =>
    modal.confirm({
      title: t('assess.finalizeTitle', { title: c.title }),
      content: t('assess.finalizeText', { entries }),
      okText: t('assess.finalizeConfirm'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await finalize.mutateAsync();
          message.success(t('assess.finalized'));
          setParams({ tab: 'results' });
        } catch (error) {
          message.error(describeError(error, t, i18n.apiMessage));
        }
      },
    });
  const tab = params.get('tab') === 'assignments' ? 'assignments' : 'results';
  return (
    <>
      <PageHeader
        title={c.title}
        tags={<CycleStatusTag status={c.status} />}
        subtitle={
          c.finalizedAt
            ? t('assess.finalizedAt', { at: formatDateTime(c.finalizedAt, locale) })
            : t('assess.cycleInfo', { region: regionLabel(c.regionCode), year: c.year })
        }
        crumbs={[{ title: t('nav.cycles'), to: '/assessment' }, { title: c.title }]}
        extra={
          open && (
            <Button danger onClick={confirmFinalize} loading={finalize.isPending}>
              {t('assess.finalize')}
            </Button>
          )
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key })}
        items={[
          {
            key: 'results',
            label: open ? t('assess.provisional') : t('assess.results'),
            children: <ResultsCard cycle={c} />,
          },
          {
            key: 'assignments',
            label: t('assess.assignments'),
            children: <AssignmentsCard cycle={c} />,
          },
        ]}
      />
      {!open && (
        <Card size="small">
          <Tag color="#237804">{t('assess.lockedNote')}</Tag>
        </Card>
      )}
    </>
  );
}
