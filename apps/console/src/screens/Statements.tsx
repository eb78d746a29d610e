import { Select, Stack, Text } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { get, Problem } from '../api/client';
import type { PeriodRow, Rep, Statement } from '../api/models';
import { Loaded, Page } from '../ui/common';
import { StatementCard } from './StatementView';

/** Finance and comp admins: every rep's statement for one closed period. */
export function Statements() {
  const periods = useQuery({ queryKey: ['periods'], queryFn: () => get<PeriodRow[]>('/periods') });
  const reps = useQuery({ queryKey: ['reps', null], queryFn: () => get<Rep[]>('/reps', { query: { limit: 500 } }) });
  const closed = (periods.data ?? []).filter((p) => p.status === 'CLOSED').map((p) => p.period);
  const [period, setPeriod] = useState<string | null>(null);
  const chosen = period ?? closed[closed.length - 1] ?? null;
  const statements = useQueries({
    queries: (chosen ? (reps.data ?? []) : []).map((r) => ({
      queryKey: ['statements', r.id, chosen],
      queryFn: () =>
        get<Statement>('/reps/{id}/statements/{period}', { path: { id: r.id, period: chosen! } }).catch((e) => {
          if (e instanceof Problem && e.status === 404) return null;
          throw e;
        }),
    })),
  });
  return (
    <Page title="Statements">
      <Loaded query={periods}>
        {() =>
          closed.length === 0 ? (
            <Text>No period is closed yet.</Text>
          ) : (
            <Stack>
              <Select label="Period" data={closed} value={chosen} onChange={setPeriod} w={200} allowDeselect={false} />
              {statements.map((q, i) => (q.data ? <StatementCard key={reps.data![i].id} s={q.data} /> : null))}
            </Stack>
          )
        }
      </Loaded>
    </Page>
  );
}
