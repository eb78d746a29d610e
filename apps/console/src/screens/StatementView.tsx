import { Accordion, Badge, Button, Card, Group, SimpleGrid, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { get } from '../api/client';
import type { Statement } from '../api/models';
import { money, toCents } from '../money';
import { Loaded } from '../ui/common';
import { StatementSignoff } from './StatementSignoff';
import { useState } from 'react';
import { has, useMe } from '../session';
import { DisputeLineDialog, WhyThisLine } from './StatementLineActions';

const isZero = (amount: string) => toCents(amount) === 0n;

/** One statement, with the draw netting spelled out in words and every line with its deal. */
export function StatementCard({ s }: { s: Statement }) {
  const drew = !isZero(s.drawPaid);
  const me = useMe().data;
  // The API decides (a rep their own statement, a manager their team's); the console offers it to those two.
  const mayDispute = !!me && ((has(me, 'rep') && me.sub === s.repId) || has(me, 'manager'));
  const [open, setOpen] = useState<{ line: Statement['lines'][number]; what: 'why' | 'dispute' } | null>(null);
  return (
    <Card withBorder data-testid={`statement-${s.repId}-${s.period}`}>
      <Text fw={600}>
        {s.repId} · {s.period} · total payout {money(s.totalPayout)}
      </Text>
      <Text size="sm" mt="xs" data-testid="draw-netting">
        Commission earned {money(s.commission)}. Draw netting pays {money(s.netCommissionPay)}
        {drew
          ? `, so the draw topped it up by ${money(s.drawPaid)}`
          : isZero(s.recovery)
            ? ''
            : `, after recovering ${money(s.recovery)} of earlier draws`}
        . Unrecovered draw balance after this period: {money(s.unrecoveredDrawBalance)}.
      </Text>
      <StatementSignoff s={s} />
      <SimpleGrid cols={{ base: 2, md: 4 }} mt="sm">
        {(
          [
            ['Commission', s.commission],
            ['Net commission pay', s.netCommissionPay],
            ['Draw paid', s.drawPaid],
            ['Recovery', s.recovery],
            ['Design-win bonus', s.designWinBonus],
            ['Design-win capped', s.designWinCapped],
            ['Retention bonus', s.retentionBonus],
            ['Retention forfeited', s.retentionForfeited],
            ['Trailing commission', s.trailingCommission],
            ['Draw written off', s.drawWrittenOff],
            ['Total payout', s.totalPayout],
          ] as const
        ).map(([label, value]) => (
          <div key={label}>
            <Text size="xs" c="dimmed">
              {label}
            </Text>
            <Text>{money(value)}</Text>
          </div>
        ))}
      </SimpleGrid>
      {s.lines.length > 0 && (
        <Table mt="sm" aria-label={`Lines of ${s.repId} ${s.period}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Line</Table.Th>
              <Table.Th>Deal</Table.Th>
              <Table.Th>Effective</Table.Th>
              <Table.Th>Amount</Table.Th>
              <Table.Th>Explain</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.lines.map((l, i) => (
              <Table.Tr key={l.lineId ?? i}>
                <Table.Td>
                  {l.kind} {l.late && <Badge color="#a33a00">late</Badge>}
                </Table.Td>
                <Table.Td>
                  {l.dealId ? (
                    <Link to="/deals/$dealId" params={{ dealId: l.dealId }}>
                      {l.dealId}
                    </Link>
                  ) : (
                    ''
                  )}
                </Table.Td>
                <Table.Td>{l.effectiveDate ?? ''}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{money(l.amount)}</Table.Td>
                <Table.Td>
                  {l.lineId && (
                    <Group gap={6} wrap="nowrap">
                      <Button size="compact-xs" variant="default" aria-label={`Why this line: ${l.kind} ${l.amount}`} onClick={() => setOpen({ line: l, what: 'why' })}>
                        Why this line
                      </Button>
                      {mayDispute && (
                        <Button size="compact-xs" variant="default" aria-label={`Dispute this line: ${l.kind} ${l.amount}`} onClick={() => setOpen({ line: l, what: 'dispute' })}>
                          Dispute
                        </Button>
                      )}
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {open?.what === 'why' && <WhyThisLine line={{ repId: s.repId, period: s.period, lineId: open.line.lineId!, kind: open.line.kind, amount: open.line.amount }} onClose={() => setOpen(null)} />}
      {open?.what === 'dispute' && (
        <DisputeLineDialog line={{ repId: s.repId, period: s.period, lineId: open.line.lineId!, kind: open.line.kind, amount: open.line.amount }} dealId={open.line.dealId} onClose={() => setOpen(null)} />
      )}
    </Card>
  );
}

/** Every closed period's statement of one rep, newest first. */
export function StatementList({ repId }: { repId: string }) {
  const statements = useQuery({ queryKey: ['statements', repId], queryFn: () => get<Statement[]>('/reps/{id}/statements', { path: { id: repId } }) });
  return (
    <Loaded query={statements}>
      {(list) =>
        list.length === 0 ? (
          <Text>No statement yet: statements appear when finance closes a period.</Text>
        ) : (
          <Accordion multiple defaultValue={list.map((s) => s.period)} data-testid="statements">
            {[...list].reverse().map((s) => (
              <Accordion.Item key={s.period} value={s.period}>
                <Accordion.Control>
                  {s.period}: {money(s.totalPayout)}
                  {s.status ? ` · ${s.status}` : ''}
                </Accordion.Control>
                <Accordion.Panel>
                  <StatementCard s={s} />
                </Accordion.Panel>
              </Accordion.Item>
            ))}
          </Accordion>
        )
      }
    </Loaded>
  );
}
