import { Badge, Button, Group, Modal, Stack, Table, Tabs, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { get, newIdempotencyKey, post, Problem } from '../api/client';
import type { Deal, QueueItem } from '../api/models';
import { money } from '../money';
import { useMe } from '../session';
import { periodOfDate } from '../timeline/layout';
import { age, dateTime, Loaded, Page, ProblemAlert } from '../ui/common';
import { blockedBy } from './sod';
import { EvidenceLink } from '../ui/Evidence';

const queueQuery = (status: string) => ({
  queryKey: ['approvals', status],
  queryFn: () => get<QueueItem[]>('/approvals', { query: { status, limit: 200 } }),
  refetchInterval: (status === 'PENDING' ? 15_000 : false) as number | false,
});

function useDeals() {
  return useQuery({ queryKey: ['deals'], queryFn: () => get<Deal[]>('/deals', { query: { limit: 200 } }) });
}

export function Queue() {
  const pending = useQuery(queueQuery('PENDING'));
  const [tab, setTab] = useState<string | null>('pending');
  return (
    <Page title="Approval queue">
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="pending">Pending {pending.data ? `(${pending.data.length})` : ''}</Tabs.Tab>
          <Tabs.Tab value="decided">Decided</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="pending" pt="md">
          <Loaded query={pending}>{(items) => <PendingTable items={items} />}</Loaded>
        </Tabs.Panel>
        <Tabs.Panel value="decided" pt="md">
          {tab === 'decided' && <Decided />}
        </Tabs.Panel>
      </Tabs>
    </Page>
  );
}

function PendingTable({ items }: { items: QueueItem[] }) {
  const me = useMe().data!;
  const deals = useDeals();
  const [deciding, setDeciding] = useState<{ item: QueueItem; action: 'approve' | 'reject' } | null>(null);
  if (items.length === 0) return <Text>Nothing is waiting for a decision.</Text>;
  const dealOf = (id: string) => deals.data?.find((d) => d.id === id);
  return (
    <>
      <Table.ScrollContainer minWidth={900}>
        <Table striped highlightOnHover aria-label="Pending approvals" data-testid="queue">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Deal</Table.Th>
              <Table.Th>Sponsor</Table.Th>
              <Table.Th>Gate or bonus</Table.Th>
              <Table.Th>Document</Table.Th>
              <Table.Th>Effective</Table.Th>
              <Table.Th>Submitted by</Table.Th>
              <Table.Th>If approved</Table.Th>
              <Table.Th>Age</Table.Th>
              <Table.Th>Decision</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => {
              const deal = dealOf(item.dealId);
              const blocked = blockedBy(item, me.sub, deal);
              const reasonId = `blocked-${item.approvalId}`;
              return (
                <Table.Tr key={item.approvalId} data-approval={item.approvalId}>
                  <Table.Td>
                    <Link to="/deals/$dealId" params={{ dealId: item.dealId }}>
                      {item.dealId}
                    </Link>
                  </Table.Td>
                  <Table.Td>
                    {item.sponsor ?? deal?.sponsor ?? ''}
                    <Text size="xs" c="dimmed">
                      {item.program ?? deal?.program ?? ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {item.kind === 'GATE' ? `${item.gate}${item.gateName ? ` ${item.gateName}` : ''}` : `${item.type}${item.quantity && item.quantity > 1 ? ` ×${item.quantity}` : ''}`}
                  </Table.Td>
                  <Table.Td>
                    {item.documentType}
                    <Text size="xs" c="dimmed">
                      {item.documentRef}
                    </Text>
                    {item.artifact && <EvidenceLink dealId={item.dealId} artifact={item.artifact} />}
                  </Table.Td>
                  <Table.Td>
                    {item.effectiveDate}
                    <Text size="xs" c="dimmed">
                      {item.period ?? periodOfDate(item.effectiveDate)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{item.submitterName ?? item.submittedBy}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{money(item.amountIfApproved)}</Table.Td>
                  <Table.Td>{age(item.submittedAt)}</Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Button size="xs" disabled={!!blocked} aria-describedby={blocked ? reasonId : undefined} onClick={() => setDeciding({ item, action: 'approve' })}>
                        Approve {item.approvalId}
                      </Button>
                      <Button size="xs" variant="default" disabled={!!blocked} aria-describedby={blocked ? reasonId : undefined} onClick={() => setDeciding({ item, action: 'reject' })}>
                        Reject
                      </Button>
                    </Group>
                    {blocked && (
                      <Text size="xs" c="red.9" id={reasonId} data-testid="blocked-reason">
                        {blocked}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {deciding && <DecideDialog {...deciding} onClose={() => setDeciding(null)} />}
    </>
  );
}

function DecideDialog({ item, action, onClose }: { item: QueueItem; action: 'approve' | 'reject'; onClose: () => void }) {
  const client = useQueryClient();
  // Made when the dialog opens: a double click or a retry after a timeout repeats the same command, not a second one.
  const [key] = useState(newIdempotencyKey);
  const [text, setText] = useState('');
  const field = action === 'approve' ? 'note' : 'reason';
  const decide = useMutation({
    mutationFn: () =>
      post<unknown>(action === 'approve' ? '/approvals/{approvalId}/approve' : '/approvals/{approvalId}/reject', key, action === 'approve' ? (text ? { note: text } : {}) : { reason: text }, { approvalId: item.approvalId }),
    onSuccess: async () => {
      notifications.show({ message: `${item.approvalId} ${action === 'approve' ? 'approved' : 'rejected'}`, color: 'green', closeButtonProps: { 'aria-label': 'Dismiss' } });
      await client.invalidateQueries({ queryKey: ['approvals'] });
      await client.invalidateQueries({ queryKey: ['deal', item.dealId] });
      onClose();
    },
  });
  const problem = decide.error instanceof Problem ? decide.error : undefined;
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title={`${action === 'approve' ? 'Approve' : 'Reject'} ${item.approvalId} on ${item.dealId}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          decide.mutate();
        }}
      >
        <Stack>
          <Text size="sm">
            {item.kind === 'GATE' ? `Gate ${item.gate}` : `Bonus ${item.type}`}, {item.documentType} ({item.documentRef}), effective {item.effectiveDate}. Approving
            credits {money(item.amountIfApproved)}.
          </Text>
          <Textarea
            label={action === 'approve' ? 'Note (optional)' : 'Reason'}
            required={action === 'reject'}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={problem?.fieldErrors(field)}
            autosize
            minRows={2}
            data-autofocus
          />
          <ProblemAlert error={decide.error} fields={[field]} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={decide.isPending} color={action === 'approve' ? undefined : 'red.9'}>
              {action === 'approve' ? 'Approve' : 'Reject'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Decided() {
  const approved = useQuery(queueQuery('APPROVED'));
  const rejected = useQuery(queueQuery('REJECTED'));
  const both = approved.data && rejected.data ? [...approved.data, ...rejected.data].sort((a, b) => (b.decidedAt ?? '').localeCompare(a.decidedAt ?? '')) : undefined;
  if (!both) return <Loaded query={approved.isError ? approved : rejected}>{() => null}</Loaded>;
  return (
    <Table striped aria-label="Decided approvals">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Item</Table.Th>
          <Table.Th>Deal</Table.Th>
          <Table.Th>Decision</Table.Th>
          <Table.Th>By</Table.Th>
          <Table.Th>When</Table.Th>
          <Table.Th>Why</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {both.map((item) => (
          <Table.Tr key={item.approvalId}>
            <Table.Td>
              {item.approvalId} · {item.kind === 'GATE' ? item.gate : item.type}
            </Table.Td>
            <Table.Td>
              <Link to="/deals/$dealId" params={{ dealId: item.dealId }}>
                {item.dealId}
              </Link>
            </Table.Td>
            <Table.Td>
              <Badge color={item.status === 'APPROVED' ? '#1e6b30' : 'red.9'}>{item.status}</Badge>
            </Table.Td>
            <Table.Td>{item.decidedBy}</Table.Td>
            <Table.Td>{item.decidedAt ? dateTime(item.decidedAt) : ''}</Table.Td>
            <Table.Td>{item.reason ?? ''}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
