import { Alert, Badge, Button, Group, List, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { get, newIdempotencyKey, post } from '../api/client';
import type { PeriodRow, QueueItem, Statement } from '../api/models';
import { money } from '../money';
import { dateTime, Loaded, Page, ProblemAlert } from '../ui/common';

interface CloseResult {
  period: string;
  closedBy: string;
  alreadyClosed: boolean;
  statements: Statement[];
  pendingApprovals: QueueItem[];
}

export function Periods() {
  const periods = useQuery({ queryKey: ['periods'], queryFn: () => get<PeriodRow[]>('/periods') });
  const [closing, setClosing] = useState<string | null>(null);
  const [result, setResult] = useState<CloseResult | null>(null);
  const next = periods.data?.find((p) => p.status !== 'CLOSED');
  return (
    <Page
      title="Periods"
      actions={
        next && (
          <Button onClick={() => setClosing(next.period)} data-testid="close-next">
            Close {next.period}
          </Button>
        )
      }
    >
      <Loaded query={periods}>
        {(rows) => (
          <Table striped aria-label="Periods" data-testid="periods">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Period</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Closed</Table.Th>
                <Table.Th>Statements</Table.Th>
                <Table.Th>Failures</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((p) => (
                <Table.Tr key={p.period} data-period={p.period}>
                  <Table.Td>{p.period}</Table.Td>
                  <Table.Td>
                    <Badge color={p.status === 'CLOSED' ? '#1e6b30' : p.status === 'CLOSING' ? '#a33a00' : 'gray.8'}>{p.status}</Badge>
                  </Table.Td>
                  <Table.Td>{p.closedAt ? dateTime(p.closedAt) : ''}</Table.Td>
                  <Table.Td>{p.statementCount ?? ''}</Table.Td>
                  <Table.Td>{p.failures?.map((f) => (typeof f === 'string' ? f : `${f.repId}: ${f.message ?? f.code}`)).join('; ')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Loaded>
      {closing && <CloseDialog period={closing} onClose={() => setClosing(null)} onClosed={setResult} />}
      {result && <CloseOutcome result={result} />}
    </Page>
  );
}

function CloseDialog({ period, onClose, onClosed }: { period: string; onClose: () => void; onClosed: (r: CloseResult) => void }) {
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const pending = useQuery({ queryKey: ['approvals', 'PENDING'], queryFn: () => get<QueueItem[]>('/approvals', { query: { status: 'PENDING', limit: 200 } }), retry: false });
  const inPeriod = (pending.data ?? []).filter((a) => a.effectiveDate && a.effectiveDate.slice(0, 4) === period.slice(0, 4) && Math.floor((Number(a.effectiveDate.slice(5, 7)) - 1) / 3) + 1 === Number(period.slice(6)));
  const close = useMutation({
    mutationFn: () => post<CloseResult>('/periods/{period}/close', key, {}, { period }),
    onSuccess: async (r) => {
      onClosed(r);
      await client.invalidateQueries({ queryKey: ['periods'] });
      await client.invalidateQueries({ queryKey: ['statements'] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title={`Close ${period}`}>
      <Stack>
        <Text size="sm">Closing writes every rep's statement for {period}; a closed period takes no more postings (later approvals post in the first open period).</Text>
        {inPeriod.length > 0 && (
          <Alert color="orange" title="Still pending in this period">
            <List size="sm">
              {inPeriod.map((a) => (
                <List.Item key={a.approvalId}>
                  {a.approvalId} on {a.dealId}, effective {a.effectiveDate}, {money(a.amountIfApproved)}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        <ProblemAlert error={close.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => close.mutate()} loading={close.isPending}>
            Close {period}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function CloseOutcome({ result }: { result: CloseResult }) {
  return (
    <section aria-labelledby="close-outcome" data-testid="close-outcome">
      <Title order={2} size="h4" id="close-outcome">
        {result.period} closed{result.alreadyClosed ? ' (it already was)' : ''}: {result.statements.length} statements
      </Title>
      {result.pendingApprovals.length > 0 && (
        <Text size="sm">
          Still pending and dated in {result.period}: {result.pendingApprovals.map((a) => a.approvalId).join(', ')}. They will post in the first open period when approved.
        </Text>
      )}
      <Table aria-label={`Statements of ${result.period}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Rep</Table.Th>
            <Table.Th>Commission</Table.Th>
            <Table.Th>Draw paid</Table.Th>
            <Table.Th>Total payout</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {result.statements.map((s) => (
            <Table.Tr key={s.repId}>
              <Table.Td>
                <Link to="/reps/$repId" params={{ repId: s.repId }}>
                  {s.repId}
                </Link>
              </Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{money(s.commission)}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{money(s.drawPaid)}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>{money(s.totalPayout)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}
