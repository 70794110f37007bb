import { Skeleton, Tag } from 'antd';
import { useParams } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import {
  useChamberName,
  useCycle,
  useEvidence,
  useNamesIn,
  useReview,
  useRubric,
  useSaveSheet,
  useSelfAssessment,
} from './api';
import { CycleStatusTag } from './labels';
import { ScoreSheet } from './ScoreSheet';

/** The officer's self-assessment of their chamber in a cycle. */
export function SelfAssessmentScreen() {
  const { cycleId = '', chamberId = '' } = useParams();
  const self = useSelfAssessment(cycleId, chamberId);
  const save = useSaveSheet(cycleId, chamberId, { self: true });
  return (
    <SheetPage
      kind="self"
      cycleId={cycleId}
      chamberId={chamberId}
      sheet={self}
      save={(scores) => save.mutateAsync({ scores, version: self.data?.version })}
    />
  );
}

/** The signed-in assessor's review of a chamber they are assigned to. */
export function ReviewScreen() {
  const { cycleId = '', chamberId = '' } = useParams();
  const { principal } = useSession();
  const assessorId = principal?.sub ?? '';
  const review = useReview(cycleId, chamberId, assessorId);
  const save = useSaveSheet(cycleId, chamberId, { assessorId });
  return (
    <SheetPage
      kind="review"
      cycleId={cycleId}
      chamberId={chamberId}
      sheet={review}
      save={(scores) => save.mutateAsync({ scores, version: review.data?.version })}
    />
  );
}

function SheetPage({
  kind,
  cycleId,
  chamberId,
  sheet,
  save,
}: {
  kind: 'self' | 'review';
  cycleId: string;
  chamberId: string;
  sheet: ReturnType<typeof useSelfAssessment> | ReturnType<typeof useReview>;
  save: Parameters<typeof ScoreSheet>[0]['save'];
}) {
  const { t } = useI18n();
  const { principal } = useSession();
  const cycle = useCycle(cycleId);
  const rubric = useRubric(cycle.data?.rubricId);
  const evidence = useEvidence(cycleId, chamberId);
  const officer = principal?.role === 'chamber-officer';
  const names = useNamesIn(officer ? [] : [cycleId]);
  const ownName = useChamberName(chamberId, officer);
  const name = (officer ? ownName : names.get(chamberId)) ?? '';
  const failed = [cycle, rubric, sheet].find((q) => q.isError);
  if (failed) return <ErrorResult error={failed.error} retry={() => void failed.refetch()} />;
  if (cycle.isPending || rubric.isPending || sheet.isPending || !rubric.data || !cycle.data)
    return <Skeleton active paragraph={{ rows: 12 }} />;
  const c = cycle.data;
  const crumbs =
    principal?.role === 'assessor'
      ? [{ title: t('nav.assessorHome'), to: '/assessor' }]
      : principal?.role === 'fic-admin'
        ? [
            { title: t('nav.cycles'), to: '/assessment' },
            { title: c.title, to: `/assessment/${c.id}` },
          ]
        : [{ title: t('nav.selfAssessment'), to: '/assessment' }];
  return (
    <>
      <PageHeader
        title={`${kind === 'self' ? t('assess.selfTitle') : t('assess.reviewTitle')}${name ? ` · ${name}` : ''}`}
        subtitle={t('assess.sheetSubtitle', { cycle: c.title, rubric: rubric.data.title })}
        tags={
          <>
            <CycleStatusTag status={c.status} />
            {kind === 'review' && sheet.data && 'status' in sheet.data && (
              <Tag>{t(`assess.reviewStatus.${sheet.data.status}`)}</Tag>
            )}
          </>
        }
        crumbs={[
          ...crumbs,
          { title: kind === 'self' ? t('assess.selfTitle') : t('assess.reviewTitle') },
        ]}
      />
      {evidence.isError && (
        <p role="status" style={{ color: '#874d00' }}>
          {t('assess.evidenceUnavailable')}
        </p>
      )}
      <ScoreSheet
        kind={kind}
        cycleId={cycleId}
        chamberId={chamberId}
        rubric={rubric.data}
        evidence={evidence.data}
        saved={sheet.data?.scores}
        locked={c.status !== 'open'}
        save={save}
      />
    </>
  );
}
