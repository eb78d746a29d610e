import { ActionIcon, Alert, Button, Group, MultiSelect, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { get, newIdempotencyKey, post, Problem } from '../api/client';
import type { Plan, Rep, Split } from '../api/models';
import { sumShares } from '../money';
import { Page, ProblemAlert } from '../ui/common';

const GATES = ['G1', 'G2', 'G3', 'G4', 'G5'];
const SPLIT_ROLES = ['AE', 'SCIENTIFIC_LIAISON', 'OVERLAY', 'MANAGER'];
const FIELDS = ['id', 'sponsor', 'program', 'tcv', 'dealType', 'sourcedBy', 'owner', 'sourcedAt', 'splits'];

/** For each gate, the shares of the splits that take part in it (a split without `gates` takes part in all), summed exactly. */
export function gateSums(splits: Split[], gates = GATES) {
  return gates.map((gate) => ({ gate, ...sumShares(splits.filter((s) => !s.gates || s.gates.length === 0 || s.gates.includes(gate)).map((s) => s.share || '0')) }));
}

export function NewDeal() {
  const navigate = useNavigate();
  const [key] = useState(newIdempotencyKey);
  const [form, setForm] = useState({ id: '', sponsor: '', program: '', tcv: '', dealType: 'NEW_BUSINESS', sourcedBy: '', owner: '', sourcedAt: '' });
  const [splits, setSplits] = useState<Split[]>([{ repId: '', role: 'AE', share: '1.00' }]);
  const reps = useQuery({ queryKey: ['reps', 'ACTIVE'], queryFn: () => get<Rep[]>('/reps', { query: { status: 'ACTIVE', limit: 500 } }) });
  const plans = useQuery({ queryKey: ['plans'], queryFn: () => get<Plan[]>('/plans') });
  const repOptions = (reps.data ?? []).map((r) => ({ value: r.id, label: `${r.name} (${r.id})` }));
  const sums = gateSums(splits);
  const create = useMutation({
    mutationFn: () => post('/deals', key, { ...form, splits: splits.map((s) => (s.gates && s.gates.length ? s : { repId: s.repId, role: s.role, share: s.share })) }),
    onSuccess: () => navigate({ to: '/deals/$dealId', params: { dealId: form.id } }),
  });
  const problem = create.error instanceof Problem ? create.error : undefined;
  const field = (name: keyof typeof form, label: string, extra: Record<string, unknown> = {}) => (
    <TextInput label={label} required value={form[name]} onChange={(e) => setForm({ ...form, [name]: e.currentTarget.value })} error={problem?.fieldErrors(name)} {...extra} />
  );
  const setSplit = (i: number, patch: Partial<Split>) => setSplits(splits.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <Page title="New deal">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
        aria-label="New deal"
      >
        <Stack>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {field('id', 'Deal id')}
            {field('sponsor', 'Sponsor')}
            {field('program', 'Program')}
            {field('tcv', 'TCV', { description: 'A decimal string, e.g. 1350000.00' })}
            <Select label="Deal type" required data={['NEW_BUSINESS', 'EXPANSION']} value={form.dealType} onChange={(v) => setForm({ ...form, dealType: v ?? 'NEW_BUSINESS' })} error={problem?.fieldErrors('dealType')} allowDeselect={false} />
            {field('sourcedAt', 'Sourced on', { type: 'date', description: plans.data ? `Takes the published plan in force then (${plans.data.filter((p) => p.status === 'PUBLISHED').map((p) => `${p.id} from ${p.effectiveFrom}`).join(', ')})` : undefined })}
            <Select label="Sourced by" required searchable data={repOptions} value={form.sourcedBy || null} onChange={(v) => setForm({ ...form, sourcedBy: v ?? '' })} error={problem?.fieldErrors('sourcedBy')} />
            <Select label="Owner" required searchable data={repOptions} value={form.owner || null} onChange={(v) => setForm({ ...form, owner: v ?? '' })} error={problem?.fieldErrors('owner')} />
          </SimpleGrid>
          <section aria-labelledby="splits-editor">
            <Title order={2} size="h4" id="splits-editor">
              Credit splits
            </Title>
            <Text size="sm" c="dimmed">
              The shares of the splits taking part in a gate must sum to 1 for every gate. Leave gates empty for a split in all of them.
            </Text>
            <Stack gap="xs" mt="xs">
              {splits.map((s, i) => (
                <Group key={i} align="flex-end" wrap="nowrap">
                  <Select label={`Rep of split ${i + 1}`} searchable data={repOptions} value={s.repId || null} onChange={(v) => setSplit(i, { repId: v ?? '' })} error={problem?.fieldErrors(`splits.${i}.repId`)} />
                  <Select label={`Role of split ${i + 1}`} data={SPLIT_ROLES} value={s.role} onChange={(v) => setSplit(i, { role: v ?? 'AE' })} allowDeselect={false} />
                  <TextInput label={`Share of split ${i + 1}`} value={s.share} onChange={(e) => setSplit(i, { share: e.currentTarget.value })} error={problem?.fieldErrors(`splits.${i}.share`)} w={110} />
                  <MultiSelect label={`Gates of split ${i + 1}`} data={GATES} value={s.gates ?? []} onChange={(v) => setSplit(i, { gates: v })} placeholder="all" w={220} />
                  <ActionIcon variant="default" size="lg" aria-label={`Remove split ${i + 1}`} disabled={splits.length === 1} onClick={() => setSplits(splits.filter((_, j) => j !== i))}>
                    ×
                  </ActionIcon>
                </Group>
              ))}
              <Group>
                <Button variant="default" size="xs" onClick={() => setSplits([...splits, { repId: '', role: 'AE', share: '' }])}>
                  Add a split
                </Button>
              </Group>
              <Table aria-label="Share per gate" w={360} data-testid="gate-sums">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Gate</Table.Th>
                    <Table.Th>Sum of shares</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {sums.map((g) => (
                    <Table.Tr key={g.gate}>
                      <Table.Td>{g.gate}</Table.Td>
                      <Table.Td c={g.ok ? undefined : 'red.9'}>
                        {g.total}
                        {g.ok ? '' : ' (must be 1)'}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {problem?.fieldErrors('splits') && <Alert color="red">{problem.fieldErrors('splits')}</Alert>}
            </Stack>
          </section>
          <ProblemAlert error={create.error} fields={FIELDS} />
          <Group>
            <Button type="submit" loading={create.isPending} disabled={sums.some((g) => !g.ok)}>
              Create deal
            </Button>
            {sums.some((g) => !g.ok) && <Text size="sm">Fix the shares first: every gate must sum to 1.</Text>}
          </Group>
        </Stack>
      </form>
    </Page>
  );
}
