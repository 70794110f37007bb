import { Card, Typography } from 'antd';
import { useI18n } from '../lib/i18n';
import { CursorPager } from './CursorPager';
import { ErrorResult } from './ErrorResult';
import { type Column, ResponsiveTable } from './ResponsiveTable';

/** One page of an API list in a card: the table (cards on a phone), page number, count, pager. */
export function CursorTable<T>({
  list,
  caption,
  columns,
  rowKey,
  cursors,
  onPage,
  count,
}: {
  list: {
    data?: { items: T[]; nextCursor: string | null };
    isError: boolean;
    error: unknown;
    isFetching: boolean;
    refetch: () => unknown;
  };
  caption: string;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  /** The cursors walked through to this page (none: the first page). */
  cursors: string[];
  onPage: (after: string[]) => void;
  /** "N on this page", as the screen words it. */
  count: (n: number) => string;
}) {
  const { t } = useI18n();
  if (list.isError) return <ErrorResult error={list.error} retry={() => void list.refetch()} />;
  return (
    <Card size="small">
      <ResponsiveTable
        caption={caption}
        rows={list.data?.items ?? []}
        loading={list.isFetching}
        columns={columns}
        rowKey={rowKey}
      />
      <CursorPager
        hasPrevious={cursors.length > 0}
        next={list.data?.nextCursor}
        onPrevious={() => onPage(cursors.slice(0, -1))}
        onNext={(cursor) => onPage([...cursors, cursor])}
      >
        <Typography.Text type="secondary">
          {t('common.page', { page: cursors.length + 1 })} · {count(list.data?.items.length ?? 0)}
        </Typography.Text>
      </CursorPager>
    </Card>
  );
}
