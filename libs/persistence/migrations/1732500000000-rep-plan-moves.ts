import { MigrationInterface, QueryRunner } from 'typeorm';

/** docs/rules.md "Plan version": the newer versions a comp admin moved a rep to, each from a 1 January. */
export class RepPlanMoves1732500000000 implements MigrationInterface {
  name = 'RepPlanMoves1732500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reps ADD COLUMN plan_moves jsonb NOT NULL DEFAULT '[]'::jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reps DROP COLUMN plan_moves`);
  }
}
