import { Card, Empty, Grid, List, Table, type TableProps } from 'antd';
import type { ReactNode } from 'react';

/*
 * A table on a desktop, a list of cards on a phone (below 768 px): no page-wide horizontal
 * scroll, and every column still read with its title. On a tablet the table scrolls inside.
 */
export interface Column<T> {
  key: string;
  title: ReactNode;
  render: (row: T, index: number) => ReactNode;
  width?: number | string;
  align?: 'left' | 'right' | 'center';
  /** The card's title on a phone (one column should have it). */
  primary?: boolean;
}

export function ResponsiveTable<T>({
  rows,
  columns,
  rowKey,
  loading,
  caption,
  emptyText,
}: {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  loading?: boolean;
  caption: string;
  emptyText?: ReactNode;
}) {
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;
  // antd greys its placeholder below AA contrast: a sentence saying why the list is empty is
  // meant to be read, so it gets the secondary text colour that passes (7:1 on white).
  const empty =
    typeof emptyText === 'string' ? (
      <span style={{ color: '#595959' }}>{emptyText}</span>
    ) : (
      emptyText
    );
  if (phone) {
    const primary = columns.find((c) => c.primary) ?? columns[0];
    return (
      <List
        aria-label={caption}
        loading={loading}
        dataSource={rows}
        locale={{ emptyText: empty ?? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        renderItem={(row, index) => (
          <List.Item key={rowKey(row)} style={{ padding: '6px 0', border: 'none' }}>
            <Card size="small" style={{ width: '100%' }} title={primary?.render(row, index)}>
              <dl className="card-fields">
                {columns
                  .filter((c) => c !== primary)
                  .map((c) => (
                    <div key={c.key} className="card-field">
                      <dt>{c.title}</dt>
                      <dd>{c.render(row, index)}</dd>
                    </div>
                  ))}
              </dl>
            </Card>
          </List.Item>
        )}
      />
    );
  }
  const tableColumns: TableProps<T>['columns'] = columns.map((c) => ({
    key: c.key,
    title: c.title,
    width: c.width,
    align: c.align,
    render: (_: unknown, row: T, index: number) => c.render(row, index),
  }));
  return (
    <Table<T>
      size="middle"
      aria-label={caption}
      rowKey={rowKey}
      loading={loading}
      columns={tableColumns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={empty ? { emptyText: empty } : undefined}
    />
  );
}
