import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1732300000000 implements MigrationInterface {
  name = 'InitialSchema1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plans (
        id text PRIMARY KEY,
        effective_from date NOT NULL,
        params jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED')),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE reps (
        id text PRIMARY KEY,
        name text NOT NULL,
        role text NOT NULL,
        hire_date date NOT NULL,
        quarterly_draw numeric(18,2) NOT NULL,
        plan_id text NOT NULL REFERENCES plans(id),
        manager_id text,
        status text NOT NULL,
        departure jsonb,
        unrecovered_balance numeric(18,2) NOT NULL DEFAULT 0,
        performance_review boolean NOT NULL DEFAULT false,
        last_closed_period text,
        request_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX reps_manager_idx ON reps (manager_id)`);
    await q.query(`
      CREATE TABLE deals (
        id text PRIMARY KEY,
        sponsor text NOT NULL,
        program text NOT NULL,
        deal_type text NOT NULL,
        sourced_by text NOT NULL,
        owner text NOT NULL,
        sourced_at date NOT NULL,
        plan_id text NOT NULL REFERENCES plans(id),
        status text NOT NULL,
        tcv numeric(18,2) NOT NULL,
        original_tcv numeric(18,2) NOT NULL,
        credit_retired numeric(18,2) NOT NULL DEFAULT 0,
        revenue_recognized numeric(18,2) NOT NULL DEFAULT 0,
        splits jsonb NOT NULL,
        gates jsonb NOT NULL,
        pending jsonb NOT NULL DEFAULT '[]',
        slip jsonb,
        rep_ids text[] NOT NULL,
        version integer NOT NULL DEFAULT 0,
        request_hash text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX deals_status_idx ON deals (status)`);
    await q.query(`CREATE INDEX deals_owner_idx ON deals (owner)`);
    await q.query(`CREATE INDEX deals_sourced_by_idx ON deals (sourced_by)`);
    await q.query(`CREATE INDEX deals_rep_ids_idx ON deals USING gin (rep_ids)`);
    await q.query(`
      CREATE TABLE approvals (
        approval_id text PRIMARY KEY,
        deal_id text NOT NULL REFERENCES deals(id),
        kind text NOT NULL CHECK (kind IN ('GATE', 'BONUS')),
        gate text,
        bonus_type text,
        quantity integer,
        recipients jsonb,
        document_type text NOT NULL,
        document_ref text NOT NULL,
        effective_date date NOT NULL,
        submitted_by text NOT NULL,
        submitted_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
        amount_if_approved numeric(18,2) NOT NULL,
        decided_by text,
        decided_at timestamptz,
        decision_reason text,
        result jsonb
      )`);
    await q.query(`CREATE INDEX approvals_status_idx ON approvals (status, submitted_at)`);
    await q.query(`CREATE INDEX approvals_deal_idx ON approvals (deal_id)`);
    await q.query(`
      CREATE TABLE ledger_entries (
        id bigserial PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        kind text NOT NULL,
        rep_id text,
        deal_id text,
        reference text,
        period text NOT NULL,
        effective_date date NOT NULL,
        amount numeric(18,2) NOT NULL,
        deal_type text,
        details jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ledger_rep_period_idx ON ledger_entries (rep_id, period, kind)`);
    await q.query(`CREATE INDEX ledger_deal_idx ON ledger_entries (deal_id)`);
    // The ledger is append-only: corrections are new entries, never edits.
    await q.query(`
      CREATE FUNCTION ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'ledger_entries is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only()`);
    await q.query(`
      CREATE TABLE gate_retirements (
        deal_id text NOT NULL,
        gate text NOT NULL,
        approval_id text NOT NULL,
        sourced_by text NOT NULL,
        deal_type text NOT NULL,
        effective_date date NOT NULL,
        period text NOT NULL,
        credit numeric(18,2) NOT NULL,
        PRIMARY KEY (deal_id, gate)
      )`);
    await q.query(`CREATE INDEX gate_retirements_sourced_idx ON gate_retirements (sourced_by, effective_date)`);
    await q.query(`
      CREATE TABLE design_win_totals (
        rep_id text NOT NULL,
        year integer NOT NULL,
        paid numeric(18,2) NOT NULL DEFAULT 0,
        capped numeric(18,2) NOT NULL DEFAULT 0,
        PRIMARY KEY (rep_id, year)
      )`);
    await q.query(`
      CREATE TABLE revenue_entries (
        id bigserial PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        deal_id text NOT NULL,
        period text NOT NULL,
        amount numeric(18,2) NOT NULL,
        recorded_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX revenue_deal_period_idx ON revenue_entries (deal_id, period)`);
    await q.query(`
      CREATE TABLE periods (
        period text PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('CLOSING', 'CLOSED')),
        closed_by text NOT NULL,
        closed_at timestamptz,
        statement_count integer NOT NULL DEFAULT 0
      )`);
    await q.query(`
      CREATE TABLE statements (
        rep_id text NOT NULL,
        period text NOT NULL,
        body jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (rep_id, period)
      )`);
    await q.query(`
      CREATE TABLE http_idempotency (
        actor_id text NOT NULL,
        key text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        body_hash text NOT NULL,
        status_code integer NOT NULL,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (actor_id, key)
      )`);
    await q.query(`
      CREATE TABLE forecast_snapshots (
        taken_at_period text NOT NULL,
        target_period text NOT NULL,
        owner text NOT NULL,
        forecast_credit numeric(18,2) NOT NULL,
        best_case_credit numeric(18,2) NOT NULL,
        worst_case_credit numeric(18,2) NOT NULL,
        PRIMARY KEY (taken_at_period, target_period, owner)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'forecast_snapshots',
      'http_idempotency',
      'statements',
      'periods',
      'revenue_entries',
      'design_win_totals',
      'gate_retirements',
      'ledger_entries',
      'approvals',
      'deals',
      'reps',
      'plans',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS ledger_is_append_only()`);
  }
}
