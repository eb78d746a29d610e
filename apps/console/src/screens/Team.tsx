import { Center, Loader, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { get } from '../api/client';
import type { ForecastPeriod, Team as TeamView } from '../api/models';
import { money, percent } from '../money';
import { useMe } from '../session';
import { periodOfDate } from '../timeline/layout';
import { Loaded, Page } from '../ui/common';

// Recharts is large: the chart is its own chunk, fetched only when a manager opens this page.
const ForecastChart = lazy(() => import('./ForecastChart'));

export const nextQuarters = (from: string, n: number) =>
  Array.from({ length: n }, (_, i) => {
    const index = Number(from.slice(0, 4)) * 4 + Number(from.slice(6)) - 1 + i;
    return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
  });

export function Team() {
  const me = useMe().data!;
  const team = useQuery({ queryKey: ['team', me.sub], queryFn: () => get<TeamView>('/managers/{id}/team', { path: { id: me.sub } }) });
  const quarters = nextQuarters(periodOfDate(new Date().toISOString().slice(0, 10)), 4);
  const forecast = useQuery({
    queryKey: ['forecast', quarters[0]],
    queryFn: () => get<{ periods: ForecastPeriod[] }>('/forecast', { query: { from: quarters[0], to: quarters[3] } }),
  });
  return (
    <Page title="My team">
      <Loaded query={team}>
        {(t) => (
          <section aria-labelledby="attainment-title">
            <Title order={2} size="h4" id="attainment-title">
              Attainment {t.year}
            </Title>
            <Table striped aria-label="Team attainment" data-testid="team">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Rep</Table.Th>
                  <Table.Th>New business credit / quota</Table.Th>
                  <Table.Th>Attainment</Table.Th>
                  <Table.Th>Expansion credit / quota</Table.Th>
                  <Table.Th>Attainment</Table.Th>
                  <Table.Th>Forecast next 4 quarters (worst / forecast / best)</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {t.reps.map((r) => (
                  <Table.Tr key={r.repId}>
                    <Table.Td>
                      <Link to="/reps/$repId" params={{ repId: r.repId }}>
                        {r.name}
                      </Link>
                    </Table.Td>
                    <Table.Td>
                      {money(r.attainment.credit.newBusiness)} / {money(r.attainment.quota.newBusiness)}
                    </Table.Td>
                    <Table.Td>{percent(r.attainment.attainment.newBusiness)}</Table.Td>
                    <Table.Td>
                      {money(r.attainment.credit.expansion)} / {money(r.attainment.quota.expansion)}
                    </Table.Td>
                    <Table.Td>{percent(r.attainment.attainment.expansion)}</Table.Td>
                    <Table.Td>
                      {money(r.forecastNext4Quarters.worstCase)} / {money(r.forecastNext4Quarters.forecast)} / {money(r.forecastNext4Quarters.bestCase)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </section>
        )}
      </Loaded>
      <section aria-labelledby="forecast-title">
        <Title order={2} size="h4" id="forecast-title">
          Forecast credit by quarter
        </Title>
        <Loaded query={forecast}>
          {(f) => (
            <Suspense
              fallback={
                <Center p="lg">
                  <Loader aria-label="Loading the chart" />
                </Center>
              }
            >
              <ForecastChart periods={f.periods} />
            </Suspense>
          )}
        </Loaded>
      </section>
    </Page>
  );
}
