import type { Stats } from '#shared/contract/ledger';
import { ExportButton } from '../../components/ExportButton';
import { countiesWithin, regionLabel } from '../../lib/regions';
import { fetchStatsByRegion, type StatsByCampaign } from './api';

/** Downloads the statistics report of a region and year (by campaign, by county) as .xlsx. */
export function ReportButton({ region, year }: { region: string; year: number | undefined }) {
  return (
    <ExportButton
      label="sheets.report"
      build={async (api) => {
        const counties = countiesWithin(region).filter((c) => c.code !== region);
        const [byCampaign, byCounty] = await Promise.all([
          api.get<StatsByCampaign>(
            '/v1/stats/donations/by-campaign',
            { regionCode: region, year },
            { auth: false },
          ),
          counties.length > 0
            ? fetchStatsByRegion(
                api,
                counties.map((c) => c.code),
                year,
              ).then((answer) => answer.items)
            : [],
        ]);
        const { statisticsReport } = await import('#shared/spreadsheets/report');
        const tables = statisticsReport({
          region: regionLabel(region),
          year: year ?? null,
          byCampaign: byCampaign.items,
          byCounty: counties.map((c, i) => ({ name: c.name, stats: byCounty[i] as Stats })),
        });
        const [first] = tables;
        return {
          // The report's name without its sheet's: 滨州市2020年捐赠统计.
          title: first?.title.replace(/（.*$/, '') ?? '捐赠统计',
          tables,
          capped: false,
        };
      }}
    />
  );
}
