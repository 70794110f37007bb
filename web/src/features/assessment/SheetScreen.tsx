import { Skeleton, Tag } from 'antd';
import { useParams } from 'react-router';
import { ErrorResult } from '../../components/ErrorResult';
import { PageHeader } from '../../components/PageHeader';
import { useChamberName } from '../../lib/chambers';
import { useI18n } from '../../lib/i18n';
import { useSession } from '../../lib/session';
import {
  type SheetOwner,
  useCycle,
  useEvidence,
  useNamesIn,
  useRubric,
  useSaveSheet,
  useSheet,
} from './api';
import { CycleStatusTag } from './labels';
import { ScoreSheet } from './ScoreSheet';

/** The officer's self-assessment of their chamber in a cycle. */
export function SelfAssessmentScreen() {
  const { cycleId = '', chamberId = '' } = useParams();
  return <SheetPage kind="self" cycleId={cycleId} chamberId={chamberId} whose={SELF} />;
}

/** The signed-in assessor's review of a chamber they are assigned to. */
export function ReviewScreen() {
  const { cycleId = '', chamberId = '' } = useParams();
  const { principal } = useSession();
  const whose = { assessorId: principal?.sub ?? '' };
  return <SheetPage kind="review" cycleId={cycleId} chamberId={chamberId} whose={whose} />;
}

const SELF: SheetOwner = { self: true };

/*
 * The page reads every query it shows itself. A query's result handed down as a prop goes stale:
 * React Query re-renders the hook's owner only for the fields read so far, and a child reading
 * `isPending` only after other queries have answered was never told the sheet had arrived (the
 * page then stayed on its skeleton).
 */
function SheetPage({
  kind,
  cycleId,
  chamberId,
  whose,
}: {
  kind: 'self' | 'review';
  cycleId: string;
  chamberId: string;
  whose: SheetOwner;
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
  const sheet = useSheet(cycleId, chamberId, whose);
  const saveSheet = useSaveSheet(cycleId, chamberId, whose);
  const failed = [cycle, rubric, sheet].find((q) => q.isError);
  if (failed) return <ErrorResult error={failed.error} retry={() => void failed.refetch()} />;
  if (cycle.isPending || rubric.isPending || sheet.isPending || !rubric.data || !cycle.data)
    return <Skeleton active paragraph={{ rows: 12 }} />;
  const c = cycle.data;
  // Where the person came from, then this sheet (an officer's list is already named 四好商会自评:
  // their sheet is named by its cycle).
  const crumbs =
    principal?.role === 'assessor'
      ? [
          { title: t('nav.assessorHome'), to: '/assessor' },
          { title: kind === 'self' ? t('assess.selfTitle') : t('assess.reviewTitle') },
        ]
      : principal?.role === 'fic-admin'
        ? [
            { title: t('nav.cycles'), to: '/assessment' },
            { title: c.title, to: `/assessment/${c.id}` },
            { title: kind === 'self' ? t('assess.selfTitle') : t('assess.reviewTitle') },
          ]
        : [{ title: t('nav.selfAssessment'), to: '/assessment' }, { title: c.title }];
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
        crumbs={crumbs}
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
        save={(scores) => saveSheet.mutateAsync({ scores, version: sheet.data?.version })}
      />
    </>
  );
}
