import { Badge, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { get } from '../api/client';
import type { Deal } from '../api/models';
import { money } from '../money';
import { useMe } from '../session';
import { Loaded, Page } from '../ui/common';

function DealTable({ deals, label }: { deals: Deal[]; label: string }) {
  if (deals.length === 0) return <Text>No deals.</Text>;
  return (
    <Table striped highlightOnHover aria-label={label} data-testid="deals">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Deal</Table.Th>
          <Table.Th>Sponsor and program</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Owner</Table.Th>
          <Table.Th>TCV</Table.Th>
          <Table.Th>Credit retired</Table.Th>
          <Table.Th>Gates</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {deals.map((d) => (
          <Table.Tr key={d.id}>
            <Table.Td>
              <Link to="/deals/$dealId" params={{ dealId: d.id }}>
                {d.id}
              </Link>
            </Table.Td>
            <Table.Td>
              {d.sponsor}
              <Text size="xs" c="dimmed">
                {d.program}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge color={d.status === 'ACTIVE' ? 'indigo.8' : 'gray.8'}>{d.status}</Badge>
            </Table.Td>
            <Table.Td>{d.owner}</Table.Td>
            <Table.Td style={{ textAlign: 'right' }}>{money(d.tcv)}</Table.Td>
            <Table.Td style={{ textAlign: 'right' }}>{money(d.creditRetired)}</Table.Td>
            <Table.Td>{d.gates.map((g) => `${g.key}:${g.status.toLowerCase()}`).join(' ')}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function Deals() {
  const deals = useQuery({ queryKey: ['deals'], queryFn: () => get<Deal[]>('/deals', { query: { limit: 200 } }) });
  return (
    <Page title="Deals">
      <Loaded query={deals}>{(list) => <DealTable deals={list} label="All deals" />}</Loaded>
    </Page>
  );
}

/** A rep's own deals: the API answers a rep with the deals they are on; the page keeps only those too. */
export function MyDeals() {
  const me = useMe().data!;
  const deals = useQuery({ queryKey: ['deals', 'mine'], queryFn: () => get<Deal[]>('/deals', { query: { limit: 200 } }) });
  return (
    <Page title="My deals">
      <Loaded query={deals}>{(list) => <DealTable deals={list.filter((d) => d.owner === me.sub || d.splits.some((s) => s.repId === me.sub))} label="My deals" />}</Loaded>
    </Page>
  );
}
