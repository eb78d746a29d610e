import { Badge, Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { get, newIdempotencyKey, post, Problem } from '../api/client';
import type { Plan } from '../api/models';
import { Loaded, Page, ProblemAlert } from '../ui/common';

export function Plans() {
  const plans = useQuery({ queryKey: ['plans'], queryFn: () => get<Plan[]>('/plans') });
  const [creating, setCreating] = useState(false);
  const [publishing, setPublishing] = useState<Plan | null>(null);
  return (
    <Page title="Plans" actions={<Button onClick={() => setCreating(true)}>New plan from defaults</Button>}>
      <Loaded query={plans}>
        {(list) => (
          <Table striped aria-label="Plans" data-testid="plans">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Plan</Table.Th>
                <Table.Th>Effective from</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Commission rate</Table.Th>
                <Table.Th>Gates</Table.Th>
                <Table.Th>Action</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{p.id}</Table.Td>
                  <Table.Td>{p.effectiveFrom}</Table.Td>
                  <Table.Td>
                    <Badge color={p.status === 'PUBLISHED' ? '#1e6b30' : 'gray.8'}>{p.status}</Badge>
                  </Table.Td>
                  <Table.Td>{p.params.commissionRate ?? ''}</Table.Td>
                  <Table.Td>{(p.params.gates ?? []).map((g: { key: string; weight: string }) => `${g.key} ${g.weight}`).join(', ')}</Table.Td>
                  <Table.Td>
                    {p.status === 'DRAFT' && (
                      <Button size="xs" onClick={() => setPublishing(p)}>
                        Publish {p.id}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Loaded>
      {creating && <CreatePlan onClose={() => setCreating(false)} />}
      {publishing && <PublishPlan plan={publishing} onClose={() => setPublishing(null)} />}
    </Page>
  );
}

/** A draft with the reference defaults (every params key omitted takes the default whole). */
function CreatePlan({ onClose }: { onClose: () => void }) {
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const [id, setId] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [commissionRate, setCommissionRate] = useState('');
  const create = useMutation({
    mutationFn: () => post('/plans', key, { id, effectiveFrom, params: commissionRate ? { commissionRate } : {} }),
    onSuccess: async () => {
      notifications.show({ message: `Plan ${id} created as a draft`, color: 'green', closeButtonProps: { 'aria-label': 'Dismiss' } });
      await client.invalidateQueries({ queryKey: ['plans'] });
      onClose();
    },
  });
  const problem = create.error instanceof Problem ? create.error : undefined;
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title="New plan from the defaults">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack>
          <TextInput label="Plan id" required value={id} onChange={(e) => setId(e.currentTarget.value)} error={problem?.fieldErrors('id')} />
          <TextInput label="Effective from" type="date" required value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.currentTarget.value)} error={problem?.fieldErrors('effectiveFrom')} />
          <TextInput
            label="Commission rate"
            description="Optional; a decimal string such as 0.04. Everything else takes the reference default."
            value={commissionRate}
            onChange={(e) => setCommissionRate(e.currentTarget.value)}
            error={problem?.fieldErrors('params.commissionRate')}
          />
          <ProblemAlert error={create.error} fields={['id', 'effectiveFrom', 'params.commissionRate']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create draft
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function PublishPlan({ plan, onClose }: { plan: Plan; onClose: () => void }) {
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const publish = useMutation({
    mutationFn: () => post('/plans/{id}/publish', key, {}, { id: plan.id }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['plans'] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title={`Publish ${plan.id}`}>
      <Stack>
        <Text size="sm">A published plan is immutable: deals sourced on or after {plan.effectiveFrom} take it.</Text>
        <ProblemAlert error={publish.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => publish.mutate()} loading={publish.isPending}>
            Publish
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
