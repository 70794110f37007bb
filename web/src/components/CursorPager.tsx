import { Button, Flex } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n';

/** Previous and next over an API list's cursors: one request per page. */
export function CursorPager({
  hasPrevious,
  next,
  onPrevious,
  onNext,
  children,
}: {
  hasPrevious: boolean;
  next: string | null | undefined;
  onPrevious: () => void;
  onNext: (cursor: string) => void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Flex
      justify={children ? 'space-between' : 'end'}
      align="center"
      gap={8}
      wrap
      style={{ marginTop: 12 }}
    >
      {children}
      <Flex gap={8}>
        <Button disabled={!hasPrevious} onClick={onPrevious}>
          {t('common.prev')}
        </Button>
        <Button disabled={!next} onClick={() => next && onNext(next)}>
          {t('common.next')}
        </Button>
      </Flex>
    </Flex>
  );
}
