import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { type ApiClient, useApi } from '../lib/api';
import { type MessageKey, useI18n } from '../lib/i18n';
import { downloadTables, EXPORT_CAP, type Export, exportFileName } from '../lib/spreadsheets';

/**
 * "导出 Excel" for any list: one element beside the list, whose `build` reads every page the
 * list's current filters select and makes its sheets (see the lists' exports.ts), e.g.
 * `<ExportButton build={async (api) => registryExport(t, filters, await allPages(api, '/v1/chambers', filter))} />`.
 * The file is named after the list and the day; the workbook library loads on the first click.
 * A report that is not a list (the statistics report) names its own button with `label`.
 */
export function ExportButton({
  build,
  label = 'sheets.export',
}: {
  build: (api: ApiClient) => Promise<Export>;
  label?: MessageKey;
}) {
  const api = useApi();
  const { t, apiMessage } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const workbook = await build(api);
      await downloadTables(exportFileName(workbook.title), workbook.tables);
      if (workbook.capped) message.warning(t('export.cappedMessage', { cap: EXPORT_CAP }), 8);
      else if (workbook.rows !== undefined) {
        message.success(t('sheets.exported', { count: workbook.rows }));
      }
    } catch (error) {
      message.error(apiMessage((error as Error).message));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={run}>
      {t(label)}
    </Button>
  );
}
