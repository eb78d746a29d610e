import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Table } from '@mantine/core';
import { barHeight as height, barMoney, fromCents, money, toCents } from '../money';
import type { AssetRow } from './Accounting';

/**
 * One deal's deferred commission per closed period: what was capitalized, what was expensed and what stays deferred.
 * Bar heights need numbers (from exact cents, for the drawing only); every figure a person reads is the decimal string.
 */
export default function CommissionScheduleChart({ rows }: { rows: Array<{ period: string; row: AssetRow }> }) {
  const expensed = (r: AssetRow) => fromCents(toCents(r.amortization) + toCents(r.impairment));
  const data = rows.map(({ period, row }) => ({ period, Capitalized: height(row.additions), Expensed: height(expensed(row)), Deferred: height(row.closing) }));
  return (
    <div data-testid="schedule-chart">
      <BarChart
        h={280}
        data={data}
        dataKey="period"
        series={[
          { name: 'Capitalized', color: 'indigo.8' },
          { name: 'Expensed', color: 'red.8' },
          { name: 'Deferred', color: 'green.8' },
        ]}
        valueFormatter={barMoney}
        withLegend
        barChartProps={{ accessibilityLayer: true }}
      />
      <Table aria-label="Deferred commission by quarter" mt="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Quarter</Table.Th>
            <Table.Th ta="right">Opening</Table.Th>
            <Table.Th ta="right">Capitalized</Table.Th>
            <Table.Th ta="right">Amortization</Table.Th>
            <Table.Th ta="right">Impairment</Table.Th>
            <Table.Th ta="right">Deferred</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ period, row }) => (
            <Table.Tr key={period} data-period={period}>
              <Table.Td>{period}</Table.Td>
              <Table.Td ta="right">{money(row.opening)}</Table.Td>
              <Table.Td ta="right">{money(row.additions)}</Table.Td>
              <Table.Td ta="right">{money(row.amortization)}</Table.Td>
              <Table.Td ta="right">{money(row.impairment)}</Table.Td>
              <Table.Td ta="right">{money(row.closing)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
