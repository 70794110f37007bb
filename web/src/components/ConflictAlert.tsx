import { Alert, Button, Space, Table } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n';

/** One field of a record in a "changed meanwhile" view: as opened, as stored now, as edited. */
export interface ConflictRow {
  field: string;
  label: string;
  opened: ReactNode;
  now: ReactNode;
  yours: ReactNode;
}

/**
 * The "changed meanwhile" view after a 412: field by field, the record when the person opened
 * it, as it is now, and their own change, so they can re-apply their edit on the new version.
 */
export function ConflictAlert({
  title,
  openedVersion,
  nowVersion,
  rows,
  onReapply,
  onDiscard,
}: {
  title: string;
  openedVersion: number;
  nowVersion: number;
  rows: ConflictRow[];
  onReapply: () => void;
  onDiscard: () => void;
}) {
  const { t } = useI18n();
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      message={title}
      description={
        <Space direction="vertical" style={{ width: '100%' }}>
          <span>{t('edit.conflictText', { mine: openedVersion, theirs: nowVersion })}</span>
          <div style={{ overflowX: 'auto' }}>
            <Table
              size="small"
              pagination={false}
              rowKey="field"
              dataSource={rows}
              aria-label={title}
              columns={[
                { key: 'label', title: t('edit.field'), dataIndex: 'label' },
                { key: 'opened', title: t('edit.whenOpened'), dataIndex: 'opened' },
                { key: 'now', title: t('edit.now'), dataIndex: 'now' },
                { key: 'yours', title: t('edit.yours'), dataIndex: 'yours' },
              ]}
            />
          </div>
          <Space wrap>
            <Button type="primary" onClick={onReapply}>
              {t('edit.reapply')}
            </Button>
            <Button onClick={onDiscard}>{t('edit.discard')}</Button>
          </Space>
        </Space>
      }
    />
  );
}
