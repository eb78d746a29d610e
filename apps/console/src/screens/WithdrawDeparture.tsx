import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { newIdempotencyKey, post, Problem } from '../api/client';
import type { Rep } from '../api/models';
import { ProblemAlert } from '../ui/common';

/** REASSIGNMENT_REQUIRED names each unnamed deal under `reassignments` ("deal X must be named"): the message for deal `dealId`. */
export function dealError(problem: Problem | undefined, dealId: string): string | undefined {
  const all = problem?.fieldErrors('reassignments');
  if (!all) return undefined;
  const mine = all.split('; ').filter((m) => m.includes(`deal ${dealId} `) || m.endsWith(`deal ${dealId}`));
  return mine.length ? mine.join('; ') : undefined;
}

/** HR takes back a departure while it has not taken effect; the API says why not (409 DEPARTURE_IN_EFFECT) in words. */
export function WithdrawDepartureDialog({ rep, onClose }: { rep: Rep; onClose: () => void }) {
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const withdraw = useMutation({
    mutationFn: () => post('/reps/{id}/departure/withdraw', key, undefined, { id: rep.id }),
    onSuccess: async () => {
      notifications.show({ message: `Departure of ${rep.name} withdrawn`, color: 'green', closeButtonProps: { 'aria-label': 'Dismiss' } });
      await client.invalidateQueries({ queryKey: ['rep', rep.id] });
      await client.invalidateQueries({ queryKey: ['reps'] });
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title={`Withdraw the departure of ${rep.name}`}>
      <Stack>
        <Text size="sm">
          {rep.name} stays on: the departure dated {rep.departure?.effectiveDate} is taken back. It can be withdrawn only while its period is open and
          nothing dated on or after it was recorded on their deals.
        </Text>
        <ProblemAlert error={withdraw.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => withdraw.mutate()} loading={withdraw.isPending}>
            Withdraw departure
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
