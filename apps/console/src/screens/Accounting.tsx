import { Button, Group, Select, Table, Text, Title } from '@mantine/core';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { get } from '../api/client';
import type { components } from '../api/schema';
import type { PeriodRow } from '../api/models';
import { money } from '../money';
import { Loaded, Page, ProblemAlert } from '../ui/common';
import CommissionScheduleChart from './CommissionScheduleChart';

export type CommissionAsset = components['schemas']['CommissionAsset'];
export type AssetRow = CommissionAsset['deals'][number];

const FIGURES = [
  ['opening', 'Opening'],
  ['additions', 'Additions'],
  ['amortization', 'Amortization'],
  ['impairment', 'Impairment'],
  ['closing', 'Closing'],
] as const;

/** Finance: the deferred-commission roll-forward of a closed period (ASC 340-40) and one deal's schedule over time. */
export function Accounting() {
  const periods = useQuery({ queryKey: ['periods'], queryFn: () => get<PeriodRow[]>('/periods') });
  const closed = (periods.data ?? []).filter((p) => p.status === 'CLOSED').map((p) => p.period);
  const [chosen, setChosen] = useState<string | null>(null);
  const [dealId, setDealId] = useState<string | null>(null);
  const period = chosen ?? closed[closed.length - 1] ?? null;
  const report = useQuery({
    queryKey: ['commission-asset', period],
    queryFn: () => get<CommissionAsset>('/accounting/commission-asset', { query: { period: period! } }),
    enabled: period !== null,
  });
  return (
    <Page title="Accounting">
      <Loaded query={periods}>
        {() =>
          closed.length === 0 ? (
            <Text>No period is closed yet: commission expense is computed when a period closes.</Text>
          ) : (
            <>
              <Select label="Closed period" data={closed} value={period} onChange={setChosen} allowDeselect={false} w={200} data-testid="accounting-period" />
              {report.isError && <ProblemAlert error={report.error} />}
              {report.data && <RollForward report={report.data} onSchedule={setDealId} />}
              {dealId && <DealSchedule dealId={dealId} periods={closed} />}
            </>
          )
        }
      </Loaded>
    </Page>
  );
}

function RollForward({ report, onSchedule }: { report: CommissionAsset; onSchedule: (dealId: string) => void }) {
  return (
    <Table striped mt="md" aria-label={`Deferred commission roll-forward ${report.period}`} data-testid="roll-forward">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Deal</Table.Th>
          {FIGURES.map(([key, label]) => (
            <Table.Th key={key} ta="right">{label}</Table.Th>
          ))}
          <Table.Th>Schedule</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {report.deals.map((d) => (
          <Table.Tr key={d.dealId} data-deal={d.dealId}>
            <Table.Td>{d.dealId}</Table.Td>
            {FIGURES.map(([key]) => (
              <Table.Td key={key} ta="right">{money(d[key])}</Table.Td>
            ))}
            <Table.Td>
              <Button size="xs" variant="default" onClick={() => onSchedule(d.dealId)} aria-label={`Schedule of ${d.dealId}`}>
                Schedule
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr data-testid="roll-forward-totals">
          <Table.Th>Book</Table.Th>
          {FIGURES.map(([key]) => (
            <Table.Th key={key} ta="right">{money(report.totals[key])}</Table.Th>
          ))}
          <Table.Th />
        </Table.Tr>
      </Table.Tfoot>
    </Table>
  );
}

/** The deal's row in every closed period (a period without one: nothing deferred, nothing moved). */
function DealSchedule({ dealId, periods }: { dealId: string; periods: string[] }) {
  const reports = useQueries({
    queries: periods.map((period) => ({
      queryKey: ['commission-asset', period],
      queryFn: () => get<CommissionAsset>('/accounting/commission-asset', { query: { period } }),
    })),
  });
  const failed = reports.find((r) => r.isError);
  if (failed) return <ProblemAlert error={failed.error} />;
  if (reports.some((r) => !r.data)) return <Text mt="md">Loading the schedule…</Text>;
  const rows = reports
    .map((r) => ({ period: r.data!.period, row: r.data!.deals.find((d) => d.dealId === dealId) }))
    .filter((r): r is { period: string; row: AssetRow } => r.row !== undefined);
  return (
    <div data-testid="deal-schedule">
      <Group mt="lg">
        <Title order={3}>Schedule of {dealId}</Title>
      </Group>
      <CommissionScheduleChart rows={rows} />
    </div>
  );
}
