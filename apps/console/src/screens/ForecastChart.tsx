import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Table } from '@mantine/core';
import type { ForecastPeriod } from '../api/models';
import { barHeight as height, barMoney, money } from '../money';

/**
 * Worst case, forecast and best case credit per quarter. Bar heights need numbers: they come from exact cents and
 * serve only the drawing; every figure a person reads (tooltip, table) is formatted from the decimal string.
 */
export default function ForecastChart({ periods }: { periods: ForecastPeriod[] }) {
  const data = periods.map((p) => ({ period: p.period, 'Worst case': height(p.worstCase.credit), Forecast: height(p.forecast.credit), 'Best case': height(p.bestCase.credit) }));
  const exact = new Map(periods.map((p) => [p.period, p]));
  return (
    <div data-testid="forecast-chart">
      <BarChart
        h={300}
        data={data}
        dataKey="period"
        series={[
          { name: 'Worst case', color: 'red.8' },
          { name: 'Forecast', color: 'indigo.8' },
          { name: 'Best case', color: 'green.8' },
        ]}
        valueFormatter={barMoney}
        withLegend
        yAxisProps={{ width: 110 }}
        barChartProps={{ accessibilityLayer: true }}
      />
      <Table aria-label="Forecast credit by quarter" mt="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Quarter</Table.Th>
            <Table.Th>Worst case</Table.Th>
            <Table.Th>Forecast</Table.Th>
            <Table.Th>Best case</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...exact.values()].map((p) => (
            <Table.Tr key={p.period}>
              <Table.Td>{p.period}</Table.Td>
              <Table.Td>{money(p.worstCase.credit)}</Table.Td>
              <Table.Td>{money(p.forecast.credit)}</Table.Td>
              <Table.Td>{money(p.bestCase.credit)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
