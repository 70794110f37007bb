import type { OverdueVisit } from '#shared/contract/supervision';
import type { MessageKey } from '../../lib/i18n';
import { regionLabel } from '../../lib/regions';
import { listExport, type Rows, type Translate } from '../../lib/spreadsheets';
import type { ReportStatusRow } from './api';

/* What FIC staff's supervision lists export: overdue visits, and annual reports' statuses. */

/** Chambers overdue for a visit within `region`, as the check of `asOf` found them. */
export function overdueExport(
  t: Translate,
  region: string,
  asOf: string | null,
  rows: Rows<OverdueVisit>,
) {
  return listExport(
    t,
    t('sv.overdueTitle'),
    [
      { label: t('common.region'), value: regionLabel(region) },
      { label: t('export.asOf'), value: asOf ?? t('sv.neverRun') },
    ],
    rows,
    [
      { header: t('sv.chamber'), value: (r) => r.name },
      { header: t('chamber.region'), value: (r) => regionLabel(r.regionCode) },
      { header: t('sv.leader'), value: (r) => r.leaderName },
      { header: t('export.visitEvery'), value: (r) => r.visitEveryDays, format: 'integer' },
      {
        header: t('sv.lastVisitedOn'),
        value: (r) => r.lastVisitedOn ?? t('sv.neverVisited'),
        format: 'date',
      },
      { header: t('sv.dueOn'), value: (r) => r.dueOn, format: 'date' },
      { header: t('export.daysOverdue'), value: (r) => r.daysOverdue, format: 'integer' },
    ],
  );
}

/** A year's annual reports within `region`: the chambers missing theirs, or every chamber's. */
export function reportsExport(
  t: Translate,
  region: string,
  year: number,
  missing: boolean,
  rows: Rows<ReportStatusRow>,
) {
  return listExport(
    t,
    missing ? t('sv.missingTitle', { year }) : t('sv.reportsTitle', { year }),
    [
      { label: t('common.region'), value: regionLabel(region) },
      { label: t('common.year'), value: t('common.yearValue', { year }) },
      { label: t('sv.show'), value: missing ? t('sv.showMissing') : t('sv.showAll') },
    ],
    rows,
    [
      { header: t('sv.chamber'), value: (r) => r.name },
      { header: t('chamber.region'), value: (r) => regionLabel(r.regionCode) },
      { header: t('sv.kind'), value: (r) => t(`kind.${r.kind}` as MessageKey) },
      { header: t('sv.reportStatus'), value: (r) => t(`sv.status.${r.reportStatus ?? 'none'}`) },
    ],
  );
}
