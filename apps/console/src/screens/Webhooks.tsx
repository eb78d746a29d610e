import { Alert, Badge, Button, Checkbox, Code, Group, Modal, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { get, newIdempotencyKey, post, Problem } from '../api/client';
import type { components } from '../api/schema';
import { dateTime, Loaded, Page, ProblemAlert } from '../ui/common';

type Subscription = components['schemas']['WebhookSubscription'];
type Created = components['schemas']['WebhookSubscriptionCreated'];
type Delivery = components['schemas']['WebhookDelivery'];
type EventType = Subscription['events'][number];

/**
 * The event types a subscription may ask for (docs/rules.md "Signed webhooks"). A record over the API's own union, so
 * an event type the API adds fails the console's typecheck until it is listed here.
 */
const EVENT_TYPE_SET: Record<EventType, true> = {
  'tranche.approval.submitted': true,
  'tranche.approval.decided': true,
  'tranche.gate.retired': true,
  'tranche.deal.descoped': true,
  'tranche.deal.killed': true,
  'tranche.deal.closed': true,
  'tranche.rep.departed': true,
  'tranche.period.closed': true,
  'tranche.statement.approved': true,
  'tranche.payroll.batch_created': true,
  'tranche.dispute.opened': true,
  'tranche.dispute.overdue': true,
  'tranche.dispute.resolved': true,
  'tranche.alert.raised': true,
};
export const EVENT_TYPES = Object.keys(EVENT_TYPE_SET) as EventType[];

const DELIVERY_COLOR: Record<Delivery['status'], string> = { DELIVERED: '#1e6b30', RETRYING: '#a33a00', FAILED: 'red.9' };

export function Webhooks() {
  const list = useQuery({ queryKey: ['webhooks'], queryFn: () => get<Subscription[]>('/webhooks') });
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const [log, setLog] = useState<Subscription | null>(null);
  const [disabling, setDisabling] = useState<Subscription | null>(null);
  return (
    <Page title="Webhooks" actions={<Button onClick={() => setCreating(true)}>New subscription</Button>}>
      <Text size="sm" mb="sm">
        Each subscriber receives its events as signed CloudEvents (Standard Webhooks), in order, retried for three days.
      </Text>
      <Loaded query={list}>
        {(rows) =>
          rows.length === 0 ? (
            <Text>No subscription yet.</Text>
          ) : (
            <Table striped aria-label="Webhook subscriptions" data-testid="webhooks">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>URL</Table.Th>
                  <Table.Th>Events</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((s) => (
                  <Table.Tr key={s.id} data-webhook={s.id}>
                    <Table.Td>
                      <Text size="sm" style={{ wordBreak: 'break-all' }}>
                        {s.url}
                      </Text>
                      {s.description && <Text size="xs">{s.description}</Text>}
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{s.events.join(', ')}</Text>
                    </Table.Td>
                    <Table.Td>
                      {s.createdBy}, {dateTime(s.createdAt)}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={s.status === 'ACTIVE' ? '#1e6b30' : 'gray.8'}>{s.status}</Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <Button size="xs" variant="default" onClick={() => setLog(s)}>
                          Deliveries {s.id}
                        </Button>
                        {s.status === 'ACTIVE' && (
                          <Button size="xs" color="red.9" variant="outline" onClick={() => setDisabling(s)}>
                            Disable {s.id}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </Loaded>
      {creating && <CreateDialog onClose={() => setCreating(false)} onCreated={(c) => { setCreating(false); setCreated(c); }} />}
      {created && <SecretDialog created={created} onClose={() => setCreated(null)} />}
      {log && <DeliveriesDialog subscription={log} onClose={() => setLog(null)} />}
      {disabling && <DisableDialog subscription={disabling} onClose={() => setDisabling(null)} />}
    </Page>
  );
}

function CreateDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (c: Created) => void }) {
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: () => post<Created>('/webhooks', key, { url, events, ...(description.trim() ? { description: description.trim() } : {}) }),
    onSuccess: async (c) => {
      await client.invalidateQueries({ queryKey: ['webhooks'] });
      onCreated(c);
    },
  });
  const problem = create.error instanceof Problem ? create.error : undefined;
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title="New webhook subscription" size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <Stack>
          <TextInput label="URL" description="http or https, no user name or password in it" value={url} onChange={(e) => setUrl(e.currentTarget.value)} error={problem?.fieldErrors('url')} />
          <TextInput label="Description (optional)" value={description} onChange={(e) => setDescription(e.currentTarget.value)} error={problem?.fieldErrors('description')} />
          <Checkbox.Group label="Events" value={events} onChange={setEvents} error={problem?.fieldErrors('events')}>
            <SimpleGrid cols={2} mt="xs" spacing={6}>
              {EVENT_TYPES.map((t) => (
                <Checkbox key={t} value={t} label={t} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <ProblemAlert error={create.error} fields={['url', 'events', 'description']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The one time the secret is shown: the API never answers it again. */
function SecretDialog({ created, onClose }: { created: Created; onClose: () => void }) {
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title={`Subscription ${created.id} created`}>
      <Stack>
        <Alert color="#a33a00" title="Copy the signing secret now">
          It is shown once. Receivers verify each delivery with it (any Standard Webhooks library).
        </Alert>
        <Code block data-testid="webhook-secret">
          {created.secret}
        </Code>
        <Group justify="flex-end">
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function DeliveriesDialog({ subscription, onClose }: { subscription: Subscription; onClose: () => void }) {
  const log = useQuery({
    queryKey: ['webhooks', subscription.id, 'deliveries'],
    queryFn: () => get<Delivery[]>('/webhooks/{webhookId}/deliveries', { path: { webhookId: subscription.id }, query: { limit: 200 } }),
    refetchInterval: 2000,
  });
  const [key, setKey] = useState(newIdempotencyKey);
  const replay = useMutation({
    mutationFn: (fromEventId: string) => post('/webhooks/{webhookId}/replay', key, { fromEventId }, { webhookId: subscription.id }),
    onSuccess: (_r, fromEventId) => {
      setKey(newIdempotencyKey());
      notifications.show({ message: `Replaying from ${fromEventId}`, color: 'green', closeButtonProps: { 'aria-label': 'Dismiss' } });
    },
  });
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title={`Deliveries of ${subscription.id}`} size="xl">
      <Loaded query={log}>
        {(rows) =>
          rows.length === 0 ? (
            <Text>No delivery yet.</Text>
          ) : (
            <Table striped aria-label="Delivery log" data-testid="deliveries">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Event</Table.Th>
                  <Table.Th>Attempt</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Answer</Table.Th>
                  <Table.Th>When</Table.Th>
                  {subscription.status === 'ACTIVE' && <Table.Th>Replay</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((d, i) => (
                  <Table.Tr key={`${d.eventId}-${d.attempt}-${i}`}>
                    <Table.Td>
                      <Code>{d.eventId}</Code>
                    </Table.Td>
                    <Table.Td>{d.attempt || '-'}</Table.Td>
                    <Table.Td>
                      <Badge color={DELIVERY_COLOR[d.status]}>{d.status}</Badge>
                    </Table.Td>
                    <Table.Td>
                      {d.statusCode ?? ''}
                      {d.error ? ` ${d.error}` : ''}
                      {d.latencyMs !== undefined ? ` (${d.latencyMs} ms)` : ''}
                    </Table.Td>
                    <Table.Td>{dateTime(d.attemptedAt)}</Table.Td>
                    {subscription.status === 'ACTIVE' && (
                      <Table.Td>
                        <Button size="xs" variant="default" loading={replay.isPending && replay.variables === d.eventId} onClick={() => replay.mutate(d.eventId)}>
                          Replay from {d.eventId.slice(0, 12)}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        }
      </Loaded>
      <ProblemAlert error={replay.error} />
    </Modal>
  );
}

function DisableDialog({ subscription, onClose }: { subscription: Subscription; onClose: () => void }) {
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const disable = useMutation({
    mutationFn: () => post<Subscription>('/webhooks/{webhookId}/disable', key, {}, { webhookId: subscription.id }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['webhooks'] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title={`Disable ${subscription.id}?`}>
      <Stack>
        <Text size="sm">{subscription.url} will receive nothing more. This cannot be undone; create a new subscription to resume.</Text>
        <ProblemAlert error={disable.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red.9" loading={disable.isPending} onClick={() => disable.mutate()}>
            Disable
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
