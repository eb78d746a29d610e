import { Badge, Button, Code, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { get, newIdempotencyKey, post } from '../api/client';
import type { Rep, Statement } from '../api/models';
import { has, useMe } from '../session';
import { dateTime, ProblemAlert } from '../ui/common';

export const STATEMENT_STATUS_COLOR: Record<NonNullable<Statement['status']>, string> = { CLOSED: 'gray.8', APPROVED: '#1e6b30', PAID: 'blue.9' };

/**
 * Why `sub` may not sign `s` now, in words; undefined when they may (the API refuses the same: 403 for the rep
 * themself, 409 SIGNOFF_OUT_OF_ORDER for finance before the manager).
 */
export function signoffBlockedBy(s: Statement, rep: Pick<Rep, 'managerId'> | undefined, me: { sub: string; roles: string[] }): string | undefined {
  if (s.repId === me.sub) return 'This is your own statement: your manager and finance sign it, never you (segregation of duties).';
  const signoffs = s.signoffs ?? [];
  const asManager = rep?.managerId === me.sub && me.roles.includes('manager');
  const role = asManager ? 'manager' : me.roles.includes('finance') ? 'finance' : undefined;
  if (!role) return undefined;
  const signed = signoffs.find((x) => x.role === role);
  if (signed) return signed.by === me.sub ? `You signed this statement as ${role}.` : `${signed.by} signed this statement as ${role}.`;
  if (role === 'finance' && rep?.managerId && !signoffs.some((x) => x.role === 'manager')) return `The rep's manager (${rep.managerId}) signs first, then finance.`;
  if (role === 'finance' && signoffs.some((x) => x.role === 'manager' && x.by === me.sub)) return 'You signed as the manager: another person signs for finance (segregation of duties).';
  return undefined;
}

/** A statement's status, hash and sign-offs, and the sign button for the rep's manager and finance. */
export function StatementSignoff({ s }: { s: Statement }) {
  const me = useMe().data;
  const client = useQueryClient();
  const [key, setKey] = useState(newIdempotencyKey);
  const mayCallSign = has(me, 'manager', 'finance');
  const rep = useQuery({ queryKey: ['rep', s.repId], queryFn: () => get<Rep>('/reps/{id}', { path: { id: s.repId } }), enabled: mayCallSign && s.repId !== me?.sub });
  const sign = useMutation({
    mutationFn: () => post<Statement>('/reps/{id}/statements/{period}/signoffs', key, { hash: s.hash }, { id: s.repId, period: s.period }),
    onSuccess: async (signed) => {
      notifications.show({ message: `Statement of ${signed.repId} for ${signed.period} signed: ${signed.status}`, color: 'green', closeButtonProps: { 'aria-label': 'Dismiss' } });
      setKey(newIdempotencyKey());
      await client.invalidateQueries({ queryKey: ['statements'] });
    },
  });
  if (!s.hash || !s.status) return null;
  const blocked = me ? signoffBlockedBy(s, rep.data, me) : undefined;
  const showButton = mayCallSign && s.status === 'CLOSED' && s.repId !== me?.sub;
  const reasonId = `signoff-blocked-${s.repId}-${s.period}`;
  return (
    <Stack gap={4} mt="sm" data-testid="signoff">
      <Group gap="xs">
        <Badge color={STATEMENT_STATUS_COLOR[s.status]} data-testid="signoff-status">
          {s.status}
        </Badge>
        {s.onHold && (
          <Badge color="#a33a00" data-testid="signoff-hold">
            on hold: {s.onHold.reason}
          </Badge>
        )}
      </Group>
      <Text size="xs">
        Hash (SHA-256) <Code data-testid="signoff-hash">{s.hash}</Code>
      </Text>
      {(s.signoffs ?? []).map((x) => (
        <Text size="xs" key={x.role} data-testid={`signed-${x.role}`}>
          Signed as {x.role} by {x.by}, {dateTime(x.at)}
        </Text>
      ))}
      {showButton && (
        <Group gap="xs">
          <Button size="xs" disabled={!!blocked || rep.isPending} aria-describedby={blocked ? reasonId : undefined} loading={sign.isPending} onClick={() => sign.mutate()}>
            Sign statement of {s.repId} for {s.period}
          </Button>
        </Group>
      )}
      {blocked && (showButton || s.repId === me?.sub) && (
        <Text size="xs" c="red.9" id={reasonId} data-testid="signoff-blocked">
          {blocked}
        </Text>
      )}
      <ProblemAlert error={sign.error} />
    </Stack>
  );
}
