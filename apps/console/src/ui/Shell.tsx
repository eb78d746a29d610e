import { Alert, AppShell, Badge, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import { get } from '../api/client';
import type { Me } from '../api/models';
import type { components } from '../api/schema';
import { navFor, useAuthConfig, useSignOut } from '../session';

export function Shell({ me }: { me: Me }) {
  const [opened, { toggle }] = useDisclosure();
  const signOut = useSignOut();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Title order={2} size="h4">
              Tranche
            </Title>
          </Group>
          <Group>
            <Text size="sm" data-testid="who">
              {me.name ?? me.sub} · {me.roles.join(', ')}
            </Text>
            <Button variant="default" size="xs" onClick={signOut}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Main">
        {navFor(me.roles).map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            rightSection={item.to === '/alerts' ? <OpenAlertsBadge /> : undefined}
            active={pathname === `/console${item.to}`}
            variant="filled"
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main component="main">
        <BusinessClockBanner />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

/**
 * Under BUSINESS_CLOCK=manual there is no single business "today": each command names its date, which may lie in the
 * future. So the banner says so, and shows what the server does know: the first open period and its own date.
 */
function BusinessClockBanner() {
  const clock = useAuthConfig().data?.businessClock;
  if (clock?.mode !== 'manual') return null;
  return (
    <Alert role="status" aria-label="Business clock" color="yellow" variant="light" mb="md" p="xs" data-testid="business-clock-banner">
      <Text size="sm">
        Business clock: manual. Each command names its business date, which may lie in the future;{' '}
        {clock.firstOpenPeriod ? <>postings land in <strong>{clock.firstOpenPeriod}</strong>, the first open period</> : 'no period is open yet'}. Server date{' '}
        {clock.today}.
      </Text>
    </Alert>
  );
}

/** The number of open alerts the person may see (the Alerts screen reads the same query). */
function OpenAlertsBadge() {
  const open = useQuery({
    queryKey: ['alerts', 'OPEN'],
    queryFn: () => get<components['schemas']['Alert'][]>('/alerts', { query: { status: 'OPEN', limit: 500 } }),
    refetchInterval: 60_000,
  });
  const count = open.data?.length ?? 0;
  if (count === 0) return null;
  return (
    <Badge color="#a33a00" size="sm" circle data-testid="alerts-badge">
      {count}
    </Badge>
  );
}
