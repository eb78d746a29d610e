import { Badge, Button, Group, Modal, SegmentedControl, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { get, newIdempotencyKey, post, Problem } from '../api/client';
import type { PeriodRow } from '../api/models';
import type { components } from '../api/schema';
import { has, useMe } from '../session';
import { dateTime, Loaded, Page, ProblemAlert } from '../ui/common';

type Dispute = components['schemas']['Dispute'];
const STATUS_COLOR: Record<Dispute['status'], string> = { OPEN: '#a33a00', UPHELD: '#1e6b30', DENIED: 'gray.8' };

/** Why `sub` may not resolve `d`, in words; undefined when they may (the API refuses the same with 403). */
export function disputeBlockedBy(d: Dispute, sub: string): string | undefined {
  if (d.openedBy === sub) return 'You opened this dispute: another comp admin resolves it (segregation of duties).';
  if (d.repId === sub) return 'This dispute is about your own statement: someone else resolves it (segregation of duties).';
  return undefined;
}

/** The comp admin's dispute queue (every dispute), a manager's team's disputes, a rep's own. */
export function Disputes() {
  const me = useMe().data;
  const [status, setStatus] = useState('OPEN');
  const list = useQuery({ queryKey: ['disputes', status], queryFn: () => get<Dispute[]>('/disputes', { query: { limit: 500, status: status === 'ALL' ? undefined : status } }) });
  const [resolving, setResolving] = useState<Dispute | null>(null);
  const canResolve = has(me, 'comp_admin');
  const title = canResolve ? 'Dispute queue' : has(me, 'manager') ? 'Disputes of my team' : 'My disputes';
  return (
    <Page title={title}>
      <SegmentedControl aria-label="Status" value={status} onChange={setStatus} data={['OPEN', 'UPHELD', 'DENIED', 'ALL']} />
      <Loaded query={list}>
        {(rows) =>
          rows.length === 0 ? (
            <Text>No dispute here. A rep disputes a line from their statement (“Dispute”).</Text>
          ) : (
            <Table striped aria-label="Disputes" data-testid="disputes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Dispute</Table.Th>
                  <Table.Th>Rep · period</Table.Th>
                  <Table.Th>Reason</Table.Th>
                  <Table.Th>Opened</Table.Th>
                  <Table.Th>Due</Table.Th>
                  <Table.Th>Status</Table.Th>
                  {canResolve && <Table.Th>Resolve</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((d) => {
                  const blocked = me ? disputeBlockedBy(d, me.sub) : undefined;
                  const reasonId = `dispute-blocked-${d.id}`;
                  return (
                    <Table.Tr key={d.id} data-dispute={d.id}>
                      <Table.Td>{d.id}</Table.Td>
                      <Table.Td>
                        {d.repId} · {d.period}
                        {d.dealId ? ` · ${d.dealId}` : ''}
                      </Table.Td>
                      <Table.Td>
                        {d.reason}: {d.message}
                      </Table.Td>
                      <Table.Td>
                        {d.openedBy}, {dateTime(d.openedAt)}
                      </Table.Td>
                      <Table.Td>
                        {dateTime(d.dueAt)} {d.overdue && <Badge color="red.9">overdue</Badge>}
                      </Table.Td>
                      <Table.Td>
                        <Badge color={STATUS_COLOR[d.status]}>{d.status}</Badge>
                        {d.resolvedBy && (
                          <Text size="xs">
                            by {d.resolvedBy}
                            {d.note ? `: ${d.note}` : ''}
                            {d.adjustmentId ? ` (adjustment ${d.adjustmentId}, awaiting its own approval)` : ''}
                          </Text>
                        )}
                      </Table.Td>
                      {canResolve && (
                        <Table.Td>
                          {d.status === 'OPEN' && (
                            <>
                              <Button size="xs" disabled={!!blocked} aria-describedby={blocked ? reasonId : undefined} onClick={() => setResolving(d)}>
                                Resolve {d.id}
                              </Button>
                              {blocked && (
                                <Text size="xs" c="red.9" id={reasonId} data-testid="blocked-reason">
                                  {blocked}
                                </Text>
                              )}
                            </>
                          )}
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          )
        }
      </Loaded>
      {resolving && <ResolveDialog dispute={resolving} onClose={() => setResolving(null)} />}
    </Page>
  );
}

const RESOLVE_FIELDS = ['outcome', 'note', 'adjustment'];

function ResolveDialog({ dispute, onClose }: { dispute: Dispute; onClose: () => void }) {
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const [outcome, setOutcome] = useState('UPHELD');
  const [note, setNote] = useState('');
  const [amount, setAmount] = useState('');
  const [period, setPeriod] = useState<string | null>(null);
  const periods = useQuery({ queryKey: ['periods'], queryFn: () => get<PeriodRow[]>('/periods') });
  const resolve = useMutation({
    mutationFn: () => {
      const body: Record<string, unknown> = { outcome };
      if (note.trim()) body.note = note;
      if (outcome === 'UPHELD') body.adjustment = { amount, period: period ?? '' };
      return post<Dispute>('/disputes/{disputeId}/resolve', key, body, { disputeId: dispute.id });
    },
    onSuccess: async (d) => {
      notifications.show({ message: `Dispute ${d.id} ${d.status.toLowerCase()}`, color: 'green', closeButtonProps: { 'aria-label': 'Dismiss' } });
      await client.invalidateQueries({ queryKey: ['disputes'] });
      onClose();
    },
  });
  const problem = resolve.error instanceof Problem ? resolve.error : undefined;
  const openPeriods = (periods.data ?? []).filter((p) => p.status === 'OPEN').map((p) => p.period);
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title={`Resolve dispute ${dispute.id}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          resolve.mutate();
        }}
      >
        <Stack>
          <Text size="sm">
            {dispute.repId} · {dispute.period} · {dispute.reason}: {dispute.message}
          </Text>
          <SegmentedControl aria-label="Outcome" value={outcome} onChange={setOutcome} data={['UPHELD', 'DENIED']} />
          {outcome === 'UPHELD' && (
            <>
              <TextInput label="Adjustment amount" description="A decimal string, e.g. 250.00 or -100.00" value={amount} onChange={(e) => setAmount(e.currentTarget.value)} error={problem?.fieldErrors('adjustment.amount') ?? problem?.fieldErrors('adjustment')} />
              <Select label="Adjustment period" description="Open periods only: the adjustment is paid on that statement once a second person approves it" data={openPeriods} value={period} onChange={setPeriod} error={problem?.fieldErrors('adjustment.period')} />
            </>
          )}
          <Textarea label={outcome === 'DENIED' ? 'Reason' : 'Note (optional)'} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={problem?.fieldErrors('note')} />
          <ProblemAlert error={resolve.error} fields={RESOLVE_FIELDS} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={resolve.isPending}>
              {outcome === 'UPHELD' ? 'Uphold' : 'Deny'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export const MyDisputes = Disputes;
