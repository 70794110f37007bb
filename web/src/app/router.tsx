import { Spin } from 'antd';
import type { UserManager } from 'oidc-client-ts';
import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate, useParams } from 'react-router';
import { ForbiddenResult, NotFoundResult } from '../components/ErrorResult';
import { useI18n } from '../lib/i18n';
import { type Role, useSession } from '../lib/session';
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
const AssessorHome = lazy(() => import('../features/assessment/AssessorHome'));
const LiaisonHome = lazy(() => import('../features/supervision/LiaisonHome'));
const ImportScreen = lazy(() => import('../features/spreadsheets/ImportScreen'));

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
          path: 'liaison',
          element: (
            <Screen roles={['liaison', 'fic-admin']}>
              <LiaisonHome />
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
