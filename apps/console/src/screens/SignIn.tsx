import { Anchor, Button, Card, Container, Group, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ProblemAlert } from '../ui/common';
import { devLogin, useAuthConfig } from '../session';

/** Sign-in through the configured OpenID provider; the persona picker only where the server enables it (dev secret, not production). */
export function SignIn() {
  const config = useAuthConfig();
  const client = useQueryClient();
  const [error, setError] = useState<unknown>();
  const returnTo = window.location.pathname + window.location.search;
  const loginHref = `${config.data?.loginUrl ?? '/auth/login'}?returnTo=${encodeURIComponent(returnTo.startsWith('/console') ? returnTo : '/console/')}`;
  return (
    <Container size="xs" py="xl" component="main">
      <Stack>
        <Title order={1}>Tranche console</Title>
        <Text>Sign in with your company account to see your queue, deals and statements.</Text>
        <Button component="a" href={loginHref} size="md">
          Sign in
        </Button>
        <ProblemAlert error={config.error ?? error} />
        {config.data?.personas && (
          <Card withBorder component="section" aria-labelledby="personas-title">
            <Title order={2} size="h4" id="personas-title">
              Demo personas
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              This server runs with the development secret: sign in as a demo user without a password.
            </Text>
            <Group gap="xs">
              {config.data.personas.map((p) => (
                <Button
                  key={p.username}
                  variant="light"
                  onClick={async () => {
                    try {
                      await devLogin(p.username);
                      await client.invalidateQueries({ queryKey: ['me'] });
                    } catch (err) {
                      setError(err);
                    }
                  }}
                >
                  {p.name} ({p.roles.join(', ')})
                </Button>
              ))}
            </Group>
          </Card>
        )}
        <Text size="xs" c="dimmed">
          Machines keep using bearer tokens; see the <Anchor href="/docs" underline="always">API documentation</Anchor>.
        </Text>
      </Stack>
    </Container>
  );
}
