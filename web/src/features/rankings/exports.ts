import type { Ranking } from '#shared/contract/rankings';
import { regionLabel } from '../../lib/regions';
import { instantText, listExport, type Translate } from '../../lib/spreadsheets';

/**
 * A published ranking as the screen shows it (its year and region, an earlier snapshot when one
 * is picked): donations in 元, the assessment's scores to 2 decimals. A ranking is one answer of
 * the API (no pages), so nothing is cut.
 */
export function rankingExport(t: Translate, ranking: Ranking, at: string | undefined) {
  const money = ranking.metric !== 'assessment';
  const value = t(`ranking.value.${ranking.metric}`);
  return listExport(
    t,
    t(`ranking.${ranking.metric}`),
    [
      { label: t('common.region'), value: regionLabel(ranking.regionCode) },
      { label: t('common.year'), value: t('common.yearValue', { year: ranking.year }) },
      {
        label: t('export.publishedAt'),
        value: ranking.computedAt
          ? at
            ? instantText(ranking.computedAt)
            : t('common.withNote', {
                text: instantText(ranking.computedAt),
                note: t('export.latest'),
              })
          : t('ranking.notComputed'),
      },
    ],
    { items: ranking.items, capped: false },
    [
      { header: t('common.rank'), value: (r) => r.rank, format: 'integer' },
      {
        header:
          ranking.metric === 'donations-by-region' ? t('ranking.region') : t('ranking.chamber'),
        value: (r) => r.name,
      },
      money
        ? {
            header: t('export.amountYuan', { label: value }),
            value: (r) => r.value,
            format: 'yuan',
          }
        : { header: value, value: (r) => r.value, format: 'decimal' },
    ],
  );
}
