import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signInAs } from './support';

test('the manager sees the team\'s attainment and a forecast bar group per quarter', async ({ page }) => {
  await signInAs(page, 'mgr-1');
  await page.goto('team');
  await expect(page.getByTestId('team')).toContainText('Avery Ellis');
  const chart = page.getByTestId('forecast-chart');
  await expect(chart.locator('svg.recharts-surface').first()).toBeVisible();
  const ticks = chart.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value');
  await expect(ticks).toHaveCount(4);
  const quarters = await ticks.allTextContents();
  expect(quarters.every((q) => /^\d{4}-Q[1-4]$/.test(q.trim()))).toBe(true);
  // One group per quarter, three series (worst case, forecast, best case) in each.
  expect((await chart.locator('.mantine-ChartLegend-legendItem').allTextContents()).sort()).toEqual(['Best case', 'Forecast', 'Worst case']);
  await expect(chart.getByRole('table', { name: 'Forecast credit by quarter' }).locator('tbody tr')).toHaveCount(4);
  await expect(chart.locator('.recharts-bar')).toHaveCount(3);
  await expect(chart.locator('.recharts-bar-rectangle')).toHaveCount(4 * 3);
  await expectAccessible(page, 'team');
  await screenshot(page, 'manager-team');
});
