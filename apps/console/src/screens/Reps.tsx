import { Badge, Group, Select, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { get } from '../api/client';
import type { Rep } from '../api/models';
import { money } from '../money';
import { Loaded, Page } from '../ui/common';

export function Reps() {
  const [status, setStatus] = useState<string | null>(null);
  const reps = useQuery({ queryKey: ['reps', status], queryFn: () => get<Rep[]>('/reps', { query: { status: status ?? undefined, limit: 500 } }) });
  return (
    <Page title="Reps">
      <Group>
        <Select label="Status" placeholder="Any" clearable data={['ACTIVE', 'DEPARTED', 'FINISHED']} value={status} onChange={setStatus} w={200} />
      </Group>
      <Loaded query={reps}>
        {(list) =>
          list.length === 0 ? (
            <Text>No reps.</Text>
          ) : (
            <Table striped highlightOnHover aria-label="Rep directory" data-testid="reps">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Rep</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Manager</Table.Th>
                  <Table.Th>Hired</Table.Th>
                  <Table.Th>Quarterly draw</Table.Th>
                  <Table.Th>Plan</Table.Th>
                  <Table.Th>Status</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Link to="/reps/$repId" params={{ repId: r.id }}>
                        {r.name}
                      </Link>
                      <Text size="xs" c="dimmed">
                        {r.id}
                      </Text>
                    </Table.Td>
                    <Table.Td>{r.role}</Table.Td>
                    <Table.Td>{r.managerId ?? ''}</Table.Td>
                    <Table.Td>{r.hireDate}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{money(r.quarterlyDraw)}</Table.Td>
                    <Table.Td>{r.planId}</Table.Td>
                    <Table.Td>
                      <Badge color={r.status === 'ACTIVE' ? '#1e6b30' : 'gray.8'}>{r.status}</Badge>
                      {r.departure && (
                        <Text size="xs" c="dimmed">
                          leaves {r.departure.effectiveDate}
                        </Text>
                      )}
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
