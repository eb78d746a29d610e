import { DataSource } from 'typeorm';
import { IsoDate, PlanParams, withPlanDefaults } from '../domain';

export interface PlanRecord {
  id: string;
  effectiveFrom: IsoDate;
  status: 'DRAFT' | 'PUBLISHED';
  params: PlanParams;
  createdBy: string;
  publishedAt: string | null;
}

const toRecord = (r: any): PlanRecord => ({
  id: r.id,
  effectiveFrom: r.effective_from,
  status: r.status,
  params: withPlanDefaults(r.params),
  createdBy: r.created_by,
  publishedAt: r.published_at ? new Date(r.published_at).toISOString() : null,
});

const SELECT = `SELECT id, effective_from::text AS effective_from, status, params, created_by, published_at FROM plans`;

/** Plan versions: drafts are written here; a published version is immutable. */
export class PlansRepository {
  constructor(private readonly db: DataSource) {}

  async insertDraft(id: string, effectiveFrom: IsoDate, params: PlanParams, createdBy: string): Promise<void> {
    await this.db.query(
      `INSERT INTO plans (id, effective_from, params, status, created_by) VALUES ($1, $2, $3, 'DRAFT', $4) ON CONFLICT (id) DO NOTHING`,
      [id, effectiveFrom, JSON.stringify(params), createdBy],
    );
  }

  async publish(id: string): Promise<void> {
    await this.db.query(`UPDATE plans SET status = 'PUBLISHED', published_at = now() WHERE id = $1 AND status = 'DRAFT'`, [id]);
  }

  async list(): Promise<PlanRecord[]> {
    return (await this.db.query(`${SELECT} ORDER BY effective_from, id`)).map(toRecord);
  }

  async find(id: string): Promise<PlanRecord | undefined> {
    const rows = await this.db.query(`${SELECT} WHERE id = $1`, [id]);
    return rows.length ? toRecord(rows[0]) : undefined;
  }

  /** The published version with the latest effectiveFrom on or before the date. */
  async inForceOn(date: IsoDate): Promise<PlanRecord | undefined> {
    const rows = await this.db.query(
      `${SELECT} WHERE status = 'PUBLISHED' AND effective_from <= $1 ORDER BY effective_from DESC, published_at DESC LIMIT 1`,
      [date],
    );
    return rows.length ? toRecord(rows[0]) : undefined;
  }
}
