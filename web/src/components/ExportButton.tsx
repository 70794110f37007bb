import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import type { TableColumn } from '#shared/spreadsheets/workbooks';
import { type ApiClient, useApi } from '../lib/api';
import { useI18n } from '../lib/i18n';
import { downloadTables } from '../lib/spreadsheets';

export interface ExportButtonProps<T> {
  /** The sheet's title row and the file's name. */
  title: string;
  columns: TableColumn<T>[];
  /** Everything the list's current filters select (all pages: see allPages). */
  load: (api: ApiClient) => Promise<T[]>;
  /** Adds a 合计 row summing the columns marked `total`. */
  totals?: boolean;
}

/**
 * "导出 Excel" for any list: one element beside the list, e.g.
 * `<ExportButton title={t('registry.title')} columns={columns} load={(api) => allPages(api, '/v1/chambers', filter)} />`.
 */
export function ExportButton<T>({ title, columns, load, totals }: ExportButtonProps<T>) {
  const api = useApi();
  const { t, apiMessage } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const items = await load(api);
      await downloadTables(title, [{ name: title, title, columns, items, totals }]);
      message.success(t('sheets.exported', { count: items.length }));
    } catch (error) {
      message.error(apiMessage((error as Error).message));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={busy} onClick={run}>
      {t('sheets.export')}
    </Button>
  );
}
