import { z } from 'zod';
import { named } from '../http/openapi';
import { dealStatusOut, dealTypeOut, decimalOut, gateKeyOut, idOut, isoDateOut, moneyOut, periodOut } from '../http/response-fields';
import { attainmentResponse } from '../reps/reps.responses';

/** What the forecast routes answer (forecast.service.ts, portfolio.service.ts, team.service.ts). */
const figureOut = z.object({ credit: moneyOut, commission: moneyOut }).strict();

export const forecastResponse = named('Forecast', z
  .object({
    from: periodOut,
    to: periodOut,
    asOf: isoDateOut,
    owner: idOut.optional(),
    periods: z.array(z.object({ period: periodOut, worstCase: figureOut, forecast: figureOut, bestCase: figureOut }).strict()),
  })
  .strict());

export const accuracyResponse = z.array(
  z
    .object({
      owner: z.string().describe('a deal owner, "*" for the whole book, or team:<managerId>'),
      snapshotAt: periodOut.describe('the period the forecast was made in'),
      period: periodOut,
      forecastCredit: moneyOut,
      bestCaseCredit: moneyOut,
      worstCaseCredit: moneyOut,
      actualCredit: moneyOut,
      error: moneyOut.describe('actual − forecast'),
      accuracy: decimalOut.nullable().describe('actual ÷ forecast; null when nothing was forecast'),
    })
    .strict(),
);

const portfolioDealOut = z
  .object({
    dealId: idOut,
    sponsor: z.string(),
    program: z.string(),
    dealType: dealTypeOut,
    status: dealStatusOut,
    phase: z.string().describe('the last retired gate’s name, SOURCED, or the deal’s status when it is not active'),
    owner: idOut,
    sourcedBy: idOut,
    tcv: moneyOut,
    creditRetired: moneyOut,
    creditRemaining: moneyOut,
    repCreditRetired: moneyOut,
    nextGate: gateKeyOut.optional(),
    nextGateExpectedDate: isoDateOut.optional(),
    pending: z.boolean().optional(),
    commissionRate: decimalOut,
  })
  .strict();

export const portfolioResponse = named('Portfolio', z
  .object({
    repId: idOut,
    asOf: isoDateOut,
    phases: z.array(z.object({ phase: z.string(), deals: z.number().int().min(1), creditRetired: moneyOut, creditRemaining: moneyOut }).strict()),
    deals: z.array(portfolioDealOut),
  })
  .strict());

const nextFourQuartersOut = z.object({ from: periodOut, to: periodOut, forecast: moneyOut, bestCase: moneyOut, worstCase: moneyOut }).strict();
const byDealType = z.object({ newBusiness: moneyOut, expansion: moneyOut }).strict();

export const teamResponse = named('Team', z
  .object({
    managerId: idOut,
    year: z.number().int(),
    reps: z.array(z.object({ repId: idOut, name: z.string(), attainment: attainmentResponse, forecastNext4Quarters: nextFourQuartersOut }).strict()),
    totals: z.object({ quota: byDealType, credit: byDealType, forecastNext4Quarters: nextFourQuartersOut }).strict(),
  })
  .strict());
