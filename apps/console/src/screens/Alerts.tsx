import { Badge, SegmentedControl, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { get } from '../api/client';
import type { components } from '../api/schema';
import { dateTime, Loaded, Page } from '../ui/common';

type Alert = components['schemas']['Alert'];
const KIND_LABEL: Record<Alert['kind'], string> = { APPROVAL_AGING: 'Approval waiting', GATE_AGING: 'Gate overdue' };

/** What an alert is about, in words: the approval and how long it waited, or the gate and since when it is expected. */
function what(a: Alert): string {
  if (a.kind === 'APPROVAL_AGING') return `${a.approvalId}: pending more than ${a.detail.agingDays} days (submitted ${a.detail.submittedAt ? dateTime(a.detail.submittedAt) : '?'})`;
  return `${a.gate}: still open on ${a.detail.alertOn}, 1.5 × ${a.detail.monthsFromPrevious} months after ${a.detail.since}`;
}

/** Aging alerts (docs/rules.md "Aging alerts"): the API already narrows them to what the person may see. */
export function Alerts() {
  const [status, setStatus] = useState<'OPEN' | 'RESOLVED'>('OPEN');
  const list = useQuery({ queryKey: ['alerts', status], queryFn: () => get<Alert[]>('/alerts', { query: { status, limit: 500 } }), refetchInterval: 60_000 });
  return (
    <Page title="Alerts">
      <SegmentedControl
        mb="md"
        aria-label="Alert status"
        value={status}
        onChange={(v) => setStatus(v as 'OPEN' | 'RESOLVED')}
        data={[
          { value: 'OPEN', label: 'Open' },
          { value: 'RESOLVED', label: 'Resolved' },
        ]}
      />
      <Loaded query={list}>
        {(rows) =>
          rows.length === 0 ? (
            <Text>{status === 'OPEN' ? 'Nothing is waiting too long.' : 'No resolved alert.'}</Text>
          ) : (
            <Table striped aria-label="Alerts" data-testid="alerts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Alert</Table.Th>
                  <Table.Th>Deal</Table.Th>
                  <Table.Th>Owner</Table.Th>
                  <Table.Th>What waits</Table.Th>
                  <Table.Th>Due since</Table.Th>
                  <Table.Th>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((a) => (
                  <Table.Tr key={a.id} data-alert={a.id}>
                    <Table.Td>{KIND_LABEL[a.kind]}</Table.Td>
                    <Table.Td>
                      <Link to="/deals/$dealId" params={{ dealId: a.dealId }}>
                        {a.dealId}
                      </Link>
                      <Text size="xs">
                        {a.sponsor} · {a.program}
                      </Text>
                    </Table.Td>
                    <Table.Td>{a.ownerId}</Table.Td>
                    <Table.Td>{what(a)}</Table.Td>
                    <Table.Td>{dateTime(a.dueAt)}</Table.Td>
                    <Table.Td>
                      <Badge color={a.status === 'OPEN' ? '#a33a00' : 'gray.8'}>{a.status}</Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </Loaded>
    </Page>
  );
}
