import { MigrationInterface, QueryRunner } from 'typeorm';

/** The whole deal as its workflow last committed it, so `GET /deals/{id}` reads the projection; NULL until the next commit. */
export class ProjectionState1732600000000 implements MigrationInterface {
  name = 'ProjectionState1732600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deals ADD COLUMN state jsonb NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deals DROP COLUMN state`);
  }
}
