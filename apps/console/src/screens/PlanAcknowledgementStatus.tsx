import { Badge, Card, Group, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client';
import type { components } from '../api/schema';
import { dateTime, Loaded } from '../ui/common';

export type PlanAcknowledgements = components['schemas']['PlanAcknowledgements'];

export const acknowledgementsQuery = (repId: string) => ({
  queryKey: ['plan-acknowledgements', repId],
  queryFn: () => get<PlanAcknowledgements>('/reps/{id}/plan-acknowledgements', { path: { id: repId } }),
});

/** Whether the rep acknowledged the plan version in force today, for their manager, comp admins and HR (rep profile). */
export function PlanAcknowledgementStatus({ repId }: { repId: string }) {
  const acks = useQuery(acknowledgementsQuery(repId));
  return (
    <Card withBorder component="section" aria-labelledby="plan-ack-title" data-testid="plan-ack-status">
      <Title order={2} size="h4" id="plan-ack-title">
        Plan acknowledgement
      </Title>
      <Loaded query={acks}>
        {(a) => (
          <>
            <Group mt="xs">
              <Text>Plan {a.current.planId}</Text>
              {a.current.acknowledged ? (
                <Badge color="#1e6b30">Acknowledged</Badge>
              ) : (
                <Badge color={a.current.requireAcknowledgement ? 'red.9' : 'gray.8'}>{a.current.requireAcknowledgement ? 'Not acknowledged: payroll on hold' : 'Not acknowledged'}</Badge>
              )}
            </Group>
            {a.current.acknowledgedAt && <Text size="sm">Acknowledged {dateTime(a.current.acknowledgedAt)}</Text>}
            <Text size="sm">Reminders sent: {a.remindersSent}</Text>
            <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
              Document hash {a.current.hash}
            </Text>
          </>
        )}
      </Loaded>
    </Card>
  );
}
