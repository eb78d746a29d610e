import { Alert, Center, Loader, Stack, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Problem } from '../api/client';

/** A problem in words: its detail, then whatever it names that no field on the page shows. */
export function ProblemAlert({ error, fields = [] }: { error: unknown; fields?: string[] }) {
  if (!error) return null;
  const problem = error instanceof Problem ? error : undefined;
  const rest = problem ? problem.unclaimed(fields) : [];
  return (
    <Alert color="red" title={problem?.code ? problem.code.replace(/_/g, ' ').toLowerCase() : 'Something went wrong'} role="alert">
      {(error as Error).message}
      {rest.length > 0 && (
        <ul>
          {rest.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

export function Page({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <Stack gap="md">
      <Stack gap={4} style={{ flexDirection: 'row', justifyContent: 'space-between', alignItems: 'center', display: 'flex' }}>
        <Title order={1} size="h2">
          {title}
        </Title>
        {actions}
      </Stack>
      {children}
    </Stack>
  );
}

/** Loading, error or the data, for one query. */
export function Loaded<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  if (query.isPending)
    return (
      <Center p="lg">
        <Loader aria-label="Loading" />
      </Center>
    );
  if (query.isError) return <ProblemAlert error={query.error} />;
  return <>{children(query.data)}</>;
}

export const dateTime = (iso: string) => new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
export function age(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - new Date(iso).getTime()) / 60000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.round(hours / 24)} days`;
}
