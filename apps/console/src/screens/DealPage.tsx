import { Anchor, Badge, Button, Card, Group, List, Modal, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { get, newIdempotencyKey, post, Problem } from '../api/client';
import type { Deal, HistoryEntry } from '../api/models';
import { money } from '../money';
import { has, useMe } from '../session';
import { businessDate } from '../timeline/layout';
import { Timeline } from '../timeline/Timeline';
import { dateTime, Loaded, Page, ProblemAlert } from '../ui/common';
import { EvidenceLink } from '../ui/Evidence';
import { SubmitEvidenceButton } from './SubmitEvidence';

const GATE_COLOUR = { RETIRED: '#1e6b30', PENDING: '#a33a00', OPEN: 'gray.7', CANCELLED: 'dark' } as const;

export function DealPage() {
  const { dealId } = useParams({ from: '/deals/$dealId' });
  const me = useMe().data;
  const deal = useQuery({ queryKey: ['deal', dealId], queryFn: () => get<Deal>('/deals/{id}', { path: { id: dealId } }) });
  const canHistory = has(me, 'manager', 'comp_admin', 'deal_desk', 'finance');
  const history = useQuery({
    queryKey: ['deal', dealId, 'history'],
    queryFn: () => get<HistoryEntry[]>('/deals/{id}/history', { path: { id: dealId } }),
    enabled: canHistory,
  });
  return (
    <Loaded query={deal}>
      {(d) => (
        <Page title={`${d.id}: ${d.sponsor}`} actions={
            d.status === 'ACTIVE' && (
              <Group>
                {has(me, 'rep', 'manager', 'comp_admin') && <SubmitEvidenceButton deal={d} />}
                {has(me, 'finance') && <RevenueButton deal={d} />}
              </Group>
            )
          }
        >
          <Card withBorder component="section" aria-label="Deal summary">
            <SimpleGrid cols={{ base: 2, md: 4 }}>
              <Fact label="Program" value={d.program} />
              <Fact label="Status" value={d.status} />
              <Fact label="TCV" value={money(d.tcv)} />
              <Fact label="Credit retired" value={money(d.creditRetired)} />
              <Fact label="Owner" value={d.owner} />
              <Fact label="Type" value={d.dealType} />
              <Fact label="Sourced" value={d.sourcedAt} />
              <Fact label="Revenue recognized" value={money(d.revenueRecognized)} />
            </SimpleGrid>
          </Card>
          <section aria-labelledby="gates-title">
            <Title order={2} size="h4" id="gates-title" mb="xs">
              Gates
            </Title>
            <Group gap="xs" data-testid="gates">
              {d.gates.map((g) => (
                <Badge key={g.key} size="lg" color={GATE_COLOUR[g.status]} variant="filled">
                  {g.key} {g.name ?? ''} · {g.status.toLowerCase()}
                  {g.retiredAt ? ` ${g.retiredAt}` : g.expectedDate ? ` exp. ${g.expectedDate}` : ''}
                </Badge>
              ))}
            </Group>
          </section>
          {d.pending.length > 0 && (
            <section aria-labelledby="pending-title">
              <Title order={2} size="h4" id="pending-title" mb="xs">
                Pending approvals
              </Title>
              <List data-testid="pending-approvals">
                {d.pending.map((p) => (
                  <List.Item key={p.approvalId}>
                    {p.kind === 'GATE' ? `Gate ${p.gate}` : `Bonus ${p.type}`}
                    {p.documentType ? `, ${p.documentType}` : ''}
                    {p.documentRef ? ` (${p.documentRef})` : ''}
                    {p.effectiveDate ? `, effective ${p.effectiveDate}` : ''}: {money(p.amountIfApproved)} if approved
                    {p.artifact && <EvidenceLink dealId={d.id} artifact={p.artifact} />}
                  </List.Item>
                ))}
              </List>
            </section>
          )}
          <section aria-labelledby="splits-title">
            <Title order={2} size="h4" id="splits-title">
              Splits
            </Title>
            <Table aria-label="Credit splits">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Rep</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Share</Table.Th>
                  <Table.Th>Gates</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {d.splits.map((s) => (
                  <Table.Tr key={`${s.repId}-${s.role}`}>
                    <Table.Td>{s.repId}</Table.Td>
                    <Table.Td>{s.role}</Table.Td>
                    <Table.Td>{s.share}</Table.Td>
                    <Table.Td>{s.gates?.join(', ') ?? 'all'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </section>
          {canHistory && (
            <Loaded query={history}>
              {(h) => (
                <>
                  <Timeline gates={d.gates} history={h} today={new Date().toISOString().slice(0, 10)} slip={d.slip} killed={d.killed} />
                  <HistoryTable dealId={d.id} history={h} />
                </>
              )}
            </Loaded>
          )}
        </Page>
      )}
    </Loaded>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text>{value}</Text>
    </div>
  );
}

function HistoryTable({ dealId, history }: { dealId: string; history: HistoryEntry[] }) {
  return (
    <section aria-labelledby="history-title">
      <Group justify="space-between">
        <Title order={2} size="h4" id="history-title">
          History
        </Title>
        <Anchor href={`/deals/${encodeURIComponent(dealId)}/history?format=temporal`} target="_blank">
          Raw Temporal history
        </Anchor>
      </Group>
      <Table striped aria-label="Deal history" data-testid="history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Business date</Table.Th>
            <Table.Th>Recorded</Table.Th>
            <Table.Th>What</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th>Summary</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {history.map((e, i) => (
            <Table.Tr key={i}>
              <Table.Td>{businessDate(e)}</Table.Td>
              <Table.Td>{dateTime(e.at)}</Table.Td>
              <Table.Td>{e.type}</Table.Td>
              <Table.Td>{e.actor ?? 'system'}</Table.Td>
              <Table.Td>{e.summary}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}

/** Finance records recognized revenue for a period; a negative amount is a correction. */
function RevenueButton({ deal }: { deal: Deal }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Record revenue</Button>
      {open && <RevenueDialog deal={deal} onClose={() => setOpen(false)} />}
    </>
  );
}

function RevenueDialog({ deal, onClose }: { deal: Deal; onClose: () => void }) {
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const [period, setPeriod] = useState('');
  const [amount, setAmount] = useState('');
  const save = useMutation({
    mutationFn: () => post('/deals/{id}/revenue', key, { period, amount }, { id: deal.id }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['deal', deal.id] });
      onClose();
    },
  });
  const problem = save.error instanceof Problem ? save.error : undefined;
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title={`Revenue for ${deal.id}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <TextInput label="Period" description="YYYY-Qn" required value={period} onChange={(e) => setPeriod(e.currentTarget.value)} error={problem?.fieldErrors('period')} />
          <TextInput
            label="Amount"
            description="A decimal string; negative for a correction"
            required
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={problem?.fieldErrors('amount')}
          />
          <ProblemAlert error={save.error} fields={['period', 'amount']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Record
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
