import { Badge, Button, Card, Group, Modal, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { get, newIdempotencyKey, post, Problem } from '../api/client';
import type { PeriodRow } from '../api/models';
import type { components } from '../api/schema';
import { money } from '../money';
import { has, useMe } from '../session';
import { dateTime, Loaded, Page, ProblemAlert } from '../ui/common';

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

type Batch = components['schemas']['PayrollBatch'];

/** Downloads the batch's CSV export (the API answers it for Accept: text/csv) as a file. */
async function downloadCsv(batch: Batch): Promise<void> {
  const res = await fetch(`/payroll/batches/${encodeURIComponent(batch.id)}`, { headers: { accept: 'text/csv' }, credentials: 'same-origin' });
  if (!res.ok) throw new Problem({ status: res.status, ...(await res.json().catch(() => ({}))) });
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `payroll-${batch.id}.csv`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

/** Finance: hands a closed period's APPROVED statements to payroll, exports each batch and marks it paid. */
export function Payroll() {
  const me = useMe().data;
  const client = useQueryClient();
  const periods = useQuery({ queryKey: ['periods'], queryFn: () => get<PeriodRow[]>('/periods') });
  const closed = (periods.data ?? []).filter((p) => p.status === 'CLOSED').map((p) => p.period);
  const [period, setPeriod] = useState<string | null>(null);
  const chosen = period ?? closed[closed.length - 1] ?? null;
  const batches = useQuery({ queryKey: ['payroll', chosen], queryFn: () => get<Batch[]>('/payroll/batches', { query: { period: chosen! } }), enabled: !!chosen });
  const [key, setKey] = useState(newIdempotencyKey);
  const create = useMutation({
    mutationFn: () => post<Batch>('/payroll/batches', key, { period: chosen }),
    onSuccess: async (b) => {
      notifications.show({ message: `Batch ${b.id} created: ${count(b.lines.length, 'line')}, ${money(b.total)}`, color: 'green', closeButtonProps: { 'aria-label': 'Dismiss' } });
      setKey(newIdempotencyKey());
      await client.invalidateQueries({ queryKey: ['payroll'] });
      await client.invalidateQueries({ queryKey: ['statements'] });
    },
    onError: () => setKey(newIdempotencyKey()),
  });
  const [paying, setPaying] = useState<Batch | null>(null);
  const isFinance = has(me, 'finance');
  return (
    <Page title="Payroll">
      <Loaded query={periods}>
        {() =>
          closed.length === 0 ? (
            <Text>No period is closed yet: payroll takes the APPROVED statements of a closed period.</Text>
          ) : (
            <Stack>
              <Group align="flex-end">
                <Select label="Period" data={closed} value={chosen} onChange={setPeriod} w={200} allowDeselect={false} data-testid="payroll-period" />
                {isFinance && (
                  <Button onClick={() => create.mutate()} loading={create.isPending}>
                    Create batch for {chosen}
                  </Button>
                )}
              </Group>
              <Text size="sm">A batch takes every APPROVED statement of the period that no batch carries yet; statements on hold are listed with the reason and left out.</Text>
              <ProblemAlert error={create.error} />
              <Loaded query={batches}>
                {(list) => (list.length === 0 ? <Text>No batch for {chosen} yet.</Text> : list.map((b) => <BatchCard key={b.id} batch={b} mayPay={isFinance} onPay={() => setPaying(b)} />))}
              </Loaded>
            </Stack>
          )
        }
      </Loaded>
      {paying && <PaidDialog batch={paying} onClose={() => setPaying(null)} />}
    </Page>
  );
}

function BatchCard({ batch, mayPay, onPay }: { batch: Batch; mayPay: boolean; onPay: () => void }) {
  const [downloadError, setDownloadError] = useState<unknown>(null);
  return (
    <Card withBorder data-testid={`batch-${batch.id}`}>
      <Group justify="space-between">
        <Text fw={600}>
          Batch {batch.id} · {count(batch.statements.length, 'statement')} · total {money(batch.total)}
        </Text>
        <Badge color={batch.status === 'PAID' ? 'blue.9' : 'gray.8'} data-testid="batch-status">
          {batch.status}
        </Badge>
      </Group>
      <Text size="xs">
        Created by {batch.createdBy}, {dateTime(batch.createdAt)}
        {batch.payment ? ` · paid with reference ${batch.payment.reference} by ${batch.payment.paidBy}, ${dateTime(batch.payment.paidAt)}` : ''}
      </Text>
      {batch.lines.length > 0 && (
        <Table mt="sm" aria-label={`Lines of batch ${batch.id}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Rep</Table.Th>
              <Table.Th>Earning code</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>Amount</Table.Th>
              <Table.Th>Key</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {batch.lines.map((l) => (
              <Table.Tr key={l.key}>
                <Table.Td>{l.repId}</Table.Td>
                <Table.Td>{l.code}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{money(l.amount)}</Table.Td>
                <Table.Td>
                  <Text size="xs">{l.key}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {batch.held.length > 0 && (
        <Stack gap={2} mt="sm" data-testid="batch-held">
          <Text size="sm" fw={600}>
            Held out of this batch
          </Text>
          {batch.held.map((h) => (
            <Text size="sm" key={h.repId}>
              {h.repId}: {h.reason}
            </Text>
          ))}
        </Stack>
      )}
      <Group mt="sm">
        <Button variant="default" size="xs" onClick={() => downloadCsv(batch).then(() => setDownloadError(null), setDownloadError)}>
          Download CSV of {batch.id}
        </Button>
        {mayPay && batch.status !== 'PAID' && (
          <Button size="xs" onClick={onPay}>
            Mark {batch.id} paid
          </Button>
        )}
      </Group>
      <ProblemAlert error={downloadError} />
    </Card>
  );
}

function PaidDialog({ batch, onClose }: { batch: Batch; onClose: () => void }) {
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const [reference, setReference] = useState('');
  const pay = useMutation({
    mutationFn: () => post<Batch>('/payroll/batches/{batchId}/paid', key, { reference }, { batchId: batch.id }),
    onSuccess: async (b) => {
      notifications.show({ message: `Batch ${b.id} marked paid`, color: 'green', closeButtonProps: { 'aria-label': 'Dismiss' } });
      await client.invalidateQueries({ queryKey: ['payroll'] });
      await client.invalidateQueries({ queryKey: ['statements'] });
      onClose();
    },
  });
  const problem = pay.error instanceof Problem ? pay.error : undefined;
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title={`Mark batch ${batch.id} paid`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          pay.mutate();
        }}
      >
        <Stack>
          <Text size="sm">
            {count(batch.lines.length, 'line')}, total {money(batch.total)}. Once paid, the batch and its statements are PAID and never change.
          </Text>
          <TextInput label="Payroll reference" description="The payroll system's run or file id" value={reference} onChange={(e) => setReference(e.currentTarget.value)} error={problem?.fieldErrors('reference')} />
          <ProblemAlert error={pay.error} fields={['reference']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pay.isPending}>
              Mark paid
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
