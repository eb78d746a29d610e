import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { moneyColumn } from './money-column';

@Entity('plans')
export class PlanEntity {
  @PrimaryColumn('text') id!: string;
  @Column({ name: 'effective_from', type: 'date' }) effectiveFrom!: string;
  @Column('jsonb') params!: unknown;
  @Column('text') status!: 'DRAFT' | 'PUBLISHED';
  @Column({ name: 'created_by', type: 'text' }) createdBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
}

@Entity('reps')
export class RepEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') name!: string;
  @Column('text') role!: string;
  @Column({ name: 'hire_date', type: 'date' }) hireDate!: string;
  @Column(moneyColumn({ name: 'quarterly_draw' })) quarterlyDraw!: string;
  @Column({ name: 'plan_id', type: 'text' }) planId!: string;
  @Column({ name: 'manager_id', type: 'text', nullable: true }) managerId!: string | null;
  @Column('text') status!: string;
  @Column({ type: 'jsonb', nullable: true }) departure!: unknown;
  @Column({ name: 'plan_moves', type: 'jsonb', default: () => "'[]'::jsonb" }) planMoves!: unknown[];
  @Column(moneyColumn({ name: 'unrecovered_balance' })) unrecoveredBalance!: string;
  @Column({ name: 'performance_review', type: 'boolean' }) performanceReview!: boolean;
  @Column({ name: 'last_closed_period', type: 'text', nullable: true }) lastClosedPeriod!: string | null;
  @Column({ name: 'request_hash', type: 'text' }) requestHash!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('deals')
export class DealEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text') sponsor!: string;
  @Column('text') program!: string;
  @Column({ name: 'deal_type', type: 'text' }) dealType!: string;
  @Index() @Column({ name: 'sourced_by', type: 'text' }) sourcedBy!: string;
  @Index() @Column('text') owner!: string;
  @Column({ name: 'sourced_at', type: 'date' }) sourcedAt!: string;
  @Column({ name: 'plan_id', type: 'text' }) planId!: string;
  @Index() @Column('text') status!: string;
  @Column(moneyColumn()) tcv!: string;
  @Column(moneyColumn({ name: 'original_tcv' })) originalTcv!: string;
  @Column(moneyColumn({ name: 'credit_retired' })) creditRetired!: string;
  @Column(moneyColumn({ name: 'revenue_recognized' })) revenueRecognized!: string;
  @Column('jsonb') splits!: unknown;
  @Column('jsonb') gates!: unknown;
  @Column('jsonb') pending!: unknown;
  @Column({ type: 'jsonb', nullable: true }) slip!: unknown;
  @Column({ name: 'rep_ids', type: 'text', array: true }) repIds!: string[];
  @Column('int') version!: number;
  @Column({ name: 'request_hash', type: 'text' }) requestHash!: string;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

@Entity('approvals')
export class ApprovalEntity {
  @PrimaryColumn({ name: 'approval_id', type: 'text' }) approvalId!: string;
  @Index() @Column({ name: 'deal_id', type: 'text' }) dealId!: string;
  @Column('text') kind!: 'GATE' | 'BONUS';
  @Column({ type: 'text', nullable: true }) gate!: string | null;
  @Column({ name: 'bonus_type', type: 'text', nullable: true }) bonusType!: string | null;
  @Column({ type: 'int', nullable: true }) quantity!: number | null;
  @Column({ type: 'jsonb', nullable: true }) recipients!: unknown;
  @Column({ name: 'document_type', type: 'text' }) documentType!: string;
  @Column({ name: 'document_ref', type: 'text' }) documentRef!: string;
  @Column({ name: 'effective_date', type: 'date' }) effectiveDate!: string;
  @Column({ name: 'submitted_by', type: 'text' }) submittedBy!: string;
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt!: Date;
  @Index() @Column('text') status!: 'PENDING' | 'APPROVED' | 'REJECTED';
  @Column(moneyColumn({ name: 'amount_if_approved' })) amountIfApproved!: string;
  @Column({ name: 'decided_by', type: 'text', nullable: true }) decidedBy!: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ name: 'decision_reason', type: 'text', nullable: true }) decisionReason!: string | null;
  @Column({ type: 'jsonb', nullable: true }) result!: unknown;
}

@Entity('ledger_entries')
export class LedgerEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'idempotency_key', type: 'text', unique: true }) idempotencyKey!: string;
  @Column('text') kind!: string;
  @Index() @Column({ name: 'rep_id', type: 'text', nullable: true }) repId!: string | null;
  @Index() @Column({ name: 'deal_id', type: 'text', nullable: true }) dealId!: string | null;
  @Column({ type: 'text', nullable: true }) reference!: string | null;
  @Index() @Column('text') period!: string;
  @Column({ name: 'effective_date', type: 'date' }) effectiveDate!: string;
  @Column(moneyColumn()) amount!: string;
  @Column({ name: 'deal_type', type: 'text', nullable: true }) dealType!: string | null;
  @Column({ type: 'jsonb', nullable: true }) details!: unknown;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('gate_retirements')
export class GateRetirementEntity {
  @PrimaryColumn({ name: 'deal_id', type: 'text' }) dealId!: string;
  @PrimaryColumn('text') gate!: string;
  @Column({ name: 'approval_id', type: 'text' }) approvalId!: string;
  @Index() @Column({ name: 'sourced_by', type: 'text' }) sourcedBy!: string;
  @Column({ name: 'deal_type', type: 'text' }) dealType!: string;
  @Column({ name: 'effective_date', type: 'date' }) effectiveDate!: string;
  @Column('text') period!: string;
  @Column(moneyColumn()) credit!: string;
}

@Entity('design_win_totals')
export class DesignWinTotalEntity {
  @PrimaryColumn({ name: 'rep_id', type: 'text' }) repId!: string;
  @PrimaryColumn('int') year!: number;
  @Column(moneyColumn()) paid!: string;
  @Column(moneyColumn()) capped!: string;
}

@Entity('revenue_entries')
export class RevenueEntryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'idempotency_key', type: 'text', unique: true }) idempotencyKey!: string;
  @Index() @Column({ name: 'deal_id', type: 'text' }) dealId!: string;
  @Column('text') period!: string;
  @Column(moneyColumn()) amount!: string;
  @Column({ name: 'recorded_by', type: 'text' }) recordedBy!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('periods')
export class PeriodEntity {
  @PrimaryColumn('text') period!: string;
  @Column('text') status!: 'CLOSING' | 'CLOSED';
  @Column({ name: 'closed_by', type: 'text' }) closedBy!: string;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'statement_count', type: 'int', default: 0 }) statementCount!: number;
}

@Entity('statements')
export class StatementEntity {
  @PrimaryColumn({ name: 'rep_id', type: 'text' }) repId!: string;
  @PrimaryColumn('text') period!: string;
  @Column('jsonb') body!: unknown;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('http_idempotency')
export class HttpIdempotencyEntity {
  @PrimaryColumn({ name: 'actor_id', type: 'text' }) actorId!: string;
  @PrimaryColumn('text') key!: string;
  @Column('text') method!: string;
  @Column('text') path!: string;
  @Column({ name: 'body_hash', type: 'text' }) bodyHash!: string;
  @Column({ name: 'status_code', type: 'int' }) statusCode!: number;
  @Column({ type: 'jsonb', nullable: true }) response!: unknown;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('forecast_snapshots')
export class ForecastSnapshotEntity {
  @PrimaryColumn({ name: 'taken_at_period', type: 'text' }) takenAtPeriod!: string;
  @PrimaryColumn({ name: 'target_period', type: 'text' }) targetPeriod!: string;
  @PrimaryColumn('text') owner!: string;
  @Column(moneyColumn({ name: 'forecast_credit' })) forecastCredit!: string;
  @Column(moneyColumn({ name: 'best_case_credit' })) bestCaseCredit!: string;
  @Column(moneyColumn({ name: 'worst_case_credit' })) worstCaseCredit!: string;
}

export const ENTITIES = [
  PlanEntity,
  RepEntity,
  DealEntity,
  ApprovalEntity,
  LedgerEntryEntity,
  GateRetirementEntity,
  DesignWinTotalEntity,
  RevenueEntryEntity,
  PeriodEntity,
  StatementEntity,
  HttpIdempotencyEntity,
  ForecastSnapshotEntity,
];
