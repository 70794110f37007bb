import {
  AccountBookOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  ClockCircleOutlined,
  ClusterOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  ExclamationCircleOutlined,
  FileAddOutlined,
  FileTextOutlined,
  FlagOutlined,
  FormOutlined,
  FundOutlined,
  HomeOutlined,
  MessageOutlined,
  SolutionOutlined,
  StarOutlined,
  TeamOutlined,
  TrophyOutlined,
  UploadOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import { Link } from 'react-router';
import type { I18n } from '../../lib/i18n';
import type { Principal } from '../../lib/session';

type Item = Required<MenuProps>['items'][number];

/** The side menu: the public face for everyone, then what the signed-in role works on. */
export function menuItems(principal: Principal | null, t: I18n['t']): Item[] {
  const link = (to: string, label: string, icon: React.ReactNode): Item => ({
    key: to,
    icon,
    label: <Link to={to}>{label}</Link>,
  });
  const items: Item[] = [];
  switch (principal?.role) {
    case 'fic-admin':
      items.push({
        type: 'group',
        key: 'manage',
        label: t('nav.manage'),
        children: [
          link('/dashboard', t('db.title'), <DashboardOutlined />),
          link('/chambers', t('nav.registry'), <ApartmentOutlined />),
          link('/chambers/new', t('nav.apply'), <FileAddOutlined />),
          link('/coverage', t('nav.coverage'), <EnvironmentOutlined />),
          link('/import/donations', t('sheets.nav'), <UploadOutlined />),
          link('/ledger/audit', t('audit.nav'), <AuditOutlined />),
          link('/accounts', t('nav.accounts'), <UsergroupAddOutlined />),
          link('/chambers/classified', t('nav.classified'), <ClusterOutlined />),
        ],
      });
      items.push({
        type: 'group',
        key: 'supervise',
        label: t('sv.nav.group'),
        children: [
          link('/supervision/overdue', t('sv.nav.overdue'), <ClockCircleOutlined />),
          link('/supervision/late-issues', t('sv.nav.late'), <ExclamationCircleOutlined />),
          link('/supervision/annual-reports', t('sv.nav.reports'), <FileTextOutlined />),
          link('/supervision/activities', t('sv.nav.activities'), <FlagOutlined />),
        ],
      });
      items.push({
        type: 'group',
        key: 'assessment',
        label: t('nav.assessment'),
        children: [
          link('/assessment', t('nav.cycles'), <AuditOutlined />),
          link('/assessment/ratings', t('nav.ratings'), <StarOutlined />),
        ],
      });
      break;
    case 'chamber-officer':
      if (principal.chamberId) {
        items.push({
          type: 'group',
          key: 'mine',
          label: t('nav.mine'),
          children: [
            link(`/chambers/${principal.chamberId}`, t('nav.myChamber'), <TeamOutlined />),
            link(`/chambers/${principal.chamberId}/issues`, t('sv.nav.inbox'), <MessageOutlined />),
            link(
              `/chambers/${principal.chamberId}/annual-reports/${new Date().getFullYear() - 1}`,
              t('sv.nav.myReport'),
              <FileTextOutlined />,
            ),
            link(
              `/chambers/${principal.chamberId}/ledger`,
              t('nav.ledger'),
              <AccountBookOutlined />,
            ),
            link(
              `/chambers/${principal.chamberId}/donations/new`,
              t('nav.recordDonation'),
              <FormOutlined />,
            ),
            link('/assessment', t('nav.selfAssessment'), <AuditOutlined />),
          ],
        });
      }
      break;
    case 'assessor':
      items.push(link('/assessor', t('nav.assessorHome'), <SolutionOutlined />));
      break;
    case 'liaison':
      items.push(link('/liaison', t('nav.liaisonHome'), <SolutionOutlined />));
      break;
    default:
      break;
  }
  items.push({
    type: 'group',
    key: 'public',
    label: t('nav.public'),
    children: [
      link('/', t('nav.stats'), <HomeOutlined />),
      link('/rankings/donations', t('nav.rankDonations'), <BarChartOutlined />),
      link('/rankings/donations-by-region', t('nav.rankRegions'), <FundOutlined />),
      link('/rankings/assessment', t('nav.rankAssessment'), <BarChartOutlined />),
      link('/awards', t('nav.awards'), <TrophyOutlined />),
      link('/alliances', t('nav.alliances'), <FlagOutlined />),
    ],
  });
  return items;
}

/** The menu entry a path belongs to (the longest key that is a prefix of it). */
export function selectedKey(pathname: string, items: Item[]): string | undefined {
  const keys: string[] = [];
  const walk = (list: Item[]) => {
    for (const item of list) {
      if (!item) continue;
      if ('children' in item && item.children) walk(item.children as Item[]);
      else if (item.key) keys.push(String(item.key));
    }
  };
  walk(items);
  if (pathname === '/chambers/new') return '/chambers/new';
  if (pathname.startsWith('/import/')) return '/import/donations';
  return keys
    .filter((key) =>
      key === '/' ? pathname === '/' : pathname === key || pathname.startsWith(`${key}/`),
    )
    .sort((a, b) => b.length - a.length)[0];
}
