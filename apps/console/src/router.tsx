import { Center, Loader } from '@mantine/core';
import { createRootRoute, createRoute, createRouter, lazyRouteComponent, Navigate } from '@tanstack/react-router';
import { ProblemAlert } from './ui/common';
import { Shell } from './ui/Shell';
import { navFor, useMe } from './session';

const SignIn = lazyRouteComponent(() => import('./screens/SignIn'), 'SignIn');

function Root() {
  const me = useMe();
  if (me.isPending)
    return (
      <Center h="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  if (me.isError) return <ProblemAlert error={me.error} />;
  if (!me.data) return <SignIn />;
  return <Shell me={me.data} />;
}

function Home() {
  const me = useMe();
  const first = navFor(me.data?.roles ?? [])[0];
  return first ? <Navigate to={first.to} replace /> : <p>Your account has no role in Tranche yet.</p>;
}

const rootRoute = createRootRoute({ component: Root, notFoundComponent: () => <p>No such page.</p> });
/** Each screen is its own chunk: the first load carries only the shell and the screen it opens. */
const screen = <P extends string>(path: P, load: () => Promise<any>, name: string) =>
  createRoute({ getParentRoute: () => rootRoute, path, component: lazyRouteComponent(load, name) });

export const routes = {
  home: createRoute({ getParentRoute: () => rootRoute, path: '/', component: Home }),
  queue: screen('/queue', () => import('./screens/Queue'), 'Queue'),
  deals: screen('/deals', () => import('./screens/Deals'), 'Deals'),
  newDeal: screen('/deals/new', () => import('./screens/NewDeal'), 'NewDeal'),
  deal: screen('/deals/$dealId', () => import('./screens/DealPage'), 'DealPage'),
  reps: screen('/reps', () => import('./screens/Reps'), 'Reps'),
  rep: screen('/reps/$repId', () => import('./screens/RepProfile'), 'RepProfile'),
  periods: screen('/periods', () => import('./screens/Periods'), 'Periods'),
  accounting: screen('/accounting', () => import('./screens/Accounting'), 'Accounting'),
  statements: screen('/statements', () => import('./screens/Statements'), 'Statements'),
  team: screen('/team', () => import('./screens/Team'), 'Team'),
  adjustments: screen('/adjustments', () => import('./screens/Adjustments'), 'Adjustments'),
  payroll: screen('/payroll', () => import('./screens/Payroll'), 'Payroll'),
  disputes: screen('/disputes', () => import('./screens/Disputes'), 'Disputes'),
  myDisputes: screen('/me/disputes', () => import('./screens/Disputes'), 'MyDisputes'),
  plans: screen('/plans', () => import('./screens/Plans'), 'Plans'),
  webhooks: screen('/webhooks', () => import('./screens/Webhooks'), 'Webhooks'),
  myStatements: screen('/me/statements', () => import('./screens/MyStatements'), 'MyStatements'),
  myDeals: screen('/me/deals', () => import('./screens/Deals'), 'MyDeals'),
  myAttainment: screen('/me/attainment', () => import('./screens/MyAttainment'), 'MyAttainment'),
  myPlan: screen('/me/plan', () => import('./screens/MyPlan'), 'MyPlan'),
  alerts: screen('/alerts', () => import('./screens/Alerts'), 'Alerts'),
};

export const router = createRouter({
  routeTree: rootRoute.addChildren([
    routes.home,
    routes.queue,
    routes.deals,
    routes.newDeal,
    routes.deal,
    routes.reps,
    routes.rep,
    routes.periods,
    routes.accounting,
    routes.statements,
    routes.adjustments,
    routes.payroll,
    routes.disputes,
    routes.myDisputes,
    routes.team,
    routes.plans,
    routes.myStatements,
    routes.myDeals,
    routes.myAttainment,
    routes.webhooks,
    routes.myPlan,
    routes.alerts,
  ]),
  basepath: '/console',
  defaultPendingComponent: () => (
    <Center p="lg">
      <Loader aria-label="Loading" />
    </Center>
  ),
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
