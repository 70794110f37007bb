import { Select } from 'antd';
import { useSearchParams } from 'react-router';
import { todayInShanghai } from '#shared/domain/calendar';
import { CursorPager } from '../../components/CursorPager';
import { useI18n } from '../../lib/i18n';
import { recentYears } from '../../lib/years';

/*
 * What FIC staff's supervision lists share: the year in the address (default: last year, the
 * one reports and the "七个一" are judged on), and cursor paging whose trail is in the address.
 */
export function useYear(): [number, (year: number) => void] {
  const [params, setParams] = useSearchParams();
  const lastYear = Number(todayInShanghai().slice(0, 4)) - 1;
  const year = Number(params.get('year')) || lastYear;
  return [
    year,
    (next) => {
      const copy = new URLSearchParams(params);
      copy.set('year', String(next));
      copy.delete('after');
      setParams(copy);
    },
  ];
}

export function YearSelect({ year, onChange }: { year: number; onChange: (y: number) => void }) {
  const { t } = useI18n();
  return (
    <Select
      aria-label={t('common.year')}
      value={year}
      style={{ minWidth: 120 }}
      onChange={onChange}
      options={recentYears().map((y) => ({ value: y, label: t('common.yearValue', { year: y }) }))}
    />
  );
}

export function useCursors(): {
  cursor: string | undefined;
  pager: (next: string | null | undefined) => React.ReactNode;
} {
  const [params, setParams] = useSearchParams();
  const cursors = params.getAll('after');
  const go = (after: string[]) => {
    const copy = new URLSearchParams(params);
    copy.delete('after');
    for (const c of after) copy.append('after', c);
    setParams(copy);
  };
  return {
    cursor: cursors.at(-1),
    pager: (next) =>
      (cursors.length > 0 || next) && (
        <CursorPager
          hasPrevious={cursors.length > 0}
          next={next}
          onPrevious={() => go(cursors.slice(0, -1))}
          onNext={(c) => go([...cursors, c])}
        />
      ),
  };
}
