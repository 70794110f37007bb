import { Spin } from 'antd';
import type { UserManager } from 'oidc-client-ts';
import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate, useParams } from 'react-router';
import { ForbiddenResult, NotFoundResult } from '../components/ErrorResult';
import { useI18n } from '../lib/i18n';
import { ROLES, type Role, useSession } from '../lib/session';
import { Callback } from './auth/Callback';
import { SignInNeeded } from './auth/SignInNeeded';
import { AppLayout } from './shell/AppLayout';

/*
 * The console's routes. Every screen is its own lazy chunk, so the first screen loads only
 * itself; a screen for a role checks the role before it loads (403/sign-in pages, never blank).
 */
const StatsScreen = lazy(() => import('../features/stats/StatsScreen'));
const RankingScreen = lazy(() => import('../features/rankings/RankingScreen'));
const AwardsScreen = lazy(() => import('../features/awards/AwardsScreen'));
const RegistryScreen = lazy(() => import('../features/chambers/RegistryScreen'));
const ApplyScreen = lazy(() => import('../features/chambers/ApplyScreen'));
const ChamberScreen = lazy(() => import('../features/chambers/ChamberScreen'));
const EditScreen = lazy(() => import('../features/chambers/EditScreen'));
const CoverageScreen = lazy(() => import('../features/coverage/CoverageScreen'));
const ClassifiedScreen = lazy(() => import('../features/chambers/ClassifiedScreen'));
const AlliancesScreen = lazy(() => import('../features/alliances/AlliancesScreen'));
const AllianceScreen = lazy(() => import('../features/alliances/AllianceScreen'));
const AssessorHome = lazy(() => import('../features/assessment/AssessorHome'));
const CyclesScreen = lazy(() => import('../features/assessment/CyclesScreen'));
const CycleScreen = lazy(() => import('../features/assessment/CycleScreen'));
const RatingsScreen = lazy(() => import('../features/assessment/RatingsScreen'));
const SelfAssessmentScreen = lazy(() =>
  import('../features/assessment/SheetScreen').then((m) => ({ default: m.SelfAssessmentScreen })),
);
const ReviewScreen = lazy(() =>
  import('../features/assessment/SheetScreen').then((m) => ({ default: m.ReviewScreen })),
);
const LiaisonHome = lazy(() => import('../features/supervision/LiaisonHome'));
const ImportScreen = lazy(() => import('../features/spreadsheets/ImportScreen'));
const AuditScreen = lazy(() => import('../features/ledger/AuditScreen'));
const AccountsScreen = lazy(() => import('../features/accounts/AccountsScreen'));
const InviteScreen = lazy(() => import('../features/accounts/InviteScreen'));
const AccountScreen = lazy(() => import('../features/accounts/AccountScreen'));
const EditAccountScreen = lazy(() => import('../features/accounts/EditAccountScreen'));
const ProfileScreen = lazy(() => import('../features/accounts/ProfileScreen'));
const VisitScreen = lazy(() => import('../features/supervision/VisitScreen'));
const IssuesScreen = lazy(() => import('../features/supervision/IssuesScreen'));
const ReportScreen = lazy(() => import('../features/supervision/ReportScreen'));
const ReportsScreen = lazy(() => import('../features/supervision/ReportsScreen'));
const OverdueScreen = lazy(() => import('../features/supervision/OverdueScreen'));
const LateIssuesScreen = lazy(() => import('../features/supervision/LateIssuesScreen'));
const ActivitiesScreen = lazy(() => import('../features/supervision/ActivitiesScreen'));
const DashboardScreen = lazy(() => import('../features/dashboard/DashboardScreen'));
const LedgerScreen = lazy(() => import('../features/ledger/LedgerScreen'));
const RecordDonationScreen = lazy(() => import('../features/ledger/RecordDonationScreen'));

function Loading() {
  const { t } = useI18n();
  return (
    <div className="centered" role="status" aria-live="polite">
      <Spin description={t('app.loading')} size="large">
        <div style={{ padding: 48 }} />
      </Spin>
    </div>
  );
}

function Screen({ children, roles }: { children: ReactNode; roles?: Role[] }) {
  const { principal } = useSession();
  if (roles && !principal) return <SignInNeeded />;
  if (roles && !(principal?.role && roles.includes(principal.role))) return <ForbiddenResult />;
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

function KnownRanking() {
  const { metric } = useParams();
  if (metric !== 'donations' && metric !== 'donations-by-region' && metric !== 'assessment') {
    return <NotFoundResult />;
  }
  return <RankingScreen key={metric} metric={metric} />;
}

export function createRouter(userManager: UserManager) {
  return createBrowserRouter([
    { path: '/auth/callback', element: <Callback userManager={userManager} /> },
    {
      element: <AppLayout />,
      children: [
        {
          index: true,
          element: (
            <Screen>
              <StatsScreen />
            </Screen>
          ),
        },
        { path: 'rankings', element: <Navigate to="/rankings/donations" replace /> },
        {
          path: 'rankings/:metric',
          element: (
            <Screen>
              <KnownRanking />
            </Screen>
          ),
        },
        {
          path: 'awards',
          element: (
            <Screen>
              <AwardsScreen />
            </Screen>
          ),
        },
        {
          path: 'chambers',
          element: (
            <Screen roles={['fic-admin']}>
              <RegistryScreen />
            </Screen>
          ),
        },
        {
          path: 'chambers/new',
          element: (
            <Screen roles={['fic-admin']}>
              <ApplyScreen />
            </Screen>
          ),
        },
        {
          path: 'chambers/classified',
          element: (
            <Screen roles={['fic-admin']}>
              <ClassifiedScreen />
            </Screen>
          ),
        },
        {
          path: 'alliances',
          element: (
            <Screen>
              <AlliancesScreen />
            </Screen>
          ),
        },
        {
          path: 'alliances/:id',
          element: (
            <Screen>
              <AllianceScreen />
            </Screen>
          ),
        },
        {
          path: 'chambers/:id',
          element: (
            <Screen roles={['fic-admin', 'chamber-officer']}>
              <ChamberScreen />
            </Screen>
          ),
        },
        {
          path: 'chambers/:id/edit',
          element: (
            <Screen roles={['fic-admin', 'chamber-officer']}>
              <EditScreen />
            </Screen>
          ),
        },
        {
          path: 'chambers/:id/ledger',
          element: (
            <Screen roles={['fic-admin', 'chamber-officer']}>
              <LedgerScreen />
            </Screen>
          ),
        },
        {
          path: 'chambers/:id/donations/new',
          element: (
            <Screen roles={['fic-admin', 'chamber-officer']}>
              <RecordDonationScreen />
            </Screen>
          ),
        },
        {
          path: 'coverage',
          element: (
            <Screen roles={['fic-admin']}>
              <CoverageScreen />
            </Screen>
          ),
        },
        {
          path: 'assessor',
          element: (
            <Screen roles={['assessor', 'fic-admin']}>
              <AssessorHome />
            </Screen>
          ),
        },
        {
          path: 'assessment',
          element: (
            <Screen roles={['fic-admin', 'chamber-officer']}>
              <CyclesScreen />
            </Screen>
          ),
        },
        {
          path: 'assessment/ratings',
          element: (
            <Screen roles={['fic-admin']}>
              <RatingsScreen />
            </Screen>
          ),
        },
        {
          path: 'assessment/:cycleId',
          element: (
            <Screen roles={['fic-admin']}>
              <CycleScreen />
            </Screen>
          ),
        },
        {
          path: 'assessment/:cycleId/self/:chamberId',
          element: (
            <Screen roles={['chamber-officer', 'fic-admin']}>
              <SelfAssessmentScreen />
            </Screen>
          ),
        },
        {
          path: 'assessment/:cycleId/review/:chamberId',
          element: (
            <Screen roles={['assessor']}>
              <ReviewScreen />
            </Screen>
          ),
        },
        {
          path: 'liaison',
          element: (
            <Screen roles={['liaison', 'fic-admin']}>
              <LiaisonHome />
            </Screen>
          ),
        },
        {
          path: 'dashboard',
          element: (
            <Screen roles={['fic-admin']}>
              <DashboardScreen />
            </Screen>
          ),
        },
        {
          path: 'liaison/visits/:chamberId',
          element: (
            <Screen roles={['liaison']}>
              <VisitScreen />
            </Screen>
          ),
        },
        {
          path: 'chambers/:id/issues',
          element: (
            <Screen roles={['chamber-officer', 'fic-admin']}>
              <IssuesScreen />
            </Screen>
          ),
        },
        {
          path: 'chambers/:id/annual-reports/:year',
          element: (
            <Screen roles={['chamber-officer', 'fic-admin']}>
              <ReportScreen />
            </Screen>
          ),
        },
        {
          path: 'supervision/overdue',
          element: (
            <Screen roles={['fic-admin']}>
              <OverdueScreen />
            </Screen>
          ),
        },
        {
          path: 'supervision/late-issues',
          element: (
            <Screen roles={['fic-admin']}>
              <LateIssuesScreen />
            </Screen>
          ),
        },
        {
          path: 'supervision/annual-reports',
          element: (
            <Screen roles={['fic-admin']}>
              <ReportsScreen />
            </Screen>
          ),
        },
        {
          path: 'supervision/activities',
          element: (
            <Screen roles={['fic-admin']}>
              <ActivitiesScreen />
            </Screen>
          ),
        },
        {
          path: 'accounts',
          element: (
            <Screen roles={['fic-admin']}>
              <AccountsScreen />
            </Screen>
          ),
        },
        {
          path: 'accounts/new',
          element: (
            <Screen roles={['fic-admin']}>
              <InviteScreen />
            </Screen>
          ),
        },
        {
          path: 'accounts/:id',
          element: (
            <Screen roles={['fic-admin']}>
              <AccountScreen />
            </Screen>
          ),
        },
        {
          path: 'accounts/:id/edit',
          element: (
            <Screen roles={['fic-admin']}>
              <EditAccountScreen />
            </Screen>
          ),
        },
        {
          path: 'profile',
          element: (
            <Screen roles={[...ROLES]}>
              <ProfileScreen />
            </Screen>
          ),
        },
        {
          path: 'ledger/audit',
          element: (
            <Screen roles={['fic-admin']}>
              <AuditScreen />
            </Screen>
          ),
        },
        { path: 'import', element: <Navigate to="/import/donations" replace /> },
        {
          path: 'import/:kind',
          element: (
            <Screen roles={['fic-admin']}>
              <ImportScreen />
            </Screen>
          ),
        },
        { path: '*', element: <NotFoundResult /> },
      ],
    },
  ]);
}
