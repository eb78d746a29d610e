import { Alert, Button, Card, Checkbox, Group, List, Modal, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { get, newIdempotencyKey, post, Problem } from '../api/client';
import type { Deal, Rep } from '../api/models';
import { money } from '../money';
import { has, useMe } from '../session';
import { Loaded, Page, ProblemAlert } from '../ui/common';
import { PlanAcknowledgementStatus } from './PlanAcknowledgementStatus';
import { StatementList } from './StatementView';
import { dealError, WithdrawDepartureDialog } from './WithdrawDeparture';

export function RepProfile() {
  const { repId } = useParams({ from: '/reps/$repId' });
  const me = useMe().data;
  const rep = useQuery({ queryKey: ['rep', repId], queryFn: () => get<Rep>('/reps/{id}', { path: { id: repId } }) });
  const [departing, setDeparting] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  return (
    <Loaded query={rep}>
      {(r) => (
        <Page
          title={r.name}
          actions={
            has(me, 'hr') && r.status === 'ACTIVE' && !r.departure ? (
              <Button color="red.9" onClick={() => setDeparting(true)}>
                Record departure
              </Button>
            ) : undefined
          }
        >
          <Card withBorder component="section" aria-label="Profile">
            <SimpleGrid cols={{ base: 2, md: 4 }}>
              {[
                ['Id', r.id],
                ['Role', r.role],
                ['Status', r.status],
                ['Manager', r.managerId ?? '—'],
                ['Hired', r.hireDate],
                ['Plan', r.planId],
                ['Quarterly draw', money(r.quarterlyDraw)],
                ['Unrecovered draw', money(r.unrecoveredDrawBalance)],
              ].map(([label, value]) => (
                <div key={label}>
                  <Text size="xs" c="dimmed">
                    {label}
                  </Text>
                  <Text>{value}</Text>
                </div>
              ))}
            </SimpleGrid>
            {r.departure && (
              <Alert mt="md" color="#a33a00" title="Departure recorded" data-testid="departure">
                Leaves on {r.departure.effectiveDate}, {r.departure.goodStanding ? 'in good standing' : 'not in good standing'}.
                {has(me, 'hr') && (
                  <Group mt="xs">
                    <Button size="xs" variant="default" onClick={() => setWithdrawing(true)}>
                      Withdraw departure
                    </Button>
                  </Group>
                )}
              </Alert>
            )}
          </Card>
          {has(me, 'manager', 'comp_admin', 'hr') && <PlanAcknowledgementStatus repId={r.id} />}
          {has(me, 'finance', 'comp_admin', 'manager') && (
            <section aria-labelledby="statements-title">
              <Title order={2} size="h4" id="statements-title">
                Statements
              </Title>
              <StatementList repId={r.id} />
            </section>
          )}
          {departing && <DepartureDialog rep={r} onClose={() => setDeparting(false)} />}
          {withdrawing && <WithdrawDepartureDialog rep={r} onClose={() => setWithdrawing(false)} />}
        </Page>
      )}
    </Loaded>
  );
}

/** HR's departure: the date, good standing, and a new owner for every active deal the rep owns; then what follows. */
function DepartureDialog({ rep, onClose }: { rep: Rep; onClose: () => void }) {
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const [effectiveDate, setEffectiveDate] = useState('');
  const [goodStanding, setGoodStanding] = useState(true);
  const [owners, setOwners] = useState<Record<string, string>>({});
  const deals = useQuery({ queryKey: ['deals'], queryFn: () => get<Deal[]>('/deals', { query: { limit: 200 } }) });
  const reps = useQuery({ queryKey: ['reps', 'ACTIVE'], queryFn: () => get<Rep[]>('/reps', { query: { status: 'ACTIVE', limit: 500 } }) });
  const theirs = (deals.data ?? []).filter((d) => d.status === 'ACTIVE' && (d.owner === rep.id || d.splits.some((s) => s.repId === rep.id)));
  const others = (reps.data ?? []).filter((r) => r.id !== rep.id).map((r) => ({ value: r.id, label: `${r.name} (${r.id})` }));
  const depart = useMutation({
    mutationFn: () =>
      post('/reps/{id}/departure', key, { effectiveDate, goodStanding, reassignments: theirs.filter((d) => owners[d.id]).map((d) => ({ dealId: d.id, newOwner: owners[d.id] })) }, { id: rep.id }),
    onSuccess: async () => {
      notifications.show({ message: `Departure of ${rep.name} recorded`, color: 'green', closeButtonProps: { 'aria-label': 'Dismiss' } });
      await client.invalidateQueries({ queryKey: ['rep', rep.id] });
      await client.invalidateQueries({ queryKey: ['reps'] });
      await client.invalidateQueries({ queryKey: ['deals'] });
      onClose();
    },
  });
  const problem = depart.error instanceof Problem ? depart.error : undefined;
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title={`Departure of ${rep.name}`} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          depart.mutate();
        }}
      >
        <Stack>
          <TextInput label="Effective date" type="date" required value={effectiveDate} onChange={(e) => setEffectiveDate(e.currentTarget.value)} error={problem?.fieldErrors('effectiveDate')} />
          <Checkbox label="Leaves in good standing" checked={goodStanding} onChange={(e) => setGoodStanding(e.currentTarget.checked)} />
          <Title order={3} size="h5">
            Replacement per deal
          </Title>
          {theirs.length === 0 && <Text size="sm">{rep.name} is on no active deal.</Text>}
          {theirs.map((d) => (
            <Select
              key={d.id}
              label={`New owner of ${d.id} (${d.sponsor})`}
              data={others}
              value={owners[d.id] ?? null}
              onChange={(v) => setOwners((o) => ({ ...o, [d.id]: v ?? '' }))}
              error={dealError(problem, d.id)}
            />
          ))}
          <Card withBorder>
            <Text fw={600} size="sm">
              What follows
            </Text>
            <List size="sm">
              <List.Item>Draws stop after the effective date.</List.Item>
              <List.Item>Retention bonuses not yet vested are forfeited.</List.Item>
              <List.Item>Trailing commission follows the plan's schedule{goodStanding ? '' : ' (none when not in good standing, per the plan)'}.</List.Item>
              <List.Item>An unrecovered draw balance is treated as the plan's exit treatment says.</List.Item>
            </List>
          </Card>
          <ProblemAlert error={depart.error} fields={['effectiveDate', 'reassignments']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red.9" loading={depart.isPending}>
              Record departure
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
