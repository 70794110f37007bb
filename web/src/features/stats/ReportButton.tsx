import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import type { Stats } from '#shared/contract/ledger';
import { useApi } from '../../lib/api';
import { useI18n } from '../../lib/i18n';
import { countiesWithin, regionLabel } from '../../lib/regions';
import { downloadTables } from '../../lib/spreadsheets';
import { fetchStatsByRegion, type StatsByCampaign } from './api';

/** Downloads the statistics report of a region and year (by campaign, by county) as .xlsx. */
export function ReportButton({ region, year }: { region: string; year: number | undefined }) {
  const api = useApi();
  const { t, apiMessage } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
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
      await downloadTables(tables[0]?.title.replace(/（.*$/, '') ?? 'report', tables);
    } catch (error) {
      message.error(apiMessage((error as Error).message));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={run}>
      {t('sheets.report')}
    </Button>
  );
}
