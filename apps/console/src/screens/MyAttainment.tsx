import { Card, Progress, SimpleGrid, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client';
import type { Attainment } from '../api/models';
import { money, percent } from '../money';
import { useMe } from '../session';
import { Loaded, Page } from '../ui/common';

/** A progress bar needs a number: the ratio read to 4 places as whole basis points, shown as a percentage capped at 100. */
function progressOf(ratio: string): number {
  const m = /^(\d+)(?:\.(\d{0,4}))?/.exec(ratio);
  if (!m) return 0;
  const basisPoints = Number(m[1]) * 10000 + Number((m[2] ?? '').padEnd(4, '0'));
  return Math.min(100, basisPoints / 100);
}

export function MyAttainment() {
  const me = useMe().data!;
  const year = new Date().getUTCFullYear();
  const attainment = useQuery({ queryKey: ['attainment', me.sub, year], queryFn: () => get<Attainment>('/reps/{id}/attainment', { path: { id: me.sub }, query: { year } }) });
  return (
    <Page title={`My attainment ${year}`}>
      <Loaded query={attainment}>
        {(a) => (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {(['newBusiness', 'expansion'] as const).map((k) => (
              <Card withBorder key={k} component="section" aria-labelledby={`att-${k}`}>
                <Title order={2} size="h4" id={`att-${k}`}>
                  {k === 'newBusiness' ? 'New business' : 'Expansion'}
                </Title>
                <Text size="xl" fw={700}>
                  {percent(a.attainment[k])}
                </Text>
                <Progress value={progressOf(a.attainment[k])} aria-label={`${k === 'newBusiness' ? 'New business' : 'Expansion'} attainment`} mt="xs" />
                <Text size="sm" mt="xs">
                  Credit {money(a.credit[k])} of quota {money(a.quota[k])} (ramp factor {a.rampFactor})
                </Text>
              </Card>
            ))}
          </SimpleGrid>
        )}
      </Loaded>
    </Page>
  );
}
