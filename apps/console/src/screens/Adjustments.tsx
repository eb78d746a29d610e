import { Badge, Button, Group, Modal, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { get, newIdempotencyKey, post, Problem } from '../api/client';
import type { PeriodRow, Rep } from '../api/models';
import type { components } from '../api/schema';
import { money } from '../money';
import { has, useMe } from '../session';
import { dateTime, Loaded, Page, ProblemAlert } from '../ui/common';

type Adjustment = components['schemas']['Adjustment'];
const KINDS = ['CORRECTION', 'SPIFF', 'DISPUTE_RESOLUTION'];
const STATUS_COLOR: Record<Adjustment['status'], string> = { PENDING: '#a33a00', APPROVED: '#1e6b30', REJECTED: 'red.9', EXPIRED: 'gray.8' };

/** Why `sub` may not decide `a`, in words; undefined when they may (the API refuses the same with 403). */
export function adjustmentBlockedBy(a: Adjustment, sub: string): string | undefined {
  if (a.proposedBy === sub) return 'You proposed this adjustment: a second person approves it (segregation of duties).';
  if (a.repId === sub) return 'This adjustment is yours: someone else decides it (segregation of duties).';
  return undefined;
}

export function Adjustments() {
  const me = useMe().data;
  const list = useQuery({ queryKey: ['adjustments'], queryFn: () => get<Adjustment[]>('/adjustments', { query: { limit: 500 } }) });
  const [proposing, setProposing] = useState(false);
  const [deciding, setDeciding] = useState<{ adjustment: Adjustment; action: 'approve' | 'reject' } | null>(null);
  const canDecide = has(me, 'comp_admin', 'finance');
  return (
    <Page title="Adjustments" actions={has(me, 'comp_admin') && <Button onClick={() => setProposing(true)}>Propose adjustment</Button>}>
      <Loaded query={list}>
        {(rows) =>
          rows.length === 0 ? (
            <Text>No adjustment yet.</Text>
          ) : (
            <Table striped aria-label="Adjustments" data-testid="adjustments">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Rep</Table.Th>
                  <Table.Th>Period</Table.Th>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>Amount</Table.Th>
                  <Table.Th>Reason</Table.Th>
                  <Table.Th>Proposed</Table.Th>
                  <Table.Th>Status</Table.Th>
                  {canDecide && <Table.Th>Decision</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((a) => {
                  const blocked = me ? adjustmentBlockedBy(a, me.sub) : undefined;
                  const reasonId = `adjustment-blocked-${a.id}`;
                  return (
                    <Table.Tr key={a.id} data-adjustment={a.id}>
                      <Table.Td>{a.repId}</Table.Td>
                      <Table.Td>{a.period}</Table.Td>
                      <Table.Td>{a.kind}</Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}>{money(a.amount)}</Table.Td>
                      <Table.Td>
                        {a.reason}
                        {a.dealId ? ` (deal ${a.dealId})` : ''}
                      </Table.Td>
                      <Table.Td>
                        {a.proposedBy}, {dateTime(a.proposedAt)}
                      </Table.Td>
                      <Table.Td>
                        <Badge color={STATUS_COLOR[a.status]}>{a.status}</Badge>
                        {a.decidedBy && (
                          <Text size="xs">
                            by {a.decidedBy}
                            {a.decisionReason ? `: ${a.decisionReason}` : ''}
                          </Text>
                        )}
                      </Table.Td>
                      {canDecide && (
                        <Table.Td>
                          {a.status === 'PENDING' && (
                            <>
                              <Group gap={6} wrap="nowrap">
                                <Button size="xs" disabled={!!blocked} aria-describedby={blocked ? reasonId : undefined} onClick={() => setDeciding({ adjustment: a, action: 'approve' })}>
                                  Approve {a.id}
                                </Button>
                                <Button size="xs" variant="default" disabled={!!blocked} aria-describedby={blocked ? reasonId : undefined} onClick={() => setDeciding({ adjustment: a, action: 'reject' })}>
                                  Reject {a.id}
                                </Button>
                              </Group>
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
      {proposing && <ProposeDialog onClose={() => setProposing(false)} />}
      {deciding && <DecisionDialog {...deciding} onClose={() => setDeciding(null)} />}
    </Page>
  );
}

const FIELDS = ['repId', 'period', 'amount', 'kind', 'reason', 'dealId'];

function ProposeDialog({ onClose }: { onClose: () => void }) {
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const [form, setForm] = useState({ repId: '', period: '', amount: '', kind: 'CORRECTION', reason: '', dealId: '' });
  const set = (field: keyof typeof form) => (value: string | null) => setForm((f) => ({ ...f, [field]: value ?? '' }));
  const reps = useQuery({ queryKey: ['reps', 'ACTIVE'], queryFn: () => get<Rep[]>('/reps', { query: { status: 'ACTIVE', limit: 500 } }) });
  const periods = useQuery({ queryKey: ['periods'], queryFn: () => get<PeriodRow[]>('/periods') });
  const propose = useMutation({
    mutationFn: () => {
      const { dealId, ...rest } = form;
      return post<Adjustment>('/adjustments', key, dealId.trim() ? { ...rest, dealId: dealId.trim() } : rest);
    },
    onSuccess: async (a) => {
      notifications.show({ message: `Adjustment ${a.id} proposed for ${a.repId}`, color: 'green', closeButtonProps: { 'aria-label': 'Dismiss' } });
      await client.invalidateQueries({ queryKey: ['adjustments'] });
      onClose();
    },
  });
  const problem = propose.error instanceof Problem ? propose.error : undefined;
  const repOptions = (reps.data ?? []).map((r) => ({ value: r.id, label: `${r.name} (${r.id})` }));
  const periodOptions = (periods.data ?? []).filter((p) => p.status === 'OPEN').map((p) => p.period);
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title="Propose an adjustment">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          propose.mutate();
        }}
      >
        <Stack>
          <Select label="Rep" data={repOptions} value={form.repId || null} onChange={set('repId')} searchable error={problem?.fieldErrors('repId')} />
          <Select label="Period" description="Open periods only" data={periodOptions} value={form.period || null} onChange={set('period')} error={problem?.fieldErrors('period')} />
          <TextInput label="Amount" description="A decimal string, e.g. 1500.00 or -250.00" value={form.amount} onChange={(e) => set('amount')(e.currentTarget.value)} error={problem?.fieldErrors('amount')} />
          <Select label="Kind" data={KINDS} value={form.kind} onChange={set('kind')} allowDeselect={false} error={problem?.fieldErrors('kind')} />
          <Textarea label="Reason" value={form.reason} onChange={(e) => set('reason')(e.currentTarget.value)} error={problem?.fieldErrors('reason')} />
          <TextInput label="Deal id (optional)" value={form.dealId} onChange={(e) => set('dealId')(e.currentTarget.value)} error={problem?.fieldErrors('dealId')} />
          <ProblemAlert error={propose.error} fields={FIELDS} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={propose.isPending}>
              Propose
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DecisionDialog({ adjustment, action, onClose }: { adjustment: Adjustment; action: 'approve' | 'reject'; onClose: () => void }) {
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const [reason, setReason] = useState('');
  const route = action === 'approve' ? '/adjustments/{adjustmentId}/approve' : '/adjustments/{adjustmentId}/reject';
  const decide = useMutation({
    mutationFn: () => post<Adjustment>(route, key, action === 'approve' && !reason.trim() ? {} : { reason }, { adjustmentId: adjustment.id }),
    onSuccess: async (a) => {
      notifications.show({ message: `Adjustment ${a.id} ${a.status.toLowerCase()}`, color: 'green', closeButtonProps: { 'aria-label': 'Dismiss' } });
      await client.invalidateQueries({ queryKey: ['adjustments'] });
      onClose();
    },
  });
  const problem = decide.error instanceof Problem ? decide.error : undefined;
  const verb = action === 'approve' ? 'Approve' : 'Reject';
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title={`${verb} adjustment ${adjustment.id}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          decide.mutate();
        }}
      >
        <Stack>
          <Text size="sm">
            {adjustment.kind} of {money(adjustment.amount)} for {adjustment.repId} in {adjustment.period}: {adjustment.reason}
          </Text>
          <Textarea label={action === 'approve' ? 'Note (optional)' : 'Reason'} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={problem?.fieldErrors('reason')} />
          <ProblemAlert error={decide.error} fields={['reason']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color={action === 'approve' ? undefined : 'red.9'} loading={decide.isPending}>
              {verb}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
