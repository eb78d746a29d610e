import { AppShell, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import type { Me } from '../api/models';
import { navFor, useSignOut } from '../session';

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
          <NavLink key={item.to} component={Link} to={item.to} label={item.label} active={pathname === `/console${item.to}`} variant="filled" />
        ))}
      </AppShell.Navbar>
      <AppShell.Main component="main">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
