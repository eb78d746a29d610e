import { commissionAssetFor, isReported, Period } from '../libs/domain';
import { CommissionAssetRepository } from '../libs/persistence/commission-asset.repository';

/**
 * The period close's commission-expense step (docs/rules.md "Commission expense (ASC 340-40)"), beside the statements:
 * computes each deal's deferred commission for the period being closed and writes it once. Periods closed before this
 * step existed are computed first, in order, so every balance opens where the previous period closed. Idempotent: a
 * period already computed is never computed again.
 */
export function createCommissionAssetActivities({ assets }: { assets: CommissionAssetRepository }) {
  return {
    async recordCommissionAsset(period: Period): Promise<{ computed: Period[] }> {
      const computed: Period[] = [];
      for (const p of await assets.periodsToCompute(period)) {
        const facts = await assets.factsFor(p, { closesNow: p === period });
        const rows = facts.map((f) => ({ row: commissionAssetFor(p, f), facts: f })).filter(({ row }) => isReported(row));
        if (await assets.store(p, rows)) computed.push(p);
      }
      return { computed };
    },
  };
}

export type CommissionAssetActivities = ReturnType<typeof createCommissionAssetActivities>;
