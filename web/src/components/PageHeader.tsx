import { Breadcrumb, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** A screen's title row, Ant Design Pro style: breadcrumbs, the title, a line under it, actions. */
export function PageHeader({
  title,
  subtitle,
  crumbs,
  extra,
  tags,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  crumbs?: { title: string; to?: string }[];
  extra?: ReactNode;
  tags?: ReactNode;
}) {
  return (
    <header className="page-header">
      {crumbs && crumbs.length > 0 && (
        <Breadcrumb
          items={crumbs.map((c) => ({ title: c.to ? <Link to={c.to}>{c.title}</Link> : c.title }))}
        />
      )}
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Flex align="center" gap={8} wrap>
          <Typography.Title level={1} className="page-title">
            {title}
          </Typography.Title>
          {tags}
        </Flex>
        {extra && (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        )}
      </Flex>
      {subtitle && (
        <Typography.Paragraph type="secondary" className="page-subtitle">
          {subtitle}
        </Typography.Paragraph>
      )}
    </header>
  );
}
