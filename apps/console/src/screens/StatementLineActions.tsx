import { Badge, Button, Drawer, Group, Modal, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { get, newIdempotencyKey, post, Problem } from '../api/client';
import type { components } from '../api/schema';
import { money } from '../money';
import { dateTime, Loaded, ProblemAlert } from '../ui/common';

type Explanation = components['schemas']['StatementLineExplanation'];
type Dispute = components['schemas']['Dispute'];
export const DISPUTE_REASONS = ['MISSING_CREDIT', 'WRONG_SPLIT', 'WRONG_AMOUNT', 'MISSING_BONUS', 'DRAW_NETTING', 'OTHER'];

interface LineRef {
  repId: string;
  period: string;
  lineId: string;
  kind: string;
  amount: string;
}

/** "Why this line": the posting, the approval and its evidence, the plan, the formula with its numbers, the deal history. */
export function WhyThisLine({ line, onClose }: { line: LineRef; onClose: () => void }) {
  const why = useQuery({
    queryKey: ['why', line.repId, line.period, line.lineId],
    queryFn: () => get<Explanation>('/reps/{id}/statements/{period}/lines/{lineId}', { path: { id: line.repId, period: line.period, lineId: line.lineId } }),
  });
  return (
    <Drawer opened onClose={onClose} position="right" size="lg" title={`Why this line: ${line.kind} ${money(line.amount)} on ${line.repId}'s ${line.period} statement`} closeButtonProps={{ 'aria-label': 'Close' }}>
      <Loaded query={why}>
        {(w) => (
          <Stack gap="sm" data-testid="why-this-line">
            <Text size="sm">{w.explanation}</Text>
            {w.posting && (
              <Text size="sm" data-testid="why-posting">
                Posting <code>{w.posting.key}</code>: {money(w.posting.amount)} in {w.posting.period}, effective {w.posting.effectiveDate}
                {w.posting.late ? ' (late)' : ''}
              </Text>
            )}
            {w.approval && (
              <Text size="sm" data-testid="why-approval">
                {w.approval.kind === 'GATE' ? `Gate ${w.approval.gate}` : `Bonus ${w.approval.type}`} evidence {w.approval.documentType} “{w.approval.documentRef}”
                {w.approval.artifact ? `, file SHA-256 ${w.approval.artifact.sha256.slice(0, 12)}…` : ''}; submitted by {w.approval.submittedBy} on {dateTime(w.approval.submittedAt)}
                {w.approval.decidedBy ? `, approved by ${w.approval.decidedBy} on ${dateTime(w.approval.decidedAt!)}` : ''}
                {w.approval.note ? ` (“${w.approval.note}”)` : ''}.
              </Text>
            )}
            {w.adjustment && (
              <Text size="sm">
                Adjustment {w.adjustment.id} ({w.adjustment.kind}): {w.adjustment.reason}; proposed by {w.adjustment.proposedBy}
                {w.adjustment.decidedBy ? `, approved by ${w.adjustment.decidedBy}` : ''}
                {w.adjustment.disputeId ? `, resolving dispute ${w.adjustment.disputeId}` : ''}.
              </Text>
            )}
            <Text size="sm">
              Plan {w.plan.planId} ({w.plan.pinnedBy === 'deal' ? 'pinned by the deal' : "the rep's plan in the period"})
            </Text>
            {w.formula && (
              <div data-testid="why-formula">
                <Text size="sm" fw={600}>
                  {w.formula.expression}
                </Text>
                <Table aria-label="Formula values">
                  <Table.Tbody>
                    {w.formula.values.map((v) => (
                      <Table.Tr key={v.name}>
                        <Table.Td>{v.name}</Table.Td>
                        <Table.Td style={{ textAlign: 'right' }}>{v.value}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                <Text size="sm">
                  = {w.formula.exact}, {w.formula.rounding}: {money(w.formula.rounded)}{' '}
                  {w.formula.matchesPosting ? <Badge color="#1e6b30">matches the posting</Badge> : <Badge color="#a33a00">inputs changed since</Badge>}
                </Text>
              </div>
            )}
            {w.dealHistory.length > 0 && (
              <>
                <Text size="sm" fw={600}>
                  Deal history behind it
                </Text>
                <ul data-testid="why-history">
                  {w.dealHistory.map((e, i) => (
                    <li key={i}>
                      <Text size="sm">
                        {dateTime(e.at)} · {e.type} · {e.summary}
                      </Text>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </Stack>
        )}
      </Loaded>
    </Drawer>
  );
}

const DISPUTE_FIELDS = ['reason', 'message', 'lineId', 'dealId'];

/** "Dispute this line": a reason and a message; the API checks who may and that the period is closed. */
export function DisputeLineDialog({ line, dealId, onClose }: { line: LineRef; dealId?: string; onClose: () => void }) {
  const client = useQueryClient();
  const [key] = useState(newIdempotencyKey);
  const [reason, setReason] = useState<string | null>('WRONG_AMOUNT');
  const [message, setMessage] = useState('');
  const open = useMutation({
    mutationFn: () => post<Dispute>('/disputes', key, { repId: line.repId, period: line.period, lineId: line.lineId, reason, message }),
    onSuccess: async (d) => {
      notifications.show({ message: `Dispute ${d.id} opened: due ${dateTime(d.dueAt)}`, color: 'green', closeButtonProps: { 'aria-label': 'Dismiss' } });
      await client.invalidateQueries({ queryKey: ['disputes'] });
      onClose();
    },
  });
  const problem = open.error instanceof Problem ? open.error : undefined;
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title={`Dispute ${line.kind} ${money(line.amount)}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          open.mutate();
        }}
      >
        <Stack>
          <Text size="sm">
            {line.repId} · {line.period}
            {dealId ? ` · deal ${dealId}` : ''}
          </Text>
          <Select label="Reason" data={DISPUTE_REASONS} value={reason} onChange={setReason} allowDeselect={false} error={problem?.fieldErrors('reason')} />
          <Textarea label="Message" description="What is wrong, and what you expected" value={message} onChange={(e) => setMessage(e.currentTarget.value)} error={problem?.fieldErrors('message')} />
          <ProblemAlert error={open.error} fields={DISPUTE_FIELDS} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={open.isPending}>
              Open dispute
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
